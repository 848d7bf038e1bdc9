import { describe, expect, it } from 'vitest';
import { SpaceSavingSketch } from '../../../electron/core/aggregate/space-saving.js';
import { seededRandom } from '../../../electron/core/demo/random.js';

describe('SpaceSavingSketch', () => {
  it('is exact while the keys fit', () => {
    const s = new SpaceSavingSketch(10);
    for (const k of ['a', 'b', 'a', 'c', 'a', 'b']) s.add(k);
    expect(s.top(3)).toEqual([
      { key: 'a', count: 3, error: 0 },
      { key: 'b', count: 2, error: 0 },
      { key: 'c', count: 1, error: 0 },
    ]);
  });

  it('keeps the heavy hitters under heavy key churn in bounded memory', () => {
    const s = new SpaceSavingSketch(64);
    const random = seededRandom(1);
    // 3 heavy sources hidden in 100,000 one-off scanner addresses.
    for (let i = 0; i < 100_000; i++) {
      s.add(`noise-${i}`);
      if (i % 10 === 0) s.add('heavy-1');
      if (i % 20 === 0) s.add('heavy-2');
      if (random() < 0.03) s.add('heavy-3');
    }
    expect(s.size).toBe(64);
    const top = s.top(3).map((e) => e.key);
    expect(top).toEqual(['heavy-1', 'heavy-2', 'heavy-3']);
    // Space-saving guarantees count - error <= true count <= count.
    const h1 = s.top(1)[0]!;
    expect(h1.count - h1.error).toBeLessThanOrEqual(10_000);
    expect(h1.count).toBeGreaterThanOrEqual(10_000);
  });

  it('rejects a zero capacity', () => {
    expect(() => new SpaceSavingSketch(0)).toThrow(/capacity/u);
  });
});
