// OCSF (Open Cybersecurity Schema Framework, 1.x) findings:
//   Detection Finding (class_uid 2004) → event
//   Security Finding (2001, deprecated since OCSF 1.1; its `finding` object is the later
//     `finding_info`) → event
//   any other class (Network Activity 4001, Authentication 3002, …) → ignored as `ocsf:<class_uid>`
//     for the classes OCSF defines, `ocsf:other` for anything else (a bounded label set)
// Read: time_dt / time, severity_id, finding_info.{title, uid, types, attacks}, src_endpoint /
// dst_endpoint (else those of the first evidence), connection_info.protocol_name / protocol_num,
// disposition_id / action_id, count.
import type { EventAction, SecurityEvent, Severity } from '../../contract/index.js';
import { attackFromOcsfAttacks } from '../attack/attack-tags.js';
import type { CategoryMapper } from './category-map.js';
import type { DecodeResult, IgnoredResult, JsonObject } from './result.js';
import { given, isJsonObject, objectOrEmpty, reject } from './result.js';
import { parseIsoTime } from './time.js';
import { INVALID, optIp, optPort, optProto, optText } from './wire.js';

export const OCSF_DETECTION_FINDING = 2004;
export const OCSF_SECURITY_FINDING = 2001;

/**
 * The class_uids of OCSF 1.0–1.8 (category × 1000 + class; 0 is the Base Event), deprecated
 * ones included: each is ignored under its own label, anything else as `ocsf:other`.
 */
export const KNOWN_OCSF_CLASSES: readonly number[] = [
  0,
  1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, // System Activity
  2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, // Findings
  3001, 3002, 3003, 3004, 3005, 3006, 3007, 3008, // Identity & Access Management
  4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4010, 4011, 4012, 4013, 4014, // Network Activity
  5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010, 5011, 5012, 5013, 5014, 5015, 5016, // Discovery
  5017, 5018, 5019, 5020, 5021, 5022, 5023, 5040,
  6001, 6002, 6003, 6004, 6005, 6006, 6007, 6008, // Application Activity
  7001, 7002, 7003, 7004, // Remediation
  8001, 8002, // Unmanned Systems
];

const IGNORED_BY_CLASS = new Map<number, IgnoredResult>(
  KNOWN_OCSF_CLASSES.map((c) => [c, Object.freeze({ kind: 'ignored' as const, type: `ocsf:${c}` })]),
);
export const OCSF_IGNORED_OTHER: IgnoredResult = Object.freeze({ kind: 'ignored' as const, type: 'ocsf:other' });

/** Finding uids longer than this give no dedup key (AWS ARNs run to some 200 characters). */
const MAX_FINDING_UID = 256;
/** `count` above this is refused, as in the native format. */
const MAX_COUNT = 1_000_000;
/**
 * A `time` below this (1973-03-03 as ms) is epoch seconds: OCSF says ms, but Prowler 4 and the
 * OCSF examples' Okta mapping write seconds, and no finding this wall reads is from 1970–73.
 */
const SECONDS_BELOW = 1e11;

/**
 * disposition_id (OCSF dictionary): 1 Allowed, 8 Approved → allowed; 2 Blocked, 3 Quarantined,
 * 4 Isolated, 5 Deleted, 6 Dropped, 21 Reset, 24 Access Revoked, 25 Rejected, 26 Unauthorized →
 * blocked. The rest (Detected, Logged, Alert, Custom Action, Corrected, Other, …) says nothing
 * about whether the activity got through: unknown.
 */
const DISPOSITION_BLOCKED: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, 21, 24, 25, 26]);
const DISPOSITION_ALLOWED: ReadonlySet<number> = new Set([1, 8]);

/** An OCSF event: a numeric `class_uid` and a `severity_id` or finding (base event + finding classes). */
export function isOcsf(o: JsonObject): boolean {
  if (typeof o.class_uid !== 'number') return false;
  if (o.severity_id !== undefined || o.finding_info !== undefined) return true;
  // OCSF 1.0 Security Findings carry `finding`; some mappings leave severity_id out.
  return o.class_uid === OCSF_SECURITY_FINDING && isJsonObject(o.finding);
}

function isEnumId(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

type Endpoint = { ip: string | null; port: number | null } | { bad: string; why: string };

/** src_endpoint / dst_endpoint → ip and port; `name` is the dotted field name for reject reasons. */
function endpoint(x: unknown, name: string): Endpoint {
  if (!given(x)) return { ip: null, port: null };
  if (!isJsonObject(x)) return { bad: name, why: 'expected an object' };
  const ip = optIp(x.ip);
  if (ip === INVALID) return { bad: `${name}.ip`, why: 'not an IP address' };
  const port = optPort(x.port);
  if (port === INVALID) return { bad: `${name}.port`, why: 'not a port number' };
  return { ip, port };
}

function actionOf(dispositionId: number | undefined, actionId: number | undefined): EventAction {
  if (dispositionId !== undefined) {
    if (DISPOSITION_BLOCKED.has(dispositionId)) return 'blocked';
    if (DISPOSITION_ALLOWED.has(dispositionId)) return 'allowed';
  }
  return actionId === 2 ? 'blocked' : actionId === 1 ? 'allowed' : 'unknown';
}

/** Findings that say nothing is wrong (`is_alert: false`, `status_code: "PASS"`). */
const OCSF_IGNORED_NOT_ALERT: IgnoredResult = Object.freeze({ kind: 'ignored' as const, type: 'ocsf:not-alert' });

export function decodeOcsf(o: JsonObject, siteId: string, sensorId: string, mapper: CategoryMapper): DecodeResult {
  const classUid = o.class_uid;
  if (classUid !== OCSF_DETECTION_FINDING && classUid !== OCSF_SECURITY_FINDING) {
    return (typeof classUid === 'number' ? IGNORED_BY_CLASS.get(classUid) : undefined) ?? OCSF_IGNORED_OTHER;
  }

  // A check that passed (Prowler writes every check, passed or not, as a finding) is no alert.
  if (o.is_alert === false || o.status_code === 'PASS') return OCSF_IGNORED_NOT_ALERT;

  // time_dt carries its zone and unit; `time` (epoch ms) is the fallback.
  const t = o.time;
  if (given(t) && !(typeof t === 'number' && Number.isFinite(t) && t >= 0)) return reject('bad_field:time', 'expected epoch milliseconds');
  let time: number;
  const dt = o.time_dt;
  if (given(dt)) {
    time = typeof dt === 'string' ? parseIsoTime(dt) : NaN;
    if (Number.isNaN(time)) return reject('bad_field:time_dt', 'expected an RFC 3339 time');
  } else if (typeof t === 'number') {
    time = t < SECONDS_BELOW ? t * 1000 : t;
  } else {
    return reject('bad_field:time', 'missing (neither time nor time_dt)');
  }

  const sevRaw = o.severity_id;
  let base: Severity | null;
  if (!given(sevRaw)) base = mapper.severityForOcsf(0); // absent: OCSF's "Unknown"
  else base = isEnumId(sevRaw) ? mapper.severityForOcsf(sevRaw) : null;
  if (base === null) return reject('bad_field:severity_id', 'expected 0-6 or 99');

  // Security Finding (2001) has `finding`, Detection Finding `finding_info`.
  const fiKey = o.finding_info === undefined && classUid === OCSF_SECURITY_FINDING ? 'finding' : 'finding_info';
  const fiRaw = o[fiKey];
  if (given(fiRaw) && !isJsonObject(fiRaw)) return reject(`bad_field:${fiKey}`, 'expected an object');
  const fi = objectOrEmpty(fiRaw);
  const titleRaw = fi.title;
  if (given(titleRaw) && typeof titleRaw !== 'string') return reject(`bad_field:${fiKey}.title`, 'expected a string');
  const signature = optText(titleRaw);
  const types = fi.types;
  if (given(types) && !Array.isArray(types)) return reject(`bad_field:${fiKey}.types`, 'expected an array of strings');
  const category = mapper.forOcsf(types, signature);

  // Top-level endpoints (Security Control profile, network-derived findings), else the first
  // evidence's (GuardDuty and Okta findings put the remote address there).
  let srcRaw = o.src_endpoint;
  let dstRaw = o.dst_endpoint;
  let where = '';
  if (!given(srcRaw) && !given(dstRaw) && given(o.evidences)) {
    const ev = o.evidences;
    const first: unknown = Array.isArray(ev) ? ev[0] : undefined;
    if (!Array.isArray(ev) || (first !== undefined && !isJsonObject(first))) return reject('bad_field:evidences', 'expected an array of objects');
    if (isJsonObject(first)) {
      srcRaw = first.src_endpoint;
      dstRaw = first.dst_endpoint;
      where = 'evidences.';
    }
  }
  const src = endpoint(srcRaw, `${where}src_endpoint`);
  if ('bad' in src) return reject(`bad_field:${src.bad}`, src.why);
  const dst = endpoint(dstRaw, `${where}dst_endpoint`);
  if ('bad' in dst) return reject(`bad_field:${dst.bad}`, dst.why);

  const conn = o.connection_info;
  if (given(conn) && !isJsonObject(conn)) return reject('bad_field:connection_info', 'expected an object');
  let proto: string | null = null;
  if (isJsonObject(conn)) {
    const name = conn.protocol_name;
    if (given(name) && typeof name !== 'string') return reject('bad_field:connection_info.protocol_name', 'expected a string');
    const num = conn.protocol_num;
    if (given(num) && !(isEnumId(num) && num >= 0 && num <= 255)) return reject('bad_field:connection_info.protocol_num', 'expected 0-255');
    proto = optProto(name) ?? optProto(num);
  }

  const disp = o.disposition_id;
  if (given(disp) && !isEnumId(disp)) return reject('bad_field:disposition_id', 'expected an integer');
  const act = o.action_id;
  if (given(act) && !isEnumId(act)) return reject('bad_field:action_id', 'expected an integer');
  const action = actionOf(isEnumId(disp) ? disp : undefined, isEnumId(act) ? act : undefined);

  const countRaw = o.count;
  let count = 1;
  if (given(countRaw)) {
    if (!(isEnumId(countRaw) && countRaw >= 1 && countRaw <= MAX_COUNT)) return reject('bad_field:count', 'expected an integer 1-1000000');
    count = countRaw;
  }

  const event: SecurityEvent = {
    time,
    siteId,
    sensorId,
    category,
    severity: mapper.applyMinimum(category, base),
    action,
    srcIp: src.ip,
    srcPort: src.port,
    destIp: dst.ip,
    destPort: dst.port,
    proto,
    signature,
    signatureId: null,
    count,
  };
  // OCSF asks producers to duplicate a Security Control event's `attacks` into finding_info.
  const tags = attackFromOcsfAttacks(fi.attacks !== undefined ? fi.attacks : o.attacks);
  if (tags !== null) event.attack = { tactics: tags.tactics, techniques: tags.techniques, source: 'sensor' };
  // A finding's uid names the finding, so its Update events fall on the same key as its Create.
  const uid = fi.uid;
  const dedupKey = typeof uid === 'string' && uid.length > 0 && uid.length <= MAX_FINDING_UID ? `${siteId}/${sensorId}/${uid}` : null;
  return { kind: 'event', event, dedupKey };
}
