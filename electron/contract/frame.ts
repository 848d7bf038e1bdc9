// WallFrame: the only data that crosses from the main process to a renderer.
// A window receives one full snapshot when it (re)connects, then deltas at a fixed cadence.
import type { AlarmsFrame } from './alarms.js';
import type { Category, Severity } from './events.js';
import type { ThreatsFrame } from './threats.js';

/** 2: a delta's sites carry only their changed fields (SiteChange); 3: KPIs; 4: alarms; 5: threats. */
export const FRAME_VERSION = 5 as const;

export type CategoryCounts = Record<Category, number>;

export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface LinkState {
  status: LinkStatus;
  /** Broker URL without credentials. */
  broker: string;
  /** True when the embedded demo broker and simulator feed the wall. */
  demo: boolean;
  /** Epoch ms of the last message received from the broker, or null. */
  lastMessageAt: number | null;
  /** Epoch ms the current status began. */
  since: number;
  reconnects: number;
  /** Human-readable last error from the broker client, or null. */
  lastError: string | null;
  /**
   * Spans of the last 24 h without live data, as the core knows them: the link down, or the
   * wall itself not running (from its last saved data to its first connection after a
   * restart). `to` is null while the span is open. The timeline draws them as bands.
   */
  gaps?: { from: number; to: number | null }[];
}

/**
 * Time-bucketed counts for one resolution. `start` is the epoch second (or minute
 * index) of the first bucket.
 * In a snapshot the series cover the whole window; in a delta only the buckets that
 * changed since the previous frame (from the oldest touched bucket to the newest).
 * `values[c][i]` is the count of category c in bucket `start + i * step`.
 */
export interface TimelineSeries {
  /** Bucket width in seconds (1 or 60). */
  step: number;
  /** Epoch seconds of the first bucket in `values`. */
  start: number;
  /** One array per category, all of the same length. */
  values: Record<Category, number[]>;
}

export interface TimelineFrame {
  /** Last hour at 1 s. */
  seconds: TimelineSeries;
  /** Last 24 h at 1 min. */
  minutes: TimelineSeries;
}

export type SiteStatus = 'unknown' | 'quiet' | 'attacked' | 'critical' | 'offline';

export interface SensorState {
  id: string;
  /** Epoch ms of the last heartbeat or event from this sensor. */
  lastSeenAt: number;
  online: boolean;
  /** The watch on its event flow (core/watch/): present only while it is flagged. */
  watch?: SensorWatch;
  /** What the forwarder speaking for it last said, when that was not `ok` (while it is online). */
  forwarder?: ForwarderHealth;
}

/**
 * A forwarder's own state from its heartbeat: `degraded` (its queue backs up or fills, or a
 * file it follows is missing) or `stopping`; with what waits in its queue and what it dropped.
 */
export interface ForwarderHealth {
  status: 'degraded' | 'stopping';
  /** Lines in its disk queue not yet acknowledged by the broker. */
  queued: number;
  /** Lines it dropped since it started (queue full, too long, unrouted, …). */
  dropped: number;
}

/** Why a sensor's events are flagged: none past its kind's silence threshold, or far fewer than its baseline. */
export type WatchReason = 'silent' | 'drop';
export type WatchLevel = 'warning' | 'critical';

/**
 * A sensor whose events stopped or fell against its own baseline (same hour, same kind of
 * day, over the days the journal holds). A heartbeat keeps a sensor online; only events feed
 * this watch, so a forwarder that still heartbeats for a source gone quiet is caught here.
 */
export interface SensorWatch {
  level: WatchLevel;
  reason: WatchReason;
  /** Its last events before the silence were high or critical: what tampering looks like. */
  tamper: boolean;
  /** Epoch ms of its newest event. */
  lastEventAt: number;
  /** Events received in the last 60 minutes. */
  observed: number;
  /** What its baseline expects in those 60 minutes, or null before it has one. */
  expected: number | null;
}

export interface SiteState {
  id: string;
  status: SiteStatus;
  lastEventAt: number | null;
  /** Epoch ms of the newest high or critical event, for the map pulse. */
  lastHighAt: number | null;
  count5m: number;
  count60m: number;
  /** Worst severity seen in the last 60 minutes, or null. */
  worstSeverity: Severity | null;
  sensors: SensorState[];
}

export interface Incident {
  /** Monotonic id assigned by the aggregator (stable across frames). */
  id: number;
  time: number;
  siteId: string;
  sensorId: string;
  category: Category;
  severity: Severity;
  signature: string | null;
  srcIp: string | null;
  destIp: string | null;
  action: string;
}

export interface TopEntry {
  key: string;
  /** Estimated count (space-saving sketch: an upper bound). */
  count: number;
  /** Maximum over-estimation of `count`. */
  error: number;
}

export interface EndpointPosture {
  /** Workstations managed (denominator), when sites report it. */
  total: number;
  edr: number;
  antivirus: number;
  infected: number;
  /** Sites that have reported posture. */
  sitesReporting: number;
  /** Epoch ms of the newest posture report, or null. */
  updatedAt: number | null;
}

export interface IngestStats {
  received: number;
  accepted: number;
  ignored: number;
  rejected: number;
  /** Redelivered messages dropped by identity (QoS 1 duplicates). */
  duplicates: number;
  rejectedByReason: Record<string, number>;
  ignoredByType: Record<string, number>;
}

/**
 * A site in a delta frame: its id and the fields that changed since the frame before; every
 * field the first time the site is sent. `sensors` comes whole when a sensor came, went or
 * changed liveness (an online sensor's `lastSeenAt` alone does not resend it).
 */
export type SiteChange = Pick<SiteState, 'id'> & Partial<Omit<SiteState, 'id'>>;

/** A figure from an upstream system (`{prefix}/province/kpi/{name}`), as last reported. */
export interface KpiValue {
  name: string;
  value: number;
  /** Epoch ms of the figure (its own time, else when it arrived). */
  time: number;
}

interface FrameFields {
  v: typeof FRAME_VERSION;
  /** Frame sequence number, +1 per frame. A renderer that sees a gap asks for a snapshot. */
  seq: number;
  /** Epoch ms when the frame was built. */
  at: number;
  /** IANA time zone the wall displays (Asia/Ho_Chi_Minh). */
  timeZone: string;
  link: LinkState;
  /** Events per second over the last few seconds. */
  eventsPerSecond: number;
  counters: {
    /** Calendar day (YYYY-MM-DD in the wall's time zone) the `today` figures belong to. */
    day: string;
    year: number;
    today: CategoryCounts;
    thisYear: CategoryCounts;
  };
  timeline: TimelineFrame;
  /** Snapshot: newest incidents (newest first). Delta: incidents new since the last frame. */
  incidents: Incident[];
  top: { signatures: TopEntry[]; sources: TopEntry[] };
  endpoints: EndpointPosture;
  ingest: IngestStats;
  /** Snapshot: every KPI the wall tracks (at most the KPI bound). Delta: those updated since the last frame. By name. */
  kpis: KpiValue[];
  /** Snapshot: every alarm not back to normal. Delta: those changed and the ids back to normal. Both: the summary. */
  alarms: AlarmsFrame;
}

/** The whole wall: what a client starts from (and asks for again after a gap in `seq`). */
export interface SnapshotFrame extends FrameFields {
  kind: 'snapshot';
  /** Every site of the catalogue, whole. */
  sites: SiteState[];
  /** Origins and ATT&CK tactics. */
  threats: ThreatsFrame;
}

/** What changed since the frame before (`seq` + 1). */
export interface DeltaFrame extends FrameFields {
  kind: 'delta';
  /** Only the sites that changed, each with only its changed fields. */
  sites: SiteChange[];
  /** Origins and ATT&CK tactics, whole, when they changed (at most once a second); new arcs only. */
  threats?: ThreatsFrame;
}

export type WallFrame = SnapshotFrame | DeltaFrame;
