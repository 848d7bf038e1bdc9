// The shift on duty as alarms and frames name it (instance key, name, lead, end), and the span
// a shift's tally covers.
import type { ShiftRosterDef } from '../../contract/index.js';
import type { ShiftInfo } from '../alarms/alarm-book.js';
import { calendarDayWindow, type ShiftWindow } from '../reports/shift-tally.js';
import { shiftAt } from './shift-roster.js';

export function shiftInfo(roster: ShiftRosterDef | null, at: number): ShiftInfo | null {
  if (roster === null || !Number.isFinite(at)) return null;
  const s = shiftAt(roster, at);
  return { key: s.key, name: s.name, lead: s.lead, end: s.end };
}

/** The span a receive time's shift covers; without a roster, the calendar day. */
export function shiftWindow(roster: ShiftRosterDef | null, at: number): ShiftWindow {
  if (roster === null || !Number.isFinite(at)) return calendarDayWindow(at);
  const s = shiftAt(roster, at);
  return { key: s.key, start: s.start, end: s.end };
}
