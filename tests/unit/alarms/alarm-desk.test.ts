// The alarm desk: the shift lead's acknowledgements and shelves are recorded to the journal
// (one action, before the book changes), written to the audit log with the shift and its
// lead, and read back from the journal for a replay.
import { describe, expect, it } from 'vitest';
import type { AlarmRulesDef, SecurityEvent } from '../../../electron/contract/index.js';
import { AlarmBook, type ShiftInfo } from '../../../electron/core/alarms/alarm-book.js';
import { ALARM_ACTION_TOPIC, AlarmDesk, applyAlarmAction, parseAlarmAction } from '../../../electron/core/alarms/alarm-desk.js';
import { compileAlarmRules } from '../../../electron/core/alarms/alarm-rules.js';
import { securityEvent } from '../../helpers/alarm-fixtures.js';

const T0 = Date.parse('2026-12-02T03:00:00Z');
const S = 1000;
const H = 3600 * S;
const SHIFT_END = T0 + 8 * H;
const SHIFT_KEY = '2026-12-02/night';
const LEAD = 'Phạm Thị Dung';

const ev = (over: Partial<SecurityEvent> = {}): SecurityEvent => securityEvent(T0, over);

const DEF: AlarmRulesDef = {
  version: 1,
  rules: [{ id: 'scan-all', categories: ['scan'], min_severity: 'low', priority: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' }, group_s: 600, clear_s: 120 }],
};

const shiftAt = (at: number): ShiftInfo | null => (at < SHIFT_END ? { key: SHIFT_KEY, name: { en: 'Night shift' }, lead: LEAD, end: SHIFT_END } : null);

interface Recorded {
  topic: string;
  payload: Uint8Array;
  at: number;
  /** The book's states of the action's alarms when it was recorded. */
  before: unknown[];
}

function setup() {
  const book = new AlarmBook({ rules: compileAlarmRules(DEF), shiftAt });
  const clock = { now: T0 + 30 * S };
  const records: Recorded[] = [];
  const audits: [string, Readonly<Record<string, unknown>>][] = [];
  const desk = new AlarmDesk({
    book,
    shiftAt,
    now: () => clock.now,
    record: (topic, payload, at) => {
      const action = JSON.parse(Buffer.from(payload).toString('utf8')) as { op: string; ids?: number[]; id?: number };
      const ids = action.ids ?? [action.id!];
      records.push({ topic, payload, at, before: ids.map((id) => structuredClone(book.get(id))) });
    },
    audit: (action, fields) => audits.push([action, fields]),
  });
  return { book, desk, clock, records, audits };
}

const decode = (p: Uint8Array): unknown => JSON.parse(Buffer.from(p).toString('utf8'));

describe('AlarmDesk.acknowledge', () => {
  it('records one action before the book changes, audits each alarm with the shift and lead, returns the count', () => {
    const { book, desk, clock, records, audits } = setup();
    book.observe(ev({ siteId: 'a' }), T0);
    book.observe(ev({ siteId: 'b', severity: 'critical' }), T0);
    book.observe(ev({ siteId: 'c' }), T0);
    book.acknowledge([3], { at: T0 + S, shift: null, lead: null, client: 'local' });

    expect(desk.acknowledge([1, 2, 3, 99], 'browser-7')).toBe(2);

    const actor = { at: clock.now, shift: SHIFT_KEY, lead: LEAD, client: 'browser-7' };
    expect(records).toHaveLength(1);
    expect(records[0]!.topic).toBe(ALARM_ACTION_TOPIC);
    expect(records[0]!.at).toBe(clock.now);
    expect(decode(records[0]!.payload)).toEqual({ op: 'ack', ids: [1, 2], actor });
    // At the moment of recording the book had not changed yet.
    expect(records[0]!.before).toMatchObject([
      { id: 1, state: 'active-unacknowledged', acknowledged: null },
      { id: 2, state: 'active-unacknowledged', acknowledged: null },
    ]);
    expect(audits).toEqual([
      ['acknowledge', { alarm: 1, site: 'a', priority: 'high', shift: SHIFT_KEY, lead: LEAD, client: 'browser-7' }],
      ['acknowledge', { alarm: 2, site: 'b', priority: 'critical', shift: SHIFT_KEY, lead: LEAD, client: 'browser-7' }],
    ]);
    expect(book.get(1)).toMatchObject({ state: 'active-acknowledged', acknowledged: actor });
    expect(book.get(2)).toMatchObject({ state: 'active-acknowledged', acknowledged: actor });
    expect(book.get(3)?.acknowledged).toEqual({ at: T0 + S, shift: null, lead: null, client: 'local' });
  });

  it('records and audits nothing for alarms already acknowledged or unknown', () => {
    const { book, desk, records, audits } = setup();
    book.observe(ev(), T0);
    expect(desk.acknowledge([1], 'local')).toBe(1);
    expect(desk.acknowledge([1], 'local')).toBe(0);
    expect(desk.acknowledge([42, 43], 'local')).toBe(0);
    expect(desk.acknowledge([], 'local')).toBe(0);
    expect(records).toHaveLength(1);
    expect(audits).toHaveLength(1);
  });

  it('acknowledging a cleared-unacknowledged alarm returns it to normal, recorded and audited once', () => {
    const { book, desk, clock, records, audits } = setup();
    book.observe(ev(), T0);
    book.tick(T0 + 120 * S);
    clock.now = T0 + 200 * S;
    expect(desk.acknowledge([1], 'local')).toBe(1);
    expect(book.get(1)).toBeNull();
    expect(book.history().closed.map((a) => [a.id, a.clearedAt])).toEqual([[1, T0 + 120 * S]]);
    expect(records).toHaveLength(1);
    expect(records[0]!.before).toMatchObject([{ state: 'cleared-unacknowledged' }]);
    expect(audits).toHaveLength(1);
    expect(audits[0]![1]).toMatchObject({ alarm: 1, shift: SHIFT_KEY, lead: LEAD, client: 'local' });
  });

  // Found by this suite: the audit read the alarm back after the acknowledgement, when a
  // cleared-unacknowledged alarm had already left the book (site and priority were null).
  it('the audit of an acknowledgement that returns an alarm to normal names its site and priority', () => {
    const { book, desk, clock, audits } = setup();
    book.observe(ev(), T0);
    book.tick(T0 + 120 * S);
    clock.now = T0 + 200 * S;
    desk.acknowledge([1], 'local');
    expect(audits).toEqual([['acknowledge', { alarm: 1, site: 'site-a', priority: 'high', shift: SHIFT_KEY, lead: LEAD, client: 'local' }]]);
  });

  it('without a roster the actor has no shift or lead; without record or audit it still applies', () => {
    const book = new AlarmBook({ rules: compileAlarmRules(DEF) });
    book.observe(ev(), T0);
    const desk = new AlarmDesk({ book, now: () => T0 + 5 * S });
    expect(desk.acknowledge([1], 'local')).toBe(1);
    expect(book.get(1)?.acknowledged).toEqual({ at: T0 + 5 * S, shift: null, lead: null, client: 'local' });
    expect(desk.view()).toEqual(book.view());
    expect(desk.view().shown).toEqual([{ id: 1, unacknowledged: false, priority: 'high', siteId: 'site-a' }]);
  });
});

describe('AlarmDesk.shelve', () => {
  it('records the decided expiry before applying, audits it with until, and cycles the durations', () => {
    const { book, desk, clock, records, audits } = setup();
    book.observe(ev({ severity: 'critical' }), T0);
    const actor = { at: clock.now, shift: SHIFT_KEY, lead: LEAD, client: 'local' };
    expect(desk.shelve(1, 'local')).toEqual({ until: clock.now + H });
    expect(records).toHaveLength(1);
    expect(records[0]!.topic).toBe(ALARM_ACTION_TOPIC);
    expect(records[0]!.at).toBe(clock.now);
    expect(decode(records[0]!.payload)).toEqual({ op: 'shelve', id: 1, until: clock.now + H, step: 0, actor });
    expect(records[0]!.before).toMatchObject([{ shelvedUntil: null, shelved: null }]);
    expect(audits).toEqual([['shelve', { alarm: 1, until: clock.now + H, shift: SHIFT_KEY, lead: LEAD, client: 'local' }]]);
    expect(book.get(1)).toMatchObject({ shelvedUntil: clock.now + H, shelved: actor });
    expect(book.view().shown).toEqual([]);

    clock.now += S;
    expect(desk.shelve(1, 'local')).toEqual({ until: clock.now + 4 * H });
    clock.now += S;
    expect(desk.shelve(1, 'local')).toEqual({ until: SHIFT_END });
    expect(records.map((r) => (decode(r.payload) as { step: number }).step)).toEqual([0, 1, 2]);
    expect(audits.map(([, f]) => f.until)).toEqual([T0 + 30 * S + H, T0 + 31 * S + 4 * H, SHIFT_END]);
  });

  it('an unknown alarm: nothing recorded, nothing audited, null', () => {
    const { desk, records, audits } = setup();
    expect(desk.shelve(5, 'local')).toBeNull();
    expect(records).toEqual([]);
    expect(audits).toEqual([]);
  });

  it('an alarm that has returned to normal by the time of the shelve: null and no audit', () => {
    const { book, desk, clock, audits } = setup();
    book.observe(ev(), T0);
    book.acknowledge([1], { at: T0 + S, shift: null, lead: null, client: 'local' });
    clock.now = T0 + 500 * S;
    expect(desk.shelve(1, 'local')).toBeNull();
    expect(book.get(1)).toBeNull();
    expect(audits).toEqual([]);
  });
});

describe('parseAlarmAction and replay', () => {
  it('reads back exactly what was recorded, and replaying it rebuilds the same alarms', () => {
    const { book, desk, clock, records } = setup();
    const replica = new AlarmBook({ rules: compileAlarmRules(DEF), shiftAt });
    for (const b of [book, replica]) {
      b.observe(ev({ siteId: 'a' }), T0);
      b.observe(ev({ siteId: 'b' }), T0);
    }
    desk.acknowledge([1], 'local');
    clock.now += S;
    desk.shelve(2, 'browser-1');
    clock.now += S;
    desk.acknowledge([2], 'local');
    expect(records).toHaveLength(3);
    for (const r of records) {
      const parsed = parseAlarmAction(r.payload);
      expect(parsed).toEqual({ ok: true, action: decode(r.payload) });
      if (parsed.ok) applyAlarmAction(replica, parsed.action);
    }
    expect(replica.frame('snapshot', clock.now)).toEqual(book.frame('snapshot', clock.now));
    expect(replica.get(2)).toMatchObject({ state: 'active-acknowledged', shelvedUntil: T0 + 31 * S + H });
  });

  it('applyAlarmAction returns the ids it changed', () => {
    const book = new AlarmBook({ rules: compileAlarmRules(DEF) });
    book.observe(ev(), T0);
    const actor = { at: T0 + S, shift: null, lead: null, client: 'local' };
    expect(applyAlarmAction(book, { op: 'shelve', id: 1, until: T0 + H, step: 0, actor })).toEqual([1]);
    expect(applyAlarmAction(book, { op: 'shelve', id: 9, until: T0 + H, step: 0, actor })).toEqual([]);
    expect(applyAlarmAction(book, { op: 'ack', ids: [1, 9], actor })).toEqual([1]);
    expect(applyAlarmAction(book, { op: 'ack', ids: [1], actor })).toEqual([]);
  });

  it('rejects a payload that is not a valid action, with a reason', () => {
    const actor = { at: T0, shift: null, lead: null, client: 'local' };
    const reason = (x: unknown): string => {
      const r = parseAlarmAction(Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)));
      return r.ok ? 'accepted' : r.reason;
    };
    expect(reason('{"op":"ack"')).toMatch(/^not JSON: /u);
    expect(reason('')).toMatch(/^not JSON: /u);
    expect(reason({ op: 'silence', ids: [1], actor })).toMatch(/"silence"/u);
    expect(reason({ ids: [1], actor })).not.toBe('accepted');
    expect(reason({ op: 'ack', ids: [1.5], actor })).toMatch(/integer.*1\.5/iu);
    expect(reason({ op: 'ack', ids: ['1'], actor })).toMatch(/number/u);
    expect(reason({ op: 'ack', ids: [0], actor })).toMatch(/>=1/u);
    expect(reason({ op: 'ack', ids: 1, actor })).not.toBe('accepted');
    expect(reason({ op: 'ack', ids: [1] })).toMatch(/actor/u);
    expect(reason({ op: 'ack', ids: [1], actor: { ...actor, at: 'now' } })).not.toBe('accepted');
    expect(reason({ op: 'shelve', id: 1, until: T0, step: 11, actor })).toMatch(/<=10/u);
    expect(reason({ op: 'shelve', id: 1.5, until: T0, step: 0, actor })).not.toBe('accepted');
    expect(reason(null)).not.toBe('accepted');
    // And a good one passes.
    expect(reason({ op: 'shelve', id: 1, until: T0, step: 0, actor })).toBe('accepted');
  });
});
