// Frames from the aggregated state: a snapshot for a window that (re)connects, and at each
// tick a delta carrying only what changed since the previous delta (new timeline buckets, new
// incidents, the changed fields of changed sites, updated KPIs, changed alarms). Owns the delta bookkeeping; reads the state
// through FrameSource and never changes it. Per frame: bounded by the window sizes and the
// site count, whatever the message rate.
import type { AlarmsFrame, DeltaFrame, Incident, IngestStats, KpiValue, LinkState, SnapshotFrame, ThreatsFrame, TimelineFrame, WallFrame } from '../../contract/index.js';
import { FRAME_VERSION } from '../../contract/index.js';
import { WALL_TIME_ZONE } from '../aggregate/calendar.js';
import type { CategoryRing } from '../aggregate/category-ring.js';
import type { SiteStateTracker } from '../aggregate/site-state-tracker.js';

/** Entries of the top lists in a frame. */
export const TOP_N = 10;

/** What a frame is built from (WallAggregator provides it). */
export interface FrameSource {
  readonly seconds: CategoryRing;
  readonly minutes: CategoryRing;
  /** Newest incidents, oldest first. */
  readonly incidents: readonly Incident[];
  readonly sites: SiteStateTracker;
  /** Id of the newest incident ever made (0: none). */
  newestIncidentId(): number;
  counters(): WallFrame['counters'];
  eventsPerSecond(now: number): number;
  top(n: number): WallFrame['top'];
  endpoints(): WallFrame['endpoints'];
  ingest(): IngestStats;
  /** Every KPI tracked, by name. */
  kpis(): KpiValue[];
  /** The KPIs updated since the last call, by name (the call consumes them). */
  changedKpis(): KpiValue[];
  /** Every live alarm (snapshot), or those changed since the last delta (the call consumes them). */
  alarms(kind: 'snapshot' | 'delta', now: number): AlarmsFrame;
  /** Origins and tactics: whole for a snapshot; for a delta, undefined when unchanged. */
  threats(kind: 'snapshot', now: number): ThreatsFrame;
  threats(kind: 'delta', now: number): ThreatsFrame | undefined;
}

export class FrameBuilder {
  /** Sequence number of the last delta (a snapshot carries it too). */
  seq = 0;
  private lastSentSecond = Number.NEGATIVE_INFINITY;
  private lastSentMinute = Number.NEGATIVE_INFINITY;
  /** Incident id up to which deltas have been sent. */
  private sentIncidentId = 0;

  constructor(private readonly source: FrameSource) {}

  /**
   * A full frame. Does not consume the delta bookkeeping, so a window can ask for a
   * snapshot at any time; its `seq` is the last delta's, and the next delta follows it.
   */
  snapshot(now: number, link: LinkState): SnapshotFrame {
    const { seconds, minutes } = this.source;
    const timeline: TimelineFrame = {
      seconds: seconds.snapshot(seconds.bucketOf(now)),
      minutes: minutes.snapshot(minutes.bucketOf(now)),
    };
    return {
      kind: 'snapshot',
      ...this.frame(now, link, timeline, [...this.source.incidents].reverse(), this.source.kpis(), this.source.alarms('snapshot', now)),
      sites: this.source.sites.peekAll(now),
      threats: this.source.threats('snapshot', now),
    };
  }

  /** The next delta frame: what changed since the previous delta. */
  delta(now: number, link: LinkState): DeltaFrame {
    const { seconds, minutes, incidents } = this.source;
    this.seq++;
    const sNow = seconds.bucketOf(now);
    const mNow = minutes.bucketOf(now);
    const timeline: TimelineFrame = {
      seconds: seconds.delta(sNow, this.lastSentSecond),
      minutes: minutes.delta(mNow, this.lastSentMinute),
    };
    this.lastSentSecond = sNow;
    this.lastSentMinute = mNow;
    const fresh: Incident[] = [];
    for (let i = incidents.length - 1; i >= 0 && incidents[i]!.id > this.sentIncidentId; i--) fresh.push(incidents[i]!);
    this.sentIncidentId = this.source.newestIncidentId();
    const threats = this.source.threats('delta', now);
    return {
      kind: 'delta',
      ...this.frame(now, link, timeline, fresh, this.source.changedKpis(), this.source.alarms('delta', now)),
      sites: this.source.sites.changed(now),
      ...(threats === undefined ? {} : { threats }),
    };
  }

  /**
   * After the state was restored from the journal: the sequence goes on from the saved one,
   * restored incidents reach windows in their first snapshot (deltas carry only new ones),
   * and deltas restart from a full window, as after a fresh start.
   */
  restored(seq: number): void {
    this.seq = seq;
    this.sentIncidentId = this.source.newestIncidentId();
    this.lastSentSecond = Number.NEGATIVE_INFINITY;
    this.lastSentMinute = Number.NEGATIVE_INFINITY;
  }

  /** Everything of a frame but its kind and sites. */
  private frame(now: number, link: LinkState, timeline: TimelineFrame, incidents: Incident[], kpis: KpiValue[], alarms: AlarmsFrame): Omit<WallFrame, 'kind' | 'sites' | 'threats'> {
    return {
      v: FRAME_VERSION,
      seq: this.seq,
      at: now,
      timeZone: WALL_TIME_ZONE,
      link,
      eventsPerSecond: this.source.eventsPerSecond(now),
      counters: this.source.counters(),
      timeline,
      incidents,
      top: this.source.top(TOP_N),
      endpoints: this.source.endpoints(),
      ingest: this.source.ingest(),
      kpis,
      alarms,
    };
  }
}
