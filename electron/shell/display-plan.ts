// Which wall screen each display shows, and what to do with the open windows when the
// displays or the profile change. Pure: the adapter (windows.ts) maps Electron's Display
// objects to DisplayInfo and the profile's screens come from the core's WallConfig.
//
// The rule (also in README.md, "Keyboard" → "Wall screens and displays"):
//  1. a screen whose `display.id` equals the id of a present display gets that display;
//  2. else a screen whose `display.x` and `display.y` (and `width`/`height` when given)
//     equal a present display's bounds gets it;
//     (1 and 2 go through the screens in profile order; a display is given once)
//  3. the remaining screens, in reading order of their `cell` (row, then column), take
//     the remaining displays in reading order of their bounds (y, then x; ties by id);
//  4. a screen left without a display is merged onto the nearest screen that has one
//     (Manhattan distance between cells; ties: the one with fewer merged screens so far,
//     then profile order). That window shows its own layout and the merged ones tiled:
//     `?screen=<id>&merge=<id>,<id>` (merged ids in reading order of their cells);
//  5. a display left without a screen gets a window mirroring the profile's first screen,
//     so no desktop ever shows on a wall display.
// Display ids are not stable across platforms, reboots or re-plugging: a profile that
// names no display is matched by position only (rule 3), which survives shuffled ids.
import type { ScreenDef } from '../contract/wall-config.js';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Bounds;
  label?: string;
}

export interface WindowPlan {
  /** The screen this window shows (a mirror window shows the profile's first screen). */
  screenId: string;
  displayId: number;
  bounds: Bounds;
  /** Screens without a display of their own, tiled into this window (reading order). */
  merged: string[];
}

const byReadingOrderOfCells = (a: { s: ScreenDef; i: number }, b: { s: ScreenDef; i: number }): number =>
  a.s.cell.row - b.s.cell.row || a.s.cell.col - b.s.cell.col || a.i - b.i;

const byReadingOrderOfBounds = (a: DisplayInfo, b: DisplayInfo): number => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x || a.id - b.id;

function matchesPosition(want: NonNullable<ScreenDef['display']>, b: Bounds): boolean {
  if (want.x === undefined || want.y === undefined) return false;
  return (
    want.x === b.x &&
    want.y === b.y &&
    (want.width === undefined || want.width === b.width) &&
    (want.height === undefined || want.height === b.height)
  );
}

const manhattan = (a: ScreenDef, b: ScreenDef): number => Math.abs(a.cell.col - b.cell.col) + Math.abs(a.cell.row - b.cell.row);

export function planWindows(screens: readonly ScreenDef[], displays: readonly DisplayInfo[]): WindowPlan[] {
  if (screens.length === 0 || displays.length === 0) return [];
  const indexed = screens.map((s, i) => ({ s, i }));
  const assigned = new Map<number, DisplayInfo>(); // screen index -> display
  const taken = new Set<number>(); // display ids given

  const give = (i: number, d: DisplayInfo): void => {
    assigned.set(i, d);
    taken.add(d.id);
  };
  // 1. display id
  for (const { s, i } of indexed) {
    const id = s.display?.id;
    if (id === undefined) continue;
    const d = displays.find((x) => x.id === id && !taken.has(x.id));
    if (d) give(i, d);
  }
  // 2. position (and size)
  for (const { s, i } of indexed) {
    if (assigned.has(i) || s.display === undefined) continue;
    const want = s.display;
    const d = displays.find((x) => !taken.has(x.id) && matchesPosition(want, x.bounds));
    if (d) give(i, d);
  }
  // 3. reading order
  const freeDisplays = displays.filter((d) => !taken.has(d.id)).sort(byReadingOrderOfBounds);
  const waiting = indexed.filter(({ i }) => !assigned.has(i)).sort(byReadingOrderOfCells);
  while (waiting.length > 0 && freeDisplays.length > 0) give(waiting.shift()!.i, freeDisplays.shift()!);

  // 4. merge the screens left over onto the nearest present screen
  const merged = new Map<number, ScreenDef[]>([...assigned.keys()].map((i) => [i, []]));
  for (const { s } of waiting) {
    let best = -1;
    for (const host of [...assigned.keys()].sort((a, b) => a - b)) {
      if (best === -1) {
        best = host;
        continue;
      }
      const d = manhattan(s, screens[host]!) - manhattan(s, screens[best]!);
      if (d < 0 || (d === 0 && merged.get(host)!.length < merged.get(best)!.length)) best = host;
    }
    merged.get(best)!.push(s);
  }

  const plans: WindowPlan[] = [...assigned.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, d]) => ({
      screenId: screens[i]!.id,
      displayId: d.id,
      bounds: { ...d.bounds },
      merged: merged
        .get(i)!
        .map((s) => ({ s, i: screens.indexOf(s) }))
        .sort(byReadingOrderOfCells)
        .map(({ s }) => s.id),
    }));
  // 5. mirror the first screen on every display left over
  for (const d of freeDisplays) plans.push({ screenId: screens[0]!.id, displayId: d.id, bounds: { ...d.bounds }, merged: [] });
  return plans;
}

/** A window the shell has open: `key` is the shell's own handle for it. */
export interface OpenWindow {
  key: number;
  screenId: string;
  merged: readonly string[];
  /** Bounds it was placed at. */
  bounds: Bounds;
}

export interface WindowChanges {
  /** Windows that stay exactly as they are. */
  keep: number[];
  /** Same content, other bounds: move (and re-enter full screen). */
  move: { key: number; plan: WindowPlan }[];
  /** Other content: load the plan's URL (and move when the bounds differ too). */
  reload: { key: number; plan: WindowPlan }[];
  /** Plans without a window: create one. */
  create: WindowPlan[];
  /** Windows no plan wants: destroy (after creating the new ones: the last window closing quits). */
  destroy: number[];
}

export function sameBounds(a: Bounds, b: Bounds): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

const sameContent = (w: OpenWindow, p: WindowPlan): boolean =>
  w.screenId === p.screenId && w.merged.length === p.merged.length && w.merged.every((m, i) => m === p.merged[i]);

/**
 * Desired plans vs the open windows. Windows are matched to plans by content and bounds
 * first, then content only (move), then bounds only (reload in place), then any (reload
 * and move), so a change reloads as few renderers as possible.
 */
export function reconcileWindows(open: readonly OpenWindow[], plans: readonly WindowPlan[]): WindowChanges {
  const changes: WindowChanges = { keep: [], move: [], reload: [], create: [], destroy: [] };
  const free = [...open];
  let pending = [...plans];
  const pass = (match: (w: OpenWindow, p: WindowPlan) => boolean, use: (w: OpenWindow, p: WindowPlan) => void): void => {
    pending = pending.filter((p) => {
      const at = free.findIndex((w) => match(w, p));
      if (at === -1) return true;
      use(free.splice(at, 1)[0]!, p);
      return false;
    });
  };
  pass(
    (w, p) => sameContent(w, p) && sameBounds(w.bounds, p.bounds),
    (w) => changes.keep.push(w.key),
  );
  pass(sameContent, (w, plan) => changes.move.push({ key: w.key, plan }));
  pass(
    (w, p) => sameBounds(w.bounds, p.bounds),
    (w, plan) => changes.reload.push({ key: w.key, plan }),
  );
  pass(
    () => true,
    (w, plan) => changes.reload.push({ key: w.key, plan }),
  );
  changes.create = pending;
  changes.destroy = free.map((w) => w.key);
  return changes;
}

/** True when several windows were asked for but all ended up on one display (Wayland). */
export function allOnOneDisplay(actualDisplayIds: readonly number[]): boolean {
  return actualDisplayIds.length > 1 && new Set(actualDisplayIds).size === 1;
}
