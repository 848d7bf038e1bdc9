// What the alarm panels list: the shown alarms in the core's order, the shelved ones apart, and
// the rows that fit with the selected alarm always among them.
import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../electron/contract/index.js';
import { shelvedAlarms, shownAlarms, visibleAlarms } from '../../../renderer/src/alarms/alarm-list.js';
import { alarm } from '../../helpers/alarm-fixtures.js';

const T0 = Date.parse('2026-11-25T03:00:00Z');
const book = (...alarms: Alarm[]): ReadonlyMap<number, Alarm> => new Map(alarms.map((a) => [a.id, a]));
const ids = (list: readonly Alarm[]) => list.map((a) => a.id);

describe('shown alarms', () => {
  it('lists by priority, then unacknowledged before acknowledged, then the oldest first', () => {
    const list = shownAlarms(
      book(
        alarm(1, { priority: 'low', firstSeen: T0 }),
        alarm(2, { priority: 'critical', state: 'active-acknowledged', firstSeen: T0 - 50_000 }),
        alarm(3, { priority: 'critical', firstSeen: T0 + 20 }),
        alarm(4, { priority: 'high', firstSeen: T0 + 5 }),
        alarm(5, { priority: 'critical', firstSeen: T0 + 10 }),
        alarm(6, { priority: 'high', state: 'cleared-unacknowledged', clearedAt: T0 + 100, firstSeen: T0 + 1 }),
        alarm(7, { priority: 'medium', state: 'active-acknowledged', firstSeen: T0 - 1 }),
      ),
    );
    // Cleared but not acknowledged still waits for the shift lead: it ranks as unacknowledged.
    expect(ids(list)).toEqual([5, 3, 2, 6, 4, 7, 1]);
  });

  it('leaves out shelved and suppressed alarms', () => {
    const list = shownAlarms(book(alarm(1), alarm(2, { shelvedUntil: T0 + 60_000 }), alarm(3, { suppressed: true }), alarm(4, { priority: 'low' })));
    expect(ids(list)).toEqual([1, 4]);
    expect(shownAlarms(new Map())).toEqual([]);
  });

  it('the same firstSeen: the lower id first, whatever the map order', () => {
    const list = shownAlarms(book(alarm(9, { firstSeen: T0 }), alarm(8, { firstSeen: T0 })));
    expect(ids(list)).toEqual([8, 9]);
  });
});

describe('shelved alarms', () => {
  it('lists only shelved alarms, the one back soonest first', () => {
    const list = shelvedAlarms(
      book(
        alarm(1, { shelvedUntil: T0 + 3_600_000 }),
        alarm(2),
        alarm(3, { priority: 'low', shelvedUntil: T0 + 60_000 }),
        alarm(4, { suppressed: true }),
        alarm(5, { shelvedUntil: T0 + 600_000, state: 'active-acknowledged' }),
      ),
    );
    expect(ids(list)).toEqual([3, 5, 1]);
  });
});

describe('visible alarms', () => {
  const ten = Array.from({ length: 10 }, (_, i) => alarm(i + 1));

  it('shows everything when it fits, with nothing hidden', () => {
    expect(visibleAlarms(ten, 10, 10)).toEqual({ rows: ten, hidden: 0, more: false });
    expect(visibleAlarms(ten.slice(0, 3), null, 5)).toEqual({ rows: ten.slice(0, 3), hidden: 0, more: false });
    expect(visibleAlarms([], null, 4)).toEqual({ rows: [], hidden: 0, more: false });
  });

  it('does not hand back the list it was given', () => {
    const r = visibleAlarms(ten, null, 10);
    expect(r.rows).not.toBe(ten);
  });

  it('when not all fit, shows room − 1 rows from the top and counts the rest for the last row', () => {
    expect(visibleAlarms(ten, 1, 4)).toEqual({ rows: ten.slice(0, 3), hidden: 7, more: true });
    expect(visibleAlarms(ten, null, 4)).toEqual({ rows: ten.slice(0, 3), hidden: 7, more: true });
    expect(visibleAlarms(ten, 3, 4)).toEqual({ rows: ten.slice(0, 3), hidden: 7, more: true });
    // One too many: the last row says "+2 more", not "+1".
    expect(visibleAlarms(ten, null, 9)).toEqual({ rows: ten.slice(0, 8), hidden: 2, more: true });
    // An unknown selection (it just left the list) shows the top.
    expect(visibleAlarms(ten, 99, 4)).toEqual({ rows: ten.slice(0, 3), hidden: 7, more: true });
  });

  it('scrolls so the selected alarm is the last row shown', () => {
    expect(ids(visibleAlarms(ten, 4, 4).rows)).toEqual([2, 3, 4]);
    expect(ids(visibleAlarms(ten, 7, 4).rows)).toEqual([5, 6, 7]);
    expect(visibleAlarms(ten, 10, 4)).toEqual({ rows: ten.slice(7, 10), hidden: 7, more: true });
  });

  it('with room for one row, shows the selected alarm alone (no "+K more" line it has no room for); with none, nothing (the title counts them)', () => {
    expect(visibleAlarms(ten, 6, 1)).toEqual({ rows: [ten[5]], hidden: 9, more: false });
    expect(visibleAlarms(ten, 6, 2)).toEqual({ rows: [ten[5]], hidden: 9, more: true });
    expect(visibleAlarms(ten, 6, 0)).toEqual({ rows: [], hidden: 10, more: false });
  });

  it('the selected alarm is among the rows for every selection and room', () => {
    for (let room = 2; room <= 11; room++) {
      for (const a of ten) {
        const r = visibleAlarms(ten, a.id, room);
        expect(ids(r.rows), `room ${room}, selected ${a.id}`).toContain(a.id);
        expect(r.rows.length + (r.hidden > 0 ? 1 : 0)).toBeLessThanOrEqual(room);
        expect(r.rows.length + r.hidden).toBe(10);
        // Contiguous, in list order.
        const first = ids(r.rows)[0]!;
        expect(ids(r.rows)).toEqual(Array.from({ length: r.rows.length }, (_, i) => first + i));
      }
    }
  });
});
