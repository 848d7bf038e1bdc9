// The check of a saved alarm book: the journal's file may be damaged or from another version,
// and nothing read from disk is trusted more than the wire.
import * as v from 'valibot';
import { ALARM_PRIORITIES, ALARM_STATES, CATEGORIES, SEVERITIES } from '../../contract/index.js';
import { WATCH_ALARM_STATES } from '../../contract/wall-config-schemas.js';
import type { AlarmBookState } from './alarm-book.js';

const ms = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Actor = v.object({ at: ms, shift: v.nullable(text(200)), lead: v.nullable(text(200)), client: text(200) });
const AlarmSchema = v.object({
  id: v.pipe(count, v.minValue(1)),
  siteId: text(200),
  category: v.picklist(CATEGORIES),
  signature: v.nullable(text(2048)),
  rule: text(64),
  priority: v.picklist(ALARM_PRIORITIES),
  state: v.picklist(ALARM_STATES),
  count,
  worstSeverity: v.picklist(SEVERITIES),
  firstSeen: ms,
  lastSeen: ms,
  source: v.nullable(text(64)),
  sensorId: text(200),
  clearedAt: v.nullable(ms),
  acknowledged: v.nullable(Actor),
  shelvedUntil: v.nullable(ms),
  shelved: v.nullable(Actor),
  suppressed: v.boolean(),
  watch: v.optional(v.picklist(WATCH_ALARM_STATES)),
});
const Flood = v.object({ start: ms, end: v.nullable(ms), raised: count, peakRate: count });
const Samples = v.pipe(v.array(v.pipe(v.number(), v.finite(), v.minValue(0))), v.maxLength(100_000));
const PerPriority = <T extends v.GenericSchema>(s: T) => v.object({ critical: s, high: s, medium: s, low: s });

const AlarmBookStateSchema = v.object({
  nextId: v.pipe(count, v.minValue(1)),
  live: v.pipe(
    v.array(v.object({ alarm: AlarmSchema, key: text(3000), clearMs: count, groupMs: count, unackSince: ms, shelveStep: v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(10)), current: v.boolean() })),
    v.maxLength(100_000),
  ),
  raises: v.pipe(v.array(ms), v.maxLength(100_000)),
  flood: v.nullable(Flood),
  floods: v.pipe(v.array(Flood), v.maxLength(10_000)),
  minutes: v.pipe(v.array(v.tuple([v.pipe(v.number(), v.integer()), count])), v.maxLength(10_000)),
  closed: v.pipe(v.array(AlarmSchema), v.maxLength(100_000)),
  ackSamples: v.pipe(v.array(v.tuple([text(200), PerPriority(Samples)])), v.maxLength(1000)),
  raisedTotal: PerPriority(count),
  refused: count,
});

/** The saved book, or the reason it cannot be restored. */
export function parseAlarmBookState(x: unknown): { ok: true; state: AlarmBookState } | { ok: false; reason: string } {
  const r = v.safeParse(AlarmBookStateSchema, x);
  if (r.success) return { ok: true, state: r.output };
  const issue = r.issues[0];
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
  return { ok: false, reason: `${path ? `${path}: ` : ''}${issue.message}` };
}
