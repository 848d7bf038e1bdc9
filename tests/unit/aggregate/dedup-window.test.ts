// The dedup window: a key seen among the last `capacity` keyed messages is a duplicate, the
// oldest goes first, and saving and restoring keep that order across the ring's wrap.
import { describe, expect, it } from 'vitest';
import { DedupWindow } from '../../../electron/core/aggregate/dedup-window.js';

/** The rule, written plainly: the window is the last `capacity` distinct keys recorded. */
class ReferenceWindow {
  private readonly keys: string[] = [];
  constructor(private readonly capacity: number) {}
  isDuplicate(key: string): boolean {
    if (this.keys.includes(key)) return true;
    this.keys.push(key);
    if (this.keys.length > this.capacity) this.keys.shift();
    return false;
  }
  exportState(max: number): string[] {
    return this.keys.slice(-max);
  }
}

describe('dedup window', () => {
  it('agrees with the plain rule on 20,000 seeded keys, through many wraps of the ring', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (const capacity of [1, 2, 7, 64]) {
      const window = new DedupWindow(capacity);
      const reference = new ReferenceWindow(capacity);
      for (let i = 0; i < 5_000; i++) {
        // Keys from a pool a little larger than the window: many repeats, many evictions.
        const key = `k${next() % (capacity * 2 + 3)}`;
        expect(window.isDuplicate(key), `capacity ${capacity}, step ${i}`).toBe(reference.isDuplicate(key));
        expect(window.size).toBeLessThanOrEqual(capacity);
      }
      expect(window.exportState(capacity)).toEqual(reference.exportState(capacity));
      expect(window.exportState(3)).toEqual(reference.exportState(3));
    }
  });

  it('evicts the oldest key once full, at any point of the ring', () => {
    const d = new DedupWindow(3);
    for (const k of ['a', 'b', 'c', 'd']) expect(d.isDuplicate(k)).toBe(false); // a goes
    expect(d.isDuplicate('b')).toBe(true);
    expect(d.isDuplicate('a')).toBe(false); // b goes
    expect(d.exportState()).toEqual(['c', 'd', 'a']);
    expect(d.isDuplicate('b')).toBe(false);
  });

  it('restores saved keys oldest first, keeping the newest that fit, and continues the order', () => {
    const d = new DedupWindow(3);
    d.importState(['w', 'x', 'y', 'z', 'z']);
    expect(d.exportState()).toEqual(['x', 'y', 'z']);
    expect(d.isDuplicate('x')).toBe(true);
    expect(d.isDuplicate('new')).toBe(false); // x goes
    expect(d.exportState()).toEqual(['y', 'z', 'new']);
    expect(d.isDuplicate('x')).toBe(false);
    // Importing again replaces everything, wherever the ring's head was.
    d.importState(['p']);
    expect(d.exportState()).toEqual(['p']);
    expect(d.size).toBe(1);
  });

  it('refuses a window that cannot hold a key', () => {
    expect(() => new DedupWindow(0)).toThrow(/positive integer/u);
  });
});
