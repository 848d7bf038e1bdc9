// Folds decoded telemetry into the wall's state and builds frames from it.
// Per message: O(1) work. Per frame: bounded by the window sizes and the site count.
import type {
  CategoryCounts,
  Incident,
  IngestStats,
  LinkState,
  SecurityEvent,
  TimelineFrame,
  WallFrame,
} from '../../contract/index.js';
import { CATEGORIES, FRAME_VERSION, SEVERITY_RANK, categoryIndex } from '../../contract/index.js';
import type { DecodeResult } from '../telemetry/result.js';
import { CategoryRing } from './category-ring.js';
import { WALL_TIME_ZONE, wallDayKey, wallDayNumber, wallYear } from './calendar.js';
import { DedupWindow } from './dedup-window.js';
import { EndpointPostureTotals } from './endpoint-posture.js';
import { RateMeter } from './rate-meter.js';
import { DEFAULT_SITE_RULES, SiteStateTracker, type SiteRules } from './site-state-tracker.js';
import { SpaceSavingSketch } from './space-saving.js';

export const SECONDS_WINDOW = 3600;
export const MINUTES_WINDOW = 1440;
export const INCIDENTS_KEPT = 50;
export const TOP_N = 10;

export interface AggregatorOptions {
  siteIds: Iterable<string>;
  siteRules?: SiteRules;
  /** Capacity of the sketches behind the top lists (memory bound, accuracy). */
  sketchCapacity?: number;
  /** How many keyed messages are remembered to drop redeliveries. */
  dedupCapacity?: number;
  now?: () => number;
}

function zeroCounts(): CategoryCounts {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as CategoryCounts;
}

export class WallAggregator {
  private readonly seconds = new CategoryRing(SECONDS_WINDOW, 1);
  private readonly minutes = new CategoryRing(MINUTES_WINDOW, 60);
  private readonly today = new Float64Array(CATEGORIES.length);
  private readonly year = new Float64Array(CATEGORIES.length);
  private day: number;
  private yearNumber: number;
  readonly sites: SiteStateTracker;
  private readonly endpoints = new EndpointPostureTotals();
  private readonly topSignatures: SpaceSavingSketch;
  private readonly topSources: SpaceSavingSketch;
  private readonly dedup: DedupWindow;
  private readonly rate = new RateMeter(5);
  /** Newest incidents, oldest first, at most INCIDENTS_KEPT. */
  private readonly incidents: Incident[] = [];
  private nextIncidentId = 1;
  /** Incident id up to which deltas have been sent. */
  private sentIncidentId = 0;
  readonly kpi = new Map<string, { value: number; time: number }>();
  private readonly stats: IngestStats = {
    received: 0,
    accepted: 0,
    ignored: 0,
    rejected: 0,
    duplicates: 0,
    rejectedByReason: {},
    ignoredByType: {},
  };
  /** Events counted per category since start (Prometheus counter). */
  readonly eventsTotal = new Float64Array(CATEGORIES.length);
  private seq = 0;
  private lastSentSecond = Number.NEGATIVE_INFINITY;
  private lastSentMinute = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(options: AggregatorOptions) {
    this.now = options.now ?? Date.now;
    this.sites = new SiteStateTracker(options.siteIds, options.siteRules ?? DEFAULT_SITE_RULES);
    this.topSignatures = new SpaceSavingSketch(options.sketchCapacity ?? 256);
    this.topSources = new SpaceSavingSketch(options.sketchCapacity ?? 256);
    this.dedup = new DedupWindow(options.dedupCapacity ?? 100_000);
    const t = this.now();
    this.day = wallDayNumber(t);
    this.yearNumber = wallYear(t);
  }

  /** Applies one decoded message. Never throws for any DecodeResult. */
  apply(result: DecodeResult, receivedAt: number): void {
    this.stats.received++;
    switch (result.kind) {
      case 'event': {
        if (result.dedupKey !== null && this.dedup.isDuplicate(result.dedupKey)) {
          this.stats.duplicates++;
          return;
        }
        this.stats.accepted++;
        this.applyEvent(result.event, receivedAt);
        return;
      }
      case 'heartbeat':
        this.stats.accepted++;
        this.sites.recordSensorSeen(result.siteId, result.sensorId, receivedAt);
        return;
      case 'endpoints':
        this.stats.accepted++;
        this.endpoints.report(result.siteId, result, result.time);
        return;
      case 'kpi':
        this.stats.accepted++;
        this.kpi.set(result.name, { value: result.value, time: result.time });
        return;
      case 'ignored':
        this.stats.ignored++;
        this.stats.ignoredByType[result.type] = (this.stats.ignoredByType[result.type] ?? 0) + 1;
        return;
      case 'rejected':
        this.countRejected(result.reason);
        return;
    }
  }

  /** Counts a message rejected before decoding (e.g. by the ingest layer). */
  countRejected(reason: string): void {
    this.stats.rejected++;
    this.stats.rejectedByReason[reason] = (this.stats.rejectedByReason[reason] ?? 0) + 1;
  }

  private applyEvent(event: SecurityEvent, receivedAt: number): void {
    const c = categoryIndex(event.category);
    const n = event.count;
    // An event slightly ahead of our clock is drawn at "now", not in a future bucket.
    const t = event.time > receivedAt ? receivedAt : event.time;
    this.seconds.add(t, c, n);
    this.minutes.add(t, c, n);
    this.rollover(receivedAt);
    if (wallDayNumber(t) === this.day) this.today[c]! += n;
    if (wallYear(t) === this.yearNumber) this.year[c]! += n;
    this.eventsTotal[c]! += n;
    this.rate.add(receivedAt, n);
    this.sites.recordEvent(event, receivedAt);
    if (event.signature !== null) this.topSignatures.add(event.signature, n);
    if (event.srcIp !== null) this.topSources.add(event.srcIp, n);
    if (SEVERITY_RANK[event.severity] >= SEVERITY_RANK.high) {
      this.incidents.push({
        id: this.nextIncidentId++,
        time: event.time,
        siteId: event.siteId,
        sensorId: event.sensorId,
        category: event.category,
        severity: event.severity,
        signature: event.signature,
        srcIp: event.srcIp,
        destIp: event.destIp,
        action: event.action,
      });
      if (this.incidents.length > INCIDENTS_KEPT) this.incidents.shift();
    }
  }

  /** Starts a new day / year when the wall's calendar moves on. */
  private rollover(now: number): void {
    const d = wallDayNumber(now);
    if (d === this.day) return;
    this.day = d;
    this.today.fill(0);
    const y = wallYear(now);
    if (y !== this.yearNumber) {
      this.yearNumber = y;
      this.year.fill(0);
    }
  }

  private counts(arr: Float64Array): CategoryCounts {
    const out = zeroCounts();
    CATEGORIES.forEach((cat, i) => (out[cat] = arr[i]!));
    return out;
  }

  ingestStats(): IngestStats {
    return {
      ...this.stats,
      rejectedByReason: { ...this.stats.rejectedByReason },
      ignoredByType: { ...this.stats.ignoredByType },
    };
  }

  get frameSeq(): number {
    return this.seq;
  }

  /**
   * A full frame. Does not consume the delta bookkeeping, so a window can ask for a
   * snapshot at any time; its `seq` is the last delta's, and the next delta follows it.
   */
  snapshot(link: LinkState): WallFrame {
    const now = this.now();
    this.rollover(now);
    const timeline: TimelineFrame = {
      seconds: this.seconds.snapshot(this.seconds.bucketOf(now)),
      minutes: this.minutes.snapshot(this.minutes.bucketOf(now)),
    };
    return this.frame('snapshot', now, link, timeline, this.sites.peekAll(now), [...this.incidents].reverse());
  }

  /** The next delta frame: what changed since the previous delta. */
  delta(link: LinkState): WallFrame {
    const now = this.now();
    this.rollover(now);
    this.seq++;
    const sNow = this.seconds.bucketOf(now);
    const mNow = this.minutes.bucketOf(now);
    const timeline: TimelineFrame = {
      seconds: this.seconds.delta(sNow, this.lastSentSecond),
      minutes: this.minutes.delta(mNow, this.lastSentMinute),
    };
    this.lastSentSecond = sNow;
    this.lastSentMinute = mNow;
    const fresh: Incident[] = [];
    for (let i = this.incidents.length - 1; i >= 0 && this.incidents[i]!.id > this.sentIncidentId; i--) {
      fresh.push(this.incidents[i]!);
    }
    this.sentIncidentId = this.nextIncidentId - 1;
    return this.frame('delta', now, link, timeline, this.sites.changed(now), fresh);
  }

  private frame(
    kind: WallFrame['kind'],
    now: number,
    link: LinkState,
    timeline: TimelineFrame,
    sites: WallFrame['sites'],
    incidents: Incident[],
  ): WallFrame {
    return {
      v: FRAME_VERSION,
      kind,
      seq: this.seq,
      at: now,
      timeZone: WALL_TIME_ZONE,
      link,
      eventsPerSecond: this.rate.perSecond(now),
      counters: {
        day: wallDayKey(this.day),
        year: this.yearNumber,
        today: this.counts(this.today),
        thisYear: this.counts(this.year),
      },
      timeline,
      sites,
      incidents,
      top: { signatures: this.topSignatures.top(TOP_N), sources: this.topSources.top(TOP_N) },
      endpoints: this.endpoints.totals(),
      ingest: this.ingestStats(),
    };
  }
}
