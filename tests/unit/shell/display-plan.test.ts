import { describe, expect, it } from 'vitest';
import type { ScreenDef } from '../../../electron/contract/wall-config.js';
import {
  allOnOneDisplay,
  planWindows,
  reconcileWindows,
  type Bounds,
  type DisplayInfo,
  type OpenWindow,
  type WindowPlan,
} from '../../../electron/shell/display-plan.js';

const fhd = (x: number, y = 0): Bounds => ({ x, y, width: 1920, height: 1080 });
const d = (id: number, bounds: Bounds): DisplayInfo => ({ id, bounds });
const s = (id: string, col: number, row: number, display?: ScreenDef['display']): ScreenDef => ({ id, cell: { col, row }, ...(display ? { display } : {}) });

// The bundled 2×2 profile: top-left, top-right, bottom-left, bottom-right.
const wall = [s('tl', 0, 0), s('tr', 1, 0), s('bl', 0, 1), s('br', 1, 1)];
const grid = [d(1, fhd(0)), d(2, fhd(1920)), d(3, fhd(0, 1080)), d(4, fhd(1920, 1080))];
const summary = (plans: WindowPlan[]) => plans.map((p) => [p.screenId, p.displayId, p.merged.join(',')]);

describe('planWindows', () => {
  it('gives each screen of a 2×2 wall the display at its place (reading order)', () => {
    expect(planWindows(wall, grid)).toEqual([
      { screenId: 'tl', displayId: 1, bounds: fhd(0), merged: [] },
      { screenId: 'tr', displayId: 2, bounds: fhd(1920), merged: [] },
      { screenId: 'bl', displayId: 3, bounds: fhd(0, 1080), merged: [] },
      { screenId: 'br', displayId: 4, bounds: fhd(1920, 1080), merged: [] },
    ]);
  });

  it('is the same whatever order the OS reports the displays in', () => {
    const expected = planWindows(wall, grid);
    expect(planWindows(wall, [...grid].reverse())).toEqual(expected);
    expect(planWindows(wall, [grid[2]!, grid[0]!, grid[3]!, grid[1]!])).toEqual(expected);
  });

  it('follows positions when the ids are shuffled (re-plugged cables)', () => {
    const shuffled = [d(7, fhd(1920, 1080)), d(5, fhd(0)), d(8, fhd(1920)), d(6, fhd(0, 1080))];
    expect(planWindows(wall, shuffled).map((p) => [p.screenId, p.bounds])).toEqual(planWindows(wall, grid).map((p) => [p.screenId, p.bounds]));
  });

  it('orders screens by cell, not by their order in the profile', () => {
    const reversed = [...wall].reverse();
    expect(planWindows(reversed, grid).map((p) => [p.screenId, p.displayId])).toEqual([
      ['br', 4],
      ['bl', 3],
      ['tr', 2],
      ['tl', 1],
    ]);
  });

  it('lets a display id win over position', () => {
    const screens = [s('tl', 0, 0), s('tr', 1, 0, { id: 1 }), s('bl', 0, 1), s('br', 1, 1)];
    const plan = planWindows(screens, grid);
    expect(summary(plan)).toEqual([
      ['tl', 2, ''],
      ['tr', 1, ''],
      ['bl', 3, ''],
      ['br', 4, ''],
    ]);
  });

  it('lets a display id win over another screen naming that position', () => {
    const screens = [s('a', 0, 0, { x: 0, y: 0 }), s('b', 1, 0, { id: 1 })];
    expect(summary(planWindows(screens, [d(1, fhd(0)), d(2, fhd(1920))]))).toEqual([
      ['a', 2, ''],
      ['b', 1, ''],
    ]);
  });

  it('matches by position, and by size when given', () => {
    const screens = [s('left', 0, 0), s('tv', 1, 0, { x: 1920, y: 0, width: 3840, height: 2160 }), s('right', 2, 0, { x: 0, y: 0 })];
    const displays = [d(1, fhd(0)), d(2, fhd(1920)), d(3, { x: 3840, y: 0, width: 3840, height: 2160 })];
    // 'tv' names a size no display at 1920,0 has: it falls back to reading order.
    expect(summary(planWindows(screens, displays))).toEqual([
      ['left', 2, ''],
      ['tv', 3, ''],
      ['right', 1, ''],
    ]);
    const matching = [d(1, fhd(0)), d(2, { x: 1920, y: 0, width: 3840, height: 2160 })];
    expect(summary(planWindows(screens, matching))).toEqual([
      ['tv', 2, 'left'],
      ['right', 1, ''],
    ]);
  });

  it('ignores a display id or position that is not present', () => {
    const screens = [s('a', 0, 0, { id: 99 }), s('b', 1, 0, { x: 5000, y: 0 })];
    expect(summary(planWindows(screens, [d(1, fhd(0)), d(2, fhd(1920))]))).toEqual([
      ['a', 1, ''],
      ['b', 2, ''],
    ]);
  });

  it('merges a 2×2 wall onto one display', () => {
    expect(planWindows(wall, [d(9, fhd(0))])).toEqual([{ screenId: 'tl', displayId: 9, bounds: fhd(0), merged: ['tr', 'bl', 'br'] }]);
  });

  it('merges a 2×2 wall onto two displays: nearest cell, then the less loaded', () => {
    // tl and tr get the displays; bl is next to tl, br next to tr.
    expect(summary(planWindows(wall, [d(1, fhd(0)), d(2, fhd(1920))]))).toEqual([
      ['tl', 1, 'bl'],
      ['tr', 2, 'br'],
    ]);
  });

  it('breaks a distance tie by load, then by profile order', () => {
    // Displays at tl and br: tr and bl are both at distance 1 from each.
    const diagonal = [s('tl', 0, 0, { id: 1 }), s('tr', 1, 0), s('bl', 0, 1), s('br', 1, 1, { id: 2 })];
    expect(summary(planWindows(diagonal, [d(1, fhd(0)), d(2, fhd(1920, 1080))]))).toEqual([
      ['tl', 1, 'tr'],
      ['br', 2, 'bl'],
    ]);
  });

  it('merges a 2×2 wall onto three displays', () => {
    expect(summary(planWindows(wall, grid.slice(0, 3)))).toEqual([
      ['tl', 1, ''],
      ['tr', 2, 'br'],
      ['bl', 3, ''],
    ]);
  });

  it('loses no screen whatever the number of displays', () => {
    for (let n = 1; n <= 4; n++) {
      const plan = planWindows(wall, grid.slice(0, n));
      expect(plan).toHaveLength(n);
      expect(plan.flatMap((p) => [p.screenId, ...p.merged]).sort()).toEqual(['bl', 'br', 'tl', 'tr']);
    }
  });

  it('mirrors the first screen on displays the profile does not name (more displays)', () => {
    // A fifth display below the wall: last in reading order, it mirrors the first screen.
    const five = [d(5, fhd(0, 2160)), ...grid];
    const plan = planWindows(wall, five);
    expect(summary(plan.slice(0, 4))).toEqual(summary(planWindows(wall, grid)));
    expect(plan[4]).toEqual({ screenId: 'tl', displayId: 5, bounds: fhd(0, 2160), merged: [] });
    expect(summary(planWindows([s('main', 0, 0)], [d(1, fhd(0)), d(2, fhd(1920))]))).toEqual([
      ['main', 1, ''],
      ['main', 2, ''],
    ]);
  });

  it('plans nothing without displays or screens, and copies bounds', () => {
    expect(planWindows(wall, [])).toEqual([]);
    expect(planWindows([], grid)).toEqual([]);
    const b = fhd(0);
    expect(planWindows([s('main', 0, 0)], [d(1, b)])[0]!.bounds).not.toBe(b);
  });
});

describe('reconcileWindows', () => {
  const plans = planWindows(wall, grid);
  const openAll = (): OpenWindow[] => plans.map((p, key) => ({ key, screenId: p.screenId, merged: p.merged, bounds: p.bounds }));

  it('creates every window at start', () => {
    expect(reconcileWindows([], plans)).toEqual({ keep: [], move: [], reload: [], create: plans, destroy: [] });
  });

  it('keeps every window when nothing changed', () => {
    expect(reconcileWindows(openAll(), plans)).toEqual({ keep: [0, 1, 2, 3], move: [], reload: [], create: [], destroy: [] });
  });

  it('keeps every window when only the display ids changed', () => {
    const shuffled = planWindows(wall, [d(7, fhd(1920, 1080)), d(5, fhd(0)), d(8, fhd(1920)), d(6, fhd(0, 1080))]);
    expect(reconcileWindows(openAll(), shuffled).keep).toEqual([0, 1, 2, 3]);
  });

  it('reloads the survivors with merged screens and destroys the rest (displays removed)', () => {
    const two = planWindows(wall, grid.slice(0, 2));
    const change = reconcileWindows(openAll(), two);
    expect(change.keep).toEqual([]);
    expect(change.reload.map((r) => [r.key, r.plan.screenId, r.plan.merged])).toEqual([
      [0, 'tl', ['bl']],
      [1, 'tr', ['br']],
    ]);
    expect(change.destroy).toEqual([2, 3]);
    expect(change.create).toEqual([]);
  });

  it('creates windows and reloads the merged ones when displays return', () => {
    const open: OpenWindow[] = [{ key: 0, screenId: 'tl', merged: ['tr', 'bl', 'br'], bounds: fhd(0) }];
    const change = reconcileWindows(open, plans);
    expect(change.reload.map((r) => [r.key, r.plan.screenId, r.plan.merged])).toEqual([[0, 'tl', []]]);
    expect(change.create.map((p) => p.screenId)).toEqual(['tr', 'bl', 'br']);
    expect(change.destroy).toEqual([]);
  });

  it('moves a window whose display moved or changed resolution', () => {
    const open = openAll();
    const moved = planWindows(wall, [grid[0]!, d(2, { x: 1920, y: 0, width: 3840, height: 2160 }), grid[2]!, grid[3]!]);
    const change = reconcileWindows(open, moved);
    expect(change.keep).toEqual([0, 2, 3]);
    expect(change.move.map((m) => [m.key, m.plan.bounds.width])).toEqual([[1, 3840]]);
  });

  it('reloads in place when the profile changes screens, and destroys what is left', () => {
    const single = planWindows([s('main', 0, 0)], grid);
    const change = reconcileWindows(openAll(), single);
    // One window per display stays: the first shows 'main', the others mirror it.
    expect(change.reload.map((r) => [r.key, r.plan.screenId])).toEqual([
      [0, 'main'],
      [1, 'main'],
      [2, 'main'],
      [3, 'main'],
    ]);
    expect(change.destroy).toEqual([]);
    expect(reconcileWindows(openAll(), planWindows([s('main', 0, 0)], grid.slice(0, 1))).destroy).toEqual([1, 2, 3]);
  });
});

describe('allOnOneDisplay', () => {
  it('flags several windows on one display (Wayland), not one window or spread windows', () => {
    expect(allOnOneDisplay([5, 5, 5])).toBe(true);
    expect(allOnOneDisplay([5])).toBe(false);
    expect(allOnOneDisplay([])).toBe(false);
    expect(allOnOneDisplay([5, 6])).toBe(false);
  });
});
