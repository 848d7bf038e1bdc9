// Who is on duty: the shift roster (resources/wall/shifts.yaml) resolved to instants.
//
// Shifts repeat every day. A shift instance belongs to the local calendar day on which it
// starts (that day's weekday overrides apply to it) and runs until the next start, so the
// latest shift of a day runs past midnight into the next day's first. Local times are turned
// into instants with Intl, so any IANA zone works, including days when its clocks change.
import type { LocalText, ShiftDef, ShiftRosterDef, Weekday } from '../../contract/index.js';
import { WEEKDAYS } from '../../contract/wall-config-schemas.js';
import { weekdayIndex } from '../aggregate/calendar.js';

export interface ShiftOnDuty {
  /** Stable id of this instance: `${YYYY-MM-DD of its start day in the zone}/${shift id}`, e.g. "2026-12-05/night". */
  key: string;
  shiftId: string;
  name: LocalText;
  lead: string;
  members: string[];
  /** Epoch ms of its start and of the next shift's start (its end). */
  start: number;
  end: number;
  /** Weekday of the start day. */
  weekday: Weekday;
}

export const WALL_TIME_ZONE_DEFAULT = 'Asia/Ho_Chi_Minh';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 100;

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

// ---- the zone's clock ------------------------------------------------------------------------
// "Day numbers" count local calendar days since 1970-01-01 in the zone; a "local ms" is a wall
// clock reading written as if it were UTC (day number × DAY_MS + time of day).

interface ZoneClock {
  format: Intl.DateTimeFormat;
  /** Per day number: the zone's offset when it holds all day (and a day either side), null near a change. */
  dayOffsets: Map<number, number | null>;
}

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept.
const clocks = new Map<string, ZoneClock>();
// The wall asks about a few days around now; the bound only stops a long replay from hoarding.
const DAY_OFFSETS_KEPT = 1024;

function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clock = { format, dayOffsets: new Map() };
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The zone's offset from UTC (ms) at an instant: its local reading minus the instant. */
function offsetAt(clock: ZoneClock, at: number): number {
  // Intl reads to the second; offsets are whole seconds, so compare with the whole second.
  const second = Math.floor(at / 1000) * 1000;
  const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of clock.format.formatToParts(second)) {
    if (part.type in f) f[part.type as keyof typeof f] = Number(part.value);
  }
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - second;
}

function localDayOf(clock: ZoneClock, at: number): number {
  return Math.floor((at + offsetAt(clock, at)) / DAY_MS);
}

/**
 * The offset that holds for every time of a local day, or null when it changes nearby.
 * The instants of a local day lie within a day either side of its UTC reading (offsets are
 * under ±15 h), and no zone changes its clocks twice within three days: one offset at both
 * ends means one offset throughout. Cached, so a day costs two Intl readings once.
 */
function uniformOffset(clock: ZoneClock, day: number): number | null {
  const known = clock.dayOffsets.get(day);
  if (known !== undefined) return known;
  const before = offsetAt(clock, (day - 1) * DAY_MS);
  const after = offsetAt(clock, (day + 2) * DAY_MS);
  const offset = before === after ? before : null;
  if (clock.dayOffsets.size >= DAY_OFFSETS_KEPT) clock.dayOffsets.clear();
  clock.dayOffsets.set(day, offset);
  return offset;
}

/** The instant of a local clock reading on a day when the zone's offset changes. */
function instantNearChange(clock: ZoneClock, local: number): number {
  const earlier = offsetAt(clock, local - DAY_MS);
  const later = offsetAt(clock, local + DAY_MS);
  const readsLocal = (t: number): boolean => t + offsetAt(clock, t) >= local;
  const candidates = [local - earlier, local - later].filter((t) => t + offsetAt(clock, t) === local);
  // Clocks turned back: the reading happens twice; take the first.
  if (candidates.length > 0) return Math.min(...candidates);
  // Clocks jumped forward over the reading: the first instant past it is the jump itself.
  // Search it to the second (changes happen on whole seconds) between the two candidates.
  let lo = Math.min(local - earlier, local - later) / 1000;
  let hi = Math.max(local - earlier, local - later) / 1000;
  if (readsLocal(lo * 1000)) return lo * 1000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (readsLocal(mid * 1000)) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

function instantOf(clock: ZoneClock, day: number, minuteOfDay: number): number {
  const local = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const offset = uniformOffset(clock, day);
  return offset === null ? instantNearChange(clock, local) : local - offset;
}

function weekdayOf(day: number): Weekday {
  const weekday = WEEKDAYS[weekdayIndex(day)];
  if (weekday === undefined) throw new Error(`no weekday for day ${day}`); // unreachable: the index is 0–6
  return weekday;
}

function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// ---- the roster on one day -------------------------------------------------------------------

/** A shift as it is on one weekday, overrides applied. */
interface EffectiveShift {
  def: ShiftDef;
  start: string;
  lead: string;
  members: readonly string[];
}

interface ShiftStart {
  day: number;
  shift: EffectiveShift;
  /** Epoch ms. */
  at: number;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * The shifts of a weekday in start order. A roster with problems (see rosterProblems) still
 * resolves: the first of duplicate ids wins, overrides apply in file order, and equal starts
 * keep file order (the earlier then lasts no time and is never on duty).
 */
function shiftsOn(roster: ShiftRosterDef, weekday: Weekday): EffectiveShift[] {
  const byId = new Map<string, EffectiveShift>();
  for (const def of roster.shifts) {
    if (!byId.has(def.id)) byId.set(def.id, { def, start: def.start, lead: def.lead, members: def.members ?? [] });
  }
  for (const o of roster.weekdays?.[weekday] ?? []) {
    const shift = byId.get(o.shift);
    if (!shift) continue;
    if (o.start !== undefined) shift.start = o.start;
    if (o.lead !== undefined) shift.lead = o.lead;
    if (o.members !== undefined) shift.members = o.members;
  }
  // Array sort is stable: equal starts stay in file order. "HH:MM" strings sort as times do.
  return [...byId.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

function startsOn(roster: ShiftRosterDef, clock: ZoneClock, day: number): ShiftStart[] {
  return shiftsOn(roster, weekdayOf(day)).map((shift) => ({ day, shift, at: instantOf(clock, day, minutesOf(shift.start)) }));
}

function onDuty(start: ShiftStart, end: number): ShiftOnDuty {
  const { def, lead, members } = start.shift;
  return {
    key: `${dayKey(start.day)}/${def.id}`,
    shiftId: def.id,
    name: { ...def.name },
    lead,
    members: [...members],
    start: start.at,
    end,
    weekday: weekdayOf(start.day),
  };
}

function checkInputs(roster: ShiftRosterDef, instants: Record<string, number>): void {
  if (roster.shifts.length === 0) throw new Error('The shift roster has no shifts.');
  for (const [name, value] of Object.entries(instants)) {
    if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite epoch time in ms, not ${value}`);
  }
}

// ---- the API ---------------------------------------------------------------------------------

/** Problems the schema cannot see: duplicate shift ids, two shifts with the same start on one weekday, an override for an unknown shift. Each a readable sentence naming the weekday/shift. Empty when fine. */
export function rosterProblems(roster: ShiftRosterDef): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const s of roster.shifts) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
  for (const [id, n] of counts) if (n > 1) problems.push(`Shift id "${id}" is used by ${n} shifts; each shift needs its own id.`);

  const known = [...counts.keys()].map((id) => `"${id}"`).join(', ');
  for (const weekday of WEEKDAYS) {
    const overridden = new Map<string, number>();
    for (const o of roster.weekdays?.[weekday] ?? []) {
      if (!counts.has(o.shift)) problems.push(`weekdays.${weekday} (${WEEKDAY_NAMES[weekday]}) overrides shift "${o.shift}", which is not in the roster (shifts: ${known}).`);
      else overridden.set(o.shift, (overridden.get(o.shift) ?? 0) + 1);
    }
    for (const [id, n] of overridden) {
      if (n > 1) problems.push(`weekdays.${weekday} (${WEEKDAY_NAMES[weekday]}) overrides shift "${id}" ${n} times; give one entry per shift.`);
    }
  }

  // A clash of the shifts themselves shows on all seven days: say it once, not seven times.
  const clashDays = new Map<string, Weekday[]>();
  for (const weekday of WEEKDAYS) {
    const byStart = new Map<string, string[]>();
    for (const s of shiftsOn(roster, weekday)) byStart.set(s.start, [...(byStart.get(s.start) ?? []), s.def.id]);
    for (const [start, ids] of byStart) {
      if (ids.length < 2) continue;
      const clash = `shifts ${ids.map((id) => `"${id}"`).join(' and ')} both start at ${start}`;
      clashDays.set(clash, [...(clashDays.get(clash) ?? []), weekday]);
    }
  }
  for (const [clash, days] of clashDays) {
    if (days.length === WEEKDAYS.length) problems.push(`Every day, ${clash}; each shift needs its own start time.`);
    else for (const d of days) problems.push(`On ${WEEKDAY_NAMES[d]} (weekdays.${d}), ${clash}; each shift needs its own start time.`);
  }
  return problems;
}

/** The shift on duty at `at`. */
export function shiftAt(roster: ShiftRosterDef, at: number, timeZone: string = WALL_TIME_ZONE_DEFAULT): ShiftOnDuty {
  checkInputs(roster, { at });
  const clock = zoneClock(timeZone);
  const day = localDayOf(clock, at);
  // The shift on duty started today or (past midnight) yesterday; it ends today or tomorrow.
  let firstDay = day - 1;
  let lastDay = day + 1;
  const starts = [...startsOn(roster, clock, firstDay), ...startsOn(roster, clock, day), ...startsOn(roster, clock, lastDay)];
  // Where clocks turn back, an instant's local day can be off by one: widen until `at` is inside.
  for (;;) {
    const first = starts[0];
    if (first !== undefined && first.at > at) {
      starts.unshift(...startsOn(roster, clock, --firstDay));
      continue;
    }
    const duty = dutyAt(starts, at);
    if (duty) return duty;
    starts.push(...startsOn(roster, clock, ++lastDay));
  }
}

/** The last start at or before `at`, ended by the first one after it; null if none is after it. */
function dutyAt(starts: readonly ShiftStart[], at: number): ShiftOnDuty | null {
  let current: ShiftStart | null = null;
  for (const next of starts) {
    if (next.at > at) return current ? onDuty(current, next.at) : null;
    current = next;
  }
  return null;
}

/** The instances that start in (from, to], in order (for writing a hand-over report at each boundary). Bounded: at most `limit` (default 100). */
export function shiftStartsBetween(
  roster: ShiftRosterDef,
  from: number,
  to: number,
  timeZone: string = WALL_TIME_ZONE_DEFAULT,
  limit: number = DEFAULT_LIMIT,
): ShiftOnDuty[] {
  checkInputs(roster, { from, to });
  const found: ShiftOnDuty[] = [];
  const most = Math.floor(limit);
  if (!(to > from) || !(most >= 1)) return found;
  const clock = zoneClock(timeZone);
  let day = localDayOf(clock, from) - 1;
  let starts = startsOn(roster, clock, day);
  for (let first = starts[0]; first !== undefined && first.at > from; first = starts[0]) starts = startsOn(roster, clock, --day);
  // Each start is held until the next one shows its end; one with no length is never on duty.
  let pending: ShiftStart | null = null;
  for (;;) {
    for (const next of starts) {
      if (pending && next.at > pending.at) {
        if (pending.at > to) return found;
        if (pending.at > from) {
          found.push(onDuty(pending, next.at));
          if (found.length >= most) return found;
        }
      }
      pending = next;
    }
    starts = startsOn(roster, clock, ++day);
  }
}

/** The shift before the given one (the one that hands over to it). */
export function previousShift(roster: ShiftRosterDef, shift: ShiftOnDuty, timeZone: string = WALL_TIME_ZONE_DEFAULT): ShiftOnDuty {
  // The one on duty in the last millisecond before this one started.
  return shiftAt(roster, shift.start - 1, timeZone);
}
