// ArcSight CEF after an optional syslog header (FortiGate, Kaspersky Security Center, ESET PROTECT):
//   CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension
// Header fields escape `\|` and `\\`. The extension is `key=value` pairs; a value may hold spaces,
// escapes `\=`, `\\`, `\n`, `\r`, and ends where the next ` key=` begins (keys [A-Za-z0-9_.[\]-]+).
// Read: severity (0-10 or Unknown/Low/Medium/High/Very-High) → severityForCef; src/dst (c6a2/c6a3
// for IPv6), spt/dpt, proto; act → actionFromText; cat, class id and name → forCef; rt, else end
// (epoch ms, `MMM dd yyyy HH:mm:ss[.SSS][ zone]` with a zone-less time read as UTC, ISO 8601, or
// without the year: the reference time's year, the year before when that is over a day ahead),
// else the header's time, else the reference time (dtz, a zone name, is not read); cnt → count;
// externalId or eventId → dedup key. ArcSight's full names (sourceAddress, destinationPort,
// deviceAction, …) are read as their short keys.
// FortiGate's CEF (vendor Fortinet) differs: its Name is a formula (`utm:ips signature dropped`),
// the attack is FTNTFGTattack, externalId is the session id (shared by every log of a session, so
// never a dedup key: FortiGate's own key from FTNTFGTlogid/FTNTFGTeventtime/deviceExternalId is
// used), FTNTFGTeventtime gives the time, and `cat=event:…` (system logs) is ignored as in key=value.
import type { EventAction, SecurityEvent } from '../../../contract/index.js';
import type { CategoryMapper } from '../category-map.js';
import type { DecodeResult, RejectedResult } from '../result.js';
import { reject } from '../result.js';
import { parseIsoTime } from '../time.js';
import { INVALID, MAX_TEXT, actionFromText, optIp, truncateText } from '../wire.js';
import { IGNORED_FORTIGATE_EVENT, epochDigitsToMs, fortigateAction, fortigateDedupKey } from './fortigate.js';
import { KeyTable, KnownValues, allDigits, digitsAt, monthAt, protoAt, uintAt, unescapeRange, utcTime } from './syslog-header.js';

/** Extension pairs read at most; a line with more is rejected (real CEF carries 10-80). */
const MAX_CEF_PAIRS = 128;

const F = {
  src: 0,
  dst: 1,
  src6: 2,
  dst6: 3,
  spt: 4,
  dpt: 5,
  proto: 6,
  act: 7,
  cat: 8,
  rt: 9,
  end: 10,
  externalId: 11,
  eventId: 12,
  cnt: 13,
  fgtAttack: 14,
  fgtVirus: 15,
  fgtAttackId: 16,
  fgtEventTime: 17,
  fgtLogId: 18,
  deviceExternalId: 19,
} as const;
type Field = (typeof F)[keyof typeof F];
const NF = 20;

const KEYS = new KeyTable({
  src: F.src,
  sourceAddress: F.src,
  dst: F.dst,
  destinationAddress: F.dst,
  c6a2: F.src6,
  deviceCustomIPv6Address2: F.src6,
  c6a3: F.dst6,
  deviceCustomIPv6Address3: F.dst6,
  spt: F.spt,
  sourcePort: F.spt,
  dpt: F.dpt,
  destinationPort: F.dpt,
  proto: F.proto,
  transportProtocol: F.proto,
  act: F.act,
  deviceAction: F.act,
  cat: F.cat,
  deviceEventCategory: F.cat,
  rt: F.rt,
  deviceReceiptTime: F.rt,
  end: F.end,
  endTime: F.end,
  externalId: F.externalId,
  eventId: F.eventId,
  cnt: F.cnt,
  baseEventCount: F.cnt,
  FTNTFGTattack: F.fgtAttack,
  FTNTFGTvirus: F.fgtVirus,
  FTNTFGTattackid: F.fgtAttackId,
  FTNTFGTeventtime: F.fgtEventTime,
  FTNTFGTlogid: F.fgtLogId,
  deviceExternalId: F.deviceExternalId,
});

// Value ranges of the known keys in the line being decoded.
const values = new KnownValues(NF, 'cef-extension');
// Header field ranges: vendor, product, version, class id, name, severity.
const hStart = new Int32Array(6);
const hEnd = new Int32Array(6);
const hEsc = new Uint8Array(6);
const H_VENDOR = 0;
const H_CLASS = 3;
const H_NAME = 4;
const H_SEVERITY = 5;

const SP = 32;
const PIPE = 124;
const BACKSLASH = 92;
const HEADER_FIELDS = 'vendor|product|version|class id|name|severity';

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 91 || c === 93 || c === 45; // a-z A-Z 0-9 _ . [ ] -
}

/** The seven header fields after `CEF:Version|`; a RejectedResult when the line ends first. Returns the extension start. */
function scanHeader(s: string, from: number): number | RejectedResult {
  const n = s.length;
  let i = from + 4;
  while (i < n && s.charCodeAt(i) === SP) i++; // FortiGate writes `CEF: 0|…`
  const v = i;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === v || i - v > 2 || s.charCodeAt(i) !== PIPE) return reject('bad_field:cef.version', 'expected CEF:<version digits>|');
  i++;
  for (let k = 0; k < 6; k++) {
    hStart[k] = i;
    hEsc[k] = 0;
    for (;;) {
      if (i >= n) return reject('bad_field:cef', `truncated header: ${k} of 7 fields after the version (${HEADER_FIELDS}|extension)`);
      const c = s.charCodeAt(i);
      if (c === BACKSLASH) {
        hEsc[k] = 1;
        i += 2;
        continue;
      }
      if (c === PIPE) break;
      i++;
    }
    hEnd[k] = i;
    i++;
  }
  return i;
}

/** Reads the extension's pairs from `x`, noting the known keys' value ranges (trailing spaces trimmed). */
function scanExtension(s: string, x: number): RejectedResult | null {
  values.clear();
  const n = s.length;
  let i = x;
  let pairs = 0;
  while (i < n && s.charCodeAt(i) === SP) i++;
  while (i < n) {
    const ks = i;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i === ks || s.charCodeAt(i) !== 61) return reject('bad_field:cef.extension', `expected key=value at character ${ks - x} of the extension`);
    const ke = i;
    i++;
    if (++pairs > MAX_CEF_PAIRS) return reject('bad_field:cef.extension', `more than ${MAX_CEF_PAIRS} key=value pairs`);
    const vs = i;
    let esc = 0;
    let ve = n;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH) {
        esc = 1;
        i += 2;
        continue;
      }
      if (c === SP) {
        // a value ends at the space before the next `key=`; other words stay in it
        let j = i + 1;
        while (j < n && isKeyChar(s.charCodeAt(j))) j++;
        if (j > i + 1 && s.charCodeAt(j) === 61) {
          ve = i;
          break;
        }
        i = j; // those key characters are value text: no need to look at them again
        continue;
      }
      i++;
    }
    if (i >= n) ve = n;
    let e = ve;
    while (e > vs && s.charCodeAt(e - 1) === SP) e--;
    const id = KEYS.find(s, ks, ke);
    if (id >= 0) {
      values.start[id] = vs;
      values.end[id] = e;
      values.esc[id] = esc;
    }
    i = ve;
    while (i < n && s.charCodeAt(i) === SP) i++;
  }
  return null;
}



function header(s: string, k: number, max: number = MAX_TEXT): string | null {
  const a = hStart[k]!;
  const b = hEnd[k]!;
  if (b <= a) return null;
  const raw = hEsc[k] === 1 ? unescapeRange(s, a, b, 'cef-header') : s.slice(a, Math.min(b, a + max + 1));
  return raw.length > max ? truncateText(raw, max) : raw;
}

/** [start, end) with surrounding spaces removed. */
function trimmed(s: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && s.charCodeAt(a) === SP) a++;
  while (b > a && s.charCodeAt(b - 1) === SP) b--;
  return [a, b];
}

const DAY_MS = 86_400_000;

/** 2000-01-01: an epoch below it is seconds sent as ms (or garbage), not a time a sensor reports now. */
const MIN_EPOCH_MS = 946_684_800_000;

/**
 * A zone after a CEF date: `UTC`, `GMT`, `UT` or `Z`, each optionally followed by an offset, or an
 * offset alone (`±HH:MM`, `±HHMM`, `±HH`). Minutes east of UTC, or NaN.
 */
function zoneMinutes(s: string, start: number, end: number): number {
  let i = start;
  if (s.startsWith('UTC', i) || s.startsWith('GMT', i)) i += 3;
  else if (s.startsWith('UT', i)) i += 2;
  else if (s.charCodeAt(i) === 90 && end - i === 1) return 0; // Z
  if (i === end) return 0;
  const sign = s.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return NaN;
  const rest = end - i - 1;
  const oh = digitsAt(s, i + 1, 2);
  const om = rest === 2 ? 0 : rest === 4 ? digitsAt(s, i + 3, 2) : rest === 5 && s.charCodeAt(i + 3) === 58 ? digitsAt(s, i + 4, 2) : -1;
  if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
  return (oh * 60 + om) * (sign === 43 ? 1 : -1);
}

/**
 * A CEF time value [start, end): epoch ms, `MMM dd[ yyyy] HH:mm:ss[.SSS][ zone]` (no zone: UTC, as
 * ESET documents for its rt; no year: the reference's year, or the one before when that puts it
 * more than a day after `reference`), or ISO 8601.
 * NaN when it is none of them.
 */
function cefTime(s: string, start: number, end: number, reference: number): number {
  const [a, b] = trimmed(s, start, end);
  if (b - a > 40 || b <= a) return NaN;
  if (allDigits(s, a, b)) {
    if (b - a > 16) return NaN;
    const ms = digitsAt(s, a, b - a);
    return ms >= MIN_EPOCH_MS ? ms : NaN;
  }
  if (digitsAt(s, a, 4) >= 0 && s.charCodeAt(a + 4) === 45) return parseIsoTime(s.slice(a, b));
  const month = monthAt(s, a);
  if (month < 0 || s.charCodeAt(a + 3) !== SP) return NaN;
  let i = a + 4;
  if (s.charCodeAt(i) === SP) i++;
  let day = digitsAt(s, i, 2);
  if (day >= 0) i += 2;
  else {
    day = digitsAt(s, i, 1);
    i += 1;
  }
  if (day < 0 || s.charCodeAt(i) !== SP) return NaN;
  i++;
  let year = -1;
  if (digitsAt(s, i, 4) >= 0 && s.charCodeAt(i + 4) === SP) {
    year = digitsAt(s, i, 4);
    i += 5;
  }
  const hour = digitsAt(s, i, 2);
  const minute = digitsAt(s, i + 3, 2);
  const second = digitsAt(s, i + 6, 2);
  if (hour < 0 || minute < 0 || second < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return NaN;
  i += 8;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const f = ++i;
    while (i < b && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      if (i - f < 3) ms = ms * 10 + (s.charCodeAt(i) - 48);
      i++;
    }
    if (i === f) return NaN;
    if (i - f === 1) ms *= 100;
    else if (i - f === 2) ms *= 10;
  }
  let offset = 0;
  if (i < b) {
    if (s.charCodeAt(i) !== SP) return NaN;
    offset = zoneMinutes(s, i + 1, b);
    if (Number.isNaN(offset)) return NaN;
  }
  const at = (y: number) => utcTime(y, month, day, hour, minute, second, ms) - offset * 60_000;
  if (year >= 0) return at(year);
  // No year (`MMM dd HH:mm:ss`): the reference's year, unless that puts it more than a day
  // ahead (a December line read in January: last year); a line is a report of the past.
  const refYear = new Date(reference).getUTCFullYear();
  const t = at(refYear);
  return Number.isNaN(t) || t > reference + DAY_MS ? at(refYear - 1) : t;
}

const SEVERITY_DETAIL = 'expected 0-10 or Unknown, Low, Medium, High, Very-High';

/**
 * Decodes CEF starting at `from` (the body starts with `CEF:`). `fallbackTime`: the header's
 * time, else `reference` (the time a line without one of its own is given).
 */
export function decodeCef(s: string, from: number, siteId: string, sensorId: string, mapper: CategoryMapper, fallbackTime: number, reference: number): DecodeResult {
  const x = scanHeader(s, from);
  if (typeof x !== 'number') return x;
  const bad = scanExtension(s, x);
  if (bad !== null) return bad;

  const fortinet = hEnd[H_VENDOR]! - hStart[H_VENDOR]! === 8 && s.startsWith('Fortinet', hStart[H_VENDOR]!);
  if (fortinet && (values.has(F.cat) ? s.startsWith('event:', values.start[F.cat]!) : s.startsWith('event:', hStart[H_NAME]!))) return IGNORED_FORTIGATE_EVENT;

  // severity: a number 0-10 or one of CEF's words
  const [sa, sb] = trimmed(s, hStart[H_SEVERITY]!, hEnd[H_SEVERITY]!);
  const sevNumber = sb - sa <= 2 ? uintAt(s, sa, sb) : -1;
  const base = sevNumber >= 0 ? mapper.severityForCef(sevNumber) : sb - sa > 0 && sb - sa <= 20 ? mapper.severityForCef(s.slice(sa, sb)) : null;
  if (base === null) return reject('bad_field:cef.severity', `${SEVERITY_DETAIL}, got "${s.slice(sa, Math.min(sb, sa + 24))}"`);

  // time: rt, end, FortiGate's eventtime, the header's, the reference
  let time = fallbackTime;
  if (values.has(F.rt) || values.has(F.end)) {
    const f: Field = values.has(F.rt) ? F.rt : F.end;
    time = cefTime(s, values.start[f]!, values.end[f]!, reference);
    if (Number.isNaN(time)) return reject(`bad_field:${f === F.rt ? 'rt' : 'end'}`, 'expected epoch ms (after 2000), "MMM dd yyyy HH:mm:ss[.SSS][ zone]" or ISO 8601');
  } else if (fortinet && values.has(F.fgtEventTime)) {
    time = epochDigitsToMs(s, values.start[F.fgtEventTime]!, values.end[F.fgtEventTime]!);
    if (Number.isNaN(time)) return reject('bad_field:FTNTFGTeventtime', 'expected 10, 13, 16 or 19 digits (epoch s, ms, µs or ns)');
  }

  const srcF: Field = values.has(F.src) ? F.src : F.src6;
  const dstF: Field = values.has(F.dst) ? F.dst : F.dst6;
  const srcIp = values.has(srcF) ? optIp(s.slice(values.start[srcF]!, Math.min(values.end[srcF]!, values.start[srcF]! + 65))) : null;
  if (srcIp === INVALID) return reject(`bad_field:${srcF === F.src ? 'src' : 'c6a2'}`, 'not an IP address');
  const destIp = values.has(dstF) ? optIp(s.slice(values.start[dstF]!, Math.min(values.end[dstF]!, values.start[dstF]! + 65))) : null;
  if (destIp === INVALID) return reject(`bad_field:${dstF === F.dst ? 'dst' : 'c6a3'}`, 'not an IP address');
  let srcPort: number | null = null;
  if (values.has(F.spt)) {
    srcPort = uintAt(s, values.start[F.spt]!, values.end[F.spt]!);
    if (srcPort < 0 || srcPort > 65535) return reject('bad_field:spt', 'not a port number');
  }
  let destPort: number | null = null;
  if (values.has(F.dpt)) {
    destPort = uintAt(s, values.start[F.dpt]!, values.end[F.dpt]!);
    if (destPort < 0 || destPort > 65535) return reject('bad_field:dpt', 'not a port number');
  }
  let count = 1;
  if (values.has(F.cnt)) {
    count = uintAt(s, values.start[F.cnt]!, values.end[F.cnt]!);
    if (count < 1 || count > 1_000_000) return reject('bad_field:cnt', 'expected an integer 1-1000000');
  }

  let action: EventAction = 'unknown';
  if (values.has(F.act)) {
    const a = values.start[F.act]!;
    const b = values.end[F.act]!;
    action = b - a <= 32 ? actionFromText(s.slice(a, b)) : 'unknown';
    if (action === 'unknown' && fortinet) action = fortigateAction(s, a, b);
  }

  const name = header(s, H_NAME);
  const classId = header(s, H_CLASS, 200);
  const signature = fortinet ? (values.text(s, F.fgtAttack) ?? values.text(s, F.fgtVirus) ?? name) : name;
  let signatureId = -1;
  if (fortinet && values.has(F.fgtAttackId)) signatureId = uintAt(s, values.start[F.fgtAttackId]!, values.end[F.fgtAttackId]!);
  if (signatureId < 0) signatureId = uintAt(s, hStart[H_CLASS]!, hEnd[H_CLASS]!);
  const category = mapper.forCef(values.text(s, F.cat, 200), classId, signature);

  const event: SecurityEvent = {
    time,
    siteId,
    sensorId,
    category,
    severity: mapper.applyMinimum(category, base),
    action,
    srcIp,
    srcPort,
    destIp,
    destPort,
    proto: values.has(F.proto) ? protoAt(s, values.start[F.proto]!, values.end[F.proto]!) : null,
    signature,
    signatureId: signatureId >= 0 ? signatureId : null,
    count,
  };

  let dedupKey: string | null = null;
  if (fortinet) {
    const [lg, lgEnd] = values.range(F.fgtLogId);
    const [et, etEnd] = values.range(F.fgtEventTime);
    const [dv, dvEnd] = values.range(F.deviceExternalId);
    dedupKey = fortigateDedupKey(siteId, sensorId, s, lg, lgEnd, et, etEnd, dv, dvEnd);
  } else {
    const id = values.text(s, values.has(F.externalId) ? F.externalId : F.eventId, 129);
    if (id !== null && id.length <= 128) dedupKey = `${siteId}/${sensorId}/cef:${id}`;
  }
  return { kind: 'event', event, dedupKey };
}
