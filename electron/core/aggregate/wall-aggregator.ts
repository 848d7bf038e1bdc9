// Folds decoded telemetry into the wall's state: O(1) work per message. Frames are built from
// it by frames/frame-builder.ts; its saved form and the check of one are in aggregator-state.ts.
import type { CategoryCounts, DeltaFrame, Incident, IngestStats, KpiValue, LinkState, SecurityEvent, SnapshotFrame } from '../../contract/index.js';
import { CATEGORIES, SEVERITY_RANK, categoryIndex } from '../../contract/index.js';
import { AlarmBook, MAX_LIVE_ALARMS, type AlarmBookOptions } from '../alarms/alarm-book.js';
import { compileAlarmRules } from '../alarms/alarm-rules.js';
import { FrameBuilder, type FrameSource } from '../frames/frame-builder.js';
import { calendarDayWindow, parseShiftTallyState, ShiftTallies, type ShiftWindow } from '../reports/shift-tally.js';
import type { DecodeResult } from '../telemetry/result.js';
import { CategoryRing } from './category-ring.js';
import { wallDayKey, wallDayNumber, wallYear, wallYearStart } from './calendar.js';
import { DEDUP_KEYS_SAVED, DedupWindow } from './dedup-window.js';
import { EndpointPostureTotals } from './endpoint-posture.js';
import { RateMeter } from './rate-meter.js';
import { DEFAULT_SITE_RULES, SiteStateTracker, parseSensorOutages, type SiteRules } from './site-state-tracker.js';
import { SpaceSavingSketch } from './space-saving.js';
import type { AttackMapper } from '../attack/attack-map.js';
import type { OriginEnricher } from '../origins/origin-enricher.js';
import { ThreatTracker } from '../threats/threat-tracker.js';
import { parseAlarmBookState } from '../alarms/alarm-book-state.js';
import { AGGREGATOR_STATE_VERSION, parseAggregatorState, type AggregatorState, type ExportOptions } from './aggregator-state.js';
import { stateBounds, type LimitReason, type StateBounds } from './state-bounds.js';
import { SourceWatch } from '../watch/source-watch.js';
import { compileWatchRules, type CompiledWatchRules } from '../watch/watch-rules.js';

export const SECONDS_WINDOW = 3600;
export const MINUTES_WINDOW = 1440;
export const INCIDENTS_KEPT = 50;

/** The aggregator's bounded structures (occupancy()). */
export type BoundedStructure = 'dedupKeys' | 'incidents' | 'topSignatures' | 'topSources' | 'sites' | 'sensors' | 'kpiNames' | 'alarms';

export interface AggregatorOptions {
  siteIds: Iterable<string>;
  siteRules?: SiteRules;
  /** Capacity of the sketches behind the top lists (memory bound, accuracy). */
  sketchCapacity?: number;
  /** How many keyed messages are remembered to drop redeliveries. */
  dedupCapacity?: number;
  /** How many sites, sensors and KPI names the wire may create (state-bounds.ts). */
  bounds?: Partial<StateBounds>;
  /** Alarm rules, site criticality and the roster (default: no rules, no alarms). */
  alarms?: AlarmBookOptions;
  /** The shift a receive time falls in, for the per-shift tallies of the hand-over (default: the calendar day). */
  shiftWindowAt?: (at: number) => ShiftWindow;
  /** Source address → country and operator (origins/); without one, public sources are "unknown". */
  origins?: OriginEnricher;
  /** ATT&CK tactics by wall category for events whose sensor gave none (attack/attack-map.ts). */
  attackMap?: AttackMapper;
  /** The watch on silent sources (watch.yaml compiled; default: its defaults). */
  watchRules?: CompiledWatchRules;
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
  private yearNumber = 0;
  /** Bounds of `yearNumber` in epoch ms, so the per-event check allocates nothing. */
  private yearStartMs = 0;
  private yearEndMs = 0;
  readonly sites: SiteStateTracker;
  /** Alarms raised by the events folded here (alarms/alarm-book.ts). */
  readonly alarms: AlarmBook;
  /** What each shift saw, for its hand-over report (reports/shift-tally.ts). */
  readonly shifts: ShiftTallies;
  /** Where attacks come from and how far they have got (threats/threat-tracker.ts). */
  readonly threats: ThreatTracker;
  /** Sensors gone silent or far below their baseline (watch/source-watch.ts). */
  readonly watch: SourceWatch;
  private readonly endpoints = new EndpointPostureTotals();
  private readonly topSignatures: SpaceSavingSketch;
  private readonly topSources: SpaceSavingSketch;
  private readonly dedup: DedupWindow;
  private readonly rate = new RateMeter(5);
  /** Newest incidents, oldest first, at most INCIDENTS_KEPT. */
  private readonly incidents: Incident[] = [];
  private nextIncidentId = 1;
  readonly kpi = new Map<string, { value: number; time: number }>();
  /** KPI names updated since the last delta frame. */
  private readonly kpiChanged = new Set<string>();
  private readonly stats: IngestStats = {
    received: 0,
    accepted: 0,
    ignored: 0,
    rejected: 0,
    duplicates: 0,
    rejectedByReason: {},
    ignoredByType: {},
  };
  /** Identities refused at a bound, by reason (socwall_state_refused_total). */
  private readonly refused: Partial<Record<LimitReason, number>> = {};
  private readonly bounds: StateBounds;
  /** Events counted per category since start (Prometheus counter). */
  readonly eventsTotal = new Float64Array(CATEGORIES.length);
  private lastReceived: number | null = null;
  private readonly frames: FrameBuilder;
  private readonly now: () => number;

  constructor(options: AggregatorOptions) {
    this.now = options.now ?? Date.now;
    this.bounds = stateBounds(options.bounds);
    this.watch = new SourceWatch(options.watchRules ?? compileWatchRules(null), this.now(), this.bounds.maxSensorsTotal);
    this.sites = new SiteStateTracker(options.siteIds, options.siteRules ?? DEFAULT_SITE_RULES, this.bounds, this.watch);
    this.topSignatures = new SpaceSavingSketch(options.sketchCapacity ?? 256);
    this.topSources = new SpaceSavingSketch(options.sketchCapacity ?? 256);
    this.dedup = new DedupWindow(options.dedupCapacity ?? 100_000);
    this.alarms = new AlarmBook(options.alarms ?? { rules: compileAlarmRules({ version: 1, rules: [] }) });
    this.shifts = new ShiftTallies({ windowAt: options.shiftWindowAt ?? calendarDayWindow, maxSites: this.bounds.maxSites });
    this.threats = new ThreatTracker({
      maxSites: this.bounds.maxSites,
      ...(options.origins ? { enricher: options.origins } : {}),
      ...(options.attackMap ? { attackMap: options.attackMap } : {}),
    });
    this.frames = new FrameBuilder({
      seconds: this.seconds,
      minutes: this.minutes,
      incidents: this.incidents,
      sites: this.sites,
      newestIncidentId: () => this.nextIncidentId - 1,
      counters: () => ({ day: wallDayKey(this.day), year: this.yearNumber, today: this.counts(this.today), thisYear: this.counts(this.year) }),
      eventsPerSecond: (now) => this.rate.perSecond(now),
      top: (n) => ({ signatures: this.topSignatures.top(n), sources: this.topSources.top(n) }),
      endpoints: () => this.endpoints.totals(),
      ingest: () => this.ingestStats(),
      kpis: () => this.kpiValues(this.kpi.keys()),
      alarms: (kind, now) => this.alarms.frame(kind, now),
      threats: ((kind: 'snapshot' | 'delta', now: number) => (kind === 'snapshot' ? this.threats.snapshot(now) : this.threats.delta(now))) as FrameSource['threats'],
      changedKpis: () => {
        const out = this.kpiValues(this.kpiChanged);
        this.kpiChanged.clear();
        return out;
      },
    });
    const t = this.now();
    this.day = wallDayNumber(t);
    this.setYear(wallYear(t));
  }

  private setYear(year: number): void {
    this.yearNumber = year;
    this.yearStartMs = wallYearStart(year);
    this.yearEndMs = wallYearStart(year + 1);
  }

  /** Applies one decoded message. Never throws for any DecodeResult. */
  apply(result: DecodeResult, receivedAt: number): void {
    // Any message opens its shift's tally, before it is counted: the shift's ingest figures
    // start at its first message of any kind, not at its first event.
    this.shifts.noteMessage(receivedAt, this.ingestCounts);
    this.stats.received++;
    if (this.lastReceived === null || receivedAt > this.lastReceived) this.lastReceived = receivedAt;
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
      case 'heartbeat': {
        // A heartbeat is only liveness: one from a sensor past the bounds carries nothing.
        const refused = this.sites.recordSensorSeen(result.siteId, result.sensorId, receivedAt, result.forwarder);
        if (refused !== null) return this.refuse(refused);
        this.stats.accepted++;
        return;
      }
      case 'endpoints':
        if (!this.sites.admitSite(result.siteId)) return this.refuse('site_limit');
        this.stats.accepted++;
        this.endpoints.report(result.siteId, result, result.time);
        return;
      case 'kpi': {
        const kept = this.kpi.get(result.name);
        if (kept !== undefined) {
          kept.value = result.value;
          kept.time = result.time;
        } else if (this.kpi.size >= this.bounds.maxKpiNames) {
          return this.refuse('kpi_limit');
        } else {
          this.kpi.set(result.name, { value: result.value, time: result.time });
        }
        // Bounded by the KPI names (a Set of names already tracked).
        this.kpiChanged.add(result.name);
        this.stats.accepted++;
        return;
      }
      case 'ignored':
        this.stats.ignored++;
        this.stats.ignoredByType[result.type] = (this.stats.ignoredByType[result.type] ?? 0) + 1;
        return;
      case 'rejected':
        this.countRejected(result.reason);
        return;
    }
  }

  /** A message whose identity passes a bound: rejected under the bound's reason. */
  private refuse(reason: LimitReason): void {
    this.countRefused(reason);
    this.countRejected(reason);
  }

  private countRefused(reason: LimitReason): void {
    this.refused[reason] = (this.refused[reason] ?? 0) + 1;
  }

  /**
   * How full each bounded structure is (size and bound), for the soak bench and its check
   * that a long run leaves every buffer at, never past, its bound.
   */
  occupancy(): Record<BoundedStructure, { size: number; bound: number }> {
    const tracked = this.sites.size;
    return {
      dedupKeys: { size: this.dedup.size, bound: this.dedup.capacity },
      incidents: { size: this.incidents.length, bound: INCIDENTS_KEPT },
      topSignatures: { size: this.topSignatures.size, bound: this.topSignatures.capacity },
      topSources: { size: this.topSources.size, bound: this.topSources.capacity },
      sites: { size: tracked.sites, bound: this.bounds.maxSites },
      sensors: { size: tracked.sensors, bound: this.bounds.maxSensorsTotal },
      kpiNames: { size: this.kpi.size, bound: this.bounds.maxKpiNames },
      alarms: { size: this.alarms.size(), bound: MAX_LIVE_ALARMS },
    };
  }

  /** The named KPIs as frames carry them, by name. */
  private kpiValues(names: Iterable<string>): KpiValue[] {
    const out: KpiValue[] = [];
    for (const name of names) {
      const k = this.kpi.get(name);
      if (k) out.push({ name, value: k.value, time: k.time });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Identities refused at a bound, by reason (each refused message or event counts once). */
  refusedByLimit(): Record<string, number> {
    return { ...this.refused };
  }

  /** The bounds in force (README "What is bounded"). */
  get stateBounds(): Readonly<StateBounds> {
    return this.bounds;
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
    if (t >= this.yearStartMs && t < this.yearEndMs) this.year[c]! += n;
    this.eventsTotal[c]! += n;
    this.rate.add(receivedAt, n);
    // An event past the site or sensor bounds still counts (it is an attack all the same);
    // only the site's or sensor's own tracking is refused, and counted.
    const refused = this.sites.recordEvent(event, receivedAt);
    if (refused !== null) this.countRefused(refused);
    else this.watch.record(event.siteId, event.sensorId, receivedAt, event.severity, n);
    this.alarms.observe(event, receivedAt);
    this.shifts.record(event, receivedAt, this.ingestCounts);
    this.threats.record(event, t);
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

  /**
   * Starts a new day / year when the wall's calendar moves on. Never moves back: a clock
   * stepped back over midnight, or messages replayed from the journal with yesterday's
   * receive time, must not zero today's counters.
   */
  private rollover(now: number): void {
    const d = wallDayNumber(now);
    if (d <= this.day) return;
    this.day = d;
    this.today.fill(0);
    const y = wallYear(now);
    if (y !== this.yearNumber) {
      this.setYear(y);
      this.year.fill(0);
    }
  }

  private counts(values: Float64Array): CategoryCounts {
    const out = zeroCounts();
    CATEGORIES.forEach((cat, i) => (out[cat] = values[i]!));
    return out;
  }

  /** The counters a shift's tally starts from (no copies of the reason maps: a new shift is rare, an event is not). */
  private readonly ingestCounts = (): IngestStats => this.stats;

  ingestStats(): IngestStats {
    return {
      ...this.stats,
      rejectedByReason: { ...this.stats.rejectedByReason },
      ignoredByType: { ...this.stats.ignoredByType },
    };
  }

  get frameSeq(): number {
    return this.frames.seq;
  }

  /** Newest receive time of any applied message (restored from the journal), or null. */
  get lastReceivedAt(): number | null {
    return this.lastReceived;
  }

  /** The whole state as a plain JSON-able value (see AggregatorState). O(state), not O(events). */
  exportState(options: ExportOptions = {}): AggregatorState {
    return {
      v: AGGREGATOR_STATE_VERSION,
      savedAt: this.now(),
      categories: [...CATEGORIES],
      day: this.day,
      year: this.yearNumber,
      today: Array.from(this.today),
      thisYear: Array.from(this.year),
      eventsTotal: Array.from(this.eventsTotal),
      seconds: this.seconds.exportState(),
      minutes: this.minutes.exportState(),
      sites: this.sites.exportState(),
      endpoints: this.endpoints.exportState(),
      topSignatures: this.topSignatures.exportState(),
      topSources: this.topSources.exportState(),
      dedup: this.dedup.exportState(options.dedupKeys ?? DEDUP_KEYS_SAVED),
      rate: this.rate.exportState(),
      incidents: this.incidents.map((i) => ({ ...i })),
      nextIncidentId: this.nextIncidentId,
      kpi: [...this.kpi].map(([name, k]) => [name, k.value, k.time]),
      stats: this.ingestStats(),
      refused: this.refusedByLimit(),
      seq: this.frames.seq,
      lastReceivedAt: this.lastReceived,
      alarms: this.alarms.exportState(),
      shiftTallies: this.shifts.exportState(),
      sensorOutages: this.sites.exportOutages(),
      threats: this.threats.exportState(),
      watch: this.watch.exportState(),
    };
  }

  /**
   * Replaces the whole state with a saved one (checked first: on a StateError nothing has
   * changed). Returns notes about parts that could not be kept (e.g. a window resized by a
   * newer version). Time since the save is not shifted away: the rings advance on the next
   * event or frame, so the time the wall was down shows as zeros, and counters of a
   * previous day or year roll over.
   */
  importState(x: unknown): string[] {
    const s = parseAggregatorState(x);
    const notes: string[] = [];
    const catMap = s.categories.map((name) => CATEGORIES.indexOf(name as (typeof CATEGORIES)[number]));
    const dropped = s.categories.filter((_, i) => catMap[i]! < 0);
    if (dropped.length > 0) notes.push(`categories no longer known, dropped: ${dropped.join(', ')}`);
    const perCategory = (target: Float64Array, saved: number[]) => {
      target.fill(0);
      saved.forEach((v, i) => {
        const to = catMap[i]!;
        if (to >= 0) target[to] = v;
      });
    };
    perCategory(this.today, s.today);
    perCategory(this.year, s.thisYear);
    perCategory(this.eventsTotal, s.eventsTotal);
    this.day = s.day;
    this.setYear(s.year);
    if (!this.seconds.importState(s.seconds, catMap)) notes.push('seconds timeline has another shape: not restored');
    if (!this.minutes.importState(s.minutes, catMap)) notes.push('minutes timeline has another shape: not restored');
    const droppedSites = this.sites.importState(s.sites);
    if (droppedSites.sites > 0 || droppedSites.sensors > 0) {
      notes.push(`past this build's bounds, left out: ${droppedSites.sites} sites, ${droppedSites.sensors} sensors`);
    }
    this.endpoints.importState(s.endpoints);
    this.topSignatures.importState(s.topSignatures);
    this.topSources.importState(s.topSources);
    this.dedup.importState(s.dedup);
    this.rate.importState(s.rate);
    this.incidents.length = 0;
    this.incidents.push(...s.incidents.slice(-INCIDENTS_KEPT));
    this.nextIncidentId = Math.max(s.nextIncidentId, (this.incidents.at(-1)?.id ?? 0) + 1);
    this.kpi.clear();
    let kpiLeftOut = 0;
    for (const [name, value, time] of s.kpi) {
      if (this.kpi.has(name) || this.kpi.size < this.bounds.maxKpiNames) this.kpi.set(name, { value, time });
      else kpiLeftOut++;
    }
    if (kpiLeftOut > 0) notes.push(`past this build's bounds, left out: ${kpiLeftOut} KPI names`);
    // Restored KPIs reach windows in their first snapshot, as restored incidents do.
    this.kpiChanged.clear();
    for (const k of Object.keys(this.refused) as LimitReason[]) delete this.refused[k];
    for (const [k, v] of Object.entries(s.refused ?? {})) if (k === 'site_limit' || k === 'sensor_limit' || k === 'kpi_limit') this.refused[k] = v;
    Object.assign(this.stats, s.stats, { rejectedByReason: { ...s.stats.rejectedByReason }, ignoredByType: { ...s.stats.ignoredByType } });
    this.lastReceived = s.lastReceivedAt;
    if (s.shiftTallies !== undefined) {
      try {
        this.shifts.importState(parseShiftTallyState(s.shiftTallies, 'state.shiftTallies'));
      } catch (err) {
        notes.push(`shift tallies not restored: ${(err as Error).message}`);
      }
    }
    if (s.sensorOutages !== undefined) {
      try {
        this.sites.importOutages(parseSensorOutages(s.sensorOutages, 'state.sensorOutages'));
      } catch (err) {
        notes.push(`sensor outages not restored: ${(err as Error).message}`);
      }
    }
    if (s.threats !== undefined) {
      try {
        this.threats.importState(ThreatTracker.parseState(s.threats, 'state.threats'));
      } catch (err) {
        notes.push(`origins and tactics not restored: ${(err as Error).message}`);
      }
    }
    if (s.watch !== undefined) {
      try {
        this.watch.importState(SourceWatch.parseState(s.watch, 'state.watch'));
      } catch (err) {
        notes.push(`the watch on silent sources not restored: ${(err as Error).message}`);
      }
    }
    if (s.alarms !== undefined) {
      const alarms = parseAlarmBookState(s.alarms);
      if (alarms.ok) this.alarms.importState(alarms.state);
      else notes.push(`alarms not restored: ${alarms.reason}`);
    }
    this.frames.restored(s.seq);
    this.rollover(this.now());
    return notes;
  }

  /** A full frame (frames/frame-builder.ts): for a window that (re)connects, at any time. */
  snapshot(link: LinkState): SnapshotFrame {
    const now = this.now();
    this.rollover(now);
    this.watch.tick(now);
    return this.frames.snapshot(now, link);
  }

  /** The next delta frame: what changed since the previous delta. */
  delta(link: LinkState): DeltaFrame {
    const now = this.now();
    this.rollover(now);
    // Alarms clear, shelves expire and floods end at the frame's cadence; the watch's verdicts
    // are worked out once per frame, and sources it flags raise their alarms if asked to.
    this.watch.tick(now);
    this.alarms.observeSources(this.watch.flagged(), now);
    this.alarms.tick(now);
    return this.frames.delta(now, link);
  }
}
