// Pure merge logic: snapshot + deltas -> the renderer's view of the wall.
// No Vue, no DOM: Node unit tests reach every rule here (tests/unit/renderer/frame-merge.test.ts).
import type {
  Alarm,
  AlarmSummary,
  AlarmsFrame,
  AttackFrame,
  Category,
  EndpointPosture,
  Incident,
  IngestStats,
  KpiValue,
  LinkState,
  DeltaFrame,
  OriginArc,
  OriginsFrame,
  SiteChange,
  SiteState,
  SnapshotFrame,
  TimelineSeries,
  TopEntry,
  WallFrame,
} from '../../../electron/contract/index.js';
import { ORIGIN_ARCS_KEPT } from '../../../electron/contract/common/threat-bounds.js';
import { CATEGORY_ORDER } from '../theme/categories.js';
import { isRestored } from '../wall/link-status.js';

/** Newest incidents kept by the ticker. */
export const MAX_INCIDENTS = 50;
/** Outage spans kept (older ones fall off the 24 h window anyway). */
export const MAX_OUTAGES = 64;
/** A delta this far behind the view means the host restarted its sequence. */
export const STALE_SEQ_TOLERANCE = 8;
export const SECONDS_WINDOW = { step: 1, length: 3600 } as const;
export const MINUTES_WINDOW = { step: 60, length: 1440 } as const;

/**
 * A fixed-length window of buckets: bucket i covers epoch second `start + i * step`.
 * Arrays never grow: shifting drops the oldest buckets and appends zeros.
 */
export interface TimelineWindow {
  readonly step: number;
  readonly length: number;
  readonly start: number;
  readonly values: Readonly<Record<Category, readonly number[]>>;
}

/** A span (epoch ms) during which the broker link was not connected; `to` null = still open. */
export interface OutageSpan {
  readonly from: number;
  readonly to: number | null;
}

export interface WallView {
  readonly seq: number;
  readonly at: number;
  readonly timeZone: string;
  readonly link: LinkState;
  readonly eventsPerSecond: number;
  readonly counters: WallFrame['counters'];
  readonly seconds: TimelineWindow;
  readonly minutes: TimelineWindow;
  readonly outages: readonly OutageSpan[];
  /** By site id; a new Map only when a site changed. */
  readonly sites: ReadonlyMap<string, SiteState>;
  /** Newest first, at most MAX_INCIDENTS. */
  readonly incidents: readonly Incident[];
  readonly top: { readonly signatures: readonly TopEntry[]; readonly sources: readonly TopEntry[] };
  readonly endpoints: EndpointPosture;
  readonly ingest: IngestStats;
  /** By KPI name; a new Map only when a KPI was updated. */
  readonly kpis: ReadonlyMap<string, KpiValue>;
  /** Alarms not back to normal, by id, as the core decided them; a new Map only when one changed. */
  readonly alarms: ReadonlyMap<number, Alarm>;
  readonly alarmSummary: AlarmSummary;
  /** Origins as the core last sent them; arcs newest first, at most ORIGIN_ARCS_KEPT. */
  readonly origins: OriginsFrame;
  readonly attack: AttackFrame;
}

export type MergeResult =
  | { readonly view: WallView; readonly needSnapshot: false }
  | { readonly view: WallView | null; readonly needSnapshot: true };

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** Start of the newest bucket that contains `atMs`. */
export function newestBucket(atMs: number, step: number): number {
  return Math.floor(atMs / 1000 / step) * step;
}

export function emptyWindow(step: number, length: number, atMs: number): TimelineWindow {
  const start = newestBucket(atMs, step) - (length - 1) * step;
  const values = {} as Record<Category, number[]>;
  for (const c of CATEGORY_ORDER) values[c] = zeros(length);
  return { step, length, start, values };
}

/** Moves the window so its newest bucket is the one holding `atMs`; never moves backwards. */
export function shiftWindow(win: TimelineWindow, atMs: number): TimelineWindow {
  const start = newestBucket(atMs, win.step) - (win.length - 1) * win.step;
  if (start <= win.start) return win;
  const k = Math.round((start - win.start) / win.step);
  const values = {} as Record<Category, number[]>;
  for (const c of CATEGORY_ORDER) {
    const old = win.values[c];
    const next = k >= win.length ? zeros(win.length) : old.slice(k);
    while (next.length < win.length) next.push(0);
    values[c] = next;
  }
  return { step: win.step, length: win.length, start, values };
}

/** Replaces the buckets the series covers (those inside the window); others are kept. */
export function mergeSeries(win: TimelineWindow, series: TimelineSeries | undefined): TimelineWindow {
  if (!series || series.step !== win.step) return win;
  let values: Record<Category, number[]> | null = null;
  for (const c of CATEGORY_ORDER) {
    const src = series.values[c];
    if (!src || src.length === 0) continue;
    for (let i = 0; i < src.length; i++) {
      const idx = Math.round((series.start + i * series.step - win.start) / win.step);
      if (idx < 0 || idx >= win.length) continue;
      const v = src[i] ?? 0;
      if (win.values[c][idx] === v && !values) continue;
      if (!values) {
        values = {} as Record<Category, number[]>;
        for (const cc of CATEGORY_ORDER) values[cc] = win.values[cc] as number[];
      }
      if (values[c] === win.values[c]) values[c] = win.values[c].slice();
      values[c][idx] = v;
    }
  }
  return values ? { step: win.step, length: win.length, start: win.start, values } : win;
}

export function sumWindow(win: TimelineWindow): number {
  let total = 0;
  for (const c of CATEGORY_ORDER) for (const v of win.values[c]) total += v;
  return total;
}

/** Whether a delta's site carries every field (the first time the core sends a site). */
function isWholeSite(s: SiteChange): s is SiteState {
  return s.status !== undefined && s.lastEventAt !== undefined && s.lastHighAt !== undefined && s.count5m !== undefined && s.count60m !== undefined && s.worstSeverity !== undefined && s.sensors !== undefined;
}

/**
 * Applies each site's changed fields over its state; keeps the same Map when nothing changed.
 * `missing`: a change of fields for a site this view does not have (it missed the whole state):
 * the view needs a snapshot.
 */
export function mergeSites(
  current: ReadonlyMap<string, SiteState>,
  changed: readonly SiteChange[],
): { sites: ReadonlyMap<string, SiteState>; missing: boolean } {
  if (changed.length === 0) return { sites: current, missing: false };
  const next = new Map(current);
  let missing = false;
  for (const c of changed) {
    const before = next.get(c.id);
    if (before) next.set(c.id, { ...before, ...c });
    else if (isWholeSite(c)) next.set(c.id, c);
    else missing = true;
  }
  return { sites: next, missing };
}

/** Prepends new incidents (deduplicated by id), newest first, capped at `max`. */
export function mergeIncidents(
  current: readonly Incident[],
  added: readonly Incident[],
  max: number = MAX_INCIDENTS,
): readonly Incident[] {
  if (added.length === 0) return current;
  const known = new Set(current.map((i) => i.id));
  const fresh = added.filter((i) => !known.has(i.id)).sort((a, b) => b.id - a.id);
  if (fresh.length === 0) return current;
  return fresh.concat(current).slice(0, max);
}

/**
 * Tracks spans when the broker link was not connected (drawn as grey bands on the
 * timeline). Opens a span at `link.since` when the link leaves `connected`, closes it when it returns.
 * After a restart (the core restored its journal and has not connected yet) the span opens at
 * the restored data's `lastMessageAt`: the time the app was down is a band, not a flat zero.
 * A window only knows the outages it saw (bounded list, 24 h).
 */
export function updateOutages(
  spans: readonly OutageSpan[],
  link: LinkState,
  atMs: number,
  max: number = MAX_OUTAGES,
): readonly OutageSpan[] {
  if (link.gaps) {
    // The core's own record (it also knows the time the wall itself was not running).
    const horizonMs = atMs - MINUTES_WINDOW.length * MINUTES_WINDOW.step * 1000;
    const gaps = link.gaps.filter((g) => g.to === null || g.to >= horizonMs).slice(-max);
    const same = gaps.length === spans.length && gaps.every((g, i) => g.from === spans[i]!.from && g.to === spans[i]!.to);
    return same ? spans : gaps;
  }
  const last = spans[spans.length - 1];
  const open = last !== undefined && last.to === null;
  const down = link.status !== 'connected';
  const horizon = atMs - MINUTES_WINDOW.length * MINUTES_WINDOW.step * 1000;
  let next: OutageSpan[] | null = null;
  const opensAt = isRestored(link) ? (link.lastMessageAt as number) : link.since || atMs;
  if (down && !open) next = [...spans, { from: Math.min(opensAt, atMs), to: null }];
  else if (!down && open) next = [...spans.slice(0, -1), { from: last.from, to: link.since || atMs }];
  const list = next ?? spans;
  const first = list[0];
  if (list.length > max || (first !== undefined && first.to !== null && first.to < horizon)) {
    return list.filter((s) => s.to === null || s.to >= horizon).slice(-max);
  }
  return list;
}

/** The view a snapshot frame describes (outage history carried over from `previous`). */
export function viewFromSnapshot(frame: SnapshotFrame, previous: WallView | null = null): WallView {
  const seconds = mergeSeries(emptyWindow(SECONDS_WINDOW.step, SECONDS_WINDOW.length, frame.at), frame.timeline.seconds);
  const minutes = mergeSeries(emptyWindow(MINUTES_WINDOW.step, MINUTES_WINDOW.length, frame.at), frame.timeline.minutes);
  const sites = new Map<string, SiteState>();
  for (const s of frame.sites) sites.set(s.id, s);
  return {
    ...wholeFields(frame),
    seconds,
    minutes,
    outages: updateOutages(previous?.outages ?? [], frame.link, frame.at),
    sites,
    incidents: [...frame.incidents].sort((a, b) => b.id - a.id).slice(0, MAX_INCIDENTS),
    kpis: new Map(frame.kpis.map((k) => [k.name, k])),
    alarms: new Map(frame.alarms.alarms.map((a) => [a.id, a])),
    origins: frame.threats.origins,
    attack: frame.threats.attack,
  };
}

/** New arcs before the view's (deduplicated by id), newest first, capped. */
export function mergeArcs(current: readonly OriginArc[], added: readonly OriginArc[], max: number = ORIGIN_ARCS_KEPT): OriginArc[] {
  if (added.length === 0) return current as OriginArc[];
  const known = new Set(current.map((a) => a.id));
  const fresh = added.filter((a) => !known.has(a.id)).sort((a, b) => b.id - a.id);
  return fresh.concat(current).slice(0, max);
}

/** Changed alarms over the view's, minus those back to normal (the same Map when nothing changed). */
export function mergeAlarms(alarms: ReadonlyMap<number, Alarm>, frame: AlarmsFrame): ReadonlyMap<number, Alarm> {
  if (frame.alarms.length === 0 && frame.removed.length === 0) return alarms;
  const next = new Map(alarms);
  for (const a of frame.alarms) next.set(a.id, a);
  for (const id of frame.removed) next.delete(id);
  return next;
}

/** Updated KPIs over the view's (the same Map when none was updated). */
export function mergeKpis(kpis: ReadonlyMap<string, KpiValue>, updated: readonly KpiValue[]): ReadonlyMap<string, KpiValue> {
  if (updated.length === 0) return kpis;
  const next = new Map(kpis);
  for (const k of updated) next.set(k.name, k);
  return next;
}

/** The parts every frame, snapshot or delta, carries whole. */
function wholeFields(frame: WallFrame) {
  return {
    seq: frame.seq,
    at: frame.at,
    timeZone: frame.timeZone,
    link: frame.link,
    eventsPerSecond: frame.eventsPerSecond,
    counters: frame.counters,
    top: frame.top,
    endpoints: frame.endpoints,
    ingest: frame.ingest,
    alarmSummary: frame.alarms.summary,
  };
}

/** Applies a delta to a view (the caller checked the sequence); `missing` as in mergeSites. */
export function applyDelta(view: WallView, frame: DeltaFrame): { view: WallView; missing: boolean } {
  const seconds = mergeSeries(shiftWindow(view.seconds, frame.at), frame.timeline.seconds);
  const minutes = mergeSeries(shiftWindow(view.minutes, frame.at), frame.timeline.minutes);
  const { sites, missing } = mergeSites(view.sites, frame.sites);
  return {
    view: {
      ...wholeFields(frame),
      seconds,
      minutes,
      outages: updateOutages(view.outages, frame.link, frame.at),
      sites,
      incidents: mergeIncidents(view.incidents, frame.incidents),
      kpis: mergeKpis(view.kpis, frame.kpis),
      alarms: mergeAlarms(view.alarms, frame.alarms),
      origins: frame.threats ? { ...frame.threats.origins, arcs: mergeArcs(view.origins.arcs, frame.threats.origins.arcs) } : view.origins,
      attack: frame.threats?.attack ?? view.attack,
    },
    missing,
  };
}

/**
 * One frame in: a snapshot replaces the view; a delta applies when its seq follows the
 * view's; a duplicate or slightly old delta is ignored; a gap, a delta before any snapshot,
 * or a sequence far behind the view (the host restarted) keeps the view and asks for a snapshot.
 */
export function mergeFrame(view: WallView | null, frame: WallFrame): MergeResult {
  if (frame.kind === 'snapshot') return { view: viewFromSnapshot(frame, view), needSnapshot: false };
  if (view === null) return { view: null, needSnapshot: true };
  if (frame.seq <= view.seq) {
    return view.seq - frame.seq > STALE_SEQ_TOLERANCE ? { view, needSnapshot: true } : { view, needSnapshot: false };
  }
  if (frame.seq !== view.seq + 1) return { view, needSnapshot: true };
  const applied = applyDelta(view, frame);
  return { view: applied.view, needSnapshot: applied.missing };
}
