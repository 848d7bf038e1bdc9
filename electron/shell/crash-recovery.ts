// Renderers die and hang; Electron does not bring them back. Reload (or recreate after
// an out-of-memory exit) with backoff, always at the window's own URL (same screen id, so
// the same screen comes back; the preset lives in main). After too many crashes a minute,
// show the static error page. Every event is logged with its cause.
import type { BrowserWindow } from 'electron';
import { CRASHED_URL } from './app-routes.js';
import { decideRestart, UNRESPONSIVE_GRACE_MS } from './restart-policy.js';
import type { WallLog } from '../core/log/wall-log.js';

export interface WatchdogActions {
  /** Loads the window's page again at its planned URL. */
  reload(slot: number): void;
  /** Replaces the window by a fresh one with the same URL and bounds. */
  recreate(slot: number): void;
  isQuitting(): boolean;
  log: WallLog;
}

export interface Watchdog {
  /** `slot` is the windows module's stable handle (survives a recreated window); `describe` names the screen. */
  watch(win: BrowserWindow, slot: number, describe: () => string): void;
}

export function createWatchdog(actions: WatchdogActions): Watchdog {
  const history = new Map<number, number[]>(); // by slot: survives a recreated window
  const { log } = actions;
  return {
    watch(win, slot, describe) {
      const wc = win.webContents;
      let hang: ReturnType<typeof setTimeout> | undefined;
      let killedForHang = false;
      wc.on('render-process-gone', (_e, details) => {
        if (actions.isQuitting() || win.isDestroyed()) return;
        const cause = killedForHang ? `hung for ${UNRESPONSIVE_GRACE_MS / 1000} s, killed` : details.reason;
        killedForHang = false;
        const { decision, history: kept } = decideRestart({ history: history.get(slot) ?? [] }, details.reason, Date.now());
        history.set(slot, kept);
        const delay = decision.action === 'give-up' ? '' : ` in ${decision.delayMs} ms`;
        log('error', `${describe()}: renderer gone (${cause}, exit code ${details.exitCode}) -> ${decision.action}${delay}`);
        if (decision.action === 'give-up') return void wc.loadURL(CRASHED_URL).catch(() => undefined);
        setTimeout(() => {
          if (win.isDestroyed() || actions.isQuitting()) return;
          if (decision.action === 'recreate') actions.recreate(slot);
          else actions.reload(slot);
        }, decision.delayMs);
      });
      wc.on('unresponsive', () => {
        log('warn', `${describe()}: renderer unresponsive, killing it in ${UNRESPONSIVE_GRACE_MS / 1000} s unless it recovers`);
        clearTimeout(hang);
        hang = setTimeout(() => {
          if (win.isDestroyed()) return;
          killedForHang = true;
          wc.forcefullyCrashRenderer();
        }, UNRESPONSIVE_GRACE_MS);
      });
      wc.on('responsive', () => {
        if (hang !== undefined) log('info', `${describe()}: renderer responsive again`);
        clearTimeout(hang);
        hang = undefined;
      });
      win.on('closed', () => clearTimeout(hang));
    },
  };
}
