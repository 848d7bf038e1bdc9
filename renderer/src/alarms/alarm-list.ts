// What the alarm panels show, from the view the core sent: the shown list in the core's order
// (contract/common/alarm-order.ts, the order `A` and Up/Down follow), shelved ones apart, and
// the text of an age. Pure: unit-tested without Vue.
import type { Alarm } from '../../../electron/contract/index.js';
import { compareAlarms, isUnacknowledged } from '../../../electron/contract/common/alarm-order.js';

/** Shown alarms (not shelved, not grouped away by a flood), in list order. */
export function shownAlarms(alarms: ReadonlyMap<number, Alarm>): Alarm[] {
  return [...alarms.values()].filter((a) => a.shelvedUntil === null && !a.suppressed).sort(compareAlarms);
}

export function shelvedAlarms(alarms: ReadonlyMap<number, Alarm>): Alarm[] {
  return [...alarms.values()].filter((a) => a.shelvedUntil !== null).sort((a, b) => a.shelvedUntil! - b.shelvedUntil!);
}

/**
 * The rows a list of `room` rows shows: the selected alarm is always among them (a shift lead
 * pressing Down past the bottom sees where the selection went), the rest in list order. When
 * not all fit, the last row says "+K more" (`more`); a room of one shows the selected alarm
 * alone, a room of none nothing (the panel's title still counts them).
 */
export function visibleAlarms(list: readonly Alarm[], selected: number | null, room: number): { rows: Alarm[]; hidden: number; more: boolean } {
  if (list.length <= room) return { rows: [...list], hidden: 0, more: false };
  const fit = room <= 1 ? room : room - 1;
  const at = Math.max(0, list.findIndex((a) => a.id === selected));
  const start = Math.max(0, Math.min(at - fit + 1, list.length - fit));
  const rows = list.slice(start, start + fit);
  return { rows, hidden: list.length - rows.length, more: room >= 2 };
}

export { isUnacknowledged };
