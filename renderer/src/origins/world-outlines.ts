// The world map of the attack-origins panel: Natural Earth 1:50m countries (world-atlas 2.0.2),
// one feature per ISO 3166-1 alpha-2 code, as GeoJSON for `echarts.registerMap` (ECharts
// matches regions by `properties.name`, here the alpha-2 code). Quần đảo Hoàng Sa and Quần đảo
// Trường Sa are part of Viet Nam's feature, so shading Viet Nam shades them too; Antarctica is left
// out (it would take a third of a wall's height). Pure: no DOM, no ECharts (unit-tested in Node).
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-50m.json';
import { FEATURE_SPLITS, alpha2ForFeature } from './country-codes.js';
import { VIETNAM_ARCHIPELAGOS, type Archipelago, type LonLat } from './vietnam-archipelagos.js';

export type CountryGeometry = Polygon | MultiPolygon;
export type CountryFeature = Feature<CountryGeometry, { name: string }>;
export type WorldGeoJson = FeatureCollection<CountryGeometry, { name: string }>;
type Topology = Parameters<typeof feature>[0];
/** [west, south, east, north], degrees. */
type Extent = readonly [west: number, south: number, east: number, north: number];

export const VIET_NAM = 'VN';
/** Codes left off the map. */
export const DROPPED_CODES: readonly string[] = ['AQ'];
/** Features with no country code are named `NE:<Natural Earth name>` and drawn unshaded. */
export const UNCODED_PREFIX = 'NE:';

/**
 * The extents of the two archipelagos ([west, south, east, north], degrees). A polygon of any
 * other feature lying wholly inside one is removed: Natural Earth's 1:10m file draws the Paracels
 * inside China and the Spratlys as a feature of their own. The 1:50m file has no such polygon, so
 * this removes nothing today; it keeps a change of data source from handing the islands to
 * another country. Hoàng Sa: 15°45′–17°15′ N, 111°–113° E (its Vietnamese definition), padded by
 * a quarter degree. Trường Sa: Trường Sa district's 6°50′–12° N from 111°30′ E (padded west), but only to 116° E
 * so that no Philippine or Malaysian coastal island (Balabac, Banggi: east of 116.9° E) is touched.
 */
export const ARCHIPELAGO_EXTENTS: Readonly<Record<Archipelago['id'], Extent>> = {
  'hoang-sa': [110.75, 15.5, 113.25, 17.5],
  'truong-sa': [111.25, 6.8, 116.0, 12.0],
};

/** What the panel needs to write the archipelagos' names on the map. */
export interface ArchipelagoLabel {
  id: Archipelago['id'];
  label: { vi: string; en: string };
  anchor: LonLat;
}

export const ARCHIPELAGO_LABELS: readonly ArchipelagoLabel[] = VIETNAM_ARCHIPELAGOS.map(({ id, label, anchor }) => ({ id, label, anchor }));

type Groups = Map<string, Position[][][]>;

/**
 * world-atlas quantises to 0.0036° of longitude by 0.0017° of latitude; decoding leaves 15-digit
 * floats. Four decimals (11 m) keep every point distinct and halve the JSON.
 */
function rounded(polygons: Position[][][]): Position[][][] {
  // In place: topojson-client's output is fresh arrays that nothing else holds.
  for (const polygon of polygons) for (const ring of polygon) for (const point of ring) for (let i = 0; i < point.length; i++) point[i] = Math.round(point[i]! * 1e4) / 1e4;
  return polygons;
}

function add(groups: Groups, code: string, polygons: Position[][][]): void {
  const list = groups.get(code);
  if (list) list.push(...polygons);
  else groups.set(code, [...polygons]);
}

/** world-atlas's countries, grouped by alpha-2 code (merged where several features share one). */
export function countryPolygons(topology: Topology): Groups {
  const countries = topology.objects['countries'];
  if (countries?.type !== 'GeometryCollection') throw new Error('world-atlas: the topology has no "countries" GeometryCollection');
  const groups: Groups = new Map();
  for (const f of feature(topology, countries).features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue; // world-atlas has only these
    const raw: unknown = f.properties?.['name'];
    const name = typeof raw === 'string' ? raw : String(f.id ?? '?');
    const polygons = rounded(g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
    const split = Object.hasOwn(FEATURE_SPLITS, name) ? FEATURE_SPLITS[name] : undefined;
    if (split) {
      for (const polygon of polygons) {
        const lon = polygon[0]?.[0]?.[0] ?? Number.NaN;
        add(groups, split.find((s) => lon >= s.west && lon < s.east)?.alpha2 ?? `${UNCODED_PREFIX}${name}`, [polygon]);
      }
      continue;
    }
    const code = alpha2ForFeature(f.id, name) ?? `${UNCODED_PREFIX}${name}`;
    if (!DROPPED_CODES.includes(code)) add(groups, code, polygons);
  }
  return groups;
}

function insideExtent(ring: readonly Position[] | undefined, [west, south, east, north]: Extent): boolean {
  return !!ring && ring.length > 0 && ring.every(([lon = Number.NaN, lat = Number.NaN]) => lon >= west && lon <= east && lat >= south && lat <= north);
}

/**
 * Removes from every feature but Viet Nam's the polygons lying wholly inside an archipelago's
 * extent (a feature left with none goes); returns what it removed, e.g. ['CN: 7 polygons'].
 */
export function dropForeignClaims(groups: Groups): string[] {
  const extents = Object.values(ARCHIPELAGO_EXTENTS);
  const removed: string[] = [];
  for (const [code, polygons] of groups) {
    if (code === VIET_NAM) continue;
    const kept = polygons.filter((p) => !extents.some((extent) => insideExtent(p[0], extent)));
    if (kept.length === polygons.length) continue;
    removed.push(`${code}: ${polygons.length - kept.length} polygon${polygons.length - kept.length === 1 ? '' : 's'}`);
    if (kept.length > 0) groups.set(code, kept);
    else groups.delete(code);
  }
  return removed;
}

/** The map from a world-atlas topology (any of its scales), uncached. */
export function worldGeoJsonFrom(topology: Topology, archipelagos: readonly Archipelago[] = VIETNAM_ARCHIPELAGOS): WorldGeoJson {
  const groups = countryPolygons(topology);
  dropForeignClaims(groups);
  const vietNam = groups.get(VIET_NAM);
  if (!vietNam) throw new Error('world-atlas: no feature for Viet Nam (704)');
  // Copies: the output may be handed to ECharts, which must not reach back into the constants.
  for (const a of archipelagos) vietNam.push(...a.polygons.map((polygon) => polygon.map((ring) => ring.map((point) => [...point]))));
  const features: CountryFeature[] = [...groups].map(([name, polygons]) => ({
    type: 'Feature',
    id: name,
    properties: { name },
    geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons },
  }));
  return { type: 'FeatureCollection', features };
}

let built: WorldGeoJson | null = null;

/** The panel's world map, built once (about 240 features). Treat it as read-only: it is shared. */
export function buildWorldGeoJson(): WorldGeoJson {
  built ??= worldGeoJsonFrom(world);
  return built;
}
