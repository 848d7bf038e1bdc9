import { describe, expect, it } from 'vitest';
import { CategoryRing } from '../../../electron/core/aggregate/category-ring.js';

const T0 = 1_795_000_000_000; // a whole second
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('CategoryRing', () => {
  it('puts events in their own second bucket and category', () => {
    const r = new CategoryRing(60, 1);
    r.add(T0, 0, 1);
    r.add(T0 + 999, 0, 2);
    r.add(T0 + 1000, 3, 5);
    const s = r.snapshot(r.bucketOf(T0 + 1000));
    expect(s.values.scan.slice(-2)).toEqual([3, 0]);
    expect(s.values.combined.slice(-2)).toEqual([0, 5]);
    expect(s.start).toBe((T0 + 1000) / 1000 - 59);
    expect(s.values.scan).toHaveLength(60);
  });

  it('zeroes buckets that fall out of the window and ignores events older than it', () => {
    const r = new CategoryRing(10, 1);
    r.add(T0, 1, 4);
    expect(r.add(T0 + 20_000, 1, 1)).toBe(true);
    expect(r.add(T0, 1, 1)).toBe(false); // 20 s old in a 10 s window
    const s = r.snapshot(r.bucketOf(T0 + 20_000));
    expect(sum(s.values.spoof)).toBe(1);
  });

  it('applies a late event to its own bucket and reports it in the next delta', () => {
    const r = new CategoryRing(3600, 1);
    const now = r.bucketOf(T0 + 100_000);
    r.add(T0 + 100_000, 2, 1);
    r.delta(now, now - 1);
    // A message queued by the broker while the wall was away arrives 50 s late.
    r.add(T0 + 50_000, 2, 7);
    const d = r.delta(now, now);
    expect(d.start).toBe((T0 + 50_000) / 1000);
    expect(d.values.malware[0]).toBe(7);
    expect(d.values.malware).toHaveLength(51);
    // Nothing changed since: the next delta covers only the new second.
    const d2 = r.delta(now + 1, now);
    expect(d2.start).toBe(now + 1);
    expect(d2.values.malware).toEqual([0]);
  });

  it('minute buckets aggregate 60 s', () => {
    const r = new CategoryRing(1440, 60);
    const base = Math.floor(T0 / 60_000) * 60_000;
    for (let i = 0; i < 60; i++) r.add(base + i * 1000, 0, 1);
    r.add(base + 60_000, 0, 1);
    const s = r.snapshot(r.bucketOf(base + 60_000));
    expect(s.step).toBe(60);
    expect(s.values.scan.slice(-2)).toEqual([60, 1]);
  });

  it('sumRange adds all categories over the last n buckets', () => {
    const r = new CategoryRing(100, 1);
    r.add(T0, 0, 1);
    r.add(T0 + 1000, 1, 2);
    r.add(T0 + 2000, 6, 3);
    expect(r.sumRange(r.bucketOf(T0 + 2000), 2)).toBe(5);
    expect(r.sumRange(r.bucketOf(T0 + 2000), 3)).toBe(6);
  });
});
