// Outlines that cross the antimeridian (Russia's Chukotka, Fiji) arrive from TopoJSON with
// longitudes past ±180 so that each ring stays continuous: a spherical renderer (d3-geo) clips
// them, a planar one (ECharts' geo) draws a stroke across the whole world. Each polygon is cut
// at ±180 into the part inside [-180, 180] and the part beyond, shifted back by 360°.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];

/** Sutherland–Hodgman against one vertical line: keeps the side where `inside(x)`. */
function clipRing(ring: Ring, edge: number, keepBelow: boolean): Ring {
  const inside = (p: Position) => (keepBelow ? p[0]! <= edge : p[0]! >= edge);
  const cross = (a: Position, b: Position): Position => {
    const t = (edge - a[0]!) / (b[0]! - a[0]!);
    return [edge, a[1]! + t * (b[1]! - a[1]!)];
  };
  const out: Ring = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const cur = ring[i]!;
    const prev = ring[(i + n - 1) % n]!;
    if (inside(cur)) {
      if (!inside(prev)) out.push(cross(prev, cur));
      out.push(cur);
    } else if (inside(prev)) out.push(cross(prev, cur));
  }
  if (out.length > 0) out.push(out[0]!);
  return out.length >= 4 ? out : [];
}

function shift(ring: Ring, dx: number): Ring {
  return ring.map((p) => [p[0]! + dx, p[1]!]);
}

/** A ring made continuous: a step of more than 180° in longitude is a jump across ±180. */
function unwrap(ring: Ring): Ring {
  let offset = 0;
  let prev = ring[0]?.[0] ?? 0;
  return ring.map((p, i) => {
    if (i > 0) {
      const step = p[0]! - prev;
      if (step > 180) offset -= 360;
      else if (step < -180) offset += 360;
    }
    prev = p[0]!;
    return offset === 0 ? p : [p[0]! + offset, p[1]!];
  });
}

/** One polygon (outer ring + holes) as the polygons it becomes inside [-180, 180]. */
export function cutPolygon(input: Ring[]): Ring[][] {
  const rings = input.map(unwrap);
  let min = Infinity;
  let max = -Infinity;
  for (const p of rings[0] ?? []) {
    if (p[0]! < min) min = p[0]!;
    if (p[0]! > max) max = p[0]!;
  }
  if (min >= -180 && max <= 180) return [rings];
  const parts: Ring[][] = [];
  for (const [edge, keepBelow, dx] of [[180, true, 0], [180, false, -360], [-180, false, 0], [-180, true, 360]] as const) {
    if ((keepBelow && min > edge) || (!keepBelow && max < edge)) continue;
    const outer = clipRing(rings[0]!, edge, keepBelow);
    if (outer.length === 0) continue;
    // A part that is the whole polygon on the inner side of this edge stays as it is.
    const holes = rings.slice(1).map((h) => clipRing(h, edge, keepBelow)).filter((h) => h.length > 0);
    parts.push([outer, ...holes].map((r) => (dx === 0 ? r : shift(r, dx))));
  }
  // Keep only parts inside the world (the inner part of the +180 cut may still reach past -180).
  return parts.filter((p) => p[0]!.every((q) => q[0]! >= -180.0001 && q[0]! <= 180.0001));
}

export function cutAtAntimeridian<P>(fc: FeatureCollection<Polygon | MultiPolygon, P>): FeatureCollection<Polygon | MultiPolygon, P> {
  const features = fc.features.map((f): Feature<Polygon | MultiPolygon, P> => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const cut = polygons.flatMap((p) => cutPolygon(p));
    return { ...f, geometry: cut.length === 1 ? { type: 'Polygon', coordinates: cut[0]! } : { type: 'MultiPolygon', coordinates: cut } };
  });
  return { ...fc, features };
}
