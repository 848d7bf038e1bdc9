// Pure parts of the origins panel: the log-scale shading of countries and its legend, the
// point an arc leaves a country from, and how an arc fades. No DOM, no ECharts (unit-tested).
import type { Geometry, Position } from 'geojson';

/** Land with no events, and the ramp from few to many (dark background, brightening with count). */
export const LAND_COLOUR = '#1f2b3d';
export const RAMP: readonly string[] = ['#2f557a', '#3f7fa6', '#d9a520', '#f07a26', '#ff4433'];

function hex(c: string): [number, number, number] {
  const n = Number.parseInt(c.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, t: number): string {
  const [ar, ag, ab] = hex(a);
  const [br, bg, bb] = hex(b);
  const ch = (x: number, y: number) => Math.round(x + (y - x) * t).toString(16).padStart(2, '0');
  return `#${ch(ar, br)}${ch(ag, bg)}${ch(ab, bb)}`;
}

/** Position 0–1 of a count on a log scale whose top is `max` (1 event → 0, max → 1). */
export function logPosition(count: number, max: number): number {
  if (count <= 0 || max <= 1) return count > 0 ? 1 : 0;
  return Math.min(1, Math.log10(count) / Math.log10(max));
}

/** The fill of a country with `count` events when the busiest has `max`. */
export function shade(count: number, max: number): string {
  if (count <= 0) return LAND_COLOUR;
  const p = logPosition(count, max) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(p));
  return mix(RAMP[i]!, RAMP[i + 1]!, p - i);
}

/**
 * Legend ticks: 1, the powers of ten between, and the top itself (numbers a wall can read), each
 * at least `gap` of the bar's width from the next so their labels never touch.
 */
export function legendTicks(max: number, gap = 0.3): { value: number; at: number }[] {
  if (max <= 0) return [];
  const ticks: { value: number; at: number }[] = [{ value: 1, at: 0 }];
  for (let v = 10; v < max; v *= 10) {
    const at = logPosition(v, max);
    if (at - ticks[ticks.length - 1]!.at >= gap && 1 - at >= gap) ticks.push({ value: v, at });
  }
  if (max > 1) ticks.push({ value: max, at: 1 });
  return ticks;
}

/** The CSS gradient of the legend bar (the ramp, left to right). */
export function legendGradient(): string {
  return `linear-gradient(to right, ${RAMP.map((c, i) => `${c} ${Math.round((i / (RAMP.length - 1)) * 100)}%`).join(', ')})`;
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! * ring[i]![1]!) - (ring[i]![0]! * ring[j]![1]!);
  return a / 2;
}

function ringCentroid(ring: Position[]): [number, number] {
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
    cx += (ring[j]![0]! + ring[i]![0]!) * f;
    cy += (ring[j]![1]! + ring[i]![1]!) * f;
    a += f;
  }
  if (Math.abs(a) < 1e-12) return [ring[0]![0]!, ring[0]![1]!];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Where arcs leave a country: the centroid of its largest polygon (the mainland, not an island). */
export function arcOrigin(geometry: Geometry): [number, number] | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  let best: Position[] | null = null;
  let bestArea = 0;
  for (const p of polygons) {
    const outer = p[0];
    if (!outer) continue;
    const area = Math.abs(ringArea(outer));
    if (area > bestArea) {
      bestArea = area;
      best = outer;
    }
  }
  return best ? ringCentroid(best) : null;
}

/** Arcs are drawn this long after their event, fading out. */
export const ARC_VISIBLE_MS = 10 * 60_000;

/** Opacity of an arc `ageMs` old: full when new, down to 0.25, then gone (null). */
export function arcOpacity(ageMs: number): number | null {
  if (ageMs >= ARC_VISIBLE_MS) return null;
  const t = Math.max(0, ageMs) / ARC_VISIBLE_MS;
  return 1 - 0.75 * t;
}
