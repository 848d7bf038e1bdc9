// Timestamp parsing for the hot path, without regex or Date.parse (which is lenient,
// implementation-defined for non-ISO forms, and reads a zone-less time as local time).
//
// Accepted: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM|±HH)`, the form Suricata writes
// (`2017-03-24T22:36:24.497963-0600`) and the ISO 8601 / RFC 3339 forms other sensors use.
// A time without a zone is read as UTC, never as the wall's local time (some Suricata setups
// and log shippers write `2019-01-02T03:50:11.315110` with no offset; such sensors run on UTC).

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1; // also NaN past the end
    v = v * 10 + d;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch milliseconds, or NaN when `s` is not an ISO 8601 date-time (zone-less → UTC). */
export function parseIsoTime(s: string): number {
  const n = s.length;
  if (n < 19 || n > 40) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const t = s.charCodeAt(10);
  if (
    year < 1970 || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number) ||
    hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 ||
    s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 ||
    (t !== 84 && t !== 116 && t !== 32) // T t space
  ) {
    return NaN;
  }
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
    // fraction: keep milliseconds, ignore further digits (Suricata writes microseconds)
    i++;
    const start = i;
    while (i < n) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (i - start < 3) ms = ms * 10 + d;
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 9) return NaN;
    if (len === 1) ms *= 100;
    else if (len === 2) ms *= 10;
  }
  if (i === n) return Date.UTC(year, month - 1, day, hour, minute, second, ms); // no zone: UTC
  const z = s.charCodeAt(i);
  let offsetMin = 0;
  if (z === 90 || z === 122) {
    // Z z
    if (i + 1 !== n) return NaN;
  } else if (z === 43 || z === 45) {
    // + -
    const rest = n - i - 1;
    const oh = digits(s, i + 1, 2);
    let om = 0;
    if (rest === 2) om = 0;
    else if (rest === 4) om = digits(s, i + 3, 2);
    else if (rest === 5 && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2);
    else return NaN;
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offsetMin = (oh * 60 + om) * (z === 43 ? 1 : -1);
  } else {
    return NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
}
