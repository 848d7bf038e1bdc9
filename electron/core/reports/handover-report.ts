// The hand-over report as data: what one shift saw and what it hands to the next. Built from
// what the core already keeps (shift tallies, the alarm book, link gaps, sensor outages),
// once per report; the PDF and the HTML render this same object (report-pdf.ts, report-html.ts).
import type { Alarm, AlarmPriority, Category, IngestStats, Language, LinkState, ReportReason } from '../../contract/index.js';
import { ALARM_PRIORITIES, CATEGORIES, compareAlarms } from '../../contract/index.js';
import type { FloodRecord } from '../alarms/alarm-book.js';
import type { SensorOutage } from '../aggregate/site-state-tracker.js';
import type { IngestCounts, ShiftTally, ShiftWindow } from './shift-tally.js';

/** Rows a report lists at most, per list (the rest are counted, never silently dropped). */
export const REPORT_LIST_MAX = { alarms: 300, handedOver: 100, top: 10, outages: 50 } as const;

export type { ReportReason } from '../../contract/index.js';

/** A crew as the roster names it. */
export interface ReportCrew {
  name: { vi?: string; en?: string };
  lead: string;
  members: string[];
}

export interface ReportAlarm {
  id: number;
  priority: AlarmPriority;
  state: Alarm['state'];
  siteId: string;
  siteName: string;
  category: Category;
  signature: string | null;
  count: number;
  firstSeen: number;
  lastSeen: number;
  clearedAt: number | null;
  /** Who acknowledged (the lead on duty then), when, from which client; null: not acknowledged. */
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  /** Seconds from its first event to the acknowledgement. */
  ackSeconds: number | null;
  shelvedUntil: number | null;
  shelvedBy: string | null;
  suppressed: boolean;
}

export interface ReportList<T> {
  rows: T[];
  /** Rows past the list's bound, counted. */
  more: number;
}

export interface HandoverReport {
  language: Language;
  reason: ReportReason;
  generatedAt: number;
  /** The shift reported; `end` is its end or, written before it, the time of writing. */
  period: { key: string; start: number; end: number; complete: boolean };
  /** The crew going off and the one coming on (null without a roster). */
  off: ReportCrew | null;
  on: ReportCrew | null;
  /** Per category: this shift, the shift before, the same shift a day before (null: not kept). */
  events: { category: Category; count: number; previous: number | null; dayBefore: number | null }[];
  totals: { count: number; previous: number | null; dayBefore: number | null };
  topSites: { id: string; name: string; count: number }[];
  topSignatures: { key: string; count: number }[];
  topSources: { key: string; count: number }[];
  alarms: ReportList<ReportAlarm>;
  /** Per priority: raised in the shift, acknowledged, time to acknowledge (s). */
  alarmFigures: { priority: AlarmPriority; raised: number; acknowledged: number; p50: number | null; p95: number | null; max: number | null }[];
  /** Raised per hour of the shift, per priority (for the chart). */
  alarmsByHour: { hourStart: number; counts: Record<AlarmPriority, number> }[];
  standing: ReportList<ReportAlarm>;
  shelved: ReportList<ReportAlarm>;
  floods: FloodRecord[];
  outages: {
    link: { from: number; to: number | null }[];
    sensors: ReportList<{ siteName: string; sensorId: string; from: number; to: number | null }>;
  };
  ingest: IngestCounts;
  /** What the core's bounds may have cut from this shift: alarms back to normal, sensor outages. */
  incomplete: { alarms: boolean; outages: boolean };
  /** Rejections by reason since the wall started (the per-reason counters are not kept per shift). */
  rejectedByReason: [string, number][];
}

export interface HandoverInputs {
  reason: ReportReason;
  now: number;
  language: Language;
  /** The shift reported. */
  window: ShiftWindow;
  /** The span of any instant's shift (to find the one before and the one a day before). */
  windowAt: (at: number) => ShiftWindow;
  off: ReportCrew | null;
  on: ReportCrew | null;
  tallies: readonly ShiftTally[];
  ingestNow: IngestStats;
  live: readonly Alarm[];
  closed: readonly Alarm[];
  floods: readonly FloodRecord[];
  link: LinkState;
  sensorOutages: readonly SensorOutage[];
  /** The alarm book's closed list and the outage list are at their bounds (older ones were dropped). */
  closedFull: boolean;
  outagesFull: boolean;
  darkSensors: readonly { siteId: string; sensorId: string; since: number }[];
  siteName: (id: string) => string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function buildHandoverReport(x: HandoverInputs): HandoverReport {
  const start = x.window.start;
  const end = Math.min(x.window.end, Math.max(start, x.now));
  const complete = x.now >= x.window.end;
  const tally = x.tallies.find((t) => t.key === x.window.key) ?? null;
  const previous = x.tallies.find((t) => t.key === x.windowAt(start - 1).key && t.key !== x.window.key) ?? null;
  const dayBefore = x.tallies.find((t) => t.key === x.windowAt(start - DAY_MS).key && t.key !== x.window.key) ?? null;

  const events = CATEGORIES.map((category) => ({
    category,
    count: tally?.events[category] ?? 0,
    previous: previous ? previous.events[category] : null,
    dayBefore: dayBefore ? dayBefore.events[category] : null,
  }));
  const sum = (t: ShiftTally | null) => (t ? CATEGORIES.reduce((n, c) => n + t.events[c], 0) : null);

  const inPeriod = (a: Alarm) => a.firstSeen >= start && a.firstSeen < end;
  // An alarm is in the book once: live, or closed (back to normal). Dedup by id regardless.
  const byId = new Map<number, Alarm>();
  for (const a of x.closed) if (inPeriod(a)) byId.set(a.id, a);
  for (const a of x.live) if (inPeriod(a)) byId.set(a.id, a);
  const raised = [...byId.values()].sort((a, b) => a.firstSeen - b.firstSeen || a.id - b.id);
  const rows = raised.map((a) => reportAlarm(a, x.siteName));

  const alarmFigures = ALARM_PRIORITIES.map((priority) => {
    const mine = rows.filter((r) => r.priority === priority);
    const times = mine.flatMap((r) => (r.ackSeconds === null ? [] : [r.ackSeconds])).sort((a, b) => a - b);
    return { priority, raised: mine.length, acknowledged: times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times.at(-1) ?? null };
  });

  const alarmsByHour: HandoverReport['alarmsByHour'] = [];
  for (let h = Math.floor(start / HOUR_MS) * HOUR_MS; h < end && alarmsByHour.length < 48; h += HOUR_MS) {
    alarmsByHour.push({ hourStart: h, counts: { critical: 0, high: 0, medium: 0, low: 0 } });
  }
  for (const r of rows) {
    const slot = alarmsByHour[Math.floor((r.firstSeen - (alarmsByHour[0]?.hourStart ?? 0)) / HOUR_MS)];
    if (slot) slot.counts[r.priority]++;
  }

  // Handed over: what is still on the book when the report is written (a cleared alarm not yet
  // acknowledged is still on it: the next shift has to see it).
  const handed = [...x.live].sort(compareAlarms);
  const standing = handed.filter((a) => a.shelvedUntil === null).map((a) => reportAlarm(a, x.siteName));
  const shelved = handed.filter((a) => a.shelvedUntil !== null).map((a) => reportAlarm(a, x.siteName));

  const overlaps = (from: number, to: number | null) => from < end && (to === null || to > start);
  // The shift's own outages first (in time order), then the sensors still dark, the most
  // recently lost first: a sensor dark for months must not push this shift's outages out.
  const sensorRows = [
    ...x.sensorOutages
      .filter((o) => overlaps(o.from, o.to))
      .sort((a, b) => a.from - b.from)
      .map((o) => ({ siteName: x.siteName(o.siteId), sensorId: o.sensorId, from: o.from, to: o.to as number | null })),
    ...x.darkSensors
      .filter((d) => d.since < end)
      .sort((a, b) => b.since - a.since)
      .map((d) => ({ siteName: x.siteName(d.siteId), sensorId: d.sensorId, from: d.since, to: null })),
  ];

  // The shift's ingest: the counters at its next shift's start (or now) less those at its start.
  const nextTally = x.tallies.find((t) => t.start >= x.window.end) ?? null;
  const atEnd = complete && nextTally ? nextTally.ingestAtStart : x.ingestNow;
  const atStart = tally?.ingestAtStart ?? atEnd;
  const ingest: IngestCounts = {
    received: Math.max(0, atEnd.received - atStart.received),
    accepted: Math.max(0, atEnd.accepted - atStart.accepted),
    rejected: Math.max(0, atEnd.rejected - atStart.rejected),
    ignored: Math.max(0, atEnd.ignored - atStart.ignored),
    duplicates: Math.max(0, atEnd.duplicates - atStart.duplicates),
  };

  return {
    language: x.language,
    reason: x.reason,
    generatedAt: x.now,
    period: { key: x.window.key, start, end, complete },
    off: x.off,
    on: x.on,
    events,
    totals: { count: sum(tally) ?? 0, previous: sum(previous), dayBefore: sum(dayBefore) },
    topSites: tally
      ? [...tally.bySite]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, REPORT_LIST_MAX.top)
          .map(([id, count]) => ({ id, name: x.siteName(id), count }))
      : [],
    topSignatures: tally ? tally.signatures.top(REPORT_LIST_MAX.top).map(({ key, count }) => ({ key, count })) : [],
    topSources: tally ? tally.sources.top(REPORT_LIST_MAX.top).map(({ key, count }) => ({ key, count })) : [],
    alarms: bounded(rows, REPORT_LIST_MAX.alarms),
    alarmFigures,
    alarmsByHour,
    standing: bounded(standing, REPORT_LIST_MAX.handedOver),
    shelved: bounded(shelved, REPORT_LIST_MAX.handedOver),
    floods: x.floods.filter((f) => overlaps(f.start, f.end)).map((f) => ({ ...f })),
    outages: {
      link: (x.link.gaps ?? []).filter((g) => overlaps(g.from, g.to)).map((g) => ({ ...g })),
      sensors: bounded(sensorRows, REPORT_LIST_MAX.outages),
    },
    ingest,
    // At its bound, a list lost its oldest entries: if those may be of this shift, the report says so.
    incomplete: {
      alarms: x.closedFull && (x.closed[0]?.clearedAt ?? x.closed[0]?.lastSeen ?? 0) > start,
      outages: x.outagesFull && (x.sensorOutages[0]?.to ?? 0) > start,
    },
    rejectedByReason: Object.entries(x.ingestNow.rejectedByReason)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]),
  };
}

function reportAlarm(a: Alarm, siteName: (id: string) => string): ReportAlarm {
  const ack = a.acknowledged;
  return {
    id: a.id,
    priority: a.priority,
    state: a.state,
    siteId: a.siteId,
    siteName: siteName(a.siteId),
    category: a.category,
    signature: a.signature,
    count: a.count,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    clearedAt: a.clearedAt,
    acknowledgedBy: ack ? (ack.lead ?? ack.client) : null,
    acknowledgedAt: ack?.at ?? null,
    ackSeconds: ack ? Math.max(0, Math.round((ack.at - a.firstSeen) / 1000)) : null,
    shelvedUntil: a.shelvedUntil,
    shelvedBy: a.shelved ? (a.shelved.lead ?? a.shelved.client) : null,
    suppressed: a.suppressed,
  };
}

function bounded<T>(rows: T[], max: number): ReportList<T> {
  return { rows: rows.slice(0, max), more: Math.max(0, rows.length - max) };
}

/** Nearest-rank quantile of sorted values; null when empty. */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
