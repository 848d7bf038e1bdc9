// Per-site state: activity in the last 5 and 60 minutes, worst severity, sensor liveness.
// Per event: O(1) (one minute bucket). Per frame: O(sites × 60 + sensors), independent of the
// rate; sites and sensors are bounded (state-bounds.ts).
import type { ForwarderHealth, SecurityEvent, SensorState, SiteChange, SiteState, SiteStatus, Severity } from '../../contract/index.js';
import { SEVERITIES, SEVERITY_RANK } from '../../contract/index.js';
import { StateError, arr, countArray, decodeHead, encodeHead, int, num, numOrNull, obj, str } from './state-codec.js';
import { DEFAULT_STATE_BOUNDS, type LimitReason, type StateBounds } from './state-bounds.js';
import type { SourceWatch } from '../watch/source-watch.js';

/** One site as plain JSON: 60 one-minute slots (slot = minute % 60) and its sensors. */
export interface SiteRecordState {
  id: string;
  /** Absolute minute of the newest slot, or null (then the rings are empty arrays). */
  head: number | null;
  counts: number[];
  significant: number[];
  worst: number[];
  lastEventAt: number | null;
  lastHighAt: number | null;
  /** `[sensorId, lastSeenAt]` in first-seen order. */
  sensors: [string, number][];
}

const MINUTES = 60;
const HIGH_RANK = SEVERITY_RANK.high;

export interface SiteRules {
  /** A sensor is offline when nothing (heartbeat or event) arrived for this long. */
  sensorTimeoutMs: number;
  /**
   * Medium-or-worse events in the last 5 minutes that make a site "under attack".
   * Blocked low-severity noise reaches every site all day; it alone never does.
   */
  attackedThreshold: number;
}

export const DEFAULT_SITE_RULES: SiteRules = { sensorTimeoutMs: 90_000, attackedThreshold: 5 };

/** A sensor silent past the timeout, from when it was last heard to when it was heard again. */
export interface SensorOutage {
  siteId: string;
  sensorId: string;
  from: number;
  to: number;
}
/** Ended sensor outages kept for the hand-over report (newest). */
export const SENSOR_OUTAGES_KEPT = 200;
const MEDIUM_RANK = SEVERITY_RANK.medium;

class SiteRecord {
  readonly counts = new Uint32Array(MINUTES);
  /** Medium-or-worse events per minute. */
  readonly significant = new Uint32Array(MINUTES);
  /** Worst severity rank + 1 per minute (0 = none). */
  readonly worst = new Uint8Array(MINUTES);
  headMinute = Number.NEGATIVE_INFINITY;
  lastEventAt: number | null = null;
  lastHighAt: number | null = null;
  readonly sensors = new Map<string, number>();
  /** Sensors whose forwarder's last heartbeat was not ok (not journalled: the next heartbeat says it again). */
  readonly forwarders = new Map<string, ForwarderHealth>();
  /** Last state sent in a frame (null: never), to emit only the changed fields in deltas. */
  lastSent: SiteState | null = null;
  /** sensorsKey of `lastSent`, kept rather than built again every frame. */
  lastSentSensors = '';

  constructor(readonly id: string) {}

  advanceTo(minute: number): void {
    if (minute <= this.headMinute) return;
    if (this.headMinute === Number.NEGATIVE_INFINITY || minute - this.headMinute >= MINUTES) {
      this.counts.fill(0);
      this.significant.fill(0);
      this.worst.fill(0);
    } else {
      for (let m = this.headMinute + 1; m <= minute; m++) {
        this.counts[m % MINUTES] = 0;
        this.significant[m % MINUTES] = 0;
        this.worst[m % MINUTES] = 0;
      }
    }
    this.headMinute = minute;
  }
}

export class SiteStateTracker {
  private readonly sites = new Map<string, SiteRecord>();
  /** Sensors tracked across all sites (kept in step with every `sensors` map). */
  private sensorCount = 0;
  private readonly catalogue: ReadonlySet<string>;
  /** A sensor bound refused a newcomer since the last sweep of long-silent sensors. */
  private sensorRefused = false;
  /** Ended outages, oldest first (at most SENSOR_OUTAGES_KEPT). */
  private readonly outages: SensorOutage[] = [];

  constructor(
    siteIds: Iterable<string>,
    private readonly rules: SiteRules = DEFAULT_SITE_RULES,
    private readonly bounds: Pick<StateBounds, 'maxSites' | 'maxSensorsPerSite' | 'maxSensorsTotal' | 'sensorRetentionMs'> = DEFAULT_STATE_BOUNDS,
    /** The watch on each sensor's events: its verdicts ride on the sensors, and a site it finds blind is `unknown`. */
    private readonly watch: Pick<SourceWatch, 'verdict' | 'siteBlind'> | null = null,
  ) {
    // Catalogue sites are always tracked, even beyond maxSites.
    this.catalogue = new Set(siteIds);
    for (const id of this.catalogue) this.sites.set(id, new SiteRecord(id));
  }

  /** The site's record, made on first use; null when a new site would pass maxSites. */
  private record(siteId: string): SiteRecord | null {
    let rec = this.sites.get(siteId);
    if (!rec) {
      if (this.sites.size >= this.bounds.maxSites) return null;
      rec = new SiteRecord(siteId);
      this.sites.set(siteId, rec);
    }
    return rec;
  }

  /** True when the site is tracked or can still be (made now). False past maxSites. */
  admitSite(siteId: string): boolean {
    return this.record(siteId) !== null;
  }

  /** Sites and sensors tracked now (for tests and the README's bounds). */
  get size(): { sites: number; sensors: number } {
    return { sites: this.sites.size, sensors: this.sensorCount };
  }

  exportState(): SiteRecordState[] {
    return [...this.sites.values()].map((rec) => {
      const used = rec.headMinute !== Number.NEGATIVE_INFINITY;
      return {
        id: rec.id,
        head: encodeHead(rec.headMinute),
        counts: used ? Array.from(rec.counts) : [],
        significant: used ? Array.from(rec.significant) : [],
        worst: used ? Array.from(rec.worst) : [],
        lastEventAt: rec.lastEventAt,
        lastHighAt: rec.lastHighAt,
        sensors: [...rec.sensors],
      };
    });
  }

  static parseState(x: unknown, path: string): SiteRecordState[] {
    return arr(x, path).map((item, i) => {
      const p = `${path}[${i}]`;
      const o = obj(item, p);
      const head = o.head === null ? null : int(o.head, `${p}.head`);
      const n = head === null ? 0 : MINUTES;
      const worst = countArray(o.worst, `${p}.worst`, n);
      if (worst.some((w) => w > SEVERITIES.length)) throw new StateError(`${p}.worst`, 'severity ranks');
      return {
        id: str(o.id, `${p}.id`, 256),
        head,
        counts: countArray(o.counts, `${p}.counts`, n),
        significant: countArray(o.significant, `${p}.significant`, n),
        worst,
        lastEventAt: numOrNull(o.lastEventAt, `${p}.lastEventAt`),
        lastHighAt: numOrNull(o.lastHighAt, `${p}.lastHighAt`),
        sensors: arr(o.sensors, `${p}.sensors`).map((row, j) => {
          const r = arr(row, `${p}.sensors[${j}]`, 2);
          return [str(r[0], `${p}.sensors[${j}]`, 256), num(r[1], `${p}.sensors[${j}]`)] as [string, number];
        }),
      };
    });
  }

  /**
   * Replaces every site's state with a saved one. Sites of the catalogue that were not
   * saved start empty; saved sites are restored in their saved order. What passes the
   * bounds (a state saved by a build with larger ones) is left out; returns how much.
   */
  importState(states: readonly SiteRecordState[]): { sites: number; sensors: number } {
    this.sites.clear();
    this.sensorCount = 0;
    this.outages.length = 0;
    const dropped = { sites: 0, sensors: 0 };
    for (const s of states) {
      if (this.sites.has(s.id)) continue; // a site saved twice (edited file): its first entry
      if (!this.catalogue.has(s.id) && this.sites.size >= this.bounds.maxSites) {
        dropped.sites++;
        dropped.sensors += s.sensors.length;
        continue;
      }
      const rec = new SiteRecord(s.id);
      if (s.head !== null) {
        rec.counts.set(s.counts);
        rec.significant.set(s.significant);
        rec.worst.set(s.worst);
      }
      rec.headMinute = decodeHead(s.head);
      rec.lastEventAt = s.lastEventAt;
      rec.lastHighAt = s.lastHighAt;
      for (const [id, at] of s.sensors) {
        if (!rec.sensors.has(id)) {
          if (rec.sensors.size >= this.bounds.maxSensorsPerSite || this.sensorCount >= this.bounds.maxSensorsTotal) {
            dropped.sensors++;
            continue;
          }
          this.sensorCount++;
        }
        rec.sensors.set(id, at);
      }
      this.sites.set(s.id, rec);
    }
    for (const id of this.catalogue) if (!this.sites.has(id)) this.sites.set(id, new SiteRecord(id));
    return dropped;
  }

  /**
   * Counts an event in its site's minutes and marks its sensor seen. Returns null, or the
   * bound that kept the site (nothing recorded) or the sensor (the site's counts are) out.
   */
  recordEvent(event: SecurityEvent, receivedAt: number): LimitReason | null {
    const rec = this.record(event.siteId);
    if (rec === null) return 'site_limit';
    const minute = Math.floor(event.time / 60_000);
    if (minute > rec.headMinute) rec.advanceTo(minute);
    if (minute > rec.headMinute - MINUTES) {
      const slot = minute % MINUTES;
      rec.counts[slot]! += event.count;
      const rank = SEVERITY_RANK[event.severity] + 1;
      if (rank > rec.worst[slot]!) rec.worst[slot] = rank;
      if (rank - 1 >= MEDIUM_RANK) rec.significant[slot]! += event.count;
    }
    if (rec.lastEventAt === null || event.time > rec.lastEventAt) rec.lastEventAt = event.time;
    if (SEVERITY_RANK[event.severity] >= HIGH_RANK && (rec.lastHighAt === null || event.time > rec.lastHighAt)) {
      rec.lastHighAt = event.time;
    }
    return this.sensorSeen(rec, event.sensorId, receivedAt);
  }

  /**
   * Marks a sensor seen at `at`. Returns null, or the bound that kept it out. O(1).
   * `forwarder`: from a heartbeat, what its forwarder says (null: ok; undefined: nothing said).
   */
  recordSensorSeen(siteId: string, sensorId: string, at: number, forwarder?: ForwarderHealth | null): LimitReason | null {
    const rec = this.record(siteId);
    if (rec === null) return 'site_limit';
    const refused = this.sensorSeen(rec, sensorId, at);
    if (refused === null && forwarder !== undefined) {
      if (forwarder === null) rec.forwarders.delete(sensorId);
      else rec.forwarders.set(sensorId, forwarder);
    }
    return refused;
  }

  private sensorSeen(rec: SiteRecord, sensorId: string, at: number): LimitReason | null {
    const sensors = rec.sensors;
    const prev = sensors.get(sensorId);
    if (prev === undefined) {
      if (sensors.size >= this.bounds.maxSensorsPerSite || this.sensorCount >= this.bounds.maxSensorsTotal) {
        this.sensorRefused = true;
        return 'sensor_limit';
      }
      this.sensorCount++;
      sensors.set(sensorId, at);
    } else if (at > prev) {
      // Heard again after a silence past the timeout: an outage the hand-over report lists.
      if (at - prev > this.rules.sensorTimeoutMs) this.noteOutage({ siteId: rec.id, sensorId, from: prev, to: at });
      sensors.set(sensorId, at);
    }
    return null;
  }

  private noteOutage(o: SensorOutage): void {
    this.outages.push(o);
    if (this.outages.length > SENSOR_OUTAGES_KEPT) this.outages.shift();
  }

  /** Ended sensor outages, oldest first. */
  sensorOutages(): readonly SensorOutage[] {
    return this.outages;
  }

  /** Sensors silent past the timeout now, with the time each was last heard, in no order (the report orders them). O(sensors). */
  darkSensors(now: number): { siteId: string; sensorId: string; since: number }[] {
    const out: { siteId: string; sensorId: string; since: number }[] = [];
    for (const rec of this.sites.values()) {
      for (const [sensorId, at] of rec.sensors) if (now - at > this.rules.sensorTimeoutMs) out.push({ siteId: rec.id, sensorId, since: at });
    }
    return out;
  }

  exportOutages(): SensorOutage[] {
    return this.outages.map((o) => ({ ...o }));
  }

  /** Restores saved outages (checked by parseSensorOutages). */
  importOutages(saved: readonly SensorOutage[]): void {
    this.outages.splice(0, this.outages.length, ...saved.slice(-SENSOR_OUTAGES_KEPT).map((o) => ({ ...o })));
  }

  /** Current state of one site at `now`. */
  stateOf(rec: SiteRecord, now: number): SiteState {
    const nowMinute = Math.floor(now / 60_000);
    rec.advanceTo(nowMinute);
    let count5m = 0;
    let significant5m = 0;
    let count60m = 0;
    let worst5 = 0;
    let worst60 = 0;
    for (let i = 0; i < MINUTES; i++) {
      const m = nowMinute - i;
      const slot = ((m % MINUTES) + MINUTES) % MINUTES;
      const c = rec.counts[slot]!;
      const w = rec.worst[slot]!;
      count60m += c;
      if (w > worst60) worst60 = w;
      if (i < 5) {
        count5m += c;
        significant5m += rec.significant[slot]!;
        if (w > worst5) worst5 = w;
      }
    }
    const watch = this.watch;
    const sensors = [...rec.sensors.entries()]
      .map(([id, lastSeenAt]): SensorState => {
        const s: SensorState = { id, lastSeenAt, online: now - lastSeenAt <= this.rules.sensorTimeoutMs };
        const w = watch?.verdict(rec.id, id);
        if (w) s.watch = w;
        const f = rec.forwarders.get(id);
        if (f && s.online) s.forwarder = f;
        return s;
      })
      .sort((a, b) => a.id.localeCompare(b.id));
    let status = siteStatus(sensors.length, sensors.some((s) => s.online), significant5m, worst5 - 1, this.rules.attackedThreshold);
    // Heartbeats but no events where events are expected: the wall cannot see the site, so it is not "quiet".
    if (status === 'quiet' && watch?.siteBlind(rec.id) === true) status = 'unknown';
    return {
      id: rec.id,
      status,
      lastEventAt: rec.lastEventAt,
      lastHighAt: rec.lastHighAt,
      count5m,
      count60m,
      worstSeverity: worst60 > 0 ? (SEVERITIES[worst60 - 1] as Severity) : null,
      sensors,
    };
  }

  /** Every site (snapshot). */
  all(now: number): SiteState[] {
    return [...this.sites.values()].map((rec) => {
      const s = this.stateOf(rec, now);
      rec.lastSent = s;
      rec.lastSentSensors = sensorsKey(s);
      return s;
    });
  }

  /**
   * Sites whose state changed since the last call to `changed` or `all`, each with only the
   * fields that changed (the whole state the first time a site is sent). At 2,000 events a
   * second every site changes every frame, but mostly its counts and last-event time: whole
   * states made every delta about 23 KB, changed fields about 5 KB.
   */
  changed(now: number): SiteChange[] {
    if (this.sensorRefused) this.forgetSilentSensors(now);
    const out: SiteChange[] = [];
    for (const rec of this.sites.values()) {
      const s = this.stateOf(rec, now);
      const prev = rec.lastSent;
      const sensors = sensorsKey(s);
      const sensorsChanged = sensors !== rec.lastSentSensors;
      rec.lastSent = s;
      rec.lastSentSensors = sensors;
      if (prev === null) {
        out.push(s);
        continue;
      }
      const change = siteChange(prev, s, sensorsChanged);
      if (change !== null) out.push(change);
    }
    return out;
  }

  /**
   * Makes room after a refusal: forgets sensors silent for longer than sensorRetentionMs.
   * Per frame and only while refusals happen; O(sensors), which the bounds keep small.
   */
  private forgetSilentSensors(now: number): void {
    this.sensorRefused = false;
    for (const rec of this.sites.values()) {
      for (const [id, lastSeenAt] of rec.sensors) {
        if (now - lastSeenAt > this.bounds.sensorRetentionMs) {
          rec.sensors.delete(id);
          rec.forwarders.delete(id);
          this.sensorCount--;
        }
      }
    }
  }

  /** States without touching the delta bookkeeping (for snapshots served between frames). */
  peekAll(now: number): SiteState[] {
    return [...this.sites.values()].map((rec) => this.stateOf(rec, now));
  }
}

/**
 * Quiet and blind never look alike: a site no sensor ever reported from is `unknown`;
 * a site whose sensors all went silent is `offline`, whatever its last figures were.
 */
export function siteStatus(
  sensorCount: number,
  anyOnline: boolean,
  significant5m: number,
  worstRank5m: number,
  attackedThreshold: number,
): SiteStatus {
  if (sensorCount === 0) return 'unknown';
  if (!anyOnline) return 'offline';
  if (worstRank5m >= HIGH_RANK) return 'critical';
  if (significant5m >= attackedThreshold) return 'attacked';
  return 'quiet';
}

/** The sensors as far as a delta cares: which, and whether online (lastSeenAt changes every heartbeat). */
function sensorsKey(s: SiteState): string {
  let key = '';
  for (const x of s.sensors) {
    key += `${x.id}:${x.online ? 1 : 0}`;
    // A flagged sensor is sent again when its verdict changes or its volume moves by a tenth of its baseline.
    const w = x.watch;
    if (w) key += `:${w.level}:${w.reason}:${w.tamper ? 1 : 0}:${w.expected ? Math.round((10 * w.observed) / w.expected) : ''}`;
    // A forwarder's report is sent again when its state changes or its queue or drops pass a power of two.
    const f = x.forwarder;
    if (f) key += `:f${f.status}:${Math.ceil(Math.log2(f.queued + 1))}:${Math.ceil(Math.log2(f.dropped + 1))}`;
    key += ',';
  }
  return key;
}

/**
 * The fields of `next` that differ from `prev`, with the id; null when none does. `sensorsChanged`:
 * whether the sensors differ as a delta cares (sensorsKey), which the caller keeps per site.
 */
function siteChange(prev: SiteState, next: SiteState, sensorsChanged: boolean): SiteChange | null {
  const c: SiteChange = { id: next.id };
  if (next.status !== prev.status) c.status = next.status;
  if (next.lastEventAt !== prev.lastEventAt) c.lastEventAt = next.lastEventAt;
  if (next.lastHighAt !== prev.lastHighAt) c.lastHighAt = next.lastHighAt;
  if (next.count5m !== prev.count5m) c.count5m = next.count5m;
  if (next.count60m !== prev.count60m) c.count60m = next.count60m;
  if (next.worstSeverity !== prev.worstSeverity) c.worstSeverity = next.worstSeverity;
  if (sensorsChanged) c.sensors = next.sensors;
  const any = Object.keys(c).length > 1;
  return any ? c : null;
}

/** Checks saved sensor outages (from the journal: trusted no more than the wire). */
export function parseSensorOutages(x: unknown, path: string): SensorOutage[] {
  return arr(x, path)
    .slice(-SENSOR_OUTAGES_KEPT)
    .map((row, i) => {
      const o = obj(row, `${path}[${i}]`);
      return { siteId: str(o.siteId, `${path}[${i}].siteId`, 256), sensorId: str(o.sensorId, `${path}[${i}].sensorId`, 256), from: num(o.from, `${path}[${i}].from`), to: num(o.to, `${path}[${i}].to`) };
    });
}
