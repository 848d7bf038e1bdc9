// One BrowserWindow per display, showing the screen the pure plan gives it (display-plan.ts).
// Re-planned when displays come and go (debounced: DisplayPort monitors vanish when switched
// off) and when the profile's screens change; windows are kept, moved, reloaded, created or
// destroyed to match, without a restart.
import { BrowserWindow, screen } from 'electron';
import type { ScreenDef } from '../contract/wall-config.js';
import { wallPageUrl } from './app-routes.js';
import { allOnOneDisplay, planWindows, reconcileWindows, sameBounds, type DisplayInfo, type WindowPlan } from './display-plan.js';
import { fillDisplay } from './kiosk.js';
import { kioskWindowOptions } from './kiosk-model.js';
import type { WallLog } from '../core/log/wall-log.js';
import { buildWebPreferences } from './web-preferences.js';

export interface WallWindows {
  /** webContents ids of the live wall windows (the IPC sender check). */
  ids(): ReadonlySet<number>;
  send(channel: string, payload: unknown): void;
  /** Crash recovery: load the slot's page again / replace its window. */
  reload(slot: number): void;
  recreate(slot: number): void;
  /** Re-plans now when the profile's screens differ from the last plan. */
  profileChanged(): void;
  focusFirst(): void;
}

export interface WallWindowOptions {
  preloadPath: string;
  devTools: boolean;
  kiosk: boolean;
  /** The current profile's screens (core.getConfig().profile.screens). */
  screens(): readonly ScreenDef[];
  /** Called for every window created (keys, crash recovery, lock); `screenOf` follows re-plans. */
  onCreated(win: BrowserWindow, slot: number, screenOf: () => string): void;
  log: WallLog;
}

const DISPLAY_DEBOUNCE_MS = 3_000;

interface Slot {
  key: number;
  win: BrowserWindow;
  plan: WindowPlan;
}

const urlOf = (plan: WindowPlan): string => wallPageUrl(plan.screenId, plan.merged);
const describe = (plan: WindowPlan): string =>
  `screen ${plan.screenId}${plan.merged.length > 0 ? ` (+${plan.merged.join(',')})` : ''} on display ${plan.displayId}`;

export function openWallWindows(options: WallWindowOptions): WallWindows {
  const { log } = options;
  const slots = new Map<number, Slot>();
  let nextKey = 0;
  let plannedScreens = '';

  function load(slot: Slot): void {
    const { win, plan } = slot;
    win.setTitle(`SOC Wall ${plan.screenId}`);
    win.loadURL(urlOf(plan)).catch((err: unknown) => {
      if (!win.isDestroyed()) log('error', `${describe(plan)}: load failed: ${String(err)}`);
    });
  }

  function makeWindow(slot: Slot): BrowserWindow {
    const { plan } = slot;
    const win = new BrowserWindow({
      ...plan.bounds,
      show: false,
      ...kioskWindowOptions(options.kiosk),
      backgroundColor: '#0b0f14',
      title: `SOC Wall ${plan.screenId}`,
      webPreferences: buildWebPreferences(options.preloadPath, { devTools: options.devTools }),
    });
    slot.win = win;
    win.on('page-title-updated', (e) => e.preventDefault());
    win.once('ready-to-show', () => {
      if (win.isDestroyed()) return;
      fillDisplay(win, slot.plan.bounds, options.kiosk);
      checkPlacement();
    });
    win.on('closed', () => {
      if (slots.get(slot.key)?.win === win) slots.delete(slot.key);
    });
    options.onCreated(win, slot.key, () => slot.plan.screenId);
    load(slot);
    return win;
  }

  function create(plan: WindowPlan): void {
    const slot = { key: nextKey++, plan } as Slot;
    slots.set(slot.key, slot);
    makeWindow(slot);
    log('info', `${describe(plan)}: window opened`);
  }

  function displays(): DisplayInfo[] {
    return screen.getAllDisplays().map((d) => ({ id: d.id, bounds: { ...d.bounds }, label: d.label }));
  }

  function apply(reason: string): void {
    const screens = options.screens();
    plannedScreens = JSON.stringify(screens);
    const present = displays();
    const plans = planWindows(screens, present);
    if (plans.length === 0) {
      // No display at all (every monitor switched off at once): keep the windows, they return on wake.
      log('warn', `${reason}: ${present.length} display(s), ${screens.length} screen(s): keeping the windows as they are`);
      return;
    }
    const open = [...slots.values()].filter((s) => !s.win.isDestroyed()).map((s) => ({ key: s.key, screenId: s.plan.screenId, merged: s.plan.merged, bounds: s.plan.bounds }));
    const change = reconcileWindows(open, plans);
    const moved = change.move.length + change.reload.length + change.create.length + change.destroy.length;
    if (moved > 0 || reason === 'start') {
      log('info', `${reason}: ${present.length} display(s), ${screens.length} screen(s) -> ${plans.map(describe).join('; ')}`);
    }
    // Create first: destroying the last window would quit the app.
    change.create.forEach(create);
    for (const { key, plan } of change.reload) {
      const slot = slots.get(key)!;
      const boundsChanged = !sameBounds(slot.plan.bounds, plan.bounds);
      slot.plan = plan;
      load(slot);
      if (boundsChanged) fillDisplay(slot.win, plan.bounds, options.kiosk);
    }
    for (const { key, plan } of change.move) {
      const slot = slots.get(key)!;
      slot.plan = plan;
      fillDisplay(slot.win, plan.bounds, options.kiosk);
    }
    for (const key of change.destroy) {
      const slot = slots.get(key)!;
      slots.delete(key);
      log('info', `${describe(slot.plan)}: window closed (no longer planned)`);
      slot.win.destroy(); // destroy(): no 'close' event, so the kiosk lock does not hold it
    }
    checkPlacement();
  }

  function checkPlacement(): void {
    const live = [...slots.values()].filter((s) => !s.win.isDestroyed());
    if (live.some((s) => !s.win.isVisible())) return; // not all placed yet
    const on = live.map((s) => screen.getDisplayMatching(s.win.getBounds()).id);
    if (allOnOneDisplay(on) && new Set(live.map((s) => s.plan.displayId)).size > 1) {
      log('error', 'all wall windows are on one display: start with --ozone-platform=x11 (Wayland cannot place windows)');
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onDisplays = (event: string) => (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => apply(`displays changed (${event})`), DISPLAY_DEBOUNCE_MS);
  };
  screen.on('display-added', onDisplays('display-added'));
  screen.on('display-removed', onDisplays('display-removed'));
  screen.on('display-metrics-changed', onDisplays('display-metrics-changed'));
  apply('start');

  const live = (): Slot[] => [...slots.values()].filter((s) => !s.win.isDestroyed());
  return {
    ids: () => new Set(live().map((s) => s.win.webContents.id)),
    send(channel, payload) {
      for (const { win } of live()) if (!win.webContents.isDestroyed()) win.webContents.send(channel, payload);
    },
    reload(key) {
      const slot = slots.get(key);
      if (slot && !slot.win.isDestroyed()) load(slot);
    },
    recreate(key) {
      const slot = slots.get(key);
      if (!slot) return;
      const old = slot.win;
      makeWindow(slot); // the new window first: destroying the only window would quit the app
      if (!old.isDestroyed()) old.destroy();
    },
    profileChanged() {
      if (JSON.stringify(options.screens()) !== plannedScreens) apply('profile screens changed');
    },
    focusFirst: () => live()[0]?.win.focus(),
  };
}
