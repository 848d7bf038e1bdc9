// Kiosk: windows fill their display (bounds first, then kiosk / full screen), the display
// never sleeps while the wall runs, and a locked wall refuses to quit or close a window.
import { app, powerSaveBlocker, type BrowserWindow } from 'electron';
import type { Bounds } from './display-plan.js';
import { fillMode, refuseQuit } from './kiosk-model.js';
import type { WallLog } from '../core/log/wall-log.js';

/** Moves `win` to `bounds`, then enters kiosk / full screen there, and shows it. */
export function fillDisplay(win: BrowserWindow, bounds: Bounds, kiosk: boolean): void {
  if (win.isKiosk()) win.setKiosk(false);
  if (win.isFullScreen()) win.setFullScreen(false);
  win.setBounds(bounds);
  if (fillMode(kiosk) === 'kiosk') win.setKiosk(true);
  else win.setFullScreen(true);
  win.show();
}

/** Keeps the displays awake (idle sleep and screen saver) until the app quits. */
export function blockDisplaySleep(log: WallLog): void {
  const id = powerSaveBlocker.start('prevent-display-sleep');
  if (!powerSaveBlocker.isStarted(id)) log('warn', 'display sleep could not be blocked: set the OS power plan to never sleep');
  app.once('will-quit', () => powerSaveBlocker.isStarted(id) && powerSaveBlocker.stop(id));
}

export interface QuitGuard {
  guardWindow(win: BrowserWindow): void;
  /** True once a quit was accepted (crash recovery stands down). */
  isQuitting(): boolean;
  /** An OS signal (SIGTERM from systemd, SIGINT): the administrator may always stop the wall. */
  quitBySignal(signal: string): void;
}

/** While locked: no quit (app.quit(), a menu, a second window manager close) and no window close (Alt+F4). */
export function guardLockedQuit(isLocked: () => boolean, log: WallLog): QuitGuard {
  let quitting = false;
  let signalled = false;
  app.on('before-quit', (event) => {
    if (!signalled && refuseQuit(isLocked())) {
      event.preventDefault();
      log('warn', 'kiosk locked: quit refused');
      return;
    }
    quitting = true;
  });
  return {
    guardWindow(win) {
      win.on('close', (event) => {
        if (quitting || !refuseQuit(isLocked())) return;
        event.preventDefault();
        log('warn', 'kiosk locked: window close refused');
      });
    },
    isQuitting: () => quitting,
    quitBySignal(signal) {
      log('info', `${signal}: quitting`);
      signalled = true;
      app.quit();
    },
  };
}
