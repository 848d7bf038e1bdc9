// The province's bundled data (imported by Vite: no runtime fetch). Another province is a file swap.
import type { FeatureCollection } from 'geojson';
import sitesFile from '../../../resources/kien-giang/sites.json';
import provinceFile from '../../../resources/kien-giang/province.geo.json';
import neighboursFile from '../../../resources/kien-giang/neighbours.geo.json';
import districtsFile from '../../../resources/kien-giang/districts/districts.geo.json';

export interface CatalogueSite {
  id: string;
  name_vi: string;
  name_en: string;
  short_name_vi: string;
  short_name_en: string;
  lat: number;
  lon: number;
  tier: 'province' | 'district' | 'commune';
  parent_district: string;
  kind: string;
}

export const SITES: readonly CatalogueSite[] = (sitesFile as unknown as { sites: CatalogueSite[] }).sites;
export const SITE_BY_ID: ReadonlyMap<string, CatalogueSite> = new Map(SITES.map((s) => [s.id, s]));

export const PROVINCE = provinceFile as unknown as FeatureCollection;
export const NEIGHBOURS = neighboursFile as unknown as FeatureCollection;
export const DISTRICTS = districtsFile as unknown as FeatureCollection;

/** Site whose position anchors the dense capital cluster (from the province file). */
const capitalId = String((PROVINCE.features[0]?.properties as Record<string, unknown> | null)?.['capital_site_id'] ?? '');

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 6371;
  const dLat = ((b.lat - a.lat) * Math.PI) / 180;
  const dLon = ((b.lon - a.lon) * Math.PI) / 180;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

/** Sites within 3 km of the provincial capital: drawn as one badge at province zoom, individually in the inset. */
export const CLUSTER_RADIUS_KM = 3;
const capital = SITE_BY_ID.get(capitalId);
export const CLUSTER_IDS: ReadonlySet<string> = new Set(
  capital ? SITES.filter((s) => distanceKm(s, capital) <= CLUSTER_RADIUS_KM).map((s) => s.id) : [],
);
/** The district-level site that names the cluster (its permanent label). */
export const CLUSTER_LABEL_SITE = SITES.find((s) => CLUSTER_IDS.has(s.id) && s.tier === 'district') ?? capital;

/** The site's short name in the wall's language (the id when the catalogue does not know it). */
export function siteShortName(id: string, lang = 'vi'): string {
  const s = SITE_BY_ID.get(id);
  if (!s) return id;
  return lang === 'en' ? s.short_name_en : s.short_name_vi;
}

export function siteName(id: string, lang: string): string {
  const s = SITE_BY_ID.get(id);
  if (!s) return id;
  return lang === 'en' ? s.name_en : s.name_vi;
}
