// Prometheus text exposition (format 0.0.4) of the core's counters.
import type { AlarmPriority, AlarmSummary, IngestStats, LinkState } from '../contract/index.js';
import type { JournalStatus } from './journal/wall-journal.js';
import { ALARM_PRIORITIES, CATEGORIES } from '../contract/index.js';

export interface MetricsInput {
  eventsTotal: Float64Array;
  ingest: IngestStats;
  link: LinkState;
  framesTotal: number;
  frameSeq: number;
  rejectedCalls: Readonly<Record<string, number>>;
  clients: number;
  journal?: JournalStatus | null;
  /** Identities from the wire refused at a bound, by reason (WallAggregator.refusedByLimit). */
  limits?: Readonly<Record<string, number>>;
  alarms?: { summary: AlarmSummary; raisedTotal: Readonly<Record<AlarmPriority, number>>; refused: number };
  /** Events by origin since start (origins/origin-tallies.ts); country labels are ISO codes (≤ 256). */
  origins?: {
    byCountry: ReadonlyMap<string, number>;
    internal: number;
    unknown: number;
    operatorsRefused: number;
    cache: { entries: number; hits: number; misses: number };
  };
  /** The watch on silent sources (watch/source-watch.ts). */
  watch?: { summary: { watched: number; warning: number; critical: number; tamper: number }; entered: Readonly<Record<'warning' | 'critical' | 'tamper', number>> };
}

function label(value: string): string {
  return value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"').replace(/\n/gu, '\\n');
}

export function renderMetrics(m: MetricsInput): string {
  const lines: string[] = [];
  const family = (name: string, type: 'counter' | 'gauge', help: string) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  };
  family('socwall_events_total', 'counter', 'Security events counted, by wall category.');
  CATEGORIES.forEach((c, i) => lines.push(`socwall_events_total{category="${c}"} ${m.eventsTotal[i]}`));
  family('socwall_messages_received_total', 'counter', 'MQTT messages received.');
  lines.push(`socwall_messages_received_total ${m.ingest.received}`);
  family('socwall_events_rejected_total', 'counter', 'Messages rejected, by reason.');
  for (const [reason, n] of Object.entries(m.ingest.rejectedByReason)) lines.push(`socwall_events_rejected_total{reason="${label(reason)}"} ${n}`);
  family('socwall_messages_ignored_total', 'counter', 'Messages of types the wall does not use, by type.');
  for (const [type, n] of Object.entries(m.ingest.ignoredByType)) lines.push(`socwall_messages_ignored_total{type="${label(type)}"} ${n}`);
  family('socwall_messages_duplicate_total', 'counter', 'Redelivered messages dropped by identity.');
  lines.push(`socwall_messages_duplicate_total ${m.ingest.duplicates}`);
  if (m.limits) {
    family('socwall_state_refused_total', 'counter', 'Sites, sensors or KPI names from the wire refused at their bound, by limit (an event still counts; only its site or sensor is not tracked).');
    for (const [reason, n] of Object.entries(m.limits)) lines.push(`socwall_state_refused_total{limit="${label(reason)}"} ${n}`);
  }
  family('socwall_mqtt_connected', 'gauge', '1 when the MQTT link is up.');
  lines.push(`socwall_mqtt_connected ${m.link.status === 'connected' ? 1 : 0}`);
  family('socwall_mqtt_reconnects_total', 'counter', 'MQTT reconnect attempts.');
  lines.push(`socwall_mqtt_reconnects_total ${m.link.reconnects}`);
  family('socwall_mqtt_last_message_timestamp_seconds', 'gauge', 'Time of the last MQTT message (0: none yet).');
  lines.push(`socwall_mqtt_last_message_timestamp_seconds ${m.link.lastMessageAt === null ? 0 : m.link.lastMessageAt / 1000}`);
  family('socwall_frames_total', 'counter', 'Delta frames built.');
  lines.push(`socwall_frames_total ${m.framesTotal}`);
  family('socwall_frame_seq', 'gauge', 'Sequence number of the last frame.');
  lines.push(`socwall_frame_seq ${m.frameSeq}`);
  family('socwall_rejected_calls_total', 'counter', 'IPC or WebSocket calls rejected, by reason.');
  for (const [reason, n] of Object.entries(m.rejectedCalls)) lines.push(`socwall_rejected_calls_total{reason="${label(reason)}"} ${n}`);
  family('socwall_clients', 'gauge', 'Connected wall windows or browser clients.');
  lines.push(`socwall_clients ${m.clients}`);
  if (m.journal) {
    const j = m.journal;
    family('socwall_journal_writes_total', 'counter', 'Journal snapshot writes, by result.');
    lines.push(`socwall_journal_writes_total{result="ok"} ${j.writesOk}`, `socwall_journal_writes_total{result="failed"} ${j.writesFailed}`);
    family('socwall_journal_last_write_ok', 'gauge', '1 when the last journal write succeeded.');
    lines.push(`socwall_journal_last_write_ok ${j.lastWrite === null || j.lastWrite.ok ? 1 : 0}`);
    family('socwall_journal_not_logged_total', 'counter', 'Messages applied without being logged (not exact across a crash).');
    lines.push(`socwall_journal_not_logged_total ${j.notLogged}`);
    family('socwall_journal_log_bytes', 'gauge', 'Size of the current message log.');
    lines.push(`socwall_journal_log_bytes ${j.log.bytes}`);
  }
  if (m.alarms) {
    const { summary: a, raisedTotal, refused } = m.alarms;
    family('socwall_alarms_standing', 'gauge', 'Alarms not back to normal, not shelved, not suppressed, by priority.');
    for (const p of ALARM_PRIORITIES) lines.push(`socwall_alarms_standing{priority="${p}"} ${a.standing[p]}`);
    family('socwall_alarms_unacknowledged', 'gauge', 'Standing alarms waiting for an acknowledgement, by priority.');
    for (const p of ALARM_PRIORITIES) lines.push(`socwall_alarms_unacknowledged{priority="${p}"} ${a.unacknowledged[p]}`);
    family('socwall_alarms_shelved', 'gauge', 'Shelved alarms.');
    lines.push(`socwall_alarms_shelved ${a.shelved}`);
    family('socwall_alarms_suppressed', 'gauge', 'Alarms grouped away by a flood.');
    lines.push(`socwall_alarms_suppressed ${a.suppressed}`);
    family('socwall_alarms_raised_total', 'counter', 'Alarms raised, by priority.');
    for (const p of ALARM_PRIORITIES) lines.push(`socwall_alarms_raised_total{priority="${p}"} ${raisedTotal[p]}`);
    family('socwall_alarms_refused_total', 'counter', 'Alarms not raised because the alarm book was full.');
    lines.push(`socwall_alarms_refused_total ${refused}`);
    family('socwall_alarms_raised_10m', 'gauge', 'Alarms raised in the last 10 minutes (the EEMUA 191 alarm rate).');
    lines.push(`socwall_alarms_raised_10m ${a.raisedLast10m}`);
    family('socwall_alarm_flood', 'gauge', '1 while an alarm flood is on.');
    lines.push(`socwall_alarm_flood ${a.flood.active ? 1 : 0}`);
    family('socwall_alarm_ack_seconds', 'gauge', "Time to acknowledge in the current shift, by priority and quantile (absent without samples).");
    for (const p of ALARM_PRIORITIES) {
      const t = a.ackTimes[p];
      if (t.p50 !== null) lines.push(`socwall_alarm_ack_seconds{priority="${p}",quantile="0.5"} ${t.p50}`);
      if (t.p95 !== null) lines.push(`socwall_alarm_ack_seconds{priority="${p}",quantile="0.95"} ${t.p95}`);
    }
  }
  if (m.origins) {
    const o = m.origins;
    family('socwall_events_by_country_total', 'counter', 'Security events by the country of the source address network (IP location, not attribution).');
    for (const [c, n] of [...o.byCountry].sort((a, b) => (a[0] < b[0] ? -1 : 1))) lines.push(`socwall_events_by_country_total{country="${label(c)}"} ${n}`);
    family('socwall_events_by_origin_total', 'counter', 'Security events whose source is internal (private, CGNAT, reserved) or in no database.');
    lines.push(`socwall_events_by_origin_total{origin="internal"} ${o.internal}`, `socwall_events_by_origin_total{origin="unknown"} ${o.unknown}`);
    family('socwall_origin_operators_refused_total', 'counter', 'Events whose operator (ASN) was not tallied because the operator bound was full.');
    lines.push(`socwall_origin_operators_refused_total ${o.operatorsRefused}`);
    family('socwall_origin_cache_entries', 'gauge', 'Source addresses held in the origin cache.');
    lines.push(`socwall_origin_cache_entries ${o.cache.entries}`);
    family('socwall_origin_lookups_total', 'counter', 'Origin lookups, by cache result.');
    lines.push(`socwall_origin_lookups_total{result="hit"} ${o.cache.hits}`, `socwall_origin_lookups_total{result="miss"} ${o.cache.misses}`);
  }
  if (m.watch) {
    const { summary: w, entered } = m.watch;
    family('socwall_sources_watched', 'gauge', 'Sensors whose events the watch follows (every sensor that sent one in the last 14 days).');
    lines.push(`socwall_sources_watched ${w.watched}`);
    family('socwall_sources_flagged', 'gauge', 'Sensors flagged now: volume below its baseline (warning), silent or far below (critical), silent after high-severity events (tamper).');
    for (const s of ['warning', 'critical', 'tamper'] as const) lines.push(`socwall_sources_flagged{state="${s}"} ${w[s]}`);
    family('socwall_sources_flagged_total', 'counter', 'Times a sensor entered each flagged state since start.');
    for (const s of ['warning', 'critical', 'tamper'] as const) lines.push(`socwall_sources_flagged_total{state="${s}"} ${entered[s]}`);
  }
  const mem = process.memoryUsage();
  family('process_resident_memory_bytes', 'gauge', 'Resident set size.');
  lines.push(`process_resident_memory_bytes ${mem.rss}`);
  family('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use.');
  lines.push(`nodejs_heap_used_bytes ${mem.heapUsed}`);
  return `${lines.join('\n')}\n`;
}
