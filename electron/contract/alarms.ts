// Alarms as frames carry them: the core decides every state (alarms/alarm-book.ts); a
// renderer only shows them. ISA-18.2 states, shelving with an expiry, suppression in a flood.
import type { AlarmPriority, AlarmState } from './common/alarm-order.js';
import type { Category, Severity } from './events.js';
import type { WatchAlarmState } from './wall-config.js';

export { ALARM_PRIORITIES, ALARM_STATES, PRIORITY_RANK, compareAlarms, isUnacknowledged, type AlarmPriority, type AlarmState } from './common/alarm-order.js';

/** Who acknowledged or shelved, from the shift roster (no typing on a kiosk). */
export interface AlarmActor {
  /** Epoch ms of the action. */
  at: number;
  /** Shift instance key ("2026-12-05/night"), its name and lead; null without a roster. */
  shift: string | null;
  lead: string | null;
  /** Which window or client pressed the key ("local", a browser client id). */
  client: string;
}

export interface Alarm {
  /** Monotonic, stable across frames and restarts. */
  id: number;
  siteId: string;
  category: Category;
  signature: string | null;
  /** The alarm rule that raised it. */
  rule: string;
  priority: AlarmPriority;
  state: AlarmState;
  /** Events grouped into this alarm (sum of their counts). */
  count: number;
  worstSeverity: Severity;
  /** Receive times of the first and newest event. */
  firstSeen: number;
  lastSeen: number;
  /** Source address and sensor of the newest event. */
  source: string | null;
  sensorId: string;
  /** Epoch ms it returned to normal (no event for its clear time), or null while active. */
  clearedAt: number | null;
  acknowledged: AlarmActor | null;
  /** Shelved until this epoch ms (not annunciated, not standing), or null. */
  shelvedUntil: number | null;
  shelved: AlarmActor | null;
  /** Raised during a flood: grouped, not annunciated one by one. */
  suppressed: boolean;
  /** Raised by the watch on silent sources (the sensor's worst state while flagged); such an alarm has no signature. */
  watch?: WatchAlarmState;
}

export type PriorityCounts = Record<AlarmPriority, number>;

/** Time to acknowledge in one shift, per priority: seconds, null without samples. */
export interface AckTimes {
  p50: number | null;
  p95: number | null;
  n: number;
}

export interface AlarmFlood {
  active: boolean;
  since: number | null;
  /** New alarms in the flood window now (the EEMUA 191 rate). */
  rate: number;
  /** Threshold and window it is measured against. */
  threshold: number;
  windowS: number;
  /** Alarms raised since the flood began. */
  raised: number;
  /** Suppressed alarms grouped by site, most first (at most 8). */
  bySite: { siteId: string; count: number }[];
}

export interface AlarmSummary {
  /** Not back to normal, not shelved, not suppressed. */
  standing: PriorityCounts;
  unacknowledged: PriorityCounts;
  shelved: number;
  suppressed: number;
  /** Alarms raised in the last 10 minutes. */
  raisedLast10m: number;
  flood: AlarmFlood;
  /** This shift's time to acknowledge, by priority. */
  ackTimes: Record<AlarmPriority, AckTimes>;
  /** The shift on duty, from the roster; null without one. */
  shift: { key: string; name: { vi?: string; en?: string }; lead: string; end: number } | null;
}

/** Snapshot: every alarm not back to normal. Delta: those changed, and the ids that returned to normal. */
export interface AlarmsFrame {
  alarms: Alarm[];
  removed: number[];
  summary: AlarmSummary;
}
