// Locates the bundled data folder (`resources/`) from the dev tree, the built main bundle
// or a packaged app, and reads the province's site catalogue from it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.SOCWALL_RESOURCES;
  if (fromEnv) return (cached = resolve(fromEnv));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'category-map.json'))) return (cached = candidate);
    dir = dirname(dir);
  }
  throw new Error('SOC Wall cannot find its resources folder (category-map.json). Set SOCWALL_RESOURCES to it.');
}

export function readResourceJson(relativePath: string): unknown {
  const file = join(resourcesDir(), relativePath);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`Cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export interface CatalogueSite {
  id: string;
  name_vi: string;
  short_name_vi: string;
  /** English short name, for the wall in English (the full name does not fit a label). */
  short_name_en: string;
  name_en: string;
  kind: string;
  tier: 'province' | 'district' | 'commune';
  parent_district: string;
  lat: number;
  lon: number;
  /** Decree 85 security level (1–5) of the site's systems: its criticality for alarm priorities. */
  security_level?: number;
}

/** The site catalogue (default: Kiên Giang). Another province is another file. */
export function loadSiteCatalogue(relativePath = 'kien-giang/sites.json'): CatalogueSite[] {
  const json = readResourceJson(relativePath) as { sites?: unknown };
  if (!Array.isArray(json.sites)) throw new Error(`${relativePath}: expected a "sites" array`);
  const sites = json.sites as CatalogueSite[];
  for (const [i, s] of sites.entries()) {
    if (typeof s.id !== 'string' || typeof s.lat !== 'number' || typeof s.lon !== 'number') {
      throw new Error(`${relativePath}: site #${i} needs a string id and numeric lat/lon`);
    }
    const level = s.security_level;
    if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 5)) {
      throw new Error(`${relativePath}: site "${s.id}" has security_level ${JSON.stringify(level)}; a Decree 85 level is 1 to 5`);
    }
  }
  return sites;
}

/** Each site's Decree 85 level, where the catalogue gives one (the alarm book's criticality). */
export function siteLevelsOf(sites: readonly CatalogueSite[]): Map<string, number> {
  return new Map(sites.flatMap((s) => (s.security_level !== undefined ? [[s.id, s.security_level] as const] : [])));
}
