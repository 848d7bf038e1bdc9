import { describe, expect, it } from 'vitest';
import { allOnOneDisplay, planDisplays, reconcile, type Bounds, type DisplayInfo } from '../../../electron/shell/display-plan.js';

const fhd = (x: number, y = 0): Bounds => ({ x, y, width: 1920, height: 1080 });
const d = (id: number, bounds: Bounds, label?: string): DisplayInfo => ({ id, bounds, ...(label ? { label } : {}) });

describe('planDisplays', () => {
  it('gives one screen to a single display', () => {
    expect(planDisplays([d(1, fhd(0))])).toEqual([{ screen: 0, displayId: 1, bounds: fhd(0) }]);
  });

  it('numbers screens left to right whatever order the OS reports', () => {
    const plan = planDisplays([d(30, fhd(3840)), d(10, fhd(0)), d(20, fhd(1920))]);
    expect(plan.map((p) => [p.screen, p.displayId])).toEqual([
      [0, 10],
      [1, 20],
      [2, 30],
    ]);
  });

  it('is independent of the input order (reordered displays give the same plan)', () => {
    const displays = [d(1, fhd(0)), d(2, fhd(1920)), d(3, fhd(0, 1080)), d(4, fhd(1920, 1080))];
    const expected = planDisplays(displays);
    expect(planDisplays([...displays].reverse())).toEqual(expected);
    expect(planDisplays([displays[2]!, displays[0]!, displays[3]!, displays[1]!])).toEqual(expected);
  });

  it('orders a 2x2 grid by x, then y', () => {
    const plan = planDisplays([d(4, fhd(1920, 1080)), d(3, fhd(0, 1080)), d(2, fhd(1920)), d(1, fhd(0))]);
    expect(plan.map((p) => p.displayId)).toEqual([1, 3, 2, 4]);
  });

  it('handles displays left of or above the primary (negative coordinates)', () => {
    const plan = planDisplays([d(1, fhd(0)), d(2, fhd(-1920)), d(3, fhd(0, -1080))]);
    expect(plan.map((p) => p.displayId)).toEqual([2, 3, 1]);
  });

  it('breaks ties between mirrored displays by label, then id', () => {
    const plan = planDisplays([d(9, fhd(0), 'B'), d(8, fhd(0), 'A'), d(7, fhd(0), 'A')]);
    expect(plan.map((p) => p.displayId)).toEqual([7, 8, 9]);
  });

  it('returns no screen for no display, and copies bounds', () => {
    expect(planDisplays([])).toEqual([]);
    const b = fhd(0);
    const [p] = planDisplays([d(1, b)]);
    expect(p!.bounds).toEqual(b);
    expect(p!.bounds).not.toBe(b);
  });
});

describe('reconcile', () => {
  const three = planDisplays([d(1, fhd(0)), d(2, fhd(1920)), d(3, fhd(3840))]);

  it('opens every screen at start', () => {
    expect(reconcile(new Map(), three)).toEqual({ open: three, move: [], park: [] });
  });

  it('does nothing when the displays did not change', () => {
    const current = new Map(three.map((p) => [p.screen, p.bounds] as const));
    expect(reconcile(current, three)).toEqual({ open: [], move: [], park: [] });
  });

  it('parks the windows of displays that went away (fewer displays)', () => {
    const current = new Map(three.map((p) => [p.screen, p.bounds] as const));
    const fewer = planDisplays([d(1, fhd(0))]);
    expect(reconcile(current, fewer)).toEqual({ open: [], move: [], park: [1, 2] });
  });

  it('restores parked windows and opens new screens (more displays)', () => {
    const current = new Map<number, Bounds | null>([
      [0, fhd(0)],
      [1, null],
    ]);
    const change = reconcile(current, three);
    expect(change.open.map((p) => p.screen)).toEqual([2]);
    expect(change.move.map((p) => p.screen)).toEqual([1]);
    expect(change.park).toEqual([]);
  });

  it('moves windows whose display moved or changed resolution', () => {
    const current = new Map<number, Bounds | null>([
      [0, fhd(0)],
      [1, fhd(1920)],
    ]);
    const next = planDisplays([d(1, fhd(0)), d(2, { x: 1920, y: 0, width: 3840, height: 2160 })]);
    expect(reconcile(current, next).move).toEqual([next[1]]);
  });

  it('does not park an already parked window twice', () => {
    const current = new Map<number, Bounds | null>([
      [0, fhd(0)],
      [1, null],
    ]);
    expect(reconcile(current, planDisplays([d(1, fhd(0))])).park).toEqual([]);
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
