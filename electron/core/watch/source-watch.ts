// The watch on each sensor's event flow: a sensor that goes silent, or whose volume falls far
// below its own baseline, is flagged; one that went silent right after high-severity events
// is flagged apart (what tampering looks like). Heartbeats never feed it: a forwarder that
// still heartbeats for a source gone quiet is exactly what it must catch.
//
// Per event O(1): one hour slot and one minute slot of the sensor. Per tick O(sensors): the
// verdicts, with each sensor's baseline worked out once a minute.
//
// The baseline of a sensor for "now" is what it sent in the same 60 minutes (two hour slots,
// weighted by how far into the hour now is) on earlier days of the same kind (working day, or
// Saturday and Sunday in the wall's zone), over the last 14 days. A day counts only when the
// wall was running through both hours (a wall switched off is not a silent sensor), and only
// after the sensor was first seen.
import type { SensorWatch, SourceKind } from '../../contract/index.js';
import { SEVERITY_RANK } from '../../contract/index.js';
import { wallDayNumber, weekdayIndex } from '../aggregate/calendar.js';
import { StateError, arr, countArray, int, num, numOrNull, obj, str } from '../aggregate/state-codec.js';
import type { CompiledWatchRules } from './watch-rules.js';

const BASELINE_DAYS = 14;
const HOURS_KEPT = BASELINE_DAYS * 24;
const MINUTES = 60;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const HIGH_RANK = SEVERITY_RANK.high;
/** After a start the volume is not judged for this long: the last hour still holds the time the wall was off. */
const DROP_GRACE_MS = HOUR_MS;
/** A sensor silent this long is forgotten (it was retired; the baseline could not judge it anyway). */
export const FORGET_AFTER_MS = BASELINE_DAYS * DAY_MS;

/** Levels a sensor can be in, in order, for transitions and alarms. */
export type WatchState = 'ok' | 'warning' | 'critical' | 'tamper';

function isWeekend(time: number): boolean {
  return weekdayIndex(wallDayNumber(time)) >= 5; // Saturday, Sunday
}

class SensorRecord {
  /** Events per hour, slot = absolute hour % HOURS_KEPT. */
  readonly hours = new Uint32Array(HOURS_KEPT);
  headHour = Number.NEGATIVE_INFINITY;
  /** Events per minute over the last hour, and their sum. */
  readonly minutes = new Uint32Array(MINUTES);
  headMinute = Number.NEGATIVE_INFINITY;
  last60 = 0;
  lastHighAt: number | null = null;
  /** The baseline for `expectedMinute`, or null without enough days. */
  expected: number | null = null;
  expectedMinute = -1;
  verdict: SensorWatch | null = null;
  state: WatchState = 'ok';

  constructor(
    readonly siteId: string,
    readonly sensorId: string,
    public kind: SourceKind,
    /** Absolute hour it was first seen: no baseline day before it. */
    public firstHour: number,
    public lastEventAt: number,
  ) {}

  advanceHour(hour: number): void {
    if (hour <= this.headHour) return;
    if (this.headHour === Number.NEGATIVE_INFINITY || hour - this.headHour >= HOURS_KEPT) this.hours.fill(0);
    else for (let h = this.headHour + 1; h <= hour; h++) this.hours[h % HOURS_KEPT] = 0;
    this.headHour = hour;
  }

  advanceMinute(minute: number): void {
    if (minute <= this.headMinute) return;
    if (this.headMinute === Number.NEGATIVE_INFINITY || minute - this.headMinute >= MINUTES) {
      this.minutes.fill(0);
      this.last60 = 0;
    } else {
      for (let m = this.headMinute + 1; m <= minute; m++) {
        this.last60 -= this.minutes[m % MINUTES]!;
        this.minutes[m % MINUTES] = 0;
      }
    }
    this.headMinute = minute;
  }

  /** Events in hour `hour`, or 0 once it left the ring. */
  hourCount(hour: number): number {
    return hour > this.headHour || hour <= this.headHour - HOURS_KEPT ? 0 : this.hours[hour % HOURS_KEPT]!;
  }
}

/** A sensor's watch as saved in the journal. */
export interface SensorWatchState {
  siteId: string;
  sensorId: string;
  firstHour: number;
  lastEventAt: number;
  lastHighAt: number | null;
  headHour: number;
  /** HOURS_KEPT counts from slot 0 (slot = hour % HOURS_KEPT). */
  hours: number[];
  headMinute: number;
  minutes: number[];
}

export interface SourceWatchState {
  /** Absolute hours the wall was running, newest last (at most HOURS_KEPT). */
  upHours: number[];
  sensors: SensorWatchState[];
}

export interface FlaggedSensor {
  siteId: string;
  sensorId: string;
  watch: SensorWatch;
  state: Exclude<WatchState, 'ok'>;
}

export class SourceWatch {
  private readonly sites = new Map<string, Map<string, SensorRecord>>();
  private count = 0;
  /** Hours the wall was running (a tick in it), as a ring like the sensors' hours. */
  private readonly up = new Uint8Array(HOURS_KEPT);
  private upHead = Number.NEGATIVE_INFINITY;
  private rules: CompiledWatchRules;
  private readonly flaggedNow: FlaggedSensor[] = [];
  /** Sensors that entered each state since start (`/metrics`). */
  readonly entered: Record<Exclude<WatchState, 'ok'>, number> = { warning: 0, critical: 0, tamper: 0 };

  constructor(
    rules: CompiledWatchRules,
    /** When this process started watching: silence and volume are judged from then on only. */
    private readonly startedAt: number,
    private readonly maxSensors: number,
  ) {
    this.rules = rules;
  }

  setRules(rules: CompiledWatchRules): void {
    this.rules = rules;
    for (const sensors of this.sites.values()) for (const r of sensors.values()) r.kind = rules.kindOf(r.sensorId);
  }

  get size(): number {
    return this.count;
  }

  /** One accepted event of a tracked sensor, at its receive time. */
  record(siteId: string, sensorId: string, at: number, severity: keyof typeof SEVERITY_RANK, count: number): void {
    let sensors = this.sites.get(siteId);
    let rec = sensors?.get(sensorId);
    if (rec === undefined) {
      if (this.count >= this.maxSensors) return;
      if (sensors === undefined) {
        sensors = new Map();
        this.sites.set(siteId, sensors);
      }
      rec = new SensorRecord(siteId, sensorId, this.rules.kindOf(sensorId), Math.floor(at / HOUR_MS), at);
      sensors.set(sensorId, rec);
      this.count++;
    }
    const hour = Math.floor(at / HOUR_MS);
    if (hour > rec.headHour) rec.advanceHour(hour);
    if (hour > rec.headHour - HOURS_KEPT) rec.hours[hour % HOURS_KEPT]! += count;
    const minute = Math.floor(at / MINUTE_MS);
    if (minute > rec.headMinute) rec.advanceMinute(minute);
    if (minute > rec.headMinute - MINUTES) {
      rec.minutes[minute % MINUTES]! += count;
      rec.last60 += count;
    }
    if (at > rec.lastEventAt) rec.lastEventAt = at;
    if (SEVERITY_RANK[severity] >= HIGH_RANK && (rec.lastHighAt === null || at > rec.lastHighAt)) rec.lastHighAt = at;
  }

  /** The sensor's verdict at the last tick: a SensorWatch while flagged, null when fine, undefined when it never sent an event. */
  verdict(siteId: string, sensorId: string): SensorWatch | null | undefined {
    const rec = this.sites.get(siteId)?.get(sensorId);
    return rec === undefined ? undefined : rec.verdict;
  }

  /** True when the site has sensors that sent events, and every one of them is critically flagged. */
  siteBlind(siteId: string): boolean {
    const sensors = this.sites.get(siteId);
    if (sensors === undefined || sensors.size === 0) return false;
    for (const r of sensors.values()) if (r.state !== 'critical' && r.state !== 'tamper') return false;
    return true;
  }

  /** Works out every sensor's verdict at `now` (once per frame). O(sensors). */
  tick(now: number): void {
    const hour = Math.floor(now / HOUR_MS);
    this.markUp(hour);
    this.flaggedNow.length = 0;
    for (const [siteId, sensors] of this.sites) {
      for (const [sensorId, rec] of sensors) {
        if (now - rec.lastEventAt > FORGET_AFTER_MS) {
          sensors.delete(sensorId);
          this.count--;
          continue;
        }
        rec.advanceMinute(Math.floor(now / MINUTE_MS));
        rec.advanceHour(hour);
        const watch = this.judge(rec, now);
        const state: WatchState = watch === null ? 'ok' : watch.tamper ? 'tamper' : watch.level;
        if (state !== rec.state && state !== 'ok') this.entered[state]++;
        rec.state = state;
        rec.verdict = watch;
        if (watch !== null) this.flaggedNow.push({ siteId, sensorId, watch, state: state as Exclude<WatchState, 'ok'> });
      }
      if (sensors.size === 0) this.sites.delete(siteId);
    }
  }

  /** Sensors flagged at the last tick. */
  flagged(): readonly FlaggedSensor[] {
    return this.flaggedNow;
  }

  private judge(rec: SensorRecord, now: number): SensorWatch | null {
    const silentSince = Math.max(rec.lastEventAt, this.startedAt);
    const observed = rec.last60;
    const expected = this.expectedFor(rec, now);
    const silentFor = now - silentSince;
    // Past its kind's threshold a silence is critical, unless the baseline says the sensor is
    // this quiet at this hour anyway (less than one event expected in the silent span).
    if (silentFor > this.rules.silenceMs(rec.kind) && !(expected !== null && (expected * silentFor) / HOUR_MS < 1)) {
      const tamper = rec.lastHighAt !== null && rec.lastEventAt - rec.lastHighAt <= this.rules.tamperMs;
      return { level: 'critical', reason: 'silent', tamper, lastEventAt: rec.lastEventAt, observed, expected };
    }
    if (expected === null || expected < this.rules.minExpected || now - this.startedAt < DROP_GRACE_MS) return null;
    const ratio = observed / expected;
    if (ratio < this.rules.criticalBelow) return { level: 'critical', reason: 'drop', tamper: false, lastEventAt: rec.lastEventAt, observed, expected };
    if (ratio < this.rules.warningBelow) return { level: 'warning', reason: 'drop', tamper: false, lastEventAt: rec.lastEventAt, observed, expected };
    return null;
  }

  /** The baseline for the 60 minutes before `now`, cached per minute; null before `minDays` usable days. */
  private expectedFor(rec: SensorRecord, now: number): number | null {
    const minute = Math.floor(now / MINUTE_MS);
    if (rec.expectedMinute === minute) return rec.expected;
    const hour = Math.floor(now / HOUR_MS);
    const into = (now - hour * HOUR_MS) / HOUR_MS;
    const weekend = isWeekend(now);
    let sum = 0;
    let days = 0;
    for (let d = 1; d < BASELINE_DAYS; d++) {
      const h = hour - 24 * d;
      if (h - 1 < rec.firstHour || isWeekend(now - d * DAY_MS) !== weekend) continue;
      if (!this.wasUp(h - 1) || !this.wasUp(h)) continue;
      sum += rec.hourCount(h - 1) * (1 - into) + rec.hourCount(h) * into;
      days++;
    }
    rec.expectedMinute = minute;
    rec.expected = days >= this.rules.minDays ? Math.round(sum / days) : null;
    return rec.expected;
  }

  private markUp(hour: number): void {
    if (hour <= this.upHead) return;
    if (this.upHead === Number.NEGATIVE_INFINITY || hour - this.upHead >= HOURS_KEPT) this.up.fill(0);
    else for (let h = this.upHead + 1; h < hour; h++) this.up[h % HOURS_KEPT] = 0;
    this.up[hour % HOURS_KEPT] = 1;
    this.upHead = hour;
  }

  private wasUp(hour: number): boolean {
    return hour <= this.upHead && hour > this.upHead - HOURS_KEPT && this.up[hour % HOURS_KEPT] === 1;
  }

  /** Counts of sensors by state at the last tick, and how many are watched. */
  summary(): { watched: number; warning: number; critical: number; tamper: number } {
    const out = { watched: this.count, warning: 0, critical: 0, tamper: 0 };
    for (const f of this.flaggedNow) out[f.state]++;
    return out;
  }

  exportState(): SourceWatchState {
    const upHours: number[] = [];
    if (this.upHead !== Number.NEGATIVE_INFINITY) for (let h = this.upHead - HOURS_KEPT + 1; h <= this.upHead; h++) if (this.wasUp(h)) upHours.push(h);
    const sensors: SensorWatchState[] = [];
    for (const map of this.sites.values()) {
      for (const r of map.values()) {
        sensors.push({
          siteId: r.siteId,
          sensorId: r.sensorId,
          firstHour: r.firstHour,
          lastEventAt: r.lastEventAt,
          lastHighAt: r.lastHighAt,
          headHour: r.headHour,
          hours: Array.from(r.hours),
          headMinute: r.headMinute,
          minutes: Array.from(r.minutes),
        });
      }
    }
    return { upHours, sensors };
  }

  static parseState(x: unknown, path: string): SourceWatchState {
    const o = obj(x, path);
    const upHours = arr(o.upHours, `${path}.upHours`).slice(-HOURS_KEPT).map((h, i) => int(h, `${path}.upHours[${i}]`));
    const sensors = arr(o.sensors, `${path}.sensors`).map((item, i) => {
      const p = `${path}.sensors[${i}]`;
      const s = obj(item, p);
      const state: SensorWatchState = {
        siteId: str(s.siteId, `${p}.siteId`, 256),
        sensorId: str(s.sensorId, `${p}.sensorId`, 256),
        firstHour: int(s.firstHour, `${p}.firstHour`),
        lastEventAt: num(s.lastEventAt, `${p}.lastEventAt`),
        lastHighAt: numOrNull(s.lastHighAt, `${p}.lastHighAt`),
        headHour: int(s.headHour, `${p}.headHour`),
        hours: countArray(s.hours, `${p}.hours`, HOURS_KEPT),
        headMinute: int(s.headMinute, `${p}.headMinute`),
        minutes: countArray(s.minutes, `${p}.minutes`, MINUTES),
      };
      if (state.firstHour > state.headHour) throw new StateError(`${p}.firstHour`, 'after headHour');
      return state;
    });
    return { upHours, sensors };
  }

  /** Replaces the watch with a saved one (checked by parseState); past the sensor bound, the rest is left out. */
  importState(s: SourceWatchState): void {
    this.sites.clear();
    this.count = 0;
    this.up.fill(0);
    this.upHead = Number.NEGATIVE_INFINITY;
    for (const h of [...s.upHours].sort((a, b) => a - b)) this.markUp(h);
    for (const saved of s.sensors) {
      if (this.count >= this.maxSensors) break;
      let map = this.sites.get(saved.siteId);
      if (map === undefined) {
        map = new Map();
        this.sites.set(saved.siteId, map);
      }
      if (map.has(saved.sensorId)) continue;
      const rec = new SensorRecord(saved.siteId, saved.sensorId, this.rules.kindOf(saved.sensorId), saved.firstHour, saved.lastEventAt);
      rec.lastHighAt = saved.lastHighAt;
      rec.hours.set(saved.hours);
      rec.headHour = saved.headHour;
      rec.minutes.set(saved.minutes);
      rec.headMinute = saved.headMinute;
      rec.last60 = saved.minutes.reduce((a, b) => a + b, 0);
      map.set(saved.sensorId, rec);
      this.count++;
    }
  }
}
