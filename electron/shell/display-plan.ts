// Which screen of the wall each display shows. Pure: Electron's Display objects are
// mapped to DisplayInfo by the adapter. Displays are matched by position (sorted by
// bounds.x, then bounds.y): ids are not stable across platforms, reboots or re-plugging.

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

export interface Placement {
  /** Screen index of the wall, 0 = left-most (then top-most). */
  screen: number;
  displayId: number;
  bounds: Bounds;
}

export function planDisplays(displays: readonly DisplayInfo[]): Placement[] {
  return [...displays]
    .sort(
      (a, b) =>
        a.bounds.x - b.bounds.x ||
        a.bounds.y - b.bounds.y ||
        (a.label ?? '').localeCompare(b.label ?? '') ||
        a.id - b.id,
    )
    .map((d, screen) => ({ screen, displayId: d.id, bounds: { ...d.bounds } }));
}

export interface PlanChange {
  /** Screens with no window yet. */
  open: Placement[];
  /** Screens whose window exists but whose bounds changed (or that were parked). */
  move: Placement[];
  /** Screens whose display is gone: hide the window, keep it (monitors return on wake). */
  park: number[];
}

function sameBounds(a: Bounds, b: Bounds): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/**
 * What to do with the windows when the displays change.
 * `current` maps a screen index to the bounds its window shows now (null = parked).
 */
export function reconcile(current: ReadonlyMap<number, Bounds | null>, next: readonly Placement[]): PlanChange {
  const change: PlanChange = { open: [], move: [], park: [] };
  for (const p of next) {
    if (!current.has(p.screen)) change.open.push(p);
    else {
      const shown = current.get(p.screen) ?? null;
      if (shown === null || !sameBounds(shown, p.bounds)) change.move.push(p);
    }
  }
  const wanted = new Set(next.map((p) => p.screen));
  for (const [screen, shown] of current) {
    if (!wanted.has(screen) && shown !== null) change.park.push(screen);
  }
  change.park.sort((a, b) => a - b);
  return change;
}

/** True when several windows were asked for but all ended up on one display (Wayland). */
export function allOnOneDisplay(actualDisplayIds: readonly number[]): boolean {
  return actualDisplayIds.length > 1 && new Set(actualDisplayIds).size === 1;
}
