// One 1 Hz wall clock for every panel (setInterval, not requestAnimationFrame:
// a covered window must keep ticking).
import { ref, type Ref } from 'vue';

const now = ref(Date.now());
let timer: ReturnType<typeof setInterval> | null = null;

export function useNow(): Ref<number> {
  if (!timer) timer = setInterval(() => (now.value = Date.now()), 1000);
  return now;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** HH:mm:ss (or with date) in the wall's time zone; formatters cached by key (bounded: few keys). */
export function formatTime(ms: number, timeZone: string, locale: string, withDate = false): string {
  const key = `${timeZone}|${locale}|${withDate}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(withDate ? { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' } : {}),
    });
    formatters.set(key, f);
  }
  return f.format(ms);
}

export function formatDate(ms: number, timeZone: string, locale: string): string {
  const key = `${timeZone}|${locale}|date`;
  let f = formatters.get(key);
  if (!f) {
    // English spells the month ("Tue 1 Dec 2026"): 01/12 reads as January to half the world.
    // Vietnamese keeps its day-first numbers ("Thứ Ba, 01/12/2026"), which no reader mistakes.
    f = locale.startsWith('en')
      ? new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
      : new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' });
    formatters.set(key, f);
  }
  return f.format(ms);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatInt(n: number, locale: string): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    numberFormats.set(locale, f);
  }
  return f.format(Math.round(n));
}

export const DEFAULT_TZ = 'Asia/Ho_Chi_Minh';

/** YYYY-MM-DD of an epoch ms in a time zone (for "is it today?"). */
export function dayKey(ms: number, timeZone: string): string {
  return formatParts(ms, timeZone, 'day');
}

/** HH:mm in the wall's time zone. */
export function formatHourMinute(ms: number, timeZone: string, locale: string): string {
  return formatParts(ms, timeZone, 'hm', locale);
}

function formatParts(ms: number, timeZone: string, kind: 'day' | 'hm', locale = 'en-CA'): string {
  const key = `${timeZone}|${locale}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === 'day'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f.format(ms);
}

/** HH:mm:ss of data, with dd/MM in front when it is not from the same day as `now` (a journal restored after days). */
export function formatDataTime(ms: number, now: number, timeZone: string, locale: string): string {
  const time = formatTime(ms, timeZone, locale);
  if (dayKey(ms, timeZone) === dayKey(now, timeZone)) return time;
  const [, month, day] = dayKey(ms, timeZone).split('-');
  return `${day}/${month} ${time}`;
}
