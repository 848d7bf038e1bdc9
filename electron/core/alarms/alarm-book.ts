// The wall's alarms (ISA-18.2 / IEC 62682 states, EEMUA 191 flood): events of one site,
// category and signature become one alarm with a count; it clears when its events stop, is
// acknowledged or shelved by the shift lead, and is suppressed (grouped) during a flood.
// O(1) per event (two map lookups); the 4 Hz frame settles the bounded set of live alarms.
//
// Time is always passed in (an event's receive time, an action's time, the frame's time),
// never read, so replaying the journal's messages and actions rebuilds the same alarms.
import type {
  AckTimes,
  Alarm,
  AlarmActor,
  AlarmFlood,
  AlarmPriority,
  AlarmsFrame,
  AlarmSummary,
  PriorityCounts,
  SecurityEvent,
  WatchAlarmState,
} from '../../contract/index.js';
import { ALARM_PRIORITIES, PRIORITY_RANK, SEVERITY_RANK, compareAlarms, isUnacknowledged } from '../../contract/index.js';
import type { CompiledAlarmRules } from './alarm-rules.js';

const WATCH_RANK: Record<WatchAlarmState, number> = { warning: 0, critical: 1, tamper: 2 };

/** Alarms not back to normal, at most (a book this full is a flood by any measure). */
export const MAX_LIVE_ALARMS = 500;
/** Alarms back to normal kept for the hand-over report. */
export const CLOSED_KEPT = 1000;
/** Floods kept for the report. */
export const FLOODS_KEPT = 20;
/** Raise times kept for the flood measure (within its window; a cap against a storm of new keys). */
const RAISES_KEPT = 10_000;
/** Time-to-acknowledge samples per priority and shift, and shifts kept. */
const ACK_SAMPLES = 2000;
const ACK_SHIFTS = 4;
const TEN_MIN_BUCKETS = 10;

export interface ShiftInfo {
  key: string;
  name: { vi?: string; en?: string };
  lead: string;
  end: number;
}

export interface AlarmBookOptions {
  rules: CompiledAlarmRules;
  /** Criticality level (1–5) of each catalogue site; absent: the rules' default level. */
  siteLevels?: ReadonlyMap<string, number>;
  /** The shift on duty at a time (from the roster), or null without one. */
  shiftAt?: (at: number) => ShiftInfo | null;
}

/** A flood as the report tells it. */
export interface FloodRecord {
  start: number;
  end: number | null;
  raised: number;
  peakRate: number;
}

/** What the controller needs to move a selection and to switch to the alarm preset. */
export interface AlarmView {
  /** Shown alarms (not shelved, not suppressed), in list order. */
  shown: { id: number; unacknowledged: boolean; priority: AlarmPriority; siteId: string }[];
  /** Newest id raised so far (the controller compares with the last it saw). */
  newestId: number;
  /** A flood is on: new alarms are grouped, the wall does not jump to them. */
  flood: boolean;
}

interface LiveAlarm {
  alarm: Alarm;
  key: string;
  clearMs: number;
  groupMs: number;
  /** Since when it has been waiting for an acknowledgement (raise, return, escalation). */
  unackSince: number;
  /** Index into the rules' shelve durations of the last shelve, -1: never shelved. */
  shelveStep: number;
}

export class AlarmBook {
  private rules: CompiledAlarmRules;
  private readonly siteLevels: ReadonlyMap<string, number>;
  private readonly shiftAt: (at: number) => ShiftInfo | null;
  /** The alarm events of a key join (at most one per key). */
  private readonly byKey = new Map<string, LiveAlarm>();
  /** Every live alarm, including a cleared-unacknowledged one a newer alarm of its key replaced. */
  private readonly byId = new Map<number, LiveAlarm>();
  private nextId = 1;
  private readonly changed = new Set<number>();
  private removed: number[] = [];
  /** Receive times of the raises within the flood window, oldest first (at most RAISES_KEPT). */
  private raises: number[] = [];
  private flood: FloodRecord | null = null;
  private readonly floods: FloodRecord[] = [];
  /** Raises per minute over the last ten minutes: [minute index, count]. */
  private readonly minutes: [number, number][] = [];
  private readonly closed: Alarm[] = [];
  private readonly ackSamples = new Map<string, Record<AlarmPriority, number[]>>();
  readonly raisedTotal: Record<AlarmPriority, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  /** Raises refused because the book was full (counted in /metrics). */
  refused = 0;

  constructor(options: AlarmBookOptions) {
    this.rules = options.rules;
    this.siteLevels = options.siteLevels ?? new Map();
    this.shiftAt = options.shiftAt ?? (() => null);
  }

  /** New rules (alarms.yaml edited): they decide the events from now on; live alarms keep their clear time. */
  setRules(rules: CompiledAlarmRules): void {
    this.rules = rules;
  }

  // ---- events -------------------------------------------------------------------

  /** One accepted event. Raises, joins or re-activates its alarm. */
  observe(e: SecurityEvent, receivedAt: number): void {
    const match = this.rules.match(e.category, e.severity);
    if (match === null) return;
    const priority = this.rules.atSite(match.priority, this.siteLevels.get(e.siteId) ?? null);
    const key = `${e.siteId}\u0000${e.category}\u0000${e.signature ?? ''}`;
    const live = this.byKey.get(key);
    if (live !== undefined) {
      this.settle(live, receivedAt);
      // Active: the same incident. Returned to normal but not yet seen, and only a group window ago: the same one again.
      const joins = live.alarm.state !== 'cleared-unacknowledged' || receivedAt - (live.alarm.clearedAt ?? live.alarm.lastSeen) <= live.groupMs;
      if (this.byId.has(live.alarm.id) && joins) return this.join(live, e, priority, receivedAt);
      // Back to normal, or cleared too long ago to be the same incident: a new alarm.
      this.byKey.delete(key);
    }
    this.raise(key, e, priority, match.rule, match.groupMs, match.clearMs, receivedAt);
  }

  /**
   * The sources the watch flags at this frame (watch/source-watch.ts): one alarm per sensor,
   * kept active while it stays flagged, escalated as its state worsens, returned to normal
   * the rule's clear time after it is no longer flagged. Without a `sources` rule, nothing.
   */
  observeSources(flagged: readonly { siteId: string; sensorId: string; state: WatchAlarmState }[], now: number): void {
    const rule = this.rules.sources;
    if (rule === null) return;
    for (const f of flagged) {
      const base = rule.priority[f.state];
      if (base === undefined) continue;
      const priority = this.rules.atSite(base, this.siteLevels.get(f.siteId) ?? null);
      const key = `${f.siteId}\u0000watch\u0000${f.sensorId}`;
      const live = this.byKey.get(key);
      if (live !== undefined) {
        this.settle(live, now);
        const joins = live.alarm.state !== 'cleared-unacknowledged' || now - (live.alarm.clearedAt ?? live.alarm.lastSeen) <= live.groupMs;
        if (this.byId.has(live.alarm.id) && joins) {
          const a = live.alarm;
          const worse = WATCH_RANK[f.state] > WATCH_RANK[a.watch ?? 'warning'];
          // Seen again every frame while flagged: only its clear time moves, silently; a worse
          // state, or a return after it had cleared, is a change the frames carry.
          if (a.state === 'cleared-unacknowledged' || worse || PRIORITY_RANK[priority] > PRIORITY_RANK[a.priority]) {
            this.join(live, sourceEvent(f, now, 0), priority, now);
            if (worse) a.watch = f.state;
          } else a.lastSeen = Math.max(a.lastSeen, now);
          continue;
        }
        this.byKey.delete(key);
      }
      this.raise(key, sourceEvent(f, now, 1), priority, rule.rule, rule.clearMs, rule.clearMs, now);
      const raised = this.byKey.get(key);
      if (raised !== undefined) raised.alarm.watch = f.state;
    }
  }

  private join(live: LiveAlarm, e: SecurityEvent, priority: AlarmPriority, at: number): void {
    const a = live.alarm;
    a.count += e.count;
    a.lastSeen = Math.max(a.lastSeen, at);
    a.source = e.srcIp;
    a.sensorId = e.sensorId;
    if (SEVERITY_RANK[e.severity] > SEVERITY_RANK[a.worstSeverity]) a.worstSeverity = e.severity;
    const escalates = PRIORITY_RANK[priority] > PRIORITY_RANK[a.priority];
    if (escalates) a.priority = priority;
    // An acknowledged alarm that worsens, or one that had returned, asks to be seen again.
    if (a.state === 'cleared-unacknowledged' || escalates) {
      if (a.state === 'active-acknowledged') live.unackSince = at;
      a.state = 'active-unacknowledged';
      a.clearedAt = null;
    }
    this.changed.add(a.id);
  }

  private raise(key: string, e: SecurityEvent, priority: AlarmPriority, rule: string, groupMs: number, clearMs: number, at: number): void {
    if (this.byId.size >= MAX_LIVE_ALARMS) {
      this.refused++;
      return;
    }
    // In a flood the lesser alarms are grouped away; a critical one is still shown and sounded
    // (EEMUA 191: the operator must still see what matters most), though the wall does not jump.
    const suppressed = this.noteRaise(at) && priority !== 'critical';
    const alarm: Alarm = {
      id: this.nextId++,
      siteId: e.siteId,
      category: e.category,
      signature: e.signature,
      rule,
      priority,
      state: 'active-unacknowledged',
      count: e.count,
      worstSeverity: e.severity,
      firstSeen: at,
      lastSeen: at,
      source: e.srcIp,
      sensorId: e.sensorId,
      clearedAt: null,
      acknowledged: null,
      shelvedUntil: null,
      shelved: null,
      suppressed,
    };
    const live: LiveAlarm = { alarm, key, clearMs, groupMs, unackSince: at, shelveStep: -1 };
    this.byKey.set(key, live);
    this.byId.set(alarm.id, live);
    this.changed.add(alarm.id);
    this.raisedTotal[priority]++;
  }

  /** Counts a raise for the flood measure and the 10-minute rate; true when it falls in a flood. */
  private noteRaise(at: number): boolean {
    const minute = Math.floor(at / 60_000);
    const last = this.minutes[this.minutes.length - 1];
    if (last && last[0] === minute) last[1]++;
    else {
      this.minutes.push([minute, 1]);
      if (this.minutes.length > TEN_MIN_BUCKETS) this.minutes.shift();
    }
    // A flood that ended before this raise ends at the instant it did, ticked or not.
    this.settleFlood(at);
    const windowMs = this.rules.flood.windowMs;
    this.raises.push(at);
    while (this.raises.length > RAISES_KEPT || (this.raises.length > 0 && this.raises[0]! <= at - windowMs)) this.raises.shift();
    const rate = this.rateAt(at);
    if (this.flood !== null) {
      this.flood.raised++;
      this.flood.peakRate = Math.max(this.flood.peakRate, rate);
      return true;
    }
    // More than `threshold` new alarms within the window: a flood begins with this one.
    if (rate > this.rules.flood.alarms) {
      this.flood = { start: at, end: null, raised: 1, peakRate: rate };
      return true;
    }
    return false;
  }

  /** New alarms within the flood window up to `at` (t in (at − window, at]). */
  private rateAt(at: number): number {
    const from = at - this.rules.flood.windowMs;
    let n = 0;
    for (let i = this.raises.length - 1; i >= 0; i--) {
      const t = this.raises[i]!;
      if (t <= from) break;
      if (t <= at) n++;
    }
    return n;
  }

  /**
   * Ends the flood once fewer than half the threshold are within the window (hysteresis, so
   * it does not flap), at the instant that happened: when the newest raise but (half − 1)
   * left the window. Derived from the raises alone, so a replay without ticks agrees.
   */
  private settleFlood(now: number): void {
    if (this.flood === null) return;
    const half = Math.max(1, Math.ceil(this.rules.flood.alarms / 2));
    const n = this.raises.length;
    const endAt = n >= half ? this.raises[n - half]! + this.rules.flood.windowMs : this.flood.start;
    if (endAt > now) return;
    this.flood.end = Math.max(endAt, this.flood.start);
    this.floods.push(this.flood);
    if (this.floods.length > FLOODS_KEPT) this.floods.shift();
    this.flood = null;
  }

  // ---- time ----------------------------------------------------------------------

  /** An active alarm with no event for its clear time returns to normal (acknowledged) or waits to be seen; a shelve expires. */
  private settle(live: LiveAlarm, now: number): void {
    const a = live.alarm;
    if (a.shelvedUntil !== null && now >= a.shelvedUntil) {
      a.shelvedUntil = null;
      a.shelved = null;
      this.changed.add(a.id);
    }
    if (a.state === 'cleared-unacknowledged' || now - a.lastSeen < live.clearMs) return;
    const clearedAt = a.lastSeen + live.clearMs;
    if (a.state === 'active-acknowledged') this.close(live, clearedAt);
    else {
      a.state = 'cleared-unacknowledged';
      a.clearedAt = clearedAt;
      this.changed.add(a.id);
    }
  }

  /** Back to normal: out of the live book, into the report's history. */
  private close(live: LiveAlarm, clearedAt: number): void {
    const a = live.alarm;
    a.clearedAt ??= clearedAt;
    this.byId.delete(a.id);
    if (this.byKey.get(live.key) === live) this.byKey.delete(live.key);
    this.changed.delete(a.id);
    this.removed.push(a.id);
    this.closed.push(a);
    if (this.closed.length > CLOSED_KEPT) this.closed.shift();
  }

  /** Settles every live alarm and the flood; the frame calls it at its cadence. */
  tick(now: number): void {
    for (const live of [...this.byId.values()]) this.settle(live, now);
    this.settleFlood(now);
  }

  // ---- the shift lead's actions ----------------------------------------------------

  /** Acknowledges alarms; returns the ids it changed. */
  acknowledge(ids: readonly number[], actor: AlarmActor): number[] {
    const done: number[] = [];
    for (const id of ids) {
      const live = this.byId.get(id);
      if (live === undefined) continue;
      this.settle(live, actor.at);
      if (!this.byId.has(id)) continue;
      const a = live.alarm;
      if (!isUnacknowledged(a.state)) continue;
      a.acknowledged = actor;
      this.sampleAckTime(a.priority, actor.at - live.unackSince, actor.at);
      if (a.state === 'cleared-unacknowledged') this.close(live, a.clearedAt ?? actor.at);
      else {
        a.state = 'active-acknowledged';
        this.changed.add(id);
      }
      done.push(id);
    }
    return done;
  }

  /**
   * The next shelve of an alarm (`S` repeated cycles through the rules' durations: 1 h, 4 h,
   * to the end of the shift): its expiry, or null when the alarm is gone. Decided here,
   * applied by `shelve`, so the journal records the expiry and a replay needs no roster.
   */
  nextShelve(id: number, at: number): { until: number; step: number } | null {
    const live = this.byId.get(id);
    if (live === undefined) return null;
    this.settle(live, at);
    if (!this.byId.has(id)) return null;
    const options = this.rules.shelve;
    for (let k = 1; k <= options.length; k++) {
      const step = (live.shelveStep + k) % options.length;
      const o = options[step]!;
      const until = o === 'shift' ? (this.shiftAt(at)?.end ?? null) : at + o * 1000;
      if (until !== null && until > at) return { until, step };
    }
    return null;
  }

  shelve(id: number, until: number, step: number, actor: AlarmActor): boolean {
    const live = this.byId.get(id);
    if (live === undefined) return false;
    this.settle(live, actor.at);
    if (!this.byId.has(id)) return false;
    live.alarm.shelvedUntil = until;
    live.alarm.shelved = actor;
    live.shelveStep = step;
    this.changed.add(id);
    return true;
  }

  private sampleAckTime(priority: AlarmPriority, ms: number, at: number): void {
    const key = this.shiftAt(at)?.key ?? '';
    let shift = this.ackSamples.get(key);
    if (shift === undefined) {
      shift = { critical: [], high: [], medium: [], low: [] };
      this.ackSamples.set(key, shift);
      if (this.ackSamples.size > ACK_SHIFTS) this.ackSamples.delete(this.ackSamples.keys().next().value!);
    }
    const samples = shift[priority];
    samples.push(Math.max(0, ms) / 1000);
    if (samples.length > ACK_SAMPLES) samples.shift();
  }

  // ---- what the wall shows ------------------------------------------------------------

  /** The shown list for the controller: not shelved, not suppressed, in list order. */
  view(): AlarmView {
    const shown = [...this.byId.values()]
      .map((l) => l.alarm)
      .filter((a) => a.shelvedUntil === null && !a.suppressed)
      .sort(compareAlarms)
      .map((a) => ({ id: a.id, unacknowledged: isUnacknowledged(a.state), priority: a.priority, siteId: a.siteId }));
    return { shown, newestId: this.nextId - 1, flood: this.flood !== null };
  }

  /** Every alarm not back to normal (copies), for the hand-over report. */
  live(): Alarm[] {
    return [...this.byId.values()].map((l) => copyAlarm(l.alarm));
  }

  get(id: number): Alarm | null {
    return this.byId.get(id)?.alarm ?? null;
  }

  /** A snapshot's alarms (every live one) or a delta's (changed since the last frame, and the ids back to normal). */
  frame(kind: 'snapshot' | 'delta', now: number): AlarmsFrame {
    const list = kind === 'snapshot' ? [...this.byId.values()].map((l) => l.alarm) : [...this.changed].flatMap((id) => this.byId.get(id)?.alarm ?? []);
    const out: AlarmsFrame = { alarms: list.map(copyAlarm), removed: kind === 'snapshot' ? [] : this.removed, summary: this.summary(now) };
    if (kind === 'delta') {
      this.changed.clear();
      this.removed = [];
    }
    return out;
  }

  /** Changes waiting for the next delta (the controller is told only when there are some). */
  hasChanges(): boolean {
    return this.changed.size > 0 || this.removed.length > 0;
  }

  summary(now: number): AlarmSummary {
    this.settleFlood(now);
    const standing = zeroCounts();
    const unacknowledged = zeroCounts();
    let shelved = 0;
    let suppressed = 0;
    const suppressedBySite = new Map<string, number>();
    for (const { alarm: a } of this.byId.values()) {
      if (a.shelvedUntil !== null) shelved++;
      else if (a.suppressed) {
        suppressed++;
        suppressedBySite.set(a.siteId, (suppressedBySite.get(a.siteId) ?? 0) + 1);
      } else {
        standing[a.priority]++;
        if (isUnacknowledged(a.state)) unacknowledged[a.priority]++;
      }
    }
    const minuteNow = Math.floor(now / 60_000);
    const raisedLast10m = this.minutes.reduce((n, [m, c]) => (minuteNow - m < TEN_MIN_BUCKETS ? n + c : n), 0);
    const shift = this.shiftAt(now);
    const flood: AlarmFlood = {
      active: this.flood !== null,
      since: this.flood?.start ?? null,
      rate: this.rateAt(now),
      threshold: this.rules.flood.alarms,
      windowS: this.rules.flood.windowMs / 1000,
      raised: this.flood?.raised ?? 0,
      bySite: [...suppressedBySite]
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, 8)
        .map(([siteId, count]) => ({ siteId, count })),
    };
    return { standing, unacknowledged, shelved, suppressed, raisedLast10m, flood, ackTimes: this.ackTimes(shift?.key ?? ''), shift };
  }

  private ackTimes(shiftKey: string): Record<AlarmPriority, AckTimes> {
    const samples = this.ackSamples.get(shiftKey);
    return Object.fromEntries(ALARM_PRIORITIES.map((p) => [p, percentiles(samples?.[p] ?? [])])) as Record<AlarmPriority, AckTimes>;
  }

  /** Alarms back to normal and floods, for the hand-over report (bounded). */
  history(): { closed: readonly Alarm[]; floods: readonly FloodRecord[]; flood: FloodRecord | null } {
    return { closed: this.closed, floods: this.floods, flood: this.flood };
  }

  size(): number {
    return this.byId.size;
  }

  // ---- saved form ----------------------------------------------------------------------

  exportState(): AlarmBookState {
    return {
      nextId: this.nextId,
      live: [...this.byId.values()].map((l) => ({ alarm: copyAlarm(l.alarm), key: l.key, clearMs: l.clearMs, groupMs: l.groupMs, unackSince: l.unackSince, shelveStep: l.shelveStep, current: this.byKey.get(l.key) === l })),
      raises: [...this.raises],
      flood: this.flood ? { ...this.flood } : null,
      floods: this.floods.map((f) => ({ ...f })),
      minutes: this.minutes.map(([m, c]) => [m, c]),
      closed: this.closed.map(copyAlarm),
      ackSamples: [...this.ackSamples].map(([k, v]) => [k, { critical: [...v.critical], high: [...v.high], medium: [...v.medium], low: [...v.low] }]),
      raisedTotal: { ...this.raisedTotal },
      refused: this.refused,
    };
  }

  /** Restores a saved book (already checked by parseAlarmBookState); bounds are applied again. */
  importState(s: AlarmBookState): void {
    this.byKey.clear();
    this.byId.clear();
    this.nextId = s.nextId;
    for (const l of s.live.slice(0, MAX_LIVE_ALARMS)) {
      const live: LiveAlarm = { alarm: copyAlarm(l.alarm), key: l.key, clearMs: l.clearMs, groupMs: l.groupMs, unackSince: l.unackSince, shelveStep: l.shelveStep };
      this.byId.set(live.alarm.id, live);
      if (l.current) this.byKey.set(l.key, live);
      this.nextId = Math.max(this.nextId, live.alarm.id + 1);
    }
    this.raises = s.raises.slice(-RAISES_KEPT);
    this.flood = s.flood ? { ...s.flood } : null;
    this.floods.splice(0, this.floods.length, ...s.floods.slice(-FLOODS_KEPT));
    this.minutes.splice(0, this.minutes.length, ...s.minutes.slice(-TEN_MIN_BUCKETS).map(([m, c]): [number, number] => [m, c]));
    this.closed.splice(0, this.closed.length, ...s.closed.slice(-CLOSED_KEPT).map(copyAlarm));
    this.ackSamples.clear();
    for (const [k, v] of s.ackSamples.slice(-ACK_SHIFTS)) {
      this.ackSamples.set(k, { critical: v.critical.slice(-ACK_SAMPLES), high: v.high.slice(-ACK_SAMPLES), medium: v.medium.slice(-ACK_SAMPLES), low: v.low.slice(-ACK_SAMPLES) });
    }
    Object.assign(this.raisedTotal, s.raisedTotal);
    this.refused = s.refused;
    this.changed.clear();
    this.removed = [];
  }
}

export interface AlarmBookState {
  nextId: number;
  live: { alarm: Alarm; key: string; clearMs: number; groupMs: number; unackSince: number; shelveStep: number; current: boolean }[];
  raises: number[];
  flood: FloodRecord | null;
  floods: FloodRecord[];
  minutes: [number, number][];
  closed: Alarm[];
  ackSamples: [string, Record<AlarmPriority, number[]>][];
  raisedTotal: Record<AlarmPriority, number>;
  refused: number;
}

/** What an alarm keeps of an event, for a flagged sensor that sent none: made only to raise or to change its alarm. */
function sourceEvent(f: { siteId: string; sensorId: string; state: WatchAlarmState }, now: number, count: number): SecurityEvent {
  return {
    time: now, siteId: f.siteId, sensorId: f.sensorId, category: 'other', severity: f.state === 'warning' ? 'medium' : 'high', action: 'unknown',
    srcIp: null, srcPort: null, destIp: null, destPort: null, proto: null, signature: null, signatureId: null, count,
  };
}

/** A copy that shares nothing with the book (frames and saved states are read by others). */
function copyAlarm(a: Alarm): Alarm {
  return { ...a, acknowledged: a.acknowledged && { ...a.acknowledged }, shelved: a.shelved && { ...a.shelved } };
}

function zeroCounts(): PriorityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/** Nearest-rank percentiles (seconds, one decimal). */
function percentiles(samples: readonly number[]): AckTimes {
  if (samples.length === 0) return { p50: null, p95: null, n: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: Math.round(rank(0.5) * 10) / 10, p95: Math.round(rank(0.95) * 10) / 10, n: sorted.length };
}
