// The optional syslog header at the start of a text line, and the small char-code readers the
// line formats (CEF, FortiGate key=value, filterlog) share. Hot path: index arithmetic, no regex.
//
// Forms read:
//   RFC 5424  `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG` (SD `-` or `[id k="v"…]…`,
//             `\]` `\"` `\\` escaped inside values; an optional UTF-8 BOM before MSG)
//   RFC 3164  `<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG`, also without PRI, with a space after
//             PRI (`<111> Aug 17 …`, FortiGate), without HOSTNAME (pfSense to a remote host), with
//             a 4-digit year before or after the time, without TAG (`host CEF:0|…`), and with an
//             ISO 8601 timestamp instead (rsyslog's file formats).
//   `<PRI>` alone before the message (FortiGate's `<189>date=… time=…`), and `TAG[pid]: MSG`
//   alone (a bridge that strips the timestamp but keeps `filterlog[123]:`).
// Time: only a timestamp with a zone gives one (5424 and ISO with an offset or Z). A 3164 time
// has neither zone nor (mostly) year: null, and the caller uses its reference time.
import { parseIsoTime } from '../time.js';
import { MAX_TEXT, truncateText } from '../wire.js';

export interface SyslogHeader {
  /** Epoch ms of the header's timestamp when it has a zone, else null. */
  time: number | null;
  /** HOSTNAME (null when absent or `-`); the wall never uses it for identity (the topic does). */
  host: string | null;
  /** APP-NAME (5424) or TAG without `[pid]` (3164); null when absent. */
  app: string | null;
  /** Index in the line where the message begins (after the header, `: ` and a BOM). */
  bodyStart: number;
}

/** A line that is committed to a header form (`<PRI>1 …`) but breaks it: the caller rejects `bad_field:<field>`. */
export interface SyslogHeaderFault {
  field: string;
  detail: string;
}

export type SyslogHeaderResult = SyslogHeader | SyslogHeaderFault | 'none';

export function isHeaderFault(h: SyslogHeaderResult): h is SyslogHeaderFault {
  return typeof h === 'object' && 'field' in h;
}

// RFC 5424 §6: field bounds.
const MAX_HOST = 255;
const MAX_APP = 48;
const MAX_PROCID = 128;
const MAX_MSGID = 32;
/** A 3164 TAG is at most 32 characters by the RFC; real ones run longer (`%ASA-6-302013`, paths). */
const MAX_TAG = 64;

const SP = 32;
const BOM = 0xfeff;

/** Value of `n` decimal digits at `at`, or -1 (also past the end). */
export function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1; // NaN past the end fails too
    v = v * 10 + d;
  }
  return v;
}

/** True when [start, end) is 1 or more decimal digits. */
export function allDigits(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Decimal digits [start, end) as a safe integer (at most 15 digits), else -1. */
export function uintAt(s: string, start: number, end: number): number {
  if (end - start > 15 || !allDigits(s, start, end)) return -1;
  return digitsAt(s, start, end - start);
}

// Jan … Dec as three lower-cased letters packed into one number (no string per lookup).
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
  (m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2),
);

/** Month 0–11 of a three-letter English abbreviation at `at` (any case), else -1. */
export function monthAt(s: string, at: number): number {
  const key = ((s.charCodeAt(at) | 0x20) << 16) | ((s.charCodeAt(at + 1) | 0x20) << 8) | (s.charCodeAt(at + 2) | 0x20);
  return MONTHS.indexOf(key);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of a UTC calendar time, or NaN when a field is out of range (Feb 29 of a common year too). */
export function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  if (year < 1970 || year > 9999 || month < 0 || month > 11 || day < 1 || day > (DAYS_IN_MONTH[month] as number)) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return NaN;
  if (month === 1 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  return Date.UTC(year, month, day, hour, minute, second, ms);
}

/** Index of the next space at or after `from`, or `end`. */
export function nextSpace(s: string, from: number, end: number): number {
  const i = s.indexOf(' ', from);
  return i < 0 || i > end ? end : i;
}

/**
 * `Mmm dd hh:mm:ss` (3164, day space-padded or not, optional `.fraction`, optional 4-digit
 * year before or after the time) at `at`: the index just past it, or -1.
 */
function bsdTimestampEnd(s: string, at: number, n: number): number {
  if (monthAt(s, at) < 0 || s.charCodeAt(at + 3) !== SP) return -1;
  let i = at + 4;
  if (s.charCodeAt(i) === SP) i++; // `Feb  5`
  const d1 = s.charCodeAt(i) - 48;
  if (!(d1 >= 0 && d1 <= 9)) return -1;
  i++;
  const d2 = s.charCodeAt(i) - 48;
  if (d2 >= 0 && d2 <= 9) i++;
  if (s.charCodeAt(i) !== SP) return -1;
  i++;
  // `Mar 01 2016 15:13:24` (Cisco): the year before the time
  if (digitsAt(s, i, 4) >= 0 && s.charCodeAt(i + 4) === SP) i += 5;
  if (digitsAt(s, i, 2) < 0 || s.charCodeAt(i + 2) !== 58 || digitsAt(s, i + 3, 2) < 0 || s.charCodeAt(i + 5) !== 58 || digitsAt(s, i + 6, 2) < 0) return -1;
  i += 8;
  if (s.charCodeAt(i) === 46) {
    // `.123` (rsyslog high-precision BSD form)
    const f = i + 1;
    i = f;
    while (i < n && i - f < 9 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === f) return -1;
  }
  // `Oct 11 22:14:15 2003 host …`: the year after the time
  if (s.charCodeAt(i) === SP && digitsAt(s, i + 1, 4) >= 0 && (i + 5 === n || s.charCodeAt(i + 5) === SP)) i += 5;
  return i === n || s.charCodeAt(i) === SP ? i : -1;
}

/** True when an ISO 8601 timestamp token [start, end) names its zone (Z or ±offset after the time). */
function hasZone(s: string, start: number, end: number): boolean {
  const last = s.charCodeAt(end - 1);
  if (last === 90 || last === 122) return true; // Z z
  for (let i = start + 19; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 43 || c === 45) return true; // + -
  }
  return false;
}

/** An ISO timestamp token [start, end): epoch ms when it has a zone, null without one, NaN when invalid. */
function isoTokenTime(s: string, start: number, end: number): number | null {
  if (end - start < 19 || end - start > 40) return NaN;
  const t = parseIsoTime(s.slice(start, end));
  if (Number.isNaN(t)) return NaN;
  return hasZone(s, start, end) ? t : null;
}

/** True when a token [start, end) can only be message text, never a hostname or a tag. */
function isBodyToken(s: string, start: number, end: number): boolean {
  if (s.startsWith('CEF:', start)) return true;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 || c === 124 || c === 34 || c === 44) return true; // = | " ,
  }
  return false;
}

/**
 * A 3164 TAG token [start, end): `name:` or `name[pid]:`. Returns the end of the name, or -1
 * when the token is not a tag.
 */
function tagNameEnd(s: string, start: number, end: number): number {
  if (end - start < 2 || s.charCodeAt(end - 1) !== 58) return -1; // ends with ':'
  let nameEnd = end - 1;
  if (s.charCodeAt(nameEnd - 1) === 93) {
    // `name[pid]`
    const open = s.lastIndexOf('[', nameEnd - 1);
    if (open < start + 1) return -1;
    nameEnd = open;
  }
  if (nameEnd - start > MAX_TAG || nameEnd === start) return -1;
  for (let i = start; i < nameEnd; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 || c === 124 || c === 58 || c === 91) return -1; // = | : [
  }
  return nameEnd;
}

/** The message start after `tag:`: one space and a BOM skipped. */
function messageStart(s: string, at: number, n: number): number {
  let i = at;
  if (i < n && s.charCodeAt(i) === SP) i++;
  if (i < n && s.charCodeAt(i) === BOM) i++;
  return i;
}

/** HOSTNAME? TAG? after a BSD or ISO timestamp that ends at `at` (a space or the end). */
function bsdRest(s: string, at: number, n: number, time: number | null): SyslogHeader {
  let i = at;
  while (i < n && s.charCodeAt(i) === SP) i++;
  if (i >= n) return { time, host: null, app: null, bodyStart: n };
  const aEnd = nextSpace(s, i, n);
  // a tag right after the time: no HOSTNAME (pfSense sending to a remote log host)
  if (!s.startsWith('CEF:', i)) {
    const tagEnd = tagNameEnd(s, i, aEnd);
    if (tagEnd > 0) return { time, host: null, app: s.slice(i, tagEnd), bodyStart: messageStart(s, aEnd, n) };
  }
  if (isBodyToken(s, i, aEnd) || aEnd - i > MAX_HOST) return { time, host: null, app: null, bodyStart: i };
  const host = aEnd - i === 1 && s.charCodeAt(i) === 45 ? null : s.slice(i, aEnd); // `-`: ESET's empty hostname
  let j = aEnd;
  if (j < n) j++;
  while (j < n && s.charCodeAt(j) === SP) j++;
  if (j >= n) return { time, host, app: null, bodyStart: n };
  const bEnd = nextSpace(s, j, n);
  if (!s.startsWith('CEF:', j)) {
    const tagEnd = tagNameEnd(s, j, bEnd);
    if (tagEnd > 0) return { time, host, app: s.slice(j, tagEnd), bodyStart: messageStart(s, bEnd, n) };
  }
  return { time, host, app: null, bodyStart: s.charCodeAt(j) === BOM ? j + 1 : j };
}

/** One 5424 header field [start, end): `-` → null, else the text when it fits `max` printable ASCII characters, else a fault. */
function field5424(s: string, start: number, end: number, max: number, name: string): string | null | SyslogHeaderFault {
  if (end === start) return { field: `syslog.${name}`, detail: `empty ${name} (RFC 5424: use "-")` };
  if (end - start === 1 && s.charCodeAt(start) === 45) return null;
  if (end - start > max) return { field: `syslog.${name}`, detail: `longer than ${max} characters` };
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 33 || c > 126) return { field: `syslog.${name}`, detail: 'not printable ASCII' };
  }
  return s.slice(start, end);
}

/**
 * End of the structured data starting at `at` (`-`, or one or more `[SD-ID PARAM="value"…]`,
 * a value escaping `"`, `\` and `]` with a backslash), or a fault.
 */
function sdEnd(s: string, at: number, n: number): number | SyslogHeaderFault {
  const c0 = s.charCodeAt(at);
  if (c0 === 45) return at + 1; // -
  if (c0 !== 91) return { field: 'syslog.structured_data', detail: 'expected "-" or "[id …]"' };
  let i = at;
  while (i < n && s.charCodeAt(i) === 91) {
    i++;
    let quoted = false;
    for (;;) {
      if (i >= n) return { field: 'syslog.structured_data', detail: 'unterminated [element]' };
      const c = s.charCodeAt(i);
      if (quoted) {
        if (c === 92) i++; // \" \\ \] (and any other escape: skip the next character)
        else if (c === 34) quoted = false;
      } else if (c === 34) quoted = true;
      else if (c === 93) break;
      i++;
    }
    i++; // past ']'
  }
  return i;
}

/** RFC 5424 after `<PRI>1 ` (at `at`). */
function parse5424(s: string, at: number, n: number): SyslogHeader | SyslogHeaderFault {
  // TIMESTAMP
  const tsEnd = nextSpace(s, at, n);
  let time: number | null = null;
  if (!(tsEnd - at === 1 && s.charCodeAt(at) === 45)) {
    const t = isoTokenTime(s, at, tsEnd);
    if (t !== null && Number.isNaN(t)) return { field: 'syslog.timestamp', detail: 'not an RFC 3339 timestamp' };
    time = t; // RFC 5424 requires an offset; without one the zone is unknown (null)
  }
  if (tsEnd >= n) return { field: 'syslog.hostname', detail: 'line ends after the timestamp' };
  // HOSTNAME
  const hStart = tsEnd + 1;
  const hEnd = nextSpace(s, hStart, n);
  const host = field5424(s, hStart, hEnd, MAX_HOST, 'hostname');
  if (host !== null && typeof host === 'object') return host;
  if (hEnd >= n) return { field: 'syslog.app_name', detail: 'line ends after the hostname' };
  // APP-NAME: a sender that writes `<PRI>1 TIMESTAMP HOST CEF:0|…` (or key=value) puts the
  // message here; take it as the message rather than reject a real event.
  const aStart = hEnd + 1;
  const aEnd = nextSpace(s, aStart, n);
  if (isBodyToken(s, aStart, aEnd)) return { time, host, app: null, bodyStart: aStart };
  const app = field5424(s, aStart, aEnd, MAX_APP, 'app_name');
  if (app !== null && typeof app === 'object') return app;
  if (aEnd >= n) return { field: 'syslog.procid', detail: 'line ends after the app name' };
  // PROCID, MSGID
  const pStart = aEnd + 1;
  const pEnd = nextSpace(s, pStart, n);
  const procid = field5424(s, pStart, pEnd, MAX_PROCID, 'procid');
  if (procid !== null && typeof procid === 'object') return procid;
  if (pEnd >= n) return { field: 'syslog.msgid', detail: 'line ends after the procid' };
  const mStart = pEnd + 1;
  const mEnd = nextSpace(s, mStart, n);
  const msgid = field5424(s, mStart, mEnd, MAX_MSGID, 'msgid');
  if (msgid !== null && typeof msgid === 'object') return msgid;
  if (mEnd >= n) return { field: 'syslog.structured_data', detail: 'line ends after the msgid' };
  // STRUCTURED-DATA, then SP MSG (optional, may begin with a BOM)
  const sd = sdEnd(s, mEnd + 1, n);
  if (typeof sd === 'object') return sd;
  if (sd < n && s.charCodeAt(sd) !== SP) return { field: 'syslog.structured_data', detail: 'expected a space after the structured data' };
  let body = sd < n ? sd + 1 : n;
  if (body < n && s.charCodeAt(body) === BOM) body++;
  return { time, host, app, bodyStart: body };
}

/**
 * The syslog header at the start of `line`, 'none' when it has none (the whole line is the
 * message), or a fault when it begins a 5424 header (`<PRI>1 `) or a PRI and breaks it.
 */
export function parseSyslogHeader(line: string): SyslogHeaderResult {
  const n = line.length;
  let p = 0;
  if (line.charCodeAt(0) === 60) {
    // <PRI>: 1-3 digits, 0-191
    let i = 1;
    let pri = 0;
    while (i < n && i <= 4) {
      const d = line.charCodeAt(i) - 48;
      if (!(d >= 0 && d <= 9)) break;
      pri = pri * 10 + d;
      i++;
    }
    if (i === 1 || line.charCodeAt(i) !== 62) return 'none'; // not `<digits>`: no header
    if (i > 4 || pri > 191) return { field: 'syslog.pri', detail: 'PRI must be 0-191' };
    p = i + 1;
    if (line.charCodeAt(p) === 49 && line.charCodeAt(p + 1) === SP) return parse5424(line, p + 2, n);
    if (line.charCodeAt(p) === SP) p++; // `<111> Aug 17 00:00:00 …`
  }
  const bsdEnd = bsdTimestampEnd(line, p, n);
  if (bsdEnd > 0) return bsdRest(line, bsdEnd, n, null);
  if (digitsAt(line, p, 4) >= 0 && line.charCodeAt(p + 4) === 45) {
    const tsEnd = nextSpace(line, p, n);
    const t = isoTokenTime(line, p, tsEnd);
    if (t === null || !Number.isNaN(t)) return bsdRest(line, tsEnd, n, t);
  }
  if (p > 0) return { time: null, host: null, app: null, bodyStart: p };
  // `filterlog[123]: …` alone: a bridge that strips the timestamp keeps the tag
  const aEnd = nextSpace(line, 0, n);
  const tagEnd = line.startsWith('CEF:') ? -1 : tagNameEnd(line, 0, aEnd);
  return tagEnd > 0 ? { time: null, host: null, app: line.slice(0, tagEnd), bodyStart: messageStart(line, aEnd, n) } : 'none';
}

// ---- shared by the line formats ----

/**
 * Known keys of a key=value format → small ids, matched on the line itself (no key string per
 * pair): names grouped by length, compared with startsWith.
 */
export class KeyTable {
  private readonly byLength: (readonly (readonly [string, number])[] | undefined)[] = [];

  constructor(entries: Readonly<Record<string, number>>) {
    const groups: [string, number][][] = [];
    for (const [name, id] of Object.entries(entries)) (groups[name.length] ??= []).push([name, id]);
    for (let i = 0; i < groups.length; i++) this.byLength[i] = groups[i];
  }

  /** The id of the key [start, end), or -1. */
  find(s: string, start: number, end: number): number {
    const list = this.byLength[end - start];
    if (list === undefined) return -1;
    for (const [name, id] of list) if (s.startsWith(name, start)) return id;
    return -1;
  }
}

const PROTO_NAMES = new Map<number, string>([
  [1, 'ICMP'],
  [6, 'TCP'],
  [17, 'UDP'],
  [47, 'GRE'],
  [50, 'ESP'],
  [58, 'IPV6-ICMP'],
  [132, 'SCTP'],
]);

/** An IANA protocol number as the wall shows protocols (Suricata's names, upper-cased), else its decimal text. */
export function protoFromNumber(n: number): string {
  return PROTO_NAMES.get(n) ?? String(n);
}

/** A protocol field [start, end): a number 0-255 → its name; a name → upper-cased, at most 16 characters; empty → null. */
export function protoAt(s: string, start: number, end: number): string | null {
  if (end <= start) return null;
  const n = uintAt(s, start, end);
  if (n >= 0 && n <= 255) return protoFromNumber(n);
  return s.slice(start, Math.min(end, start + 16)).toUpperCase();
}

/** Which escapes a format defines: CEF header fields, CEF extension values, "quoted" key=value values. */
export type Escapes = 'cef-header' | 'cef-extension' | 'quoted';

/**
 * The text [start, end) with its format's backslash escapes resolved: `\\` everywhere; `\|` in a
 * CEF header field; `\=`, `\n` and `\r` (line breaks) in a CEF extension value; `\"` in a quoted
 * value. Any other backslash stays as written (a Windows path, CEF's unescaped-but-allowed `\|`
 * in the extension). Called only for a value the scan saw a backslash in.
 */
export function unescapeRange(s: string, start: number, end: number, escapes: Escapes): string {
  let out = '';
  let from = start;
  for (let i = start; i < end - 1; i++) {
    if (s.charCodeAt(i) !== 92) continue;
    const c = s.charCodeAt(i + 1);
    let rep: string | null = null;
    if (c === 92) rep = '\\';
    else if (escapes === 'cef-header') rep = c === 124 ? '|' : null;
    else if (escapes === 'quoted') rep = c === 34 ? '"' : null;
    else rep = c === 61 ? '=' : c === 110 ? '\n' : c === 114 ? '\r' : null;
    if (rep === null) continue;
    out += s.slice(from, i) + rep;
    i++;
    from = i + 1;
  }
  return out + s.slice(from, end);
}

/**
 * Where each known key's value lies in the line being decoded (CEF's extension, FortiGate's
 * key=value pairs), with whether it holds escapes: typed arrays reused line after line
 * (decoding is synchronous, one line at a time), so a line allocates nothing to be scanned.
 */
export class KnownValues {
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly esc: Uint8Array;

  constructor(
    keys: number,
    /** How the format escapes a value (resolved only when the value is read). */
    private readonly escapes: Escapes,
  ) {
    this.start = new Int32Array(keys);
    this.end = new Int32Array(keys);
    this.esc = new Uint8Array(keys);
  }

  /** Forgets the previous line's values. */
  clear(): void {
    this.start.fill(-1);
  }

  has(k: number): boolean {
    return this.start[k]! >= 0 && this.end[k]! > this.start[k]!;
  }

  /** A value as text (escapes resolved, cut to `max`); null when absent or empty. */
  text(s: string, k: number, max: number = MAX_TEXT): string | null {
    if (!this.has(k)) return null;
    const a = this.start[k]!;
    const b = this.end[k]!;
    const raw = this.esc[k] === 1 ? unescapeRange(s, a, b, this.escapes) : s.slice(a, Math.min(b, a + max + 1));
    return raw.length > max ? truncateText(raw, max) : raw;
  }

  /** A value's range, or [-1, -1] when absent. */
  range(k: number): [number, number] {
    return this.has(k) ? [this.start[k]!, this.end[k]!] : [-1, -1];
  }
}
