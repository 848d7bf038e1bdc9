import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ShiftRosterDef } from '../../../electron/contract/index.js';
import { ShiftRosterSchema } from '../../../electron/contract/wall-config-schemas.js';
import { previousShift, rosterProblems, shiftAt, shiftStartsBetween, WALL_TIME_ZONE_DEFAULT } from '../../../electron/core/shifts/shift-roster.js';

/** Epoch ms of an ISO instant with its offset, e.g. "2026-12-04T07:00+07:00". */
function t(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant in test: ${iso}`);
  return ms;
}

// 2026-12-04 is a Friday, 12-05 a Saturday, 12-06 a Sunday. The night shift is listed first on
// purpose: the order of shifts comes from their starts, not from the file.
const roster: ShiftRosterDef = {
  version: 1,
  shifts: [
    { id: 'night', name: { vi: 'Ca đêm', en: 'Night shift' }, start: '19:00', lead: 'Phạm Thị Dung', members: ['Hoàng Văn Em'] },
    { id: 'day', name: { vi: 'Ca ngày', en: 'Day shift' }, start: '07:00', lead: 'Nguyễn Văn An', members: ['Trần Thị Bình', 'Lê Văn Cường'] },
  ],
  weekdays: {
    sat: [{ shift: 'night', lead: 'Võ Minh Giang' }],
    sun: [{ shift: 'day', start: '08:00', lead: 'Đỗ Thị Hoa' }],
  },
};

describe('shiftAt: the day shift', () => {
  it('is on duty from 07:00 exactly, with its lead, members, name and weekday', () => {
    const at = t('2026-12-04T07:00:00+07:00');
    expect(shiftAt(roster, at)).toEqual({
      key: '2026-12-04/day',
      shiftId: 'day',
      name: { vi: 'Ca ngày', en: 'Day shift' },
      lead: 'Nguyễn Văn An',
      members: ['Trần Thị Bình', 'Lê Văn Cường'],
      start: at,
      end: t('2026-12-04T19:00:00+07:00'),
      weekday: 'fri',
    });
  });

  it('is still on duty at 18:59:59.999 and hands over at 19:00 (end exclusive)', () => {
    expect(shiftAt(roster, t('2026-12-04T18:59:59.999+07:00')).key).toBe('2026-12-04/day');
    expect(shiftAt(roster, t('2026-12-04T19:00:00+07:00')).key).toBe('2026-12-04/night');
  });

  it('does not start before 07:00: at 06:59:59.999 the night shift of the day before is on duty', () => {
    expect(shiftAt(roster, t('2026-12-04T06:59:59.999+07:00')).key).toBe('2026-12-03/night');
  });

  it('uses Asia/Ho_Chi_Minh by default, and another zone when given one', () => {
    const at = t('2026-12-04T08:00:00+07:00'); // 01:00 UTC: still night in UTC
    expect(WALL_TIME_ZONE_DEFAULT).toBe('Asia/Ho_Chi_Minh');
    expect(shiftAt(roster, at)).toEqual(shiftAt(roster, at, 'Asia/Ho_Chi_Minh'));
    expect(shiftAt(roster, at, 'UTC')).toMatchObject({ key: '2026-12-03/night', start: t('2026-12-03T19:00:00Z') });
  });
});

describe('shiftAt: the night shift', () => {
  const thursdayNight = { key: '2026-12-03/night', shiftId: 'night', start: t('2026-12-03T19:00:00+07:00'), end: t('2026-12-04T07:00:00+07:00'), weekday: 'thu' };

  it('is on duty from 19:00 and at 23:59', () => {
    expect(shiftAt(roster, t('2026-12-03T19:00:00+07:00'))).toMatchObject(thursdayNight);
    expect(shiftAt(roster, t('2026-12-03T23:59:00+07:00'))).toMatchObject(thursdayNight);
  });

  it('at 03:00 the next morning still belongs to the day it started (key has the previous date)', () => {
    expect(shiftAt(roster, t('2026-12-04T03:00:00+07:00'))).toMatchObject({ ...thursdayNight, lead: 'Phạm Thị Dung', members: ['Hoàng Văn Em'] });
  });

  it('takes the Saturday override for the Saturday night shift, at Sunday 03:00', () => {
    expect(shiftAt(roster, t('2026-12-06T03:00:00+07:00'))).toMatchObject({ key: '2026-12-05/night', weekday: 'sat', lead: 'Võ Minh Giang', members: ['Hoàng Văn Em'] });
  });

  it('does not take the Saturday override for the Friday night shift, at Saturday 03:00', () => {
    expect(shiftAt(roster, t('2026-12-05T03:00:00+07:00'))).toMatchObject({ key: '2026-12-04/night', weekday: 'fri', lead: 'Phạm Thị Dung' });
  });

  it('ends at the next day\'s moved start: Sunday\'s day shift from 08:00 keeps Saturday night on until 08:00', () => {
    const saturdayNight = shiftAt(roster, t('2026-12-06T07:30:00+07:00'));
    expect(saturdayNight).toMatchObject({ key: '2026-12-05/night', end: t('2026-12-06T08:00:00+07:00') });
    expect(shiftAt(roster, t('2026-12-06T08:00:00+07:00'))).toMatchObject({
      key: '2026-12-06/day',
      weekday: 'sun',
      lead: 'Đỗ Thị Hoa',
      members: ['Trần Thị Bình', 'Lê Văn Cường'],
      start: t('2026-12-06T08:00:00+07:00'),
      end: t('2026-12-06T19:00:00+07:00'),
    });
    // Monday is back to 07:00, so Sunday night ends then.
    expect(shiftAt(roster, t('2026-12-07T06:00:00+07:00'))).toMatchObject({ key: '2026-12-06/night', end: t('2026-12-07T07:00:00+07:00') });
  });

  it('crosses the end of a month', () => {
    expect(shiftAt(roster, t('2026-12-01T02:00:00+07:00'))).toMatchObject({
      key: '2026-11-30/night',
      weekday: 'mon',
      start: t('2026-11-30T19:00:00+07:00'),
      end: t('2026-12-01T07:00:00+07:00'),
    });
  });

  it('crosses the end of a year (Dec 31 → Jan 1)', () => {
    const newYearsEve = { key: '2026-12-31/night', weekday: 'thu', start: t('2026-12-31T19:00:00+07:00'), end: t('2027-01-01T07:00:00+07:00') };
    expect(shiftAt(roster, t('2026-12-31T23:59:59.999+07:00'))).toMatchObject(newYearsEve);
    expect(shiftAt(roster, t('2027-01-01T00:00:00+07:00'))).toMatchObject(newYearsEve);
    expect(shiftAt(roster, t('2027-01-01T06:59:00+07:00'))).toMatchObject(newYearsEve);
    expect(shiftAt(roster, t('2027-01-01T07:00:00+07:00'))).toMatchObject({ key: '2027-01-01/day', weekday: 'fri' });
  });

  it('returns copies: changing an answer does not change the roster', () => {
    const duty = shiftAt(roster, t('2026-12-04T03:00:00+07:00'));
    duty.members.push('Người lạ');
    duty.name.vi = 'đổi';
    expect(shiftAt(roster, t('2026-12-04T03:00:00+07:00'))).toMatchObject({ members: ['Hoàng Văn Em'], name: { vi: 'Ca đêm' } });
  });

  it('refuses an instant that is not a finite number', () => {
    expect(() => shiftAt(roster, Number.NaN)).toThrow(RangeError);
  });
});

describe('shiftStartsBetween', () => {
  const from = t('2026-12-04T00:00:00+07:00');
  const to = t('2026-12-06T00:00:00+07:00');

  it('gives the 4 boundaries of two days in order, each ending where the next starts', () => {
    const starts = shiftStartsBetween(roster, from, to);
    expect(starts.map((s) => s.key)).toEqual(['2026-12-04/day', '2026-12-04/night', '2026-12-05/day', '2026-12-05/night']);
    expect(starts.map((s) => s.start)).toEqual([
      t('2026-12-04T07:00:00+07:00'),
      t('2026-12-04T19:00:00+07:00'),
      t('2026-12-05T07:00:00+07:00'),
      t('2026-12-05T19:00:00+07:00'),
    ]);
    expect(starts.slice(0, -1).map((s) => s.end)).toEqual(starts.slice(1).map((s) => s.start));
    expect(starts.at(-1)).toMatchObject({ lead: 'Võ Minh Giang', end: t('2026-12-06T08:00:00+07:00') });
  });

  it('excludes a start at `from` and includes one at `to`', () => {
    const starts = shiftStartsBetween(roster, t('2026-12-04T07:00:00+07:00'), t('2026-12-05T07:00:00+07:00'));
    expect(starts.map((s) => s.key)).toEqual(['2026-12-04/night', '2026-12-05/day']);
  });

  it('respects the limit, 100 by default', () => {
    expect(shiftStartsBetween(roster, from, to, WALL_TIME_ZONE_DEFAULT, 2).map((s) => s.key)).toEqual(['2026-12-04/day', '2026-12-04/night']);
    expect(shiftStartsBetween(roster, from, to, WALL_TIME_ZONE_DEFAULT, 0)).toEqual([]);
    const year = shiftStartsBetween(roster, t('2026-01-01T00:00:00+07:00'), t('2027-01-01T00:00:00+07:00'));
    expect(year).toHaveLength(100);
    expect(year.at(-1)?.key).toBe('2026-02-19/night');
  });

  it('is empty when the range is empty or has no start in it', () => {
    expect(shiftStartsBetween(roster, to, from)).toEqual([]);
    expect(shiftStartsBetween(roster, from, from)).toEqual([]);
    expect(shiftStartsBetween(roster, t('2026-12-04T08:00:00+07:00'), t('2026-12-04T18:00:00+07:00'))).toEqual([]);
  });
});

describe('previousShift', () => {
  it('of a day shift is the previous night\'s, which ends where it starts', () => {
    const day = shiftAt(roster, t('2026-12-04T10:00:00+07:00'));
    const before = previousShift(roster, day);
    expect(before).toMatchObject({ key: '2026-12-03/night', end: day.start });
  });

  it('of a night shift is the same day\'s day shift', () => {
    expect(previousShift(roster, shiftAt(roster, t('2026-12-04T20:00:00+07:00'))).key).toBe('2026-12-04/day');
  });

  it('of Sunday\'s moved day shift is Saturday night, with its override', () => {
    const sunday = shiftAt(roster, t('2026-12-06T09:00:00+07:00'));
    expect(previousShift(roster, sunday)).toMatchObject({ key: '2026-12-05/night', lead: 'Võ Minh Giang', end: t('2026-12-06T08:00:00+07:00') });
  });
});

describe('rosterProblems', () => {
  it('finds none in a good roster', () => {
    expect(rosterProblems(roster)).toEqual([]);
  });

  it('reports a duplicate shift id', () => {
    const dup: ShiftRosterDef = { ...roster, shifts: [...roster.shifts, { id: 'day', name: { en: 'Late' }, start: '12:00', lead: 'Bùi Văn Khánh' }] };
    const problems = rosterProblems(dup);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/"day".*2 shifts/u);
  });

  it('reports two shifts starting at the same time once, not for every weekday', () => {
    const clash: ShiftRosterDef = { version: 1, shifts: [...roster.shifts, { id: 'late', name: { en: 'Late' }, start: '19:00', lead: 'Bùi Văn Khánh' }] };
    expect(rosterProblems(clash)).toEqual(['Every day, shifts "night" and "late" both start at 19:00; each shift needs its own start time.']);
  });

  it('reports an override that makes two shifts start at the same time on one weekday', () => {
    const clash: ShiftRosterDef = { ...roster, weekdays: { ...roster.weekdays, sat: [{ shift: 'day', start: '19:00' }] } };
    const problems = rosterProblems(clash);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Saturday.*weekdays\.sat.*"night" and "day" both start at 19:00/u);
  });

  it('reports an override for an unknown shift, naming the weekday and the id', () => {
    const unknown: ShiftRosterDef = { ...roster, weekdays: { ...roster.weekdays, mon: [{ shift: 'nite', lead: 'Bùi Văn Khánh' }] } };
    const problems = rosterProblems(unknown);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/weekdays\.mon.*Monday.*"nite"/u);
  });

  it('reports a shift overridden twice on one weekday', () => {
    const twice: ShiftRosterDef = { ...roster, weekdays: { sat: [{ shift: 'night', lead: 'A' }, { shift: 'night', lead: 'B' }] } };
    const problems = rosterProblems(twice);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/weekdays\.sat.*"night" 2 times/u);
  });
});

describe('a single-shift roster', () => {
  const single: ShiftRosterDef = { version: 1, shifts: [{ id: 'all', name: { en: '24 h' }, start: '08:00', lead: 'Ngô Văn Lợi' }] };

  it('has 24-hour shifts, each belonging to the day it starts', () => {
    expect(shiftAt(single, t('2026-12-05T07:59:00+07:00'))).toMatchObject({
      key: '2026-12-04/all',
      members: [],
      start: t('2026-12-04T08:00:00+07:00'),
      end: t('2026-12-05T08:00:00+07:00'),
    });
    expect(shiftAt(single, t('2026-12-05T08:00:00+07:00')).key).toBe('2026-12-05/all');
  });

  it('starts once a day and hands over from the day before', () => {
    const starts = shiftStartsBetween(single, t('2026-12-04T00:00:00+07:00'), t('2026-12-07T00:00:00+07:00'));
    expect(starts.map((s) => s.key)).toEqual(['2026-12-04/all', '2026-12-05/all', '2026-12-06/all']);
    const [first, second] = starts;
    if (!first || !second) throw new Error('expected two starts');
    expect(previousShift(single, second)).toEqual(first);
  });
});

describe('a zone with daylight saving (Europe/Berlin)', () => {
  const zone = 'Europe/Berlin';
  const berlin: ShiftRosterDef = {
    version: 1,
    shifts: [
      { id: 'early', name: { en: 'Early' }, start: '02:30', lead: 'A' },
      { id: 'late', name: { en: 'Late' }, start: '14:00', lead: 'B' },
    ],
  };

  it('moves a start that does not exist (2026-03-29 02:30) forward to 03:00, the first valid instant', () => {
    expect(shiftAt(berlin, t('2026-03-28T12:00:00+01:00'), zone)).toMatchObject({ key: '2026-03-28/early', start: t('2026-03-28T02:30:00+01:00') });
    // The night before hands over at the jump, 02:00 CET = 03:00 CEST.
    expect(shiftAt(berlin, t('2026-03-29T01:59:59.999+01:00'), zone)).toMatchObject({ key: '2026-03-28/late', end: t('2026-03-29T03:00:00+02:00') });
    expect(shiftAt(berlin, t('2026-03-29T03:00:00+02:00'), zone)).toMatchObject({
      key: '2026-03-29/early',
      start: t('2026-03-29T03:00:00+02:00'),
      end: t('2026-03-29T14:00:00+02:00'),
    });
    expect(shiftAt(berlin, t('2026-03-30T12:00:00+02:00'), zone)).toMatchObject({ key: '2026-03-30/early', start: t('2026-03-30T02:30:00+02:00') });
  });

  it('takes the first of a start that happens twice (2026-10-25 02:30)', () => {
    expect(shiftAt(berlin, t('2026-10-25T02:30:00+02:00'), zone)).toMatchObject({ key: '2026-10-25/early', start: t('2026-10-25T02:30:00+02:00') });
    // The second 02:30 (CET) is well inside that shift.
    expect(shiftAt(berlin, t('2026-10-25T02:30:00+01:00'), zone).key).toBe('2026-10-25/early');
    expect(shiftAt(berlin, t('2026-10-25T02:29:59+02:00'), zone)).toMatchObject({ key: '2026-10-24/late', end: t('2026-10-25T02:30:00+02:00') });
    expect(shiftAt(berlin, t('2026-10-25T15:00:00+01:00'), zone)).toMatchObject({ key: '2026-10-25/late', start: t('2026-10-25T14:00:00+01:00') });
  });

  it('lists the boundaries across the change in order', () => {
    const starts = shiftStartsBetween(berlin, t('2026-03-28T00:00:00+01:00'), t('2026-03-30T00:00:00+02:00'), zone);
    expect(starts.map((s) => [s.key, s.start])).toEqual([
      ['2026-03-28/early', t('2026-03-28T02:30:00+01:00')],
      ['2026-03-28/late', t('2026-03-28T14:00:00+01:00')],
      ['2026-03-29/early', t('2026-03-29T03:00:00+02:00')],
      ['2026-03-29/late', t('2026-03-29T14:00:00+02:00')],
    ]);
  });
});

describe('the bundled roster (resources/wall/shifts.yaml)', () => {
  const file = join(import.meta.dirname, '../../../resources/wall/shifts.yaml');
  const bundled = v.parse(ShiftRosterSchema, parse(readFileSync(file, 'utf8')));

  it('is valid and has no problems', () => {
    expect(rosterProblems(bundled)).toEqual([]);
  });

  it('resolves: a day shift at 07:00 and a night shift at 19:00 whose weekend lead differs', () => {
    const fridayDay = shiftAt(bundled, t('2026-12-04T10:00:00+07:00'));
    expect(fridayDay).toMatchObject({ key: '2026-12-04/day', name: { vi: 'Ca ngày', en: 'Day shift' }, start: t('2026-12-04T07:00:00+07:00') });
    const fridayNight = shiftAt(bundled, t('2026-12-05T03:00:00+07:00'));
    const saturdayNight = shiftAt(bundled, t('2026-12-06T03:00:00+07:00'));
    expect(fridayNight).toMatchObject({ key: '2026-12-04/night', name: { vi: 'Ca đêm', en: 'Night shift' }, end: t('2026-12-05T07:00:00+07:00') });
    expect(saturdayNight.key).toBe('2026-12-05/night');
    expect(saturdayNight.lead).not.toBe(fridayNight.lead);
    for (const duty of [fridayDay, fridayNight, saturdayNight]) expect(duty.members.length).toBeGreaterThanOrEqual(2);
  });
});
