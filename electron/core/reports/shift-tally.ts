// What each shift saw, for its hand-over report: events per category, per site, the top
// signatures and sources, and the ingest counters at its start (the report subtracts them).
// The wall's own top lists run since start; a shift's are its own. O(1) per event: the
// current shift is cached until its end, so the roster is asked once per shift.
import type { Category, IngestStats, SecurityEvent } from '../../contract/index.js';
import { CATEGORIES } from '../../contract/index.js';
import { wallDayKey, wallDayNumber, wallDayStart } from '../aggregate/calendar.js';
import { SpaceSavingSketch, type SpaceSavingState } from '../aggregate/space-saving.js';
import { arr, count, countArray, num, obj, str } from '../aggregate/state-codec.js';

/** A shift instance: its key and span (from the roster; a calendar day without one). */
export interface ShiftWindow {
  key: string;
  start: number;
  end: number;
}

export type IngestCounts = Pick<IngestStats, 'received' | 'accepted' | 'rejected' | 'ignored' | 'duplicates'>;

export interface ShiftTally {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly events: Record<Category, number>;
  /** Events per site (at most `maxSites` sites; the rest counted under `otherSites`). */
  readonly bySite: Map<string, number>;
  otherSites: number;
  readonly signatures: SpaceSavingSketch;
  readonly sources: SpaceSavingSketch;
  /** The wall's ingest counters when the shift's first message (of any kind) arrived. */
  readonly ingestAtStart: IngestCounts;
}

export interface ShiftTalliesOptions {
  windowAt: (at: number) => ShiftWindow;
  /** Shifts kept (the current one, the one before, the same shift a day before…; default 8). */
  keep?: number;
  /** Capacity of each shift's top lists (default 64). */
  sketchCapacity?: number;
  /** Sites counted one by one per shift (default 512, the site bound). */
  maxSites?: number;
}

export interface ShiftTallyState {
  key: string;
  start: number;
  end: number;
  events: number[];
  bySite: [string, number][];
  otherSites: number;
  signatures: SpaceSavingState;
  sources: SpaceSavingState;
  ingestAtStart: IngestCounts;
}

export class ShiftTallies {
  private readonly windowAt: (at: number) => ShiftWindow;
  private readonly keep: number;
  private readonly capacity: number;
  private readonly maxSites: number;
  /** Oldest first. */
  private readonly list: ShiftTally[] = [];
  private current: ShiftTally | null = null;

  constructor(o: ShiftTalliesOptions) {
    this.windowAt = o.windowAt;
    this.keep = o.keep ?? 8;
    this.capacity = o.sketchCapacity ?? 64;
    this.maxSites = o.maxSites ?? 512;
  }

  /**
   * One accepted event at its receive time; `ingest` gives the counters should a new shift
   * begin. Every event counts by category and site; the shift's top signatures and sources
   * are those of the events a hand-over talks about (medium severity and above): the blocked
   * scans that make most of the traffic would only cost the sketches their time.
   */
  record(e: SecurityEvent, receivedAt: number, ingest: () => IngestCounts): void {
    const t = this.tallyAt(receivedAt, ingest);
    t.events[e.category] += e.count;
    const site = t.bySite.get(e.siteId);
    if (site !== undefined) t.bySite.set(e.siteId, site + e.count);
    else if (t.bySite.size < this.maxSites) t.bySite.set(e.siteId, e.count);
    else t.otherSites += e.count;
    if (e.severity === 'low') return;
    if (e.signature !== null) t.signatures.add(e.signature, e.count);
    if (e.srcIp !== null) t.sources.add(e.srcIp, e.count);
  }

  /** A message of any kind arrived: its shift's tally exists from now (O(1) within a shift). */
  noteMessage(receivedAt: number, ingest: () => IngestCounts): void {
    this.tallyAt(receivedAt, ingest);
  }

  private tallyAt(at: number, ingest: () => IngestCounts): ShiftTally {
    const c = this.current;
    if (c !== null && at >= c.start && at < c.end) return c;
    // A message of an earlier shift (a replay, a late redelivery) counts in its own shift if kept.
    const kept = this.list.find((x) => at >= x.start && at < x.end);
    if (kept) return kept;
    const w = this.windowAt(at);
    const t: ShiftTally = {
      key: w.key,
      start: w.start,
      end: w.end,
      events: Object.fromEntries(CATEGORIES.map((cat) => [cat, 0])) as Record<Category, number>,
      bySite: new Map(),
      otherSites: 0,
      signatures: new SpaceSavingSketch(this.capacity),
      sources: new SpaceSavingSketch(this.capacity),
      ingestAtStart: { ...pickIngest(ingest()) },
    };
    this.list.push(t);
    this.list.sort((a, b) => a.start - b.start);
    while (this.list.length > this.keep) this.list.shift();
    if (c === null || t.start >= c.start) this.current = t;
    return t;
  }

  /** The kept shifts, oldest first. */
  all(): readonly ShiftTally[] {
    return this.list;
  }

  get(key: string): ShiftTally | null {
    return this.list.find((t) => t.key === key) ?? null;
  }

  exportState(): ShiftTallyState[] {
    return this.list.map((t) => ({
      key: t.key,
      start: t.start,
      end: t.end,
      events: CATEGORIES.map((c) => t.events[c]),
      bySite: [...t.bySite],
      otherSites: t.otherSites,
      signatures: t.signatures.exportState(),
      sources: t.sources.exportState(),
      ingestAtStart: { ...t.ingestAtStart },
    }));
  }

  /** Restores saved tallies (checked by parseShiftTallyState); bounds are applied again. */
  importState(saved: readonly ShiftTallyState[]): void {
    this.list.length = 0;
    this.current = null;
    for (const s of saved.slice(-this.keep)) {
      const signatures = new SpaceSavingSketch(this.capacity);
      signatures.importState(s.signatures);
      const sources = new SpaceSavingSketch(this.capacity);
      sources.importState(s.sources);
      this.list.push({
        key: s.key,
        start: s.start,
        end: s.end,
        events: Object.fromEntries(CATEGORIES.map((c, i) => [c, s.events[i] ?? 0])) as Record<Category, number>,
        bySite: new Map(s.bySite.slice(0, this.maxSites)),
        otherSites: s.otherSites,
        signatures,
        sources,
        ingestAtStart: { ...s.ingestAtStart },
      });
    }
    this.list.sort((a, b) => a.start - b.start);
    this.current = this.list.at(-1) ?? null;
  }
}

function pickIngest(s: IngestCounts): IngestCounts {
  return { received: s.received, accepted: s.accepted, rejected: s.rejected, ignored: s.ignored, duplicates: s.duplicates };
}

/** Without a roster, the wall's calendar day (Asia/Ho_Chi_Minh) is the shift. */
export function calendarDayWindow(at: number): ShiftWindow {
  const day = wallDayNumber(at);
  return { key: `${wallDayKey(day)}/day`, start: wallDayStart(day), end: wallDayStart(day + 1) };
}

/** Checks saved tallies (from the journal: trusted no more than the wire). */
export function parseShiftTallyState(x: unknown, path: string): ShiftTallyState[] {
  return arr(x, path).slice(0, 64).map((row, i) => {
    const p = `${path}[${i}]`;
    const o = obj(row, p);
    const ing = obj(o.ingestAtStart, `${p}.ingestAtStart`);
    return {
      key: str(o.key, `${p}.key`, 200),
      start: num(o.start, `${p}.start`),
      end: num(o.end, `${p}.end`),
      events: countArray(o.events, `${p}.events`),
      bySite: arr(o.bySite, `${p}.bySite`).slice(0, 4096).map((s, k) => {
        const r = arr(s, `${p}.bySite[${k}]`, 2);
        return [str(r[0], `${p}.bySite[${k}]`, 256), count(r[1], `${p}.bySite[${k}]`)] as [string, number];
      }),
      otherSites: count(o.otherSites, `${p}.otherSites`),
      signatures: SpaceSavingSketch.parseState(o.signatures, `${p}.signatures`),
      sources: SpaceSavingSketch.parseState(o.sources, `${p}.sources`),
      ingestAtStart: {
        received: count(ing.received, `${p}.ingestAtStart.received`),
        accepted: count(ing.accepted, `${p}.ingestAtStart.accepted`),
        rejected: count(ing.rejected, `${p}.ingestAtStart.rejected`),
        ignored: count(ing.ignored, `${p}.ingestAtStart.ignored`),
        duplicates: count(ing.duplicates, `${p}.ingestAtStart.duplicates`),
      },
    };
  });
}
