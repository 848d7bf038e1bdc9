// Calendar arithmetic in the wall's time zone. Vietnam (Asia/Ho_Chi_Minh) is UTC+7 with no
// daylight saving, so day and year boundaries are a fixed offset: cheap enough per event.
export const WALL_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01 in the wall's zone). */
export function wallDayNumber(timeMs: number): number {
  return Math.floor((timeMs + OFFSET_MS) / DAY_MS);
}

/** The weekday of a day number, Monday 0 to Sunday 6 (day 0, 1970-01-01, was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function wallYear(timeMs: number): number {
  return new Date(timeMs + OFFSET_MS).getUTCFullYear();
}

/** Epoch ms of the start (00:00 in the wall's zone) of a day number. */
export function wallDayStart(dayNumber: number): number {
  return dayNumber * DAY_MS - OFFSET_MS;
}

/** YYYY-MM-DD of a day number. */
export function wallDayKey(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch ms of the start of a year in the wall's zone. */
export function wallYearStart(year: number): number {
  return Date.UTC(year, 0, 1) - OFFSET_MS;
}

/** "YYYY-MM-DD HH:MM" in the wall's zone (reports, logs a person reads). */
export function wallClockText(timeMs: number): string {
  return new Date(timeMs + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
