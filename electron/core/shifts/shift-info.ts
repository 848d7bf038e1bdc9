// The shift on duty as alarms and frames name it: its instance key, name, lead and end.
import type { ShiftRosterDef } from '../../contract/index.js';
import type { ShiftInfo } from '../alarms/alarm-book.js';
import { shiftAt } from './shift-roster.js';

export function shiftInfo(roster: ShiftRosterDef | null, at: number): ShiftInfo | null {
  if (roster === null || !Number.isFinite(at)) return null;
  const s = shiftAt(roster, at);
  return { key: s.key, name: s.name, lead: s.lead, end: s.end };
}
