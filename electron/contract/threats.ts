// Threat context in frames: where attacks come from (origins, by the network an address is
// registered to) and how far they have got (MITRE ATT&CK tactics, per site).
import type { TacticId } from './common/attack-tactics.js';
import type { Category, Severity } from './common/taxonomy.js';

export { ATTACK_TECHNIQUES_MAX, ORIGIN_ARCS_KEPT, ORIGIN_COUNTRIES_MAX, ORIGIN_OPERATORS_MAX, PROGRESSION_TACTICS } from './common/threat-bounds.js';

/** Events in the last hour and the last 24 hours (hour buckets: between 23 and 24 h). */
export interface HourDay {
  hour: number;
  day: number;
}

export interface CountryCount extends HourDay {
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface OperatorCount extends HourDay {
  asn: number;
  /** Organisation name from the ASN data (cut to 80 characters), or null. */
  name: string | null;
  /** Country of the operator's most recent address, or null. */
  country: string | null;
}

/** A line from an origin country to a targeted site, for a high or critical event. */
export interface OriginArc {
  /** Monotonic, stable across frames. */
  id: number;
  time: number;
  country: string;
  siteId: string;
  severity: Severity;
  category: Category;
}

/** Where the data came from, for the panel's attribution and README's refresh procedure. */
export interface GeoDataInfo {
  /** Build date (YYYY-MM-DD) of the country database, or null when none is loaded. */
  countryDate: string | null;
  asnDate: string | null;
  from: { country: 'data' | 'bundled' | 'missing'; asn: 'data' | 'bundled' | 'missing' };
  attribution: string;
  /** What could not be loaded (the wall runs without it). */
  problems: string[];
}

export interface OriginsFrame {
  /** Every country with events in the last 24 h, most in the last hour first. */
  countries: CountryCount[];
  /** The operators with most events in the last hour (then 24 h), domestic ones included. */
  operators: OperatorCount[];
  /** Events from private, CGNAT, documentation and other special-purpose addresses. */
  internal: HourDay;
  /** Events whose public address is in neither database. */
  unknown: HourDay;
  /** Snapshot: the newest arcs, newest first. Delta: the arcs new since the last frame. */
  arcs: OriginArc[];
  /** Null when the wall runs without IP databases. */
  data: GeoDataInfo | null;
}

export interface AttackSite {
  siteId: string;
  /** Per tactic, in ATTACK_TACTICS order (14): events in the last hour / 24 h. */
  hour: number[];
  day: number[];
  /** Distinct tactics seen in the last hour. */
  tacticsHour: number;
  /** tacticsHour ≥ PROGRESSION_TACTICS: a possible attack progressing through the stages. */
  progression: boolean;
}

export interface AttackFrame {
  /** Province-wide, one per tactic in kill-chain order (14). */
  tactics: ({ id: TacticId } & HourDay)[];
  /** Sites with a tactic in the last 24 h, progressions first, then by tactics in the hour. */
  sites: AttackSite[];
  /** Techniques with most events in the last hour (then 24 h). */
  techniques: ({ id: string } & HourDay)[];
  /** Events with tactics from the sensor's own tags / from the fallback mapping, last 24 h. */
  tagged: HourDay;
  mapped: HourDay;
}

/** In a snapshot always; in a delta only when it changed (at most once a second). */
export interface ThreatsFrame {
  origins: OriginsFrame;
  attack: AttackFrame;
}
