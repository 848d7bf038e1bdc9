// One frameless BrowserWindow per display, placed by the pure display plan.
// Displays come and go (DisplayPort monitors vanish when switched off): changes are
// debounced, windows of vanished displays are parked (hidden), not destroyed.
import { BrowserWindow, screen } from 'electron';
import { wallPageUrl } from './app-routes.js';
import { allOnOneDisplay, planDisplays, reconcile, type Bounds, type Placement } from './display-plan.js';
import type { Log } from './security.js';
import { buildWebPreferences } from './web-preferences.js';

export interface WallWindows {
  /** webContents ids of the live wall windows (the IPC sender check). */
  ids(): ReadonlySet<number>;
  send(channel: string, payload: unknown): void;
  recreate(screen: number): void;
  focusFirst(): void;
}

export interface WallWindowOptions {
  preloadPath: string;
  devTools: boolean;
  /** Called for every window created (keys, crash recovery). */
  onCreated(win: BrowserWindow, screen: number): void;
  log: Log;
}

const DISPLAY_DEBOUNCE_MS = 3_000;

function place(win: BrowserWindow, bounds: Bounds): void {
  // Bounds first, then full screen: full screen applies to the current display (electron#21052).
  if (win.isFullScreen()) win.setFullScreen(false);
  win.setBounds(bounds);
  win.setFullScreen(true);
  win.show();
}

export function openWallWindows(options: WallWindowOptions): WallWindows {
  const windows = new Map<number, { win: BrowserWindow; shown: Bounds | null }>();

  function create(p: Placement): void {
    const win = new BrowserWindow({
      ...p.bounds,
      show: false,
      frame: false,
      backgroundColor: '#0b0f14',
      title: `SOC Wall ${p.screen + 1}`,
      webPreferences: buildWebPreferences(options.preloadPath, { devTools: options.devTools }),
    });
    windows.set(p.screen, { win, shown: p.bounds });
    win.on('page-title-updated', (e) => e.preventDefault());
    win.once('ready-to-show', () => {
      place(win, p.bounds);
      checkPlacement();
    });
    win.on('closed', () => windows.get(p.screen)?.win === win && windows.delete(p.screen));
    options.onCreated(win, p.screen);
    win.loadURL(wallPageUrl(p.screen)).catch((err: unknown) => options.log('error', `screen ${p.screen}: load failed: ${String(err)}`));
  }

  function apply(): void {
    const current = new Map([...windows].map(([s, w]) => [s, w.shown] as const));
    const plan = planDisplays(screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, label: d.label })));
    const change = reconcile(current, plan);
    change.open.forEach(create);
    for (const p of change.move) {
      const w = windows.get(p.screen);
      if (!w) continue;
      w.shown = p.bounds;
      place(w.win, p.bounds);
    }
    for (const s of change.park) {
      const w = windows.get(s);
      if (!w) continue;
      w.shown = null;
      w.win.hide();
    }
    checkPlacement();
  }

  function checkPlacement(): void {
    const shown = [...windows.values()].filter((w) => w.shown !== null && !w.win.isDestroyed());
    if (shown.some((w) => !w.win.isVisible())) return; // not all placed yet
    const on = shown.map((w) => screen.getDisplayMatching(w.win.getBounds()).id);
    if (allOnOneDisplay(on)) options.log('error', 'all wall windows are on one display: start with --ozone-platform=x11 (Wayland cannot place windows)');
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(apply, DISPLAY_DEBOUNCE_MS);
  };
  screen.on('display-added', later).on('display-removed', later).on('display-metrics-changed', later);
  apply();

  return {
    ids: () => new Set([...windows.values()].filter((w) => !w.win.isDestroyed()).map((w) => w.win.webContents.id)),
    send(channel, payload) {
      for (const { win } of windows.values()) if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(channel, payload);
    },
    recreate(s) {
      const old = windows.get(s);
      if (!old) return;
      // Create the new window first: destroying the only window would quit the app.
      create({ screen: s, displayId: -1, bounds: old.shown ?? old.win.getBounds() });
      old.win.destroy();
    },
    focusFirst: () => windows.get(0)?.win.focus(),
  };
}
