// Renderers die and hang; Electron does not bring them back. Reload (or recreate after
// an out-of-memory exit) with backoff; after too many crashes show the static error page.
import type { BrowserWindow } from 'electron';
import { CRASHED_URL } from './app-routes.js';
import { decideRestart, UNRESPONSIVE_GRACE_MS } from './restart-policy.js';
import type { Log } from './security.js';

export interface Watchdog {
  watch(win: BrowserWindow, screen: number): void;
}

export function createWatchdog(recreate: (screen: number) => void, isQuitting: () => boolean, log: Log): Watchdog {
  const history = new Map<number, number[]>(); // by screen: survives a recreated window
  return {
    watch(win, screen) {
      const wc = win.webContents;
      let hang: ReturnType<typeof setTimeout> | undefined;
      wc.on('render-process-gone', (_e, details) => {
        if (isQuitting() || win.isDestroyed()) return;
        const { decision, history: kept } = decideRestart({ history: history.get(screen) ?? [] }, details.reason, Date.now());
        history.set(screen, kept);
        log('error', `screen ${screen}: renderer gone (${details.reason}, exit ${details.exitCode}) -> ${decision.action}`);
        if (decision.action === 'give-up') return void wc.loadURL(CRASHED_URL).catch(() => undefined);
        setTimeout(() => {
          if (win.isDestroyed()) return;
          if (decision.action === 'recreate') recreate(screen);
          else wc.reload();
        }, decision.delayMs);
      });
      wc.on('unresponsive', () => {
        log('warn', `screen ${screen}: renderer unresponsive`);
        clearTimeout(hang);
        hang = setTimeout(() => !win.isDestroyed() && wc.forcefullyCrashRenderer(), UNRESPONSIVE_GRACE_MS);
      });
      wc.on('responsive', () => clearTimeout(hang));
      win.on('closed', () => clearTimeout(hang));
    },
  };
}
