// Source address → origin (internal, or country and operator), with a bounded cache: real
// sensors repeat the same attackers many times, and a miss costs a tree walk in the country
// database plus a binary search in the ASN table (a few microseconds). The cache is two
// generations of maps: lookups touch at most two maps, an insertion never scans, and at most
// `capacity` addresses are held.
import type { GeoDatabase } from './geo-data.js';
import { lookupForm, parseIp, reservedKind } from './ip-address.js';

export interface Origin {
  /** Private, CGNAT, documentation or another special-purpose range: never a country. */
  readonly internal: boolean;
  /** ISO 3166-1 alpha-2 of the network, or null (internal, or not in the data). */
  readonly country: string | null;
  readonly asn: number | null;
}

export const INTERNAL_ORIGIN: Origin = Object.freeze({ internal: true, country: null, asn: null });
export const UNKNOWN_ORIGIN: Origin = Object.freeze({ internal: false, country: null, asn: null });

/** Addresses remembered in all (two generations of half each). ~150 bytes per address. */
export const ORIGIN_CACHE_MAX = 32_768;

export class OriginEnricher {
  private young = new Map<string, Origin>();
  private old = new Map<string, Origin>();
  private readonly half: number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly geo: GeoDatabase | null,
    readonly capacity: number = ORIGIN_CACHE_MAX,
  ) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  /** The origin of an address as a decoder let it through (a literal of at most 64 characters). */
  origin(ip: string): Origin {
    const young = this.young.get(ip);
    if (young !== undefined) {
      this.hits++;
      return young;
    }
    const old = this.old.get(ip);
    if (old !== undefined) {
      this.hits++;
      this.remember(ip, old);
      return old;
    }
    this.misses++;
    const found = this.resolve(ip);
    this.remember(ip, found);
    return found;
  }

  private remember(ip: string, origin: Origin): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(ip, origin);
  }

  private resolve(text: string): Origin {
    const parsed = parseIp(text);
    if (parsed === null) return UNKNOWN_ORIGIN;
    if (reservedKind(parsed) !== null) return INTERNAL_ORIGIN;
    if (this.geo === null) return UNKNOWN_ORIGIN;
    const ip = lookupForm(parsed);
    const country = this.geo.country(ip, text);
    const asn = this.geo.operator(ip)?.asn ?? null;
    return country === null && asn === null ? UNKNOWN_ORIGIN : { internal: false, country, asn };
  }

  /** Addresses held now (at most `capacity`). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  operatorName(asn: number): string | null {
    return this.geo?.operatorName(asn) ?? null;
  }

  get info() {
    return this.geo?.info ?? null;
  }
}
