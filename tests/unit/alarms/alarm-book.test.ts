// The alarm book: ISA-18.2 states (active/cleared × acknowledged/unacknowledged), grouping
// of events into one alarm, shelving, EEMUA 191 floods, frames, the saved form and replay
// determinism. Every time is an explicit epoch ms; the book never reads a clock.
import { describe, expect, it } from 'vitest';
import type { AlarmActor, AlarmRulesDef, SecurityEvent } from '../../../electron/contract/index.js';
import { AlarmBook, MAX_LIVE_ALARMS, type ShiftInfo } from '../../../electron/core/alarms/alarm-book.js';
import { parseAlarmBookState } from '../../../electron/core/alarms/alarm-book-state.js';
import { applyAlarmAction, type AlarmAction } from '../../../electron/core/alarms/alarm-desk.js';
import { compileAlarmRules } from '../../../electron/core/alarms/alarm-rules.js';
import { securityEvent } from '../../helpers/alarm-fixtures.js';

const T0 = Date.parse('2026-12-02T03:00:00Z');
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

const ev = (over: Partial<SecurityEvent> = {}): SecurityEvent => securityEvent(T0, over);

function actor(at: number, client = 'local'): AlarmActor {
  return { at, shift: null, lead: null, client };
}

/**
 * scan: every severity raises, priority = severity, group 600 s, clear 120 s (so a cleared
 * alarm can come back within its group time). spoof: high and critical, no group_s/clear_s
 * (both default to 600 s).
 */
const DEF: AlarmRulesDef = {
  version: 1,
  rules: [
    { id: 'scan-all', categories: ['scan'], min_severity: 'low', priority: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' }, group_s: 600, clear_s: 120 },
    { id: 'spoof-high', categories: ['spoof'], min_severity: 'high', priority: { high: 'medium', critical: 'high' } },
  ],
};
const CLEAR = 120 * S;
const GROUP = 600 * S;

interface BookOptions {
  def?: Partial<AlarmRulesDef>;
  siteLevels?: Record<string, number>;
  shiftAt?: (at: number) => ShiftInfo | null;
}

function makeBook(o: BookOptions = {}): AlarmBook {
  return new AlarmBook({
    rules: compileAlarmRules({ ...DEF, ...o.def }),
    siteLevels: new Map(Object.entries(o.siteLevels ?? {})),
    ...(o.shiftAt ? { shiftAt: o.shiftAt } : {}),
  });
}

/** Raises alarms of distinct signatures (one new alarm each). */
let sigCounter = 0;
function raise(book: AlarmBook, at: number, over: Partial<SecurityEvent> = {}): void {
  book.observe(ev({ signature: `sig-${sigCounter++}`, ...over }), at);
}

function state(book: AlarmBook, id: number) {
  return book.get(id)?.state ?? 'normal';
}

// ---------------------------------------------------------------------------------------------

describe('raising an alarm', () => {
  it('an event a rule covers raises a new active-unacknowledged alarm with every field set', () => {
    const book = makeBook();
    book.observe(ev({ count: 3 }), T0 + 5);
    expect(book.size()).toBe(1);
    expect(book.get(1)).toEqual({
      id: 1,
      siteId: 'site-a',
      category: 'scan',
      signature: 'ET SCAN Nmap',
      rule: 'scan-all',
      priority: 'high',
      state: 'active-unacknowledged',
      count: 3,
      worstSeverity: 'high',
      firstSeen: T0 + 5,
      lastSeen: T0 + 5,
      source: '203.0.113.5',
      sensorId: 'sensor-1',
      clearedAt: null,
      acknowledged: null,
      shelvedUntil: null,
      shelved: null,
      suppressed: false,
    });
    expect(book.raisedTotal).toEqual({ critical: 0, high: 1, medium: 0, low: 0 });
    expect(book.view()).toEqual({ shown: [{ id: 1, unacknowledged: true, priority: 'high', siteId: 'site-a' }], newestId: 1, flood: false });
  });

  it('an event no rule covers raises nothing', () => {
    const book = makeBook();
    book.observe(ev({ category: 'spoof', severity: 'medium' }), T0); // below the spoof rule's min_severity
    book.observe(ev({ category: 'malware', severity: 'critical' }), T0); // no rule for malware
    book.observe(ev({ category: 'policy', severity: 'low' }), T0);
    expect(book.size()).toBe(0);
    expect(book.view()).toEqual({ shown: [], newestId: 0, flood: false });
    expect(book.raisedTotal).toEqual({ critical: 0, high: 0, medium: 0, low: 0 });
  });

  it('a site at raise_at_level or above gets one priority step more; critical stays critical', () => {
    const book = makeBook({ siteLevels: { hot: 4, top: 5, calm: 3 } });
    book.observe(ev({ siteId: 'hot', severity: 'low' }), T0);
    book.observe(ev({ siteId: 'hot', severity: 'medium', signature: 'm' }), T0);
    book.observe(ev({ siteId: 'top', severity: 'high' }), T0);
    book.observe(ev({ siteId: 'top', severity: 'critical', signature: 'c' }), T0);
    book.observe(ev({ siteId: 'calm', severity: 'medium' }), T0);
    book.observe(ev({ siteId: 'unlisted', severity: 'medium' }), T0);
    book.observe(ev({ siteId: 'hot', category: 'spoof', severity: 'high' }), T0);
    expect([1, 2, 3, 4, 5, 6, 7].map((id) => book.get(id)?.priority)).toEqual(['medium', 'high', 'critical', 'critical', 'medium', 'medium', 'high']);
    expect(book.raisedTotal).toEqual({ critical: 2, high: 2, medium: 3, low: 0 });
  });

  it('a site without a level takes default_level', () => {
    const book = makeBook({ def: { default_level: 4 }, siteLevels: { low: 2 } });
    book.observe(ev({ siteId: 'unlisted', severity: 'medium' }), T0);
    book.observe(ev({ siteId: 'low', severity: 'medium' }), T0);
    expect(book.get(1)?.priority).toBe('high');
    expect(book.get(2)?.priority).toBe('medium');
  });
});

describe('events joining an alarm', () => {
  it('same site, category and signature join one alarm: count, lastSeen, source, sensor and worst severity follow', () => {
    const book = makeBook();
    book.observe(ev({ severity: 'medium', count: 3 }), T0);
    book.observe(ev({ severity: 'critical', count: 5, srcIp: '198.51.100.7', sensorId: 'sensor-2' }), T0 + 10 * S);
    book.observe(ev({ severity: 'low', count: 2, srcIp: null, sensorId: 'sensor-3' }), T0 + 20 * S);
    expect(book.size()).toBe(1);
    expect(book.get(1)).toMatchObject({
      id: 1,
      count: 10,
      firstSeen: T0,
      lastSeen: T0 + 20 * S,
      source: null,
      sensorId: 'sensor-3',
      worstSeverity: 'critical',
      priority: 'critical',
      state: 'active-unacknowledged',
    });
    expect(book.view().newestId).toBe(1);
    expect(book.raisedTotal).toEqual({ critical: 0, high: 0, medium: 1, low: 0 });
  });

  it('a different site, category or signature is another alarm', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    book.observe(ev({ siteId: 'site-b' }), T0);
    book.observe(ev({ category: 'spoof' }), T0);
    book.observe(ev({ signature: 'ET SCAN Masscan' }), T0);
    book.observe(ev({ signature: null }), T0);
    book.observe(ev({ signature: null, count: 4 }), T0 + S);
    expect(book.size()).toBe(5);
    expect(book.get(5)).toMatchObject({ signature: null, count: 5 });
    expect([1, 2, 3, 4].map((id) => book.get(id)?.count)).toEqual([1, 1, 1, 1]);
  });

  it('a later event of lower severity neither lowers the priority nor the worst severity', () => {
    const book = makeBook();
    book.observe(ev({ severity: 'high' }), T0);
    book.observe(ev({ severity: 'low' }), T0 + S);
    expect(book.get(1)).toMatchObject({ priority: 'high', worstSeverity: 'high', count: 2 });
  });
});

describe('alarm states', () => {
  it('acknowledge: active-unacknowledged → active-acknowledged, once', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    const who = { at: T0 + 30 * S, shift: '2026-12-02/night', lead: 'Lead', client: 'local' };
    expect(book.acknowledge([1], who)).toEqual([1]);
    expect(book.get(1)).toMatchObject({ state: 'active-acknowledged', acknowledged: who, clearedAt: null });
    expect(book.acknowledge([1], actor(T0 + 40 * S))).toEqual([]);
    expect(book.get(1)?.acknowledged).toEqual(who);
    expect(book.acknowledge([99], actor(T0 + 40 * S))).toEqual([]);
    expect(book.view().shown).toEqual([{ id: 1, unacknowledged: false, priority: 'high', siteId: 'site-a' }]);
  });

  it('an acknowledged alarm with no event for clear_s returns to normal: removed, in history and in the next delta', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    book.observe(ev(), T0 + 10 * S);
    book.acknowledge([1], actor(T0 + 20 * S));
    book.frame('delta', T0 + 20 * S);
    book.tick(T0 + 10 * S + CLEAR - 1);
    expect(state(book, 1)).toBe('active-acknowledged');
    expect(book.history().closed).toEqual([]);
    book.tick(T0 + 10 * S + CLEAR);
    expect(book.get(1)).toBeNull();
    expect(book.size()).toBe(0);
    expect(book.history().closed).toHaveLength(1);
    expect(book.history().closed[0]).toMatchObject({ id: 1, state: 'active-acknowledged', clearedAt: T0 + 10 * S + CLEAR, count: 2 });
    const delta = book.frame('delta', T0 + 10 * S + CLEAR);
    expect(delta.alarms).toEqual([]);
    expect(delta.removed).toEqual([1]);
    expect(book.view().shown).toEqual([]);
  });

  it('an unacknowledged alarm with no event for clear_s becomes cleared-unacknowledged at lastSeen + clear_s', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    book.observe(ev(), T0 + 7 * S);
    book.tick(T0 + 7 * S + CLEAR - 1);
    expect(state(book, 1)).toBe('active-unacknowledged');
    book.tick(T0 + 300 * S);
    expect(book.get(1)).toMatchObject({ state: 'cleared-unacknowledged', clearedAt: T0 + 7 * S + CLEAR });
    expect(book.view().shown).toEqual([{ id: 1, unacknowledged: true, priority: 'high', siteId: 'site-a' }]);
    expect(book.summary(T0 + 300 * S).unacknowledged.high).toBe(1);
    // Acknowledging it returns it to normal, keeping the time it cleared.
    expect(book.acknowledge([1], actor(T0 + 400 * S))).toEqual([1]);
    expect(book.get(1)).toBeNull();
    expect(book.history().closed.map((a) => [a.id, a.clearedAt])).toEqual([[1, T0 + 7 * S + CLEAR]]);
    expect(book.history().closed[0]?.acknowledged).toEqual(actor(T0 + 400 * S));
    expect(book.frame('delta', T0 + 400 * S).removed).toEqual([1]);
  });

  it('without clear_s and group_s an alarm clears after 600 s', () => {
    const book = makeBook();
    book.observe(ev({ category: 'spoof' }), T0);
    book.tick(T0 + 600 * S - 1);
    expect(state(book, 1)).toBe('active-unacknowledged');
    book.tick(T0 + 600 * S);
    expect(book.get(1)).toMatchObject({ state: 'cleared-unacknowledged', clearedAt: T0 + 600 * S });
  });

  it('an event within group_s of a cleared alarm’s clearing re-activates the same alarm', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    book.tick(T0 + CLEAR);
    expect(state(book, 1)).toBe('cleared-unacknowledged');
    book.observe(ev({ count: 2 }), T0 + GROUP);
    expect(book.size()).toBe(1);
    expect(book.get(1)).toMatchObject({ id: 1, state: 'active-unacknowledged', clearedAt: null, count: 3, lastSeen: T0 + GROUP, firstSeen: T0 });
    expect(book.view().newestId).toBe(1);
  });

  it('an event beyond group_s of a cleared alarm’s clearing raises a new one; the old one waits, cleared, for its acknowledgement', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    book.tick(T0 + CLEAR);
    const later = T0 + CLEAR + GROUP + 1;
    book.observe(ev(), later);
    expect(book.size()).toBe(2);
    expect(book.get(1)).toMatchObject({ state: 'cleared-unacknowledged', count: 1, clearedAt: T0 + CLEAR });
    expect(book.get(2)).toMatchObject({ state: 'active-unacknowledged', count: 1, firstSeen: later });
    // Further events join the new alarm, not the old.
    book.observe(ev(), later + 1);
    expect(book.get(2)?.count).toBe(2);
    expect(book.get(1)?.count).toBe(1);
    // Acknowledging the old one does not detach the new one from its key.
    expect(book.acknowledge([1], actor(later + 2))).toEqual([1]);
    expect(book.get(1)).toBeNull();
    book.observe(ev(), T0 + GROUP + 4);
    expect(book.get(2)?.count).toBe(3);
    expect(book.size()).toBe(1);
  });

  it('an acknowledged alarm that gets a worse priority asks for acknowledgement again; the same or lower does not', () => {
    const book = makeBook();
    book.observe(ev({ severity: 'medium' }), T0);
    book.acknowledge([1], actor(T0 + S));
    book.observe(ev({ severity: 'medium' }), T0 + 2 * S);
    expect(book.get(1)).toMatchObject({ state: 'active-acknowledged', priority: 'medium', count: 2 });
    book.observe(ev({ severity: 'low' }), T0 + 3 * S);
    expect(book.get(1)).toMatchObject({ state: 'active-acknowledged', priority: 'medium', count: 3 });
    book.observe(ev({ severity: 'critical' }), T0 + 4 * S);
    expect(book.get(1)).toMatchObject({ state: 'active-unacknowledged', priority: 'critical', worstSeverity: 'critical', count: 4 });
    expect(book.view().shown).toEqual([{ id: 1, unacknowledged: true, priority: 'critical', siteId: 'site-a' }]);
    expect(book.acknowledge([1], actor(T0 + 5 * S))).toEqual([1]);
    expect(state(book, 1)).toBe('active-acknowledged');
  });

  it('an event for an acknowledged alarm past its clear time raises a new alarm (the old one returned to normal)', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    book.acknowledge([1], actor(T0 + S));
    book.observe(ev(), T0 + CLEAR); // no tick: the observe settles it
    expect(book.get(1)).toBeNull();
    expect(book.get(2)).toMatchObject({ state: 'active-unacknowledged', firstSeen: T0 + CLEAR, count: 1 });
    expect(book.history().closed.map((a) => [a.id, a.clearedAt])).toEqual([[1, T0 + CLEAR]]);
  });
});

describe('lazy clearing', () => {
  it('observe, acknowledge and shelve settle the alarm they touch; other alarms wait for a tick', () => {
    const book = makeBook();
    book.observe(ev({ siteId: 'a' }), T0);
    book.observe(ev({ siteId: 'b' }), T0);
    book.observe(ev({ siteId: 'c' }), T0);
    book.acknowledge([3], actor(T0 + S));
    const late = T0 + 5 * MIN;
    // Acknowledging an alarm that should have cleared: it is cleared-unacknowledged, so it closes.
    expect(book.acknowledge([1], actor(late))).toEqual([1]);
    expect(book.history().closed.map((a) => [a.id, a.clearedAt])).toEqual([[1, T0 + CLEAR]]);
    // Shelving an acknowledged alarm past its clear time: it has returned to normal.
    expect(book.shelve(3, late + H, 0, actor(late))).toBe(false);
    expect(book.get(3)).toBeNull();
    // Untouched: still active until a tick.
    expect(state(book, 2)).toBe('active-unacknowledged');
    book.observe(ev({ siteId: 'd' }), late);
    expect(state(book, 2)).toBe('active-unacknowledged');
    book.tick(late);
    expect(book.get(2)).toMatchObject({ state: 'cleared-unacknowledged', clearedAt: T0 + CLEAR });
    expect(state(book, 4)).toBe('active-unacknowledged');
  });
});

describe('shelving', () => {
  const shiftEnd = T0 + 8 * H;
  const shiftAt = (at: number): ShiftInfo | null =>
    at < shiftEnd ? { key: '2026-12-02/night', name: { en: 'Night shift' }, lead: 'Phạm Thị Dung', end: shiftEnd } : null;

  it('cycles 1 h → 4 h → end of shift → 1 h', () => {
    const book = makeBook({ shiftAt });
    book.observe(ev(), T0);
    const at = T0 + MIN;
    const n0 = book.nextShelve(1, at);
    expect(n0).toEqual({ until: at + H, step: 0 });
    // Asking again without shelving does not move on.
    expect(book.nextShelve(1, at)).toEqual(n0);
    expect(book.shelve(1, n0!.until, n0!.step, actor(at))).toBe(true);
    const n1 = book.nextShelve(1, at + S);
    expect(n1).toEqual({ until: at + S + 4 * H, step: 1 });
    book.shelve(1, n1!.until, n1!.step, actor(at + S));
    const n2 = book.nextShelve(1, at + 2 * S);
    expect(n2).toEqual({ until: shiftEnd, step: 2 });
    book.shelve(1, n2!.until, n2!.step, actor(at + 2 * S));
    expect(book.get(1)).toMatchObject({ shelvedUntil: shiftEnd, shelved: actor(at + 2 * S) });
    expect(book.nextShelve(1, at + 3 * S)).toEqual({ until: at + 3 * S + H, step: 0 });
  });

  it('skips the end of shift without a roster, or when the shift ends now', () => {
    const none = makeBook();
    none.observe(ev(), T0);
    none.shelve(1, T0 + H, 0, actor(T0));
    none.shelve(1, T0 + 4 * H, 1, actor(T0));
    expect(none.nextShelve(1, T0 + S)).toEqual({ until: T0 + S + H, step: 0 });

    const ending = makeBook({ shiftAt: (at) => ({ key: 'k', name: {}, lead: 'L', end: at }) });
    ending.observe(ev(), T0);
    ending.shelve(1, T0 + 4 * H, 1, actor(T0));
    expect(ending.nextShelve(1, T0 + S)).toEqual({ until: T0 + S + H, step: 0 });

    const onlyShift = makeBook({ def: { shelve: ['shift'] } });
    onlyShift.observe(ev(), T0);
    expect(onlyShift.nextShelve(1, T0)).toBeNull();
  });

  it('follows the rules’ own list', () => {
    const book = makeBook({ def: { shelve: [600, 'shift', 1200] }, shiftAt });
    book.observe(ev(), T0);
    expect(book.nextShelve(1, T0)).toEqual({ until: T0 + 600 * S, step: 0 });
    book.shelve(1, T0 + 600 * S, 0, actor(T0));
    expect(book.nextShelve(1, T0)).toEqual({ until: shiftEnd, step: 1 });
    book.shelve(1, shiftEnd, 1, actor(T0));
    expect(book.nextShelve(1, T0)).toEqual({ until: T0 + 1200 * S, step: 2 });
  });

  it('an unknown alarm has no shelve', () => {
    const book = makeBook();
    expect(book.nextShelve(7, T0)).toBeNull();
    expect(book.shelve(7, T0 + H, 0, actor(T0))).toBe(false);
  });

  it('a shelved alarm is hidden and counted as shelved until its expiry, then shown again', () => {
    const book = makeBook({ def: { rules: [{ ...DEF.rules[0]!, clear_s: 86_400 }] } });
    book.observe(ev({ siteId: 'a' }), T0);
    book.observe(ev({ siteId: 'b', severity: 'medium' }), T0);
    const until = T0 + MIN + H;
    expect(book.shelve(1, until, 0, actor(T0 + MIN))).toBe(true);
    expect(book.view().shown.map((a) => a.id)).toEqual([2]);
    const s = book.summary(T0 + 2 * MIN);
    expect(s.shelved).toBe(1);
    expect(s.standing).toEqual({ critical: 0, high: 0, medium: 1, low: 0 });
    expect(s.unacknowledged).toEqual({ critical: 0, high: 0, medium: 1, low: 0 });
    book.frame('delta', T0 + 2 * MIN);
    book.tick(until - 1);
    expect(book.get(1)?.shelvedUntil).toBe(until);
    expect(book.frame('delta', until - 1).alarms).toEqual([]);
    book.tick(until);
    expect(book.get(1)).toMatchObject({ shelvedUntil: null, shelved: null, state: 'active-unacknowledged' });
    expect(book.view().shown.map((a) => a.id)).toEqual([1, 2]);
    expect(book.summary(until).shelved).toBe(0);
    expect(book.summary(until).standing.high).toBe(1);
    expect(book.frame('delta', until).alarms.map((a) => a.id)).toEqual([1]);
  });
});

describe('flood (EEMUA 191)', () => {
  it('a critical alarm raised in a flood is still shown (and counted in the flood), the lesser ones are grouped', () => {
    const book = makeBook({ def: { flood: { alarms: 3, window_s: 600 } } });
    for (let i = 0; i < 4; i++) raise(book, T0 + i * S, { severity: 'high' });
    expect(book.view().flood).toBe(true);
    raise(book, T0 + 10 * S, { severity: 'critical' });
    raise(book, T0 + 11 * S, { severity: 'high' });
    expect([5, 6].map((id) => [book.get(id)?.priority, book.get(id)?.suppressed])).toEqual([
      ['critical', false],
      ['high', true],
    ]);
    expect(book.view().shown.map((a) => a.id)).toEqual([5, 1, 2, 3]);
    expect(book.history().flood?.raised).toBe(3);
  });

  it('more than flood.alarms new alarms within the window: the one that exceeds it starts a flood and is suppressed', () => {
    const book = makeBook();
    for (let i = 0; i < 10; i++) raise(book, T0 + i * 10 * S, { siteId: 'quiet' });
    expect(book.view().flood).toBe(false);
    expect(book.history().flood).toBeNull();
    expect([...Array(10).keys()].every((i) => book.get(i + 1)?.suppressed === false)).toBe(true);

    raise(book, T0 + 100 * S, { siteId: 'b' });
    expect(book.get(11)?.suppressed).toBe(true);
    expect(book.view().flood).toBe(true);
    expect(book.history().flood).toEqual({ start: T0 + 100 * S, end: null, raised: 1, peakRate: 11 });
    for (const [i, site] of ['a', 'b', 'c', 'a'].entries()) raise(book, T0 + (110 + i * 10) * S, { siteId: site });

    const view = book.view();
    expect(view.newestId).toBe(15);
    expect(view.shown.map((a) => a.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const s = book.summary(T0 + 150 * S);
    expect(s.suppressed).toBe(5);
    expect(s.standing.high).toBe(10);
    expect(s.flood).toEqual({
      active: true,
      since: T0 + 100 * S,
      // Every raise within the window is counted (not only the threshold + 1 the start needs).
      rate: 15,
      threshold: 10,
      windowS: 600,
      raised: 5,
      bySite: [
        { siteId: 'a', count: 2 },
        { siteId: 'b', count: 2 },
        { siteId: 'c', count: 1 },
      ],
    });
  });

  it('11 alarms spread over more than the window are no flood', () => {
    const book = makeBook();
    for (let i = 0; i < 10; i++) raise(book, T0 + i * S);
    raise(book, T0 + 600 * S + 1);
    expect(book.get(11)?.suppressed).toBe(false);
    expect(book.view().flood).toBe(false);
  });

  it('joining events do not count as new alarms', () => {
    const book = makeBook();
    for (let i = 0; i < 30; i++) book.observe(ev(), T0 + i * S);
    for (let i = 0; i < 9; i++) raise(book, T0 + 30 * S);
    expect(book.view().flood).toBe(false);
    expect(book.size()).toBe(10);
  });

  it('ends on a tick when the raises of the last window fall below ceil(threshold / 2); recorded with start, end, raised', () => {
    const book = makeBook();
    for (let i = 0; i <= 10; i++) raise(book, T0 + i * S); // the 11th, at 10 s, starts it
    raise(book, T0 + 20 * S);
    raise(book, T0 + 30 * S);
    // Raises in (now − 600 s, now] at 607 s: 8, 9, 10, 20, 30 s = 5, not below 5.
    book.tick(T0 + 607 * S);
    expect(book.view().flood).toBe(true);
    expect(book.summary(T0 + 607 * S).flood.rate).toBe(5);
    // At 608 s: 4 < 5.
    book.tick(T0 + 608 * S);
    expect(book.view().flood).toBe(false);
    expect(book.history().flood).toBeNull();
    expect(book.history().floods).toHaveLength(1);
    expect(book.history().floods[0]).toMatchObject({ start: T0 + 10 * S, end: T0 + 608 * S, raised: 3 });
    expect(book.summary(T0 + 608 * S).flood).toMatchObject({ active: false, since: null, raised: 0 });
    // The next alarm is annunciated again.
    raise(book, T0 + 700 * S);
    expect(book.get(14)?.suppressed).toBe(false);
    expect(book.view().shown.map((a) => a.id)).toContain(14);
  });

  it('with an odd threshold the end is below ceil(threshold / 2)', () => {
    const book = makeBook({ def: { flood: { alarms: 5, window_s: 60 } } });
    for (let i = 0; i <= 5; i++) raise(book, T0 + i * S); // 6 > 5: flood at 5 s
    expect(book.view().flood).toBe(true);
    // In (now − 60 s, now]: at 62 s the raises at 3, 4, 5 s = 3 (not below 3); at 63 s: 2.
    book.tick(T0 + 62 * S);
    expect(book.view().flood).toBe(true);
    book.tick(T0 + 63 * S);
    expect(book.view().flood).toBe(false);
    expect(book.history().floods[0]).toMatchObject({ start: T0 + 5 * S, end: T0 + 63 * S, raised: 1 });
  });

  // Found by this suite: the raise times were cut to threshold + 1, so every flood's peakRate
  // was exactly threshold + 1 (11), however many alarms the window held. 13 within 30 s here.
  it('peakRate is the most new alarms within one window during the flood', () => {
    const book = makeBook();
    for (let i = 0; i <= 10; i++) raise(book, T0 + i * S);
    raise(book, T0 + 20 * S);
    raise(book, T0 + 30 * S);
    book.tick(T0 + 700 * S);
    expect(book.history().floods[0]?.peakRate).toBe(13);
  });

  it('bySite lists at most 8 sites, most suppressed first', () => {
    const book = makeBook({ def: { flood: { alarms: 2, window_s: 600 } } });
    raise(book, T0);
    raise(book, T0);
    for (let site = 0; site < 10; site++) for (let k = 0; k <= site; k++) raise(book, T0 + S, { siteId: `s${site}` });
    const s = book.summary(T0 + S);
    expect(s.suppressed).toBe(55);
    expect(s.flood.bySite).toEqual([9, 8, 7, 6, 5, 4, 3, 2].map((n) => ({ siteId: `s${n}`, count: n + 1 })));
  });
});

describe('bounds', () => {
  it(`refuses a new raise at ${MAX_LIVE_ALARMS} live alarms, counts it, and accepts again when one leaves`, () => {
    const book = makeBook();
    for (let i = 0; i < MAX_LIVE_ALARMS; i++) raise(book, T0 + i);
    expect(book.size()).toBe(MAX_LIVE_ALARMS);
    expect(book.refused).toBe(0);
    raise(book, T0 + S);
    raise(book, T0 + S);
    expect(book.size()).toBe(MAX_LIVE_ALARMS);
    expect(book.refused).toBe(2);
    expect(book.view().newestId).toBe(MAX_LIVE_ALARMS);
    expect(book.raisedTotal.high).toBe(MAX_LIVE_ALARMS);
    // Joining an existing alarm is not a raise: still accepted.
    book.observe(ev({ signature: book.get(1)!.signature }), T0 + S);
    expect(book.get(1)?.count).toBe(2);
    // One returns to normal: room for one more, with the next id.
    book.acknowledge([2], actor(T0 + 2 * S));
    book.tick(T0 + 200 * S);
    expect(book.size()).toBe(MAX_LIVE_ALARMS - 1);
    raise(book, T0 + 201 * S);
    expect(book.size()).toBe(MAX_LIVE_ALARMS);
    expect(book.get(MAX_LIVE_ALARMS + 1)).not.toBeNull();
    expect(book.refused).toBe(2);
  });
});

describe('list order', () => {
  it('priority first, then unacknowledged, then the oldest', () => {
    const book = makeBook();
    book.observe(ev({ severity: 'low', siteId: 'a' }), T0);
    book.observe(ev({ severity: 'high', siteId: 'b' }), T0 + 1);
    book.observe(ev({ severity: 'high', siteId: 'c' }), T0 + 2);
    book.observe(ev({ severity: 'critical', siteId: 'd' }), T0 + 3);
    book.observe(ev({ severity: 'high', siteId: 'e' }), T0 + 4);
    book.acknowledge([2], actor(T0 + 5));
    expect(book.view().shown.map((a) => a.id)).toEqual([4, 3, 5, 2, 1]);
  });
});

describe('summary', () => {
  it('counts standing and unacknowledged alarms by priority, and shelved ones apart', () => {
    const book = makeBook();
    book.observe(ev({ siteId: 'e', severity: 'medium' }), T0);
    const t = T0 + 150 * S;
    book.observe(ev({ siteId: 'a', severity: 'critical' }), t);
    book.observe(ev({ siteId: 'b', severity: 'high' }), t);
    book.observe(ev({ siteId: 'c', severity: 'high' }), t);
    book.observe(ev({ siteId: 'd', severity: 'low' }), t);
    book.acknowledge([3], actor(t));
    book.shelve(5, t + H, 0, actor(t));
    book.tick(t); // e is cleared-unacknowledged: still standing, still unacknowledged
    expect(state(book, 1)).toBe('cleared-unacknowledged');
    const s = book.summary(t);
    expect(s.standing).toEqual({ critical: 1, high: 2, medium: 1, low: 0 });
    expect(s.unacknowledged).toEqual({ critical: 1, high: 1, medium: 1, low: 0 });
    expect(s.shelved).toBe(1);
    expect(s.suppressed).toBe(0);
    expect(s.shift).toBeNull();
    expect(s.ackTimes.high).toEqual({ p50: 0, p95: 0, n: 1 });
  });

  it('raisedLast10m counts the raises of the last ten minutes', () => {
    const book = makeBook();
    raise(book, T0);
    raise(book, T0 + 5 * MIN);
    raise(book, T0 + 9 * MIN + 59 * S);
    book.observe(ev({ signature: 'sig-joined' }), T0 + MIN);
    book.observe(ev({ signature: 'sig-joined' }), T0 + 2 * MIN); // joins: not a raise
    expect(book.summary(T0 + 9 * MIN + 59 * S).raisedLast10m).toBe(4);
    expect(book.summary(T0 + 10 * MIN).raisedLast10m).toBe(3);
    expect(book.summary(T0 + 15 * MIN).raisedLast10m).toBe(1);
    expect(book.summary(T0 + 20 * MIN).raisedLast10m).toBe(0);
  });

  it('ackTimes: nearest-rank p50/p95 in seconds per priority, for the shift on duty', () => {
    const dayEnd = T0 + 12 * H;
    const shiftAt = (at: number): ShiftInfo =>
      at < dayEnd ? { key: 'd1', name: { en: 'Day' }, lead: 'An', end: dayEnd } : { key: 'n1', name: { en: 'Night' }, lead: 'Dung', end: dayEnd + 12 * H };
    const book = makeBook({ shiftAt, def: { flood: { alarms: 100, window_s: 600 } } });
    for (let i = 1; i <= 20; i++) raise(book, T0, { severity: 'high' });
    for (let i = 1; i <= 20; i++) book.acknowledge([i], actor(T0 + i * S));
    raise(book, T0, { severity: 'medium' });
    book.acknowledge([21], actor(T0 + 12_340));
    const s = book.summary(T0 + H);
    // Nearest rank of 1…20 s: p50 the 10th, p95 the 19th (interpolation would give 10.5, 19.05).
    expect(s.ackTimes).toEqual({
      critical: { p50: null, p95: null, n: 0 },
      high: { p50: 10, p95: 19, n: 20 },
      medium: { p50: 12.3, p95: 12.3, n: 1 },
      low: { p50: null, p95: null, n: 0 },
    });
    expect(s.shift).toEqual({ key: 'd1', name: { en: 'Day' }, lead: 'An', end: dayEnd });
    // The next shift starts with no samples, then has its own.
    expect(book.summary(dayEnd).ackTimes.high).toEqual({ p50: null, p95: null, n: 0 });
    raise(book, dayEnd, { severity: 'high' });
    book.acknowledge([22], actor(dayEnd + 5 * S));
    expect(book.summary(dayEnd + 6 * S).ackTimes.high).toEqual({ p50: 5, p95: 5, n: 1 });
    expect(book.summary(T0 + H).ackTimes.high.n).toBe(20);
  });

  it('the time to acknowledge after an escalation counts from the escalation', () => {
    const book = makeBook();
    book.observe(ev({ severity: 'low' }), T0);
    book.acknowledge([1], actor(T0 + 4 * S));
    book.observe(ev({ severity: 'high' }), T0 + 10 * S);
    book.acknowledge([1], actor(T0 + 17 * S));
    const s = book.summary(T0 + 20 * S);
    expect(s.ackTimes.low).toEqual({ p50: 4, p95: 4, n: 1 });
    expect(s.ackTimes.high).toEqual({ p50: 7, p95: 7, n: 1 });
  });
});

describe('frames', () => {
  it('a snapshot lists every live alarm as a copy', () => {
    const book = makeBook({ def: { flood: { alarms: 2, window_s: 600 } } });
    raise(book, T0, { siteId: 'a' });
    raise(book, T0, { siteId: 'b' });
    raise(book, T0, { siteId: 'c' }); // suppressed
    book.shelve(2, T0 + H, 0, actor(T0));
    const snap = book.frame('snapshot', T0);
    expect(snap.alarms.map((a) => [a.id, a.siteId, a.suppressed, a.shelvedUntil])).toEqual([
      [1, 'a', false, null],
      [2, 'b', false, T0 + H],
      [3, 'c', true, null],
    ]);
    expect(snap.removed).toEqual([]);
    expect(snap.summary).toEqual(book.summary(T0));
    snap.alarms[0]!.count = 99;
    snap.alarms[0]!.state = 'active-acknowledged';
    snap.alarms.pop();
    expect(book.get(1)).toMatchObject({ count: 1, state: 'active-unacknowledged' });
    expect(book.frame('snapshot', T0).alarms).toHaveLength(3);
  });

  // Found by this suite: frames (and saved states) held shallow copies, sharing `acknowledged`
  // and `shelved` with the book: editing one in a frame edited the book.
  it('a snapshot’s nested actor objects are copies too', () => {
    const book = makeBook();
    book.observe(ev(), T0);
    book.acknowledge([1], { at: T0 + S, shift: 'k', lead: 'An', client: 'local' });
    const snap = book.frame('snapshot', T0 + S);
    snap.alarms[0]!.acknowledged!.lead = 'someone else';
    expect(book.get(1)?.acknowledged?.lead).toBe('An');
  });

  it('a delta lists what changed since the previous delta and the ids back to normal, once', () => {
    const book = makeBook();
    book.observe(ev({ siteId: 'a' }), T0);
    book.observe(ev({ siteId: 'b' }), T0);
    const d1 = book.frame('delta', T0);
    expect(d1.alarms.map((a) => a.id)).toEqual([1, 2]);
    expect(d1.removed).toEqual([]);
    expect(book.hasChanges()).toBe(false);
    const d2 = book.frame('delta', T0);
    expect(d2.alarms).toEqual([]);
    expect(d2.removed).toEqual([]);

    book.observe(ev({ siteId: 'a', count: 4 }), T0 + S);
    book.acknowledge([2], actor(T0 + S));
    // A snapshot in between does not consume the delta.
    expect(book.frame('snapshot', T0 + S).alarms).toHaveLength(2);
    const d3 = book.frame('delta', T0 + S);
    expect(d3.alarms.map((a) => [a.id, a.count, a.state])).toEqual([
      [1, 5, 'active-unacknowledged'],
      [2, 1, 'active-acknowledged'],
    ]);

    book.tick(T0 + S + CLEAR);
    const d4 = book.frame('delta', T0 + S + CLEAR);
    expect(d4.removed).toEqual([2]);
    expect(d4.alarms.map((a) => [a.id, a.state])).toEqual([[1, 'cleared-unacknowledged']]);
    expect(book.frame('delta', T0 + S + CLEAR)).toMatchObject({ alarms: [], removed: [] });
  });

  it('an alarm raised and returned to normal between two deltas is only in removed', () => {
    const book = makeBook();
    book.frame('delta', T0);
    book.observe(ev(), T0);
    book.acknowledge([1], actor(T0));
    book.tick(T0 + CLEAR);
    expect(book.frame('delta', T0 + CLEAR)).toMatchObject({ alarms: [], removed: [1] });
  });
});

// ---------------------------------------------------------------------------------------------

const FLOOD3: Partial<AlarmRulesDef> = { flood: { alarms: 3, window_s: 600 } };
const rosterShift = (at: number): ShiftInfo => ({ key: '2026-12-02/night', name: { vi: 'Ca đêm' }, lead: 'Dung', end: T0 + 8 * H + (at > T0 + 8 * H ? 12 * H : 0) });

/** A book with every part of its state in use: acknowledged, cleared and replaced, shelved, suppressed, closed, a past and a current flood. */
function richBook(): AlarmBook {
  const b = makeBook({ def: FLOOD3, shiftAt: rosterShift });
  b.observe(ev({ siteId: 'site-a', signature: 'A' }), T0); // 1
  b.observe(ev({ siteId: 'site-b', signature: 'B', severity: 'low' }), T0); // 2
  b.observe(ev({ siteId: 'site-d', signature: 'D', severity: 'medium' }), T0 + 5 * S); // 3
  b.observe(ev({ siteId: 'site-f', signature: 'F', severity: 'low' }), T0 + 6 * S); // 4: flood 1 starts
  b.acknowledge([3], { at: T0 + 10 * S, shift: 'k', lead: 'Dung', client: 'local' });
  b.acknowledge([1], { at: T0 + 20 * S, shift: 'k', lead: 'Dung', client: 'browser-1' });
  b.tick(T0 + 1000 * S); // 1 and 3 return to normal, 2 and 4 are cleared, flood 1 ends
  b.observe(ev({ siteId: 'site-b', signature: 'B', severity: 'low' }), T0 + 1000 * S); // 5: replaces 2
  b.observe(ev({ siteId: 'site-c', signature: 'C', category: 'spoof', severity: 'high' }), T0 + 1000 * S); // 6
  b.observe(ev({ siteId: 'site-e', signature: 'E' }), T0 + 1001 * S); // 7
  b.observe(ev({ siteId: 'site-g', signature: 'G' }), T0 + 1002 * S); // 8: flood 2 starts
  const n = b.nextShelve(6, T0 + 1010 * S)!;
  b.shelve(6, n.until, n.step, actor(T0 + 1010 * S));
  b.acknowledge([7], actor(T0 + 1020 * S));
  return b;
}

function roundTrip(book: AlarmBook): AlarmBook {
  const parsed = parseAlarmBookState(JSON.parse(JSON.stringify(book.exportState())));
  if (!parsed.ok) throw new Error(parsed.reason);
  const fresh = makeBook({ def: FLOOD3, shiftAt: rosterShift });
  fresh.importState(parsed.state);
  return fresh;
}

describe('saved form', () => {
  it('the fixture uses every part of the state', () => {
    const b = richBook();
    expect([2, 4, 5, 6, 7, 8].map((id) => [id, state(b, id)])).toEqual([
      [2, 'cleared-unacknowledged'],
      [4, 'cleared-unacknowledged'],
      [5, 'active-unacknowledged'],
      [6, 'active-unacknowledged'],
      [7, 'active-acknowledged'],
      [8, 'active-unacknowledged'],
    ]);
    expect(b.get(6)?.shelvedUntil).toBe(T0 + 1010 * S + H);
    expect([4, 8].map((id) => b.get(id)?.suppressed)).toEqual([true, true]);
    expect(b.history().closed.map((a) => a.id)).toEqual([1, 3]);
    // It ended when the newest raise but one (5 s) left the 600 s window, not at the tick that noticed.
    expect(b.history().floods).toEqual([{ start: T0 + 6 * S, end: T0 + 605 * S, raised: 1, peakRate: 4 }]);
    expect(b.history().flood).toMatchObject({ start: T0 + 1002 * S, end: null });
  });

  it('export → JSON → parse → import gives the same snapshot, view, summary and history', () => {
    const a = richBook();
    const at = T0 + 1030 * S;
    const b = roundTrip(a);
    expect(b.frame('snapshot', at)).toEqual(a.frame('snapshot', at));
    expect(b.view()).toEqual(a.view());
    expect(b.summary(at)).toEqual(a.summary(at));
    expect(b.history()).toEqual(a.history());
    expect(b.raisedTotal).toEqual(a.raisedTotal);
    expect(b.size()).toBe(6);
    // Restored, nothing is pending for the next delta.
    expect(b.hasChanges()).toBe(false);
  });

  it('after import, further events and actions behave the same: next id, joining, the replaced alarm, the flood', () => {
    const a = richBook();
    const b = roundTrip(a);
    for (const book of [a, b]) {
      book.frame('delta', T0 + 1030 * S);
      book.observe(ev({ siteId: 'site-b', signature: 'B', severity: 'low' }), T0 + 1040 * S); // joins 5, not 2
      book.observe(ev({ siteId: 'site-h', signature: 'H' }), T0 + 1040 * S); // 9, suppressed
      book.tick(T0 + 1700 * S); // 7 (acknowledged, last event at 1001 s) returns to normal; flood 2 ends
      expect(book.acknowledge([2, 7], actor(T0 + 2000 * S))).toEqual([2]);
    }
    expect(b.get(5)?.count).toBe(2);
    expect(b.get(9)).toMatchObject({ siteId: 'site-h', suppressed: true });
    expect(b.history().floods).toHaveLength(2);
    expect(b.history().closed.map((x) => x.id)).toEqual([1, 3, 7, 2]);
    const at = T0 + 2000 * S;
    expect(b.frame('snapshot', at)).toEqual(a.frame('snapshot', at));
    expect(b.frame('delta', at)).toEqual(a.frame('delta', at));
    expect(b.history()).toEqual(a.history());
    expect(b.view()).toEqual(a.view());
  });

  it('refuses a damaged state with a reason naming the field', () => {
    const good = JSON.parse(JSON.stringify(richBook().exportState())) as Record<string, unknown> & { live: { alarm: Record<string, unknown> }[] };
    expect(parseAlarmBookState(good).ok).toBe(true);
    const damaged = (change: (s: typeof good) => void) => {
      const s = structuredClone(good);
      change(s);
      const r = parseAlarmBookState(s);
      return r.ok ? 'accepted' : r.reason;
    };
    expect(damaged((s) => (s.live[0]!.alarm.state = 'active-silenced'))).toMatch(/^live\.0\.alarm\.state: /u);
    expect(damaged((s) => (s.live[1]!.alarm.count = -1))).toMatch(/^live\.1\.alarm\.count: /u);
    expect(damaged((s) => (s.live[2]!.alarm.id = '7'))).toMatch(/^live\.2\.alarm\.id: /u);
    expect(damaged((s) => (s.live[0]!.alarm.priority = 'urgent'))).toMatch(/^live\.0\.alarm\.priority: /u);
    expect(damaged((s) => (s.nextId = 0))).toMatch(/^nextId: /u);
    expect(damaged((s) => (s.minutes = [[1.5, 2]]))).toMatch(/^minutes\.0\.0: /u);
    expect(damaged((s) => (s.refused = -3))).toMatch(/^refused: /u);
    expect(damaged((s) => delete s.raises)).toMatch(/^raises: /u);
    const notObject = parseAlarmBookState('{"nextId":1}');
    expect(notObject.ok).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

type Step = { at: number; event: SecurityEvent } | { at: number; action: AlarmAction } | { at: number; shelve: number };

/** Feeds a script; `tickEvery` > 0 ticks at that period between steps. Shelve steps are decided by the first book (as the desk does) and given to both. */
function play(book: AlarmBook, steps: readonly Step[], tickEvery: number, decided: Map<number, AlarmAction>, t0: number): void {
  let nextTick = t0;
  steps.forEach((step, i) => {
    if (tickEvery > 0) for (; nextTick <= step.at; nextTick += tickEvery) book.tick(nextTick);
    if ('event' in step) book.observe(step.event, step.at);
    else if ('action' in step) applyAlarmAction(book, step.action);
    else {
      let action = decided.get(i);
      if (action === undefined) {
        const n = book.nextShelve(step.shelve, step.at)!;
        action = { op: 'shelve', id: step.shelve, until: n.until, step: n.step, actor: actor(step.at) };
        decided.set(i, action);
      }
      applyAlarmAction(book, action);
    }
  });
}

describe('replay determinism', () => {
  const at = (s: number) => T0 + s * S;
  const ack = (s: number, ids: number[]): Step => ({ at: at(s), action: { op: 'ack', ids, actor: actor(at(s)) } });
  const e = (s: number, over: Partial<SecurityEvent>): Step => ({ at: at(s), event: ev(over) });
  const script: Step[] = [
    e(0, { siteId: 'a', signature: 'A', severity: 'high' }), // 1
    e(10, { siteId: 'b', signature: 'B', severity: 'medium' }), // 2
    ack(30, [2]),
    e(40, { siteId: 'e', signature: 'E', severity: 'low' }), // 3
    e(60, { siteId: 'a', signature: 'A', severity: 'high' }), // joins 1
    e(400, { siteId: 'a', signature: 'A', severity: 'critical' }), // 1 cleared at 180 s: re-activated, escalated
    e(420, { siteId: 'b', signature: 'B', severity: 'low' }), // 2 back to normal at 130 s: new 4
    ack(450, [4]),
    e(460, { siteId: 'b', signature: 'B', severity: 'critical' }), // 4 escalates: unacknowledged again
    { at: at(500), shelve: 1 },
    e(530, { siteId: 'c', signature: 'C', category: 'spoof', severity: 'critical' }), // 5
    e(700, { siteId: 'd', signature: 'D', severity: 'high' }), // 6
    ack(800, [1, 6]), // 1 cleared at 520 s: back to normal; 6 acknowledged
    e(900, { siteId: 'e', signature: 'E', severity: 'low' }), // 3 cleared 860 s ago: new 7
    e(1300, { siteId: 'd', signature: 'D', severity: 'high' }), // 6 back to normal at 820 s: new 8
    ack(2000, [4]),
  ];

  it('a book ticked along and a book never ticked end in the same alarms', () => {
    const decided = new Map<number, AlarmAction>();
    const ticked = makeBook();
    const unticked = makeBook();
    play(ticked, script, 10 * S, decided, T0);
    play(unticked, script, 0, decided, T0);
    const end = at(3000);
    ticked.tick(end);
    unticked.tick(end);

    const snap = ticked.frame('snapshot', end);
    expect(snap.alarms.map((a) => [a.id, a.state, a.clearedAt, a.count, a.priority])).toEqual([
      [3, 'cleared-unacknowledged', at(160), 1, 'low'],
      [5, 'cleared-unacknowledged', at(1130), 1, 'high'],
      [7, 'cleared-unacknowledged', at(1020), 1, 'low'],
      [8, 'cleared-unacknowledged', at(1420), 1, 'high'],
    ]);
    expect(unticked.frame('snapshot', end)).toEqual(snap);
    expect(unticked.view()).toEqual(ticked.view());
    const closed = (b: AlarmBook) => [...b.history().closed].sort((x, y) => x.id - y.id);
    expect(closed(ticked).map((a) => [a.id, a.clearedAt, a.priority, a.count])).toEqual([
      [1, at(520), 'critical', 3],
      [2, at(130), 'medium', 1],
      [4, at(580), 'critical', 2],
      [6, at(820), 'high', 1],
    ]);
    expect(closed(unticked)).toEqual(closed(ticked));
  });

  it('the same holds at every point of the script, after a tick at that point', () => {
    const decided = new Map<number, AlarmAction>();
    for (let n = 1; n <= script.length; n++) {
      const ticked = makeBook();
      const unticked = makeBook();
      play(ticked, script.slice(0, n), 10 * S, decided, T0);
      play(unticked, script.slice(0, n), 0, decided, T0);
      const end = script[n - 1]!.at;
      ticked.tick(end);
      unticked.tick(end);
      expect(unticked.frame('snapshot', end), `after step ${n - 1}`).toEqual(ticked.frame('snapshot', end));
    }
  });

  // Found by this suite: a flood ended only in tick(), and the journal's replay applies
  // messages without ticks, so a replayed book kept suppressing alarms a live one showed. The
  // end is now the instant derived from the raise times, ticked or not.
  it('a flood that ended between ticks ends the same in a replay without ticks', () => {
    const steps: Step[] = [0, 1, 2, 3].map((s) => e(s, { siteId: `f${s}`, signature: `F${s}` }));
    steps.push(e(300, { siteId: 'late', signature: 'L' }));
    const ticked = makeBook({ def: { flood: { alarms: 3, window_s: 60 } } });
    const unticked = makeBook({ def: { flood: { alarms: 3, window_s: 60 } } });
    play(ticked, steps, 10 * S, new Map(), T0);
    play(unticked, steps, 0, new Map(), T0);
    expect(ticked.get(4)?.suppressed).toBe(true);
    expect(ticked.get(5)?.suppressed).toBe(false);
    ticked.tick(at(400));
    unticked.tick(at(400));
    expect(unticked.frame('snapshot', at(400))).toEqual(ticked.frame('snapshot', at(400)));
  });
});
