// Kiosk decisions. Pure; kiosk.ts applies them to windows and the power blocker.

/**
 * Kiosk mode: `SOCWALL_KIOSK=1/0` wins, then the stored setting, then the default
 * (on in a packaged app, off in development).
 */
export function kioskEnabled(stored: boolean | null, packaged: boolean, env: Readonly<Record<string, string | undefined>>): { kiosk: boolean; note: string | null } {
  const fromEnv = env.SOCWALL_KIOSK;
  if (fromEnv === '1' || fromEnv === '0') return { kiosk: fromEnv === '1', note: `SOCWALL_KIOSK=${fromEnv}: kiosk mode ${fromEnv === '1' ? 'on' : 'off'}` };
  if (fromEnv !== undefined && fromEnv !== '') return { kiosk: stored ?? packaged, note: `SOCWALL_KIOSK=${fromEnv} ignored (use 1 or 0)` };
  return { kiosk: stored ?? packaged, note: null };
}

/**
 * Options of every wall window that depend on the mode. Frameless either way: it is a wall.
 * Square corners: from Electron 44 frameless windows on Linux are rounded by default, and a
 * wall window is not full screen while it is created and re-planned (tiles meet edge to edge).
 */
export function kioskWindowOptions(kiosk: boolean): { frame: false; roundedCorners: false; skipTaskbar: boolean; autoHideMenuBar: true } {
  return { frame: false, roundedCorners: false, skipTaskbar: kiosk, autoHideMenuBar: true };
}

/** How a window fills its display once moved to its bounds (electron#21052: bounds first). */
export function fillMode(kiosk: boolean): 'kiosk' | 'fullscreen' {
  return kiosk ? 'kiosk' : 'fullscreen';
}

/** Block display sleep and the screen saver: always in kiosk mode and in a packaged wall. */
export function blocksDisplaySleep(kiosk: boolean, packaged: boolean): boolean {
  return kiosk || packaged;
}

/** Quitting and closing windows are refused while the wall is locked. */
export function refuseQuit(locked: boolean): boolean {
  return locked;
}
