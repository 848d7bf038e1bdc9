// The shift lead's actions on alarms, made durable: each acknowledgement or shelve is written
// to the journal's message log (a reserved topic no broker can send) before it is applied,
// so a wall killed a moment later replays it in order with the events around it; it is also
// written to the audit log. Who acted comes from the shift roster at that instant.
import * as v from 'valibot';
import type { AlarmActor } from '../../contract/index.js';
import { isUnacknowledged } from '../../contract/index.js';
import type { AlarmBook, AlarmView, ShiftInfo } from './alarm-book.js';

/** MQTT topics starting with `$` are reserved for the broker (MQTT 3.1.1 §4.7.2): no sensor can publish this. */
export const ALARM_ACTION_TOPIC = '$soc-wall/alarm-action';

const Actor = v.object({
  at: v.pipe(v.number(), v.finite()),
  shift: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  lead: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  client: v.pipe(v.string(), v.maxLength(200)),
});
const id = v.pipe(v.number(), v.integer(), v.minValue(1));
const AlarmActionSchema = v.variant('op', [
  v.object({ op: v.literal('ack'), ids: v.pipe(v.array(id), v.maxLength(1000)), actor: Actor }),
  v.object({ op: v.literal('shelve'), id, until: v.pipe(v.number(), v.finite()), step: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), actor: Actor }),
]);
export type AlarmAction = v.InferOutput<typeof AlarmActionSchema>;

export interface AlarmDeskOptions {
  book: AlarmBook;
  /** The journal's log (record before apply), when the wall has a journal. */
  record?: (topic: string, payload: Uint8Array, at: number) => void;
  audit?: (action: string, fields: Readonly<Record<string, unknown>>) => void;
  shiftAt?: (at: number) => ShiftInfo | null;
  now?: () => number;
}

export class AlarmDesk {
  private readonly now: () => number;

  constructor(private readonly o: AlarmDeskOptions) {
    this.now = o.now ?? Date.now;
  }

  view(): AlarmView {
    return this.o.book.view();
  }

  private actor(client: string): AlarmActor {
    const at = this.now();
    const shift = this.o.shiftAt?.(at) ?? null;
    return { at, shift: shift?.key ?? null, lead: shift?.lead ?? null, client };
  }

  /** Acknowledges the alarms still waiting for it; returns how many. */
  acknowledge(ids: readonly number[], client: string): number {
    const actor = this.actor(client);
    // Only what the book would change is recorded: a repeated A writes nothing. Read before
    // applying: an acknowledged alarm that had cleared leaves the book.
    const pending = new Map(ids.flatMap((i) => {
      const a = this.o.book.get(i);
      return a !== null && isUnacknowledged(a.state) ? [[i, a] as const] : [];
    }));
    if (pending.size === 0) return 0;
    const done = this.apply({ op: 'ack', ids: [...pending.keys()], actor });
    for (const i of done) {
      const a = pending.get(i);
      this.o.audit?.('acknowledge', { alarm: i, site: a?.siteId ?? null, priority: a?.priority ?? null, shift: actor.shift, lead: actor.lead, client });
    }
    return done.length;
  }

  /** Shelves an alarm for its next duration (1 h, 4 h, end of shift); null when it is gone. */
  shelve(alarmId: number, client: string): { until: number } | null {
    const actor = this.actor(client);
    const next = this.o.book.nextShelve(alarmId, actor.at);
    if (next === null) return null;
    if (this.apply({ op: 'shelve', id: alarmId, until: next.until, step: next.step, actor }).length === 0) return null;
    this.o.audit?.('shelve', { alarm: alarmId, until: next.until, shift: actor.shift, lead: actor.lead, client });
    return { until: next.until };
  }

  /** Records, then applies: the journal never holds less than what the wall showed. */
  private apply(action: AlarmAction): number[] {
    this.o.record?.(ALARM_ACTION_TOPIC, Buffer.from(JSON.stringify(action)), action.actor.at);
    return applyAlarmAction(this.o.book, action);
  }
}

export function applyAlarmAction(book: AlarmBook, action: AlarmAction): number[] {
  if (action.op === 'ack') return book.acknowledge(action.ids, action.actor);
  return book.shelve(action.id, action.until, action.step, action.actor) ? [action.id] : [];
}

/** A logged action read back from the journal, or the reason it cannot be. */
export function parseAlarmAction(payload: Uint8Array): { ok: true; action: AlarmAction } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  const r = v.safeParse(AlarmActionSchema, json);
  return r.success ? { ok: true, action: r.output } : { ok: false, reason: r.issues[0].message };
}
