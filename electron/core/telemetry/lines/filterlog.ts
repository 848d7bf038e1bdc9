// pfSense / OPNsense `filterlog`: one comma-separated record per packet the firewall logged
// (pfSense's "Raw Filter Log Format"; OPNsense's filterlog writes the same fields):
//   0 rule number, 1 sub rule, 2 anchor, 3 tracker, 4 real interface, 5 reason, 6 action
//   (pass/block/reject), 7 direction (in/out), 8 IP version (4/6), then
//   IPv4: 9 tos, 10 ecn, 11 ttl, 12 id, 13 offset, 14 flags, 15 protocol id, 16 protocol text,
//         17 length, 18 source, 19 destination, [tcp/udp: 20 source port, 21 destination port, 22 data length, tcp: 23 flags …]
//   IPv6: 9 class, 10 flow label, 11 hop limit, 12 protocol text, 13 protocol id, 14 length,
//         15 source, 16 destination, [tcp/udp: 17 source port, 18 destination port, 19 data length …]
// → a firewall event: blocked (block, reject) or allowed (pass), direction in/out, category
// forFirewall, severity firewallSeverity, signature `pfSense rule <tracker> block in on <iface>`
// (`OPNsense rule …` when the tracker is OPNsense's hex rule label), signatureId = a numeric tracker.
// Time: the header's when it has a zone (RFC 5424), else the reference time (a 3164 header has none).
// A truncated record is rejected naming what it lacks; nothing is read past the fields present.
// pf's non-filter actions (nat, rdr, binat, scrub, match) are ignored as `filterlog:other`.
import type { EventAction, SecurityEvent } from '../../../contract/index.js';
import type { CategoryMapper } from '../category-map.js';
import type { DecodeResult, IgnoredResult } from '../result.js';
import { reject } from '../result.js';
import { INVALID, MAX_TEXT, optIp, truncateText } from '../wire.js';
import { allDigits, protoAt, protoFromNumber, uintAt } from './syslog-header.js';

const IGNORED_FILTERLOG_OTHER: IgnoredResult = Object.freeze({ kind: 'ignored' as const, type: 'filterlog:other' });

/** Fields read at most (the IPv4 TCP form has 29); the rest of a longer record is not looked at. */
const MAX_FIELDS = 32;
// Field boundaries of the record being decoded (decoding is synchronous: one line at a time).
const fStart = new Int32Array(MAX_FIELDS);
const fEnd = new Int32Array(MAX_FIELDS);

const COMMON = 9;
const RULE = 0;
const TRACKER = 3;
const IFACE = 4;
const ACTION = 6;
const DIR = 7;
const VERSION = 8;
const V4 = { protoId: 15, protoText: 16, src: 18, dst: 19, srcPort: 20, dstPort: 21 } as const;
const V6 = { protoId: 13, protoText: 12, src: 15, dst: 16, srcPort: 17, dstPort: 18 } as const;

/** Splits the record at `from` on commas (at most MAX_FIELDS fields); returns how many. */
function split(s: string, from: number): number {
  const n = s.length;
  let count = 0;
  let start = from;
  while (count < MAX_FIELDS) {
    let end = s.indexOf(',', start);
    if (end < 0) end = n;
    fStart[count] = start;
    fEnd[count] = end;
    count++;
    if (end >= n) break;
    start = end + 1;
  }
  return count;
}

function fieldIs(s: string, k: number, word: string): boolean {
  return fEnd[k]! - fStart[k]! === word.length && s.startsWith(word, fStart[k]!);
}

function fieldText(s: string, k: number, max: number): string {
  const a = fStart[k]!;
  return s.slice(a, Math.min(fEnd[k]!, a + max));
}

function actionOf(s: string): EventAction | 'other' | null {
  if (fieldIs(s, ACTION, 'block') || fieldIs(s, ACTION, 'reject')) return 'blocked';
  if (fieldIs(s, ACTION, 'pass')) return 'allowed';
  if (fieldIs(s, ACTION, 'nat') || fieldIs(s, ACTION, 'rdr') || fieldIs(s, ACTION, 'binat') || fieldIs(s, ACTION, 'scrub') || fieldIs(s, ACTION, 'match')) return 'other';
  return null;
}

/**
 * True when the body at `from` has filterlog's shape (for a line without a header app name): a
 * rule number, then pass/block/reject, in/out and 4/6 at their places.
 */
export function looksLikeFilterlog(s: string, from: number): boolean {
  const c = s.charCodeAt(from);
  if (!(c >= 48 && c <= 57)) return false; // cheap exit for everything that is not a rule number
  const count = split(s, from);
  if (count < COMMON || !allDigits(s, fStart[RULE]!, fEnd[RULE]!)) return false;
  const a = actionOf(s);
  return (a === 'blocked' || a === 'allowed') && (fieldIs(s, DIR, 'in') || fieldIs(s, DIR, 'out')) && (fieldIs(s, VERSION, '4') || fieldIs(s, VERSION, '6'));
}

/** Decodes a filterlog record at `from`. `time`: the header's (with a zone), else the reference time. */
export function decodeFilterlog(s: string, from: number, siteId: string, sensorId: string, mapper: CategoryMapper, time: number): DecodeResult {
  const count = split(s, from);
  if (count < COMMON) {
    return reject('bad_field:filterlog', `truncated: ${count} of the ${COMMON} common fields (rule, sub rule, anchor, tracker, interface, reason, action, direction, IP version)`);
  }
  const action = actionOf(s);
  if (action === null) return reject('bad_field:filterlog.action', `expected pass, block or reject, got "${fieldText(s, ACTION, 16)}"`);
  if (action === 'other') return IGNORED_FILTERLOG_OTHER;
  const direction = fieldIs(s, DIR, 'in') ? 'in' : fieldIs(s, DIR, 'out') ? 'out' : null;
  if (direction === null) return reject('bad_field:filterlog.direction', `expected in or out, got "${fieldText(s, DIR, 16)}"`);
  const v6 = fieldIs(s, VERSION, '6');
  if (!v6 && !fieldIs(s, VERSION, '4')) return reject('bad_field:filterlog.version', `expected 4 or 6, got "${fieldText(s, VERSION, 16)}"`);
  const L = v6 ? V6 : V4;
  if (count <= L.dst) return reject('bad_field:filterlog', `truncated IPv${v6 ? 6 : 4} record: ${count} fields, the addresses need ${L.dst + 1}`);

  const protoId = uintAt(s, fStart[L.protoId]!, fEnd[L.protoId]!);
  const proto = protoId >= 0 && protoId <= 255 ? protoFromNumber(protoId) : protoAt(s, fStart[L.protoText]!, fEnd[L.protoText]!);
  const srcIp = optIp(fieldText(s, L.src, 65));
  if (srcIp === INVALID || srcIp === null) return reject('bad_field:filterlog.src', 'not an IP address');
  const destIp = optIp(fieldText(s, L.dst, 65));
  if (destIp === INVALID || destIp === null) return reject('bad_field:filterlog.dst', 'not an IP address');

  let srcPort: number | null = null;
  let destPort: number | null = null;
  if (protoId === 6 || protoId === 17) {
    if (count <= L.dstPort) return reject('bad_field:filterlog', `truncated ${protoId === 6 ? 'TCP' : 'UDP'} record: ${count} fields, the ports need ${L.dstPort + 1}`);
    srcPort = uintAt(s, fStart[L.srcPort]!, fEnd[L.srcPort]!);
    if (srcPort < 0 || srcPort > 65535) return reject('bad_field:filterlog.srcport', 'not a port number');
    destPort = uintAt(s, fStart[L.dstPort]!, fEnd[L.dstPort]!);
    if (destPort < 0 || destPort > 65535) return reject('bad_field:filterlog.dstport', 'not a port number');
  }

  // pfSense trackers are numbers; OPNsense labels its rules with an md5 (32 hex digits)
  const hasTracker = fEnd[TRACKER]! > fStart[TRACKER]!;
  const idField = hasTracker ? TRACKER : RULE;
  const trackerId = uintAt(s, fStart[idField]!, fEnd[idField]!);
  const vendor = trackerId >= 0 || !hasTracker ? 'pfSense' : 'OPNsense';
  const signature = `${vendor} rule ${fieldText(s, idField, 40)} ${fieldText(s, ACTION, 8)} ${direction} on ${fieldText(s, IFACE, 32)}`;
  const category = mapper.forFirewall(action, direction);
  const event: SecurityEvent = {
    time,
    siteId,
    sensorId,
    category,
    severity: mapper.applyMinimum(category, mapper.firewallSeverity),
    action,
    srcIp,
    srcPort,
    destIp,
    destPort,
    proto,
    signature: signature.length > MAX_TEXT ? truncateText(signature) : signature,
    signatureId: hasTracker && trackerId >= 0 ? trackerId : null,
    count: 1,
  };
  return { kind: 'event', event, dedupKey: null };
}
