// Where the inset box goes on the province map: the candidate corner that covers the fewest
// sites and labels ("heavy", 100 each) and coastline points ("light", 1 each), hugging an edge.
//
// Every obstacle penalises a rectangle of candidate corners, so all candidates are scored at
// once with a 2-D difference array: O(obstacles + candidates) instead of their product. A map
// spanning a 2×2 wall is 3840×2160 px, 80,000 candidates against ~1,000 coastline points:
// the direct double loop took seconds there, and ran again on every resize.

/** An axis-aligned box in container pixels; edges count as inside (as Leaflet's Bounds). */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface InsetSearch {
  /** The map's size in container pixels. */
  width: number;
  height: number;
  /** The inset box's size (without its margin). */
  w: number;
  h: number;
  /** Candidate corners lie on a grid of this many pixels, from (first, first). */
  step: number;
  first: number;
  /** Space kept around the box: an obstacle within it counts as covered. */
  margin: number;
  /** Space kept free below the lowest candidate (the attribution line). */
  bottom: number;
  heavy: readonly Box[];
  light: readonly Point[];
}

export interface InsetPlacement {
  x: number;
  y: number;
  score: number;
}

export const HEAVY_COST = 100;
const EDGE_WEIGHT = 0.01;

/**
 * The best corner for the inset, or null when no candidate fits the map. Ties go to the
 * first candidate in reading order (top row first, left to right).
 */
export function bestInsetPlacement(s: InsetSearch): InsetPlacement | null {
  const xMax = s.width - s.w - s.first;
  const yMax = s.height - s.h - s.bottom;
  if (xMax < s.first || yMax < s.first || s.step <= 0) return null;
  const nx = Math.floor((xMax - s.first) / s.step) + 1;
  const ny = Math.floor((yMax - s.first) / s.step) + 1;
  const stride = nx + 1;
  const diff = new Float64Array(stride * (ny + 1));

  // A candidate at x covers [x - margin, x + w + margin]; it meets [lo, hi] when
  // lo - w - margin <= x <= hi + margin. The same holds for y.
  const addRange = (lo: number, hi: number, extent: number, n: number): [number, number] | null => {
    const a = Math.max(0, Math.ceil((lo - extent - s.margin - s.first) / s.step));
    const b = Math.min(n - 1, Math.floor((hi + s.margin - s.first) / s.step));
    return a <= b ? [a, b] : null;
  };
  const penalise = (minX: number, minY: number, maxX: number, maxY: number, cost: number): void => {
    const xs = addRange(minX, maxX, s.w, nx);
    const ys = addRange(minY, maxY, s.h, ny);
    if (!xs || !ys) return;
    const [x0, x1] = xs;
    const [y0, y1] = ys;
    diff[y0 * stride + x0]! += cost;
    diff[y0 * stride + x1 + 1]! -= cost;
    diff[(y1 + 1) * stride + x0]! -= cost;
    diff[(y1 + 1) * stride + x1 + 1]! += cost;
  };
  for (const b of s.heavy) penalise(b.minX, b.minY, b.maxX, b.maxY, HEAVY_COST);
  for (const p of s.light) penalise(p.x, p.y, p.x, p.y, 1);

  // Prefix sums turn the difference array into each candidate's cost, row by row.
  let best: InsetPlacement | null = null;
  const above = new Float64Array(nx);
  for (let j = 0; j < ny; j++) {
    let run = 0;
    const y = s.first + j * s.step;
    for (let i = 0; i < nx; i++) {
      run += diff[j * stride + i]!;
      above[i]! += run;
      const x = s.first + i * s.step;
      const edge = Math.min(x, y, s.width - s.w - x, s.height - s.h - y) * EDGE_WEIGHT;
      const score = above[i]! + edge;
      if (!best || score < best.score) best = { x, y, score };
    }
  }
  return best;
}
