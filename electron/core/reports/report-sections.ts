// The report laid out once, as sections of facts, tables and charts in the report's language:
// the PDF and the HTML renderers only draw these, so both say the same thing.
import { CATEGORY_NAMES, PRIORITY_NAMES } from '../../contract/common/taxonomy-names.js';
import { wallClockText } from '../aggregate/calendar.js';
import { SENSOR_OUTAGES_KEPT } from '../aggregate/site-state-tracker.js';
import { CLOSED_KEPT } from '../alarms/alarm-book.js';
import type { HandoverReport, ReportAlarm, ReportCrew, ReportList } from './handover-report.js';
import { alarmsByHourChart, eventsChart } from './report-charts.js';
import { REPORT_TEXTS, durationText, fill, type ReportTexts } from './report-texts.js';

/** Text from the wire is cut for the tables (a 512-character signature would fill a page). */
export const CELL_TEXT_MAX = 80;

function cut(text: string): string {
  return text.length <= CELL_TEXT_MAX ? text : `${text.slice(0, CELL_TEXT_MAX - 1)}…`;
}

export interface Cell {
  text: string;
  /** Drawn bold: a figure that needs action (not acknowledged, ongoing). Never colour alone. */
  strong?: boolean;
}

export interface Column {
  label: string;
  /** Share of the line's width. */
  width: number;
  align?: 'left' | 'right';
}

export type Section =
  | { kind: 'facts'; title: string; items: [string, string][] }
  | { kind: 'table'; title: string; columns: Column[]; rows: Cell[][]; more: number; empty: string }
  | { kind: 'chart'; title: string; svg: string; width: number; height: number };

export interface ReportLayout {
  title: string;
  subtitle: string;
  texts: ReportTexts;
  sections: Section[];
}

/** The chart's drawing size in CSS px / PDF points (landscape A4 less margins). */
export const CHART_WIDTH = 760;

export function layoutReport(r: HandoverReport): ReportLayout {
  const t = REPORT_TEXTS[r.language];
  const lang = r.language;
  const time = wallClockText;
  const num = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const opt = (n: number | null) => (n === null ? t.notKept : num(n));
  const crewName = (c: ReportCrew | null) => (c ? (c.name[lang] ?? c.name.vi ?? c.name.en ?? '') : '');
  const sections: Section[] = [];

  const facts: [string, string][] = [
    [t.shift, r.off ? `${crewName(r.off)} (${r.period.key})` : `${r.period.key} — ${t.noRoster}`],
    [t.period, `${time(r.period.start)} – ${time(r.period.end)}`],
  ];
  if (r.off) facts.push([t.leadOff, r.off.lead], [t.members, r.off.members.join(', ') || t.none]);
  if (r.on) facts.push([t.leadOn, `${r.on.lead} — ${crewName(r.on)}`]);
  facts.push(['', r.reason === 'shift-end' ? t.reasonEnd : t.reasonNow]);
  if (r.incomplete.alarms) facts.push([t.note, fill(t.alarmsIncomplete, { n: num(CLOSED_KEPT) })]);
  if (r.incomplete.outages) facts.push([t.note, fill(t.outagesIncomplete, { n: num(SENSOR_OUTAGES_KEPT) })]);
  sections.push({ kind: 'facts', title: t.title, items: facts });

  const names = CATEGORY_NAMES[lang];
  sections.push({
    kind: 'table',
    title: t.events,
    columns: [
      { label: t.category, width: 0.4 },
      { label: t.thisShift, width: 0.2, align: 'right' },
      { label: t.previousShift, width: 0.2, align: 'right' },
      { label: t.dayBefore, width: 0.2, align: 'right' },
    ],
    rows: [
      ...r.events.map((e) => [{ text: names[e.category] }, { text: num(e.count) }, { text: opt(e.previous) }, { text: opt(e.dayBefore) }]),
      [{ text: t.total, strong: true }, { text: num(r.totals.count), strong: true }, { text: opt(r.totals.previous) }, { text: opt(r.totals.dayBefore) }],
    ],
    more: 0,
    empty: t.none,
  });
  // The table's picture: no heading of its own.
  sections.push({ kind: 'chart', title: '', svg: eventsChart(r, t, { width: CHART_WIDTH, height: 160 }), width: CHART_WIDTH, height: 160 });

  const top = (title: string, label: string, rows: { name: string; count: number }[]): Section => ({
    kind: 'table',
    title,
    columns: [
      { label, width: 0.78 },
      { label: t.count, width: 0.22, align: 'right' },
    ],
    rows: rows.map((x) => [{ text: cut(x.name) }, { text: num(x.count) }]),
    more: 0,
    empty: t.none,
  });
  sections.push(top(t.topSites, t.site, r.topSites));
  sections.push(top(t.topSignatures, t.signature, r.topSignatures.map((s) => ({ name: s.key, count: s.count }))));
  sections.push(top(t.topSources, t.source, r.topSources.map((s) => ({ name: s.key, count: s.count }))));

  const pr = PRIORITY_NAMES[lang];
  const secs = (s: number | null) => (s === null ? '—' : durationText(s * 1000, t));
  sections.push({
    kind: 'table',
    title: t.ackTimes,
    columns: [
      { label: t.priority, width: 0.24 },
      { label: t.raised, width: 0.14, align: 'right' },
      { label: t.acknowledged, width: 0.17, align: 'right' },
      { label: t.median, width: 0.15, align: 'right' },
      { label: t.p95, width: 0.15, align: 'right' },
      { label: t.longest, width: 0.15, align: 'right' },
    ],
    rows: r.alarmFigures.map((f) => [
      { text: pr[f.priority] },
      { text: num(f.raised) },
      { text: num(f.acknowledged), strong: f.acknowledged < f.raised },
      { text: secs(f.p50) },
      { text: secs(f.p95) },
      { text: secs(f.max) },
    ]),
    more: 0,
    empty: t.none,
  });
  if (r.alarms.rows.length > 0) {
    sections.push({ kind: 'chart', title: t.alarmsByHour, svg: alarmsByHourChart(r, { width: CHART_WIDTH, height: 180 }), width: CHART_WIDTH, height: 180 });
  }

  const alarmTable = (title: string, list: ReportList<ReportAlarm>, last: 'ack' | 'handover'): Section => ({
    kind: 'table',
    title,
    columns: [
      { label: '#', width: 0.05 },
      { label: t.priority, width: 0.1 },
      { label: t.site, width: 0.2 },
      { label: t.what, width: 0.24 },
      { label: t.count, width: 0.07, align: 'right' },
      { label: t.firstSeen, width: 0.08 },
      ...(last === 'ack' ? [{ label: t.acknowledgedBy, width: 0.14 }, { label: t.ackAfter, width: 0.12 }] : [{ label: t.handover, width: 0.26 }]),
    ],
    rows: list.rows.map((a) => [
      { text: String(a.id) },
      { text: pr[a.priority], strong: a.priority === 'critical' },
      { text: cut(a.siteName) },
      { text: a.signature ? `${names[a.category]} — ${cut(a.signature)}` : names[a.category] },
      { text: num(a.count) },
      { text: time(a.firstSeen).slice(11) },
      ...(last === 'ack' ? ackCells(a, t) : [handoverCell(a, t)]),
    ]),
    more: list.more,
    empty: t.none,
  });
  sections.push(alarmTable(t.alarms, r.alarms, 'ack'));
  sections.push(alarmTable(t.standing, r.standing, 'handover'));
  sections.push(alarmTable(t.shelved, r.shelved, 'handover'));

  sections.push({
    kind: 'table',
    title: t.floods,
    columns: [
      { label: t.floodStart, width: 0.3 },
      { label: t.floodEnd, width: 0.3 },
      { label: t.floodRaised, width: 0.2, align: 'right' },
      { label: t.floodPeak, width: 0.2, align: 'right' },
    ],
    rows: r.floods.map((f) => [{ text: time(f.start) }, f.end === null ? { text: t.ongoing, strong: true } : { text: time(f.end) }, { text: num(f.raised) }, { text: num(f.peakRate) }]),
    more: 0,
    empty: t.none,
  });

  const span = (from: number, to: number | null): Cell[] => [
    { text: time(from) },
    to === null ? { text: t.notBack, strong: true } : { text: time(to) },
    { text: durationText((to ?? r.generatedAt) - from, t) },
  ];
  sections.push({
    kind: 'table',
    title: `${t.outages}: ${t.linkDown}`,
    columns: [
      { label: t.from, width: 0.34 },
      { label: t.to, width: 0.34 },
      { label: t.duration, width: 0.32, align: 'right' },
    ],
    rows: r.outages.link.map((g) => span(g.from, g.to)),
    more: 0,
    empty: t.none,
  });
  sections.push({
    kind: 'table',
    title: `${t.outages}: ${t.silentSensors}`,
    columns: [
      { label: t.site, width: 0.3 },
      { label: t.sensor, width: 0.18 },
      { label: t.from, width: 0.18 },
      { label: t.to, width: 0.18 },
      { label: t.duration, width: 0.16, align: 'right' },
    ],
    rows: r.outages.sensors.rows.map((s) => [{ text: cut(s.siteName) }, { text: cut(s.sensorId) }, ...span(s.from, s.to)]),
    more: r.outages.sensors.more,
    empty: t.none,
  });

  sections.push({
    kind: 'facts',
    title: t.ingest,
    items: [
      [t.received, num(r.ingest.received)],
      [t.accepted, num(r.ingest.accepted)],
      [t.rejected, num(r.ingest.rejected)],
      [t.ignored, num(r.ingest.ignored)],
      [t.duplicates, num(r.ingest.duplicates)],
      [t.reasons, r.rejectedByReason.length === 0 ? t.none : r.rejectedByReason.map(([k, n]) => `${k} ${num(n)}`).join(', ')],
    ],
  });

  return {
    title: `${t.title} — ${r.off ? crewName(r.off) : r.period.key}`,
    subtitle: `${t.centre} · ${fill(t.writtenAt, { time: time(r.generatedAt) })}`,
    texts: t,
    sections,
  };
}

function ackCells(a: ReportAlarm, t: ReportTexts): Cell[] {
  if (a.acknowledgedBy === null || a.ackSeconds === null) return [{ text: t.notAcknowledged, strong: true }, { text: '—' }];
  return [{ text: a.acknowledgedBy }, { text: durationText(a.ackSeconds * 1000, t) }];
}

function handoverCell(a: ReportAlarm, t: ReportTexts): Cell {
  if (a.shelvedUntil !== null) return { text: fill(t.shelvedUntil, { time: wallClockText(a.shelvedUntil).slice(5), who: a.shelvedBy ?? '' }) };
  if (a.suppressed) return { text: t.suppressed };
  if (a.acknowledgedBy === null) return { text: t.notAcknowledged, strong: true };
  if (a.clearedAt !== null) return { text: fill(t.cleared, { time: wallClockText(a.clearedAt).slice(11) }) };
  return { text: `${t.acknowledged}: ${a.acknowledgedBy}` };
}
