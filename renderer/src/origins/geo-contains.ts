// Is a point inside a country's outline? Planar even-odd ray casting in longitude/latitude,
// enough for land outlines that do not cross the antimeridian or a pole (world-atlas cuts its
// rings at ±180°). A point exactly on an edge may fall either way. Pure: no DOM, no ECharts.
import type { Geometry, Position } from 'geojson';

/** [longitude, latitude], degrees. */
export type Point = readonly [lon: number, lat: number];

/** Even-odd test against one ring (closed or not). */
export function pointInRing(point: Point, ring: readonly Position[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** One polygon: even-odd over all its rings, so a point in a hole (a lake, an enclave) is outside. */
export function pointInPolygon(point: Point, rings: readonly (readonly Position[])[]): boolean {
  let inside = false;
  for (const ring of rings) if (pointInRing(point, ring)) inside = !inside;
  return inside;
}

/** A Polygon, or a MultiPolygon (inside any of its polygons); other geometries contain nothing. */
export function pointInGeometry(point: Point, geometry: Geometry): boolean {
  if (geometry.type === 'Polygon') return pointInPolygon(point, geometry.coordinates);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.some((polygon) => pointInPolygon(point, polygon));
  return false;
}
