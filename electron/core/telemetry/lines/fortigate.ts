// FortiGate key=value syslog (FortiOS' default log format), after an optional syslog header:
//   date=2019-05-10 time=11:37:47 devname="FG100D" devid="FG100D3G16804432" logid="0419016384"
//   type="utm" subtype="ips" level="alert" eventtime=1557513467369913239 tz="-0700" srcip=… action="dropped" attack="…"
// A value is bare (up to the next space) or "quoted" (`\"` and `\\` escaped inside). Detected by
// a `logid=` key with a `type=` or `devid=` key.
//   type=utm (and FortiOS 5.2's type=anomaly) → event: category forFortigate(subtype, name), with
//     the name from attack, virus, app, catdesc or msg; severity from severity=, else crlevel=, else level=.
//   type=traffic → firewall record: action (deny/blocked/dropped → blocked; accept/close/timeout/
//     server-rst/client-rst → allowed), direction (srcintfrole=wan → in, dstintfrole=wan → out, else
//     dir=/direction=), category forFirewall, severity firewallSeverity.
//   type=event (system, VPN, HA, … logs) → ignored `fortigate:event`; any other type → `fortigate:other`.
// Time: eventtime= (s, ms, µs or ns since the epoch, told by its 10, 13, 16 or 19 digits), else
// date= + time= with tz=, else the header's, else the reference time. date= and time= without tz=
// are the device's local time in an unknown zone: not used.
// Dedup key: devid + logid + eventtime, only when eventtime has µs or ns (FortiOS 6.2+): with
// seconds, two logs of one device, one logid and one second (a scan's denied connections) would
// share a key and all but the first would be dropped as duplicates.
import type { EventAction, SecurityEvent, Severity } from '../../../contract/index.js';
import type { CategoryMapper } from '../category-map.js';
import type { DecodeResult, IgnoredResult, RejectedResult } from '../result.js';
import { reject } from '../result.js';
import { INVALID, optIp } from '../wire.js';
import { KeyTable, KnownValues, allDigits, digitsAt, nextSpace, protoAt, uintAt, utcTime } from './syslog-header.js';

export const IGNORED_FORTIGATE_EVENT: IgnoredResult = Object.freeze({ kind: 'ignored' as const, type: 'fortigate:event' });
const IGNORED_FORTIGATE_OTHER: IgnoredResult = Object.freeze({ kind: 'ignored' as const, type: 'fortigate:other' });

/** A FortiGate log has 30-100 pairs; more is not one. */
const MAX_FORTIGATE_PAIRS = 256;

const K = {
  logid: 0,
  type: 1,
  subtype: 2,
  level: 3,
  severity: 4,
  crlevel: 5,
  srcip: 6,
  srcport: 7,
  dstip: 8,
  dstport: 9,
  proto: 10,
  action: 11,
  attack: 12,
  virus: 13,
  attackid: 14,
  virusid: 15,
  eventtime: 16,
  date: 17,
  time: 18,
  tz: 19,
  devid: 20,
  srcintfrole: 21,
  dstintfrole: 22,
  direction: 23,
  dir: 24,
  policyid: 25,
  app: 26,
  catdesc: 27,
  msg: 28,
} as const;
type Key = (typeof K)[keyof typeof K];
const NAMES = Object.keys(K);
const KEYS = new KeyTable(K);
const NK = NAMES.length;

// Value ranges of the known keys in the line being decoded.
const values = new KnownValues(NK, 'quoted');

const SP = 32;
const QUOTE = 34;
const BACKSLASH = 92;

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45; // a-z A-Z 0-9 _ -
}

/** A key `name=` at the body start or after a space, somewhere in [from, end). */
function hasKey(s: string, from: number, end: number, name: string): boolean {
  let i = s.indexOf(name, from);
  while (i >= 0 && i < end) {
    if (i === from || s.charCodeAt(i - 1) === SP) return true;
    i = s.indexOf(name, i + 1);
  }
  return false;
}

/** True when the body at `from` is FortiGate key=value: a `logid=` key and a `type=` or `devid=` key. */
export function isFortigateKv(s: string, from: number): boolean {
  const n = s.length;
  return hasKey(s, from, n, 'logid=') && (hasKey(s, from, n, 'type=') || hasKey(s, from, n, 'devid='));
}

/** Reads every pair, noting the value ranges of the known keys; a RejectedResult when the line breaks the grammar. */
function scan(s: string, from: number): RejectedResult | null {
  values.clear();
  const n = s.length;
  let i = from;
  let pairs = 0;
  while (i < n && s.charCodeAt(i) === SP) i++;
  while (i < n) {
    const ks = i;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i === ks || s.charCodeAt(i) !== 61) return reject('bad_field:fortigate', `expected key=value at character ${ks - from}`);
    const ke = i;
    i++;
    if (++pairs > MAX_FORTIGATE_PAIRS) return reject('bad_field:fortigate', `more than ${MAX_FORTIGATE_PAIRS} key=value pairs`);
    let vs: number;
    let ve: number;
    let esc = 0;
    if (s.charCodeAt(i) === QUOTE) {
      vs = i + 1;
      i = vs;
      for (;;) {
        if (i >= n) return reject('bad_field:fortigate', `unbalanced quote in the value of ${s.slice(ks, Math.min(ke, ks + 32))}`);
        const c = s.charCodeAt(i);
        if (c === BACKSLASH) {
          esc = 1;
          i += 2;
          continue;
        }
        if (c === QUOTE) break;
        i++;
      }
      ve = i;
      i++;
      if (i < n && s.charCodeAt(i) !== SP) return reject('bad_field:fortigate', `expected a space after the quoted value of ${s.slice(ks, Math.min(ke, ks + 32))}`);
    } else {
      vs = i;
      i = nextSpace(s, i, n);
      ve = i;
    }
    const id = KEYS.find(s, ks, ke);
    if (id >= 0) {
      values.start[id] = vs;
      values.end[id] = ve;
      values.esc[id] = esc;
    }
    while (i < n && s.charCodeAt(i) === SP) i++;
  }
  return null;
}



/** The value of a known key equals `word` (no copy). */
function is(s: string, k: Key, word: string): boolean {
  return values.start[k]! >= 0 && values.end[k]! - values.start[k]! === word.length && s.startsWith(word, values.start[k]!);
}

/** Epoch digits [start, end) → ms: 10 digits are seconds, 13 ms, 16 µs, 19 ns. NaN for any other form. */
export function epochDigitsToMs(s: string, start: number, end: number): number {
  const len = end - start;
  if (!allDigits(s, start, end)) return NaN;
  if (len === 10) return digitsAt(s, start, 10) * 1000;
  if (len === 13 || len === 16 || len === 19) return digitsAt(s, start, 13); // the first 13 digits are ms
  return NaN;
}

/** `YYYY-MM-DD` + `HH:MM:SS` in the zone `±HHMM` / `±HH:MM` / `±HH`: epoch ms, NaN when any part is malformed. */
function localTime(s: string, d: number, dEnd: number, t: number, tEnd: number, z: number, zEnd: number): number {
  if (dEnd - d !== 10 || s.charCodeAt(d + 4) !== 45 || s.charCodeAt(d + 7) !== 45) return NaN;
  if (tEnd - t !== 8 || s.charCodeAt(t + 2) !== 58 || s.charCodeAt(t + 5) !== 58) return NaN;
  const utc = utcTime(digitsAt(s, d, 4), digitsAt(s, d + 5, 2) - 1, digitsAt(s, d + 8, 2), digitsAt(s, t, 2), digitsAt(s, t + 3, 2), digitsAt(s, t + 6, 2), 0);
  const sign = s.charCodeAt(z);
  if (sign !== 43 && sign !== 45) return NaN;
  const zl = zEnd - z;
  const oh = digitsAt(s, z + 1, 2);
  const om = zl === 3 ? 0 : zl === 5 ? digitsAt(s, z + 3, 2) : zl === 6 && s.charCodeAt(z + 3) === 58 ? digitsAt(s, z + 4, 2) : -1;
  if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
  return utc - (sign === 43 ? 1 : -1) * (oh * 60 + om) * 60_000;
}

const ACTIONS = new Map<string, EventAction>([
  // the session or the content was stopped
  ['deny', 'blocked'],
  ['denied', 'blocked'],
  ['blocked', 'blocked'],
  ['block', 'blocked'],
  ['dropped', 'blocked'],
  ['drop', 'blocked'],
  ['reset', 'blocked'],
  ['reset-client', 'blocked'],
  ['reset_client', 'blocked'],
  ['reset-server', 'blocked'],
  ['reset_server', 'blocked'],
  ['drop-session', 'blocked'],
  ['drop_session', 'blocked'],
  ['clear_session', 'blocked'],
  ['clear-session', 'blocked'],
  ['quarantine', 'blocked'],
  ['quarantined', 'blocked'],
  // it went through (logged, monitored or detected only)
  ['accept', 'allowed'],
  ['allow', 'allowed'],
  ['pass', 'allowed'],
  ['passthrough', 'allowed'],
  ['pass_session', 'allowed'],
  ['pass-session', 'allowed'],
  ['monitored', 'allowed'],
  ['detected', 'allowed'],
  ['exempt', 'allowed'],
  ['close', 'allowed'],
  ['timeout', 'allowed'],
  ['server-rst', 'allowed'],
  ['client-rst', 'allowed'],
]);

/** A FortiGate action word [start, end) (traffic and UTM logs alike) → blocked / allowed / unknown. */
export function fortigateAction(s: string, start: number, end: number): EventAction {
  if (end - start > 16 || end <= start) return 'unknown';
  return ACTIONS.get(s.slice(start, end)) ?? 'unknown';
}

function printable(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/**
 * `fgt:<devid>:<logid>:<eventtime>` when eventtime has µs or ns precision and logid is digits;
 * devid (a serial number) only when short printable ASCII. Shared with FortiGate's CEF form.
 */
export function fortigateDedupKey(siteId: string, sensorId: string, s: string, logid: number, logidEnd: number, et: number, etEnd: number, dev: number, devEnd: number): string | null {
  if (logid < 0 || et < 0 || etEnd - et < 16 || logidEnd - logid > 10 || !allDigits(s, logid, logidEnd) || !allDigits(s, et, etEnd)) return null;
  const devid = dev >= 0 && devEnd - dev <= 32 && printable(s, dev, devEnd) ? s.slice(dev, devEnd) : '';
  return `${siteId}/${sensorId}/fgt:${devid}:${s.slice(logid, logidEnd)}:${s.slice(et, etEnd)}`;
}


/** Decodes FortiGate key=value at `from` (isFortigateKv said yes). `fallbackTime`: the header's time, else the reference time. */
export function decodeFortigate(s: string, from: number, siteId: string, sensorId: string, mapper: CategoryMapper, fallbackTime: number): DecodeResult {
  const bad = scan(s, from);
  if (bad !== null) return bad;

  const isUtm = is(s, K.type, 'utm') || is(s, K.type, 'anomaly');
  const isTraffic = !isUtm && is(s, K.type, 'traffic');
  if (!isUtm && !isTraffic) return is(s, K.type, 'event') ? IGNORED_FORTIGATE_EVENT : IGNORED_FORTIGATE_OTHER;

  // time
  let time = fallbackTime;
  if (values.has(K.eventtime)) {
    time = epochDigitsToMs(s, values.start[K.eventtime]!, values.end[K.eventtime]!);
    if (Number.isNaN(time)) return reject('bad_field:eventtime', 'expected 10, 13, 16 or 19 digits (epoch s, ms, µs or ns)');
  } else if (values.has(K.tz) && values.has(K.date) && values.has(K.time)) {
    time = localTime(s, values.start[K.date]!, values.end[K.date]!, values.start[K.time]!, values.end[K.time]!, values.start[K.tz]!, values.end[K.tz]!);
    if (Number.isNaN(time)) return reject('bad_field:date', 'expected date=YYYY-MM-DD time=HH:MM:SS tz=±HHMM');
  }

  const srcIp = values.has(K.srcip) ? optIp(s.slice(values.start[K.srcip]!, Math.min(values.end[K.srcip]!, values.start[K.srcip]! + 65))) : null;
  if (srcIp === INVALID) return reject('bad_field:srcip', 'not an IP address');
  const destIp = values.has(K.dstip) ? optIp(s.slice(values.start[K.dstip]!, Math.min(values.end[K.dstip]!, values.start[K.dstip]! + 65))) : null;
  if (destIp === INVALID) return reject('bad_field:dstip', 'not an IP address');
  let srcPort: number | null = null;
  if (values.has(K.srcport)) {
    srcPort = uintAt(s, values.start[K.srcport]!, values.end[K.srcport]!);
    if (srcPort < 0 || srcPort > 65535) return reject('bad_field:srcport', 'not a port number');
  }
  let destPort: number | null = null;
  if (values.has(K.dstport)) {
    destPort = uintAt(s, values.start[K.dstport]!, values.end[K.dstport]!);
    if (destPort < 0 || destPort > 65535) return reject('bad_field:dstport', 'not a port number');
  }
  const proto = values.has(K.proto) ? protoAt(s, values.start[K.proto]!, values.end[K.proto]!) : null;
  const action: EventAction = values.has(K.action) ? fortigateAction(s, values.start[K.action]!, values.end[K.action]!) : 'unknown';
  const subtype = values.text(s, K.subtype, 50);

  let event: SecurityEvent;
  if (isTraffic) {
    let direction: 'in' | 'out' | null = null;
    if (is(s, K.srcintfrole, 'wan')) direction = 'in';
    else if (is(s, K.dstintfrole, 'wan')) direction = 'out';
    else if (is(s, K.dir, 'in') || is(s, K.direction, 'incoming') || is(s, K.direction, 'in')) direction = 'in';
    else if (is(s, K.dir, 'out') || is(s, K.direction, 'outgoing') || is(s, K.direction, 'out')) direction = 'out';
    const category = mapper.forFirewall(action, direction);
    const policyId = values.has(K.policyid) ? uintAt(s, values.start[K.policyid]!, values.end[K.policyid]!) : -1;
    const word = values.text(s, K.action, 16) ?? 'unknown';
    event = {
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
      signature: `FortiGate ${subtype ?? 'traffic'} ${word}${policyId >= 0 ? ` policy ${policyId}` : ''}`,
      signatureId: policyId >= 0 ? policyId : null,
      count: 1,
    };
  } else {
    const signature = values.text(s, K.attack) ?? values.text(s, K.virus) ?? values.text(s, K.app) ?? values.text(s, K.catdesc) ?? values.text(s, K.msg);
    let signatureId = values.has(K.attackid) ? uintAt(s, values.start[K.attackid]!, values.end[K.attackid]!) : -1;
    if (signatureId < 0 && values.has(K.virusid)) signatureId = uintAt(s, values.start[K.virusid]!, values.end[K.virusid]!);
    const category = mapper.forFortigate(subtype, signature);
    // the signature's own severity, else the threat score's level, else the log level
    const sk: Key | -1 = values.has(K.severity) ? K.severity : values.has(K.crlevel) ? K.crlevel : values.has(K.level) ? K.level : -1;
    let base: Severity = 'low';
    if (sk >= 0) {
      const word = s.slice(values.start[sk]!, Math.min(values.end[sk]!, values.start[sk]! + 21));
      const sev = mapper.severityForFortigate(word);
      if (sev === null) return reject(`bad_field:${NAMES[sk] as string}`, 'expected a FortiGate level (information, notice, warning, error, critical, alert, emergency) or low, medium, high, critical');
      base = sev;
    }
    event = {
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
      proto,
      signature,
      signatureId: signatureId >= 0 ? signatureId : null,
      count: 1,
    };
  }
  const [lg, lgEnd] = values.range(K.logid);
  const [et, etEnd] = values.range(K.eventtime);
  const [dv, dvEnd] = values.range(K.devid);
  return { kind: 'event', event, dedupKey: fortigateDedupKey(siteId, sensorId, s, lg, lgEnd, et, etEnd, dv, dvEnd) };
}
