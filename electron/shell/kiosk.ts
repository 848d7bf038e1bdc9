// Kiosk: windows fill their display (bounds first, then kiosk / full screen), the display
// never sleeps while the wall runs, and a locked wall refuses to quit or close a window.
import { app, powerSaveBlocker, type BrowserWindow } from 'electron';
import type { Bounds } from './display-plan.js';
import { fillMode, refuseQuit } from './kiosk-model.js';
import type { WallLog } from '../core/log/wall-log.js';

/** Longest wait for `leave-full-screen` (a window manager may never confirm). */
export const LEAVE_FULL_SCREEN_TIMEOUT_MS = 1500;
/** A window's fill still waiting for it to leave full screen: a newer fill replaces it. */
const pendingFill = new WeakMap<BrowserWindow, () => void>();

/**
 * Moves `win` to `bounds`, then enters kiosk / full screen there, and shows it. A window in
 * kiosk or full screen leaves it first, and is moved only once it has: on X11 leaving full
 * screen is asynchronous, and bounds set before the window manager lets go land the window
 * back on its old display.
 */
export function fillDisplay(win: BrowserWindow, bounds: Bounds, kiosk: boolean): void {
  pendingFill.get(win)?.();
  const fill = () => {
    if (win.isDestroyed()) return;
    win.setBounds(bounds);
    if (fillMode(kiosk) === 'kiosk') win.setKiosk(true);
    else win.setFullScreen(true);
    win.show();
  };
  if (!win.isKiosk() && !win.isFullScreen()) return fill();
  // Whichever comes first, the confirmation or the timeout, fills; a newer fill cancels both.
  const settle = (then: () => void) => () => {
    clearTimeout(timer);
    win.off('leave-full-screen', left);
    pendingFill.delete(win);
    then();
  };
  const left = settle(fill);
  const timer = setTimeout(left, LEAVE_FULL_SCREEN_TIMEOUT_MS);
  pendingFill.set(win, settle(() => undefined));
  win.once('leave-full-screen', left);
  if (win.isKiosk()) win.setKiosk(false);
  if (win.isFullScreen()) win.setFullScreen(false);
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
      // Once: a library may raise the signal again after its own exit hook (when-exit does).
      if (signalled) return log('info', `${signal}: already quitting`);
      log('info', `${signal}: quitting`);
      signalled = true;
      app.quit();
    },
  };
}
