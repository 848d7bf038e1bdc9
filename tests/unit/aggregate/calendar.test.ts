import { describe, expect, it } from 'vitest';
import { wallDayKey, wallDayNumber, wallYear } from '../../../electron/core/aggregate/calendar.js';

describe('wall calendar (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('starts the day at 00:00 Vietnam time, i.e. 17:00 UTC the day before', () => {
    const beforeMidnight = Date.parse('2026-11-24T16:59:59Z');
    const afterMidnight = Date.parse('2026-11-24T17:00:00Z');
    expect(wallDayKey(wallDayNumber(beforeMidnight))).toBe('2026-11-24');
    expect(wallDayKey(wallDayNumber(afterMidnight))).toBe('2026-11-25');
  });
  it('starts the year at local midnight', () => {
    expect(wallYear(Date.parse('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(wallYear(Date.parse('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});
