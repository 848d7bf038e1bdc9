import { describe, expect, it } from 'vitest';
import { WindowedCounts, stringKey } from '../../../electron/core/aggregate/windowed-counts.js';

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;

describe('WindowedCounts', () => {
  it('counts the last hour by minute and the last 24 h by hour, sliding with time', () => {
    const w = new WindowedCounts<string>(8);
    w.add('CN', T0, 5);
    w.add('CN', T0 + 30 * MIN, 2);
    w.add('US', T0 + 59 * MIN, 1);
    expect(w.read(T0 + 59 * MIN)).toEqual([{ key: 'CN', hour: 7, day: 7 }, { key: 'US', hour: 1, day: 1 }]);
    // 61 minutes on: the first 5 left the hour, not the day.
    expect(w.read(T0 + 61 * MIN).find((r) => r.key === 'CN')).toEqual({ key: 'CN', hour: 2, day: 7 });
    expect(w.read(T0 + 2 * HOUR).find((r) => r.key === 'CN')).toEqual({ key: 'CN', hour: 0, day: 7 });
    // A day on, every key left, and is forgotten.
    expect(w.read(T0 + 25 * HOUR)).toEqual([]);
    expect(w.size).toBe(0);
  });

  it('counts a late event where it falls, and not at all when older than the window', () => {
    const w = new WindowedCounts<string>(8);
    w.add('RU', T0 + 2 * HOUR, 1);
    w.add('RU', T0 + 2 * HOUR - 10 * MIN, 1);
    w.add('RU', T0 - 30 * HOUR, 100);
    expect(w.read(T0 + 2 * HOUR)).toEqual([{ key: 'RU', hour: 2, day: 2 }]);
  });

  it('refuses keys past its capacity and counts them; tracked keys keep counting', () => {
    const w = new WindowedCounts<number>(2);
    expect(w.add(1, T0, 1)).toBe(true);
    expect(w.add(2, T0, 1)).toBe(true);
    expect(w.add(3, T0, 1)).toBe(false);
    expect(w.add(1, T0, 1)).toBe(true);
    expect(w.refused).toBe(1);
    expect(w.read(T0).map((r) => [r.key, r.hour])).toEqual([[1, 2], [2, 1]]);
    // Once a key has left the day, a new one gets its place.
    expect(w.add(3, T0 + 25 * HOUR, 1)).toBe(false);
    w.read(T0 + 25 * HOUR);
    expect(w.add(3, T0 + 25 * HOUR, 1)).toBe(true);
  });

  it('survives a save and a check of the saved form', () => {
    const w = new WindowedCounts<string>(8);
    w.add('KR', T0, 3);
    w.add('KR', T0 + 90 * MIN, 4);
    const saved = JSON.parse(JSON.stringify(w.exportState())) as unknown;
    const back = new WindowedCounts<string>(8);
    back.importState(WindowedCounts.parseState(saved, 'x', stringKey(2), 8));
    expect(back.read(T0 + 90 * MIN)).toEqual(w.read(T0 + 90 * MIN));
    expect(() => WindowedCounts.parseState([['KR', 1, 2, [1], []]], 'x', stringKey(2), 8)).toThrow(/x\[0\]\[3\]/u);
    expect(() => WindowedCounts.parseState([['toolong', 1, 2, new Array(60).fill(0), new Array(24).fill(0)]], 'x', stringKey(2), 8)).toThrow(/x\[0\]\[0\]/u);
    expect(() => WindowedCounts.parseState(new Array(9).fill(null), 'x', stringKey(2), 8)).toThrow(/at most 8/u);
  });
});
