// The aggregator's state as the journal keeps it: its shape, its version, and the check of a
// saved state before anything is imported (a StateError names the first bad field; the
// journal then sets the file aside and the wall starts clean).
import type { Incident, IngestStats } from '../../contract/index.js';
import { CATEGORIES, SEVERITY_RANK } from '../../contract/index.js';
import { CategoryRing, type CategoryRingState } from './category-ring.js';
import { DedupWindow } from './dedup-window.js';
import { EndpointPostureTotals, type EndpointPostureState } from './endpoint-posture.js';
import { RateMeter, type RateMeterState } from './rate-meter.js';
import { SiteStateTracker, type SiteRecordState } from './site-state-tracker.js';
import { SpaceSavingSketch, type SpaceSavingState } from './space-saving.js';
import { StateError, arr, count, countArray, countRecord, int, nonNegInt, num, numOrNull, obj, str, strArray, strOrNull } from './state-codec.js';

/** Version of the exported state's shape (the journal file has its own format version). */
export const AGGREGATOR_STATE_VERSION = 1;

/**
 * The whole aggregator as a plain JSON value: number arrays for the rings, arrays of rows
 * for the maps. Per-category arrays follow `categories` (the order when saved), so a
 * category added in a later version starts at zero instead of invalidating the journal.
 */
export interface AggregatorState {
  v: typeof AGGREGATOR_STATE_VERSION;
  /** Epoch ms of the export (the wall's clock). */
  savedAt: number;
  categories: string[];
  /** Wall day number (days since 1970-01-01, Asia/Ho_Chi_Minh) and year of the counters. */
  day: number;
  year: number;
  today: number[];
  thisYear: number[];
  eventsTotal: number[];
  seconds: CategoryRingState;
  minutes: CategoryRingState;
  sites: SiteRecordState[];
  endpoints: EndpointPostureState;
  topSignatures: SpaceSavingState;
  topSources: SpaceSavingState;
  /** Newest dedup keys, oldest first. */
  dedup: string[];
  rate: RateMeterState;
  /** Oldest first. */
  incidents: Incident[];
  nextIncidentId: number;
  /** `[name, value, time]`. */
  kpi: [string, number, number][];
  stats: IngestStats;
  /** Identities refused at a bound, by reason (absent in states saved before the bounds). */
  refused?: Record<string, number>;
  seq: number;
  /** Newest receive time of an applied message, or null. */
  lastReceivedAt: number | null;
  /** The alarm book (checked on import by parseAlarmBookState; absent in states saved before alarms). */
  alarms?: unknown;
  /** Per-shift tallies (checked on import by parseShiftTallyState; absent in older states). */
  shiftTallies?: unknown;
  /** Ended sensor outages (checked on import by parseSensorOutages; absent in older states). */
  sensorOutages?: unknown;
  /** Origins and ATT&CK tallies (checked on import by ThreatTracker.parseState; absent in older states). */
  threats?: unknown;
  /** The watch on silent sources (checked on import by SourceWatch.parseState; absent in older states). */
  watch?: unknown;
}

export interface ExportOptions {
  /** How many of the newest dedup keys to keep (default 20,000). */
  dedupKeys?: number;
}

/**
 * Checks a saved state without touching the aggregator. Throws StateError naming the
 * first bad field (the journal then sets the file aside and the wall starts clean).
 */
export function parseAggregatorState(x: unknown): AggregatorState {
  const o = obj(x, 'state');
  if (o.v !== AGGREGATOR_STATE_VERSION) throw new StateError('state.v', `version ${AGGREGATOR_STATE_VERSION}, got ${JSON.stringify(o.v)}`);
  const categories = strArray(o.categories, 'state.categories', 64);
  const nCat = categories.length;
  const stats = obj(o.stats, 'state.stats');
  return {
    v: AGGREGATOR_STATE_VERSION,
    savedAt: num(o.savedAt, 'state.savedAt'),
    categories,
    day: int(o.day, 'state.day'),
    year: int(o.year, 'state.year'),
    today: countArray(o.today, 'state.today', nCat),
    thisYear: countArray(o.thisYear, 'state.thisYear', nCat),
    eventsTotal: countArray(o.eventsTotal, 'state.eventsTotal', nCat),
    seconds: CategoryRing.parseState(o.seconds, 'state.seconds', nCat),
    minutes: CategoryRing.parseState(o.minutes, 'state.minutes', nCat),
    sites: SiteStateTracker.parseState(o.sites, 'state.sites'),
    endpoints: EndpointPostureTotals.parseState(o.endpoints, 'state.endpoints'),
    topSignatures: SpaceSavingSketch.parseState(o.topSignatures, 'state.topSignatures'),
    topSources: SpaceSavingSketch.parseState(o.topSources, 'state.topSources'),
    dedup: DedupWindow.parseState(o.dedup, 'state.dedup'),
    rate: RateMeter.parseState(o.rate, 'state.rate'),
    incidents: arr(o.incidents, 'state.incidents').map((x, i) => parseIncident(x, `state.incidents[${i}]`)),
    nextIncidentId: nonNegInt(o.nextIncidentId, 'state.nextIncidentId'),
    kpi: arr(o.kpi, 'state.kpi').map((row, i) => {
      const r = arr(row, `state.kpi[${i}]`, 3);
      return [str(r[0], `state.kpi[${i}]`, 256), num(r[1], `state.kpi[${i}]`), num(r[2], `state.kpi[${i}]`)] as [string, number, number];
    }),
    stats: {
      received: count(stats.received, 'state.stats.received'),
      accepted: count(stats.accepted, 'state.stats.accepted'),
      ignored: count(stats.ignored, 'state.stats.ignored'),
      rejected: count(stats.rejected, 'state.stats.rejected'),
      duplicates: count(stats.duplicates, 'state.stats.duplicates'),
      rejectedByReason: countRecord(stats.rejectedByReason, 'state.stats.rejectedByReason'),
      ignoredByType: countRecord(stats.ignoredByType, 'state.stats.ignoredByType'),
    },
    ...(o.refused === undefined ? {} : { refused: countRecord(o.refused, 'state.refused', 16) }),
    seq: nonNegInt(o.seq, 'state.seq'),
    lastReceivedAt: numOrNull(o.lastReceivedAt, 'state.lastReceivedAt'),
    ...(o.alarms === undefined ? {} : { alarms: o.alarms }),
    ...(o.shiftTallies === undefined ? {} : { shiftTallies: o.shiftTallies }),
    ...(o.sensorOutages === undefined ? {} : { sensorOutages: o.sensorOutages }),
    ...(o.threats === undefined ? {} : { threats: o.threats }),
    ...(o.watch === undefined ? {} : { watch: o.watch }),
  };
}

const SEVERITY_NAMES: readonly string[] = Object.keys(SEVERITY_RANK);

function parseIncident(x: unknown, path: string): Incident {
  const o = obj(x, path);
  const category = str(o.category, `${path}.category`, 32);
  const severity = str(o.severity, `${path}.severity`, 32);
  if (!(CATEGORIES as readonly string[]).includes(category)) throw new StateError(`${path}.category`, 'a known category');
  if (!SEVERITY_NAMES.includes(severity)) throw new StateError(`${path}.severity`, 'a known severity');
  return {
    id: nonNegInt(o.id, `${path}.id`),
    time: num(o.time, `${path}.time`),
    siteId: str(o.siteId, `${path}.siteId`, 256),
    sensorId: str(o.sensorId, `${path}.sensorId`, 256),
    category: category as Incident['category'],
    severity: severity as Incident['severity'],
    signature: strOrNull(o.signature, `${path}.signature`),
    srcIp: strOrNull(o.srcIp, `${path}.srcIp`, 256),
    destIp: strOrNull(o.destIp, `${path}.destIp`, 256),
    action: str(o.action, `${path}.action`, 32),
  };
}
