// Small, allocation-free readers for untrusted values from the wire (hot path: no regex).
import type { EventAction } from '../../contract/index.js';

/** Wire strings (signatures, reasons, ...) are cut to this many UTF-16 units. */
export const MAX_TEXT = 512;
const MAX_IP = 64;
const MAX_PROTO = 16;

/** Marker for "present but invalid" (the caller rejects with bad_field:<name>). */
export const INVALID = false;

/**
 * Cuts `s` to `max` units without leaving half a surrogate pair. Plain text is kept as is.
 * A cut text is a copy: V8's `slice` makes a view that keeps the whole original alive (a
 * 512-character signature kept in a cache or a top list would pin 63 KB of payload).
 */
export function truncateText(s: string, max: number = MAX_TEXT): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  // UTF-16LE round trip: a flat string of its own, code unit for code unit (lone surrogates too).
  return Buffer.from(s.slice(0, end), 'utf16le').toString('utf16le');
}

/** Optional text: string → truncated; anything else → null. */
export function optText(x: unknown, max: number = MAX_TEXT): string | null {
  return typeof x === 'string' && x.length > 0 ? truncateText(x, max) : null;
}

/** IPv4/IPv6 literal characters only ([0-9A-Fa-f:.]), at most 64. Absent → null, bad → INVALID. */
export function optIp(x: unknown): string | null | false {
  if (x === undefined || x === null) return null;
  if (typeof x !== 'string') return INVALID;
  const n = x.length;
  if (n === 0 || n > MAX_IP) return INVALID;
  for (let i = 0; i < n; i++) {
    const c = x.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 58) || // 0-9 :
      c === 46 || // .
      (c >= 65 && c <= 70) || // A-F
      (c >= 97 && c <= 102); // a-f
    if (!ok) return INVALID;
  }
  return x;
}

/** Port 0-65535. Absent → null, bad → INVALID. */
export function optPort(x: unknown): number | null | false {
  if (x === undefined || x === null) return null;
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 65535 ? x : INVALID;
}

/** Protocol name, upper-cased ("TCP"); a protocol number becomes its decimal text. */
export function optProto(x: unknown): string | null {
  if (typeof x === 'string') {
    if (x.length === 0) return null;
    const s = x.length > MAX_PROTO ? x.slice(0, MAX_PROTO) : x;
    return s.toUpperCase();
  }
  if (typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 255) return String(x);
  return null;
}

/** Non-negative integer id (signature id). Anything else → null. */
export function optUint(x: unknown): number | null {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : null;
}

const BLOCKED = new Set(['blocked', 'block', 'drop', 'dropped', 'deny', 'denied', 'reject', 'rejected', 'prevented', 'quarantined']);
const ALLOWED = new Set(['allowed', 'allow', 'accept', 'accepted', 'pass', 'passed', 'permitted']);

/** Free-text action (ECS `event.action`) → blocked / allowed / unknown. */
export function actionFromText(x: unknown): EventAction {
  if (typeof x !== 'string' || x.length > 32) return 'unknown';
  if (BLOCKED.has(x)) return 'blocked';
  if (ALLOWED.has(x)) return 'allowed';
  const lower = x.toLowerCase();
  return BLOCKED.has(lower) ? 'blocked' : ALLOWED.has(lower) ? 'allowed' : 'unknown';
}
