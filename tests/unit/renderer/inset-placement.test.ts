import { describe, expect, it } from 'vitest';
import { HEAVY_COST, bestInsetPlacement, type Box, type InsetSearch, type Point } from '../../../renderer/src/map/inset-placement.js';

/** The direct search: every candidate against every obstacle (edges inclusive). */
function bruteForce(s: InsetSearch): { x: number; y: number; score: number } | null {
  let best: { x: number; y: number; score: number } | null = null;
  for (let y = s.first; y <= s.height - s.h - s.bottom; y += s.step) {
    for (let x = s.first; x <= s.width - s.w - s.first; x += s.step) {
      const box = { minX: x - s.margin, minY: y - s.margin, maxX: x + s.w + s.margin, maxY: y + s.h + s.margin };
      let score = 0;
      for (const b of s.heavy) if (b.maxX >= box.minX && b.minX <= box.maxX && b.maxY >= box.minY && b.minY <= box.maxY) score += HEAVY_COST;
      for (const p of s.light) if (p.x >= box.minX && p.x <= box.maxX && p.y >= box.minY && p.y <= box.maxY) score += 1;
      score += Math.min(x, y, s.width - s.w - x, s.height - s.h - y) * 0.01;
      if (!best || score < best.score) best = { x, y, score };
    }
  }
  return best;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const base = { step: 10, first: 6, margin: 8, bottom: 24 };

describe('inset placement on the province map', () => {
  it('matches the direct search on random maps, obstacles on grid edges included', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = random(seed);
      const width = 300 + Math.floor(r() * 900);
      const height = 250 + Math.floor(r() * 600);
      const heavy: Box[] = Array.from({ length: Math.floor(r() * 40) }, () => {
        // Half of them on whole multiples of the step, where "touching" decides.
        const snap = (v: number) => (r() < 0.5 ? Math.round(v / 10) * 10 + 6 : v);
        const x = snap(r() * width);
        const y = snap(r() * height);
        return { minX: x, minY: y, maxX: x + 10 + r() * 120, maxY: y + 10 + r() * 30 };
      });
      const light: Point[] = Array.from({ length: Math.floor(r() * 400) }, () => ({ x: Math.round(r() * width), y: Math.round(r() * height) }));
      const search: InsetSearch = { ...base, width, height, w: 200 + Math.floor(r() * 100), h: 150 + Math.floor(r() * 80), heavy, light };
      const expected = bruteForce(search);
      const got = bestInsetPlacement(search);
      expect(got?.x, `seed ${seed}`).toBe(expected?.x);
      expect(got?.y, `seed ${seed}`).toBe(expected?.y);
      if (expected) expect(got!.score, `seed ${seed}`).toBeCloseTo(expected.score, 9);
    }
  });

  it('keeps clear of a site and its label, against an edge of the panel', () => {
    // A label across the top-left corner: the first corner clear of it (margin included) on the top row.
    const got = bestInsetPlacement({ ...base, width: 900, height: 600, w: 300, h: 200, heavy: [{ minX: 0, minY: 0, maxX: 400, maxY: 220 }], light: [] });
    expect(got!.x).toBe(416);
    expect(got!.y).toBe(6);
    expect(got!.score).toBeCloseTo(0.06, 9);
    // Touching the margin counts as covering: at 408 the box's margin reaches x = 400.
    const touching = bestInsetPlacement({ ...base, step: 2, width: 900, height: 600, w: 300, h: 200, heavy: [{ minX: 0, minY: 0, maxX: 400, maxY: 220 }], light: [] });
    expect(touching!.x).toBe(410);
  });

  it('covers coastline rather than a site when it must cover something', () => {
    // Sites down the middle; coastline on the left: the left side is the cheaper one.
    const heavy: Box[] = [{ minX: 420, minY: 0, maxX: 480, maxY: 600 }];
    const light: Point[] = Array.from({ length: 50 }, (_, i) => ({ x: 100, y: i * 12 }));
    const got = bestInsetPlacement({ ...base, width: 900, height: 600, w: 300, h: 200, heavy, light });
    expect(got!.x).toBeGreaterThan(480);
    expect(got!.score).toBeLessThan(HEAVY_COST);
  });

  it('has no answer when the map is smaller than the inset', () => {
    expect(bestInsetPlacement({ ...base, width: 200, height: 600, w: 300, h: 200, heavy: [], light: [] })).toBeNull();
    expect(bestInsetPlacement({ ...base, width: 900, height: 210, w: 300, h: 200, heavy: [], light: [] })).toBeNull();
  });
});
