// The native JSON format of `soc/v1/{site}/{sensor}/event` (NativeEventSchema in the contract).
import * as v from 'valibot';
import { NativeEventSchema, type NativeEventPayload } from '../../contract/schemas.js';
import { CATEGORIES, SEVERITIES, type SecurityEvent } from '../../contract/index.js';
import type { CategoryMapper } from './category-map.js';
import type { DecodeResult, JsonObject, RejectedResult } from './result.js';
import { reject } from './result.js';
import { parseIsoTime } from './time.js';

const PARSE_CONFIG = { abortEarly: true } as const;

/** A valibot failure → `bad_field:<first path key>` (or `bad_field:root`). */
export function issueToReject(issues: readonly v.BaseIssue<unknown>[]): RejectedResult {
  const issue = issues[0];
  if (issue === undefined) return reject('bad_field:root', 'invalid');
  const key: unknown = issue.path?.[0]?.key;
  const name = typeof key === 'string' || typeof key === 'number' ? String(key) : 'root';
  return reject(`bad_field:${name.length > 64 ? name.slice(0, 64) : name}`, issue.message);
}

/**
 * Wire time → epoch ms: an ISO 8601 string (zone-less → UTC), or a number of epoch milliseconds
 * (non-negative, finite). NaN when invalid.
 */
export function wireTime(x: string | number): number {
  if (typeof x === 'number') return Number.isFinite(x) && x >= 0 ? x : NaN;
  return parseIsoTime(x);
}

const CATEGORY_SET: ReadonlySet<unknown> = new Set(CATEGORIES);
const SEVERITY_SET: ReadonlySet<unknown> = new Set(SEVERITIES);
const ACTIONS: ReadonlySet<unknown> = new Set(['blocked', 'allowed', 'unknown']);

const optionalText = (x: unknown, max: number) => x === undefined || x === null || (typeof x === 'string' && x.length <= max);
const optionalInt = (x: unknown, min: number, max: number) => x === undefined || x === null || (typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max);
/** `^[0-9A-Fa-f:.]+$` of at most 64 characters, as a char-code loop. */
function optionalIp(x: unknown): boolean {
  if (x === undefined || x === null) return true;
  if (typeof x !== 'string' || x.length === 0 || x.length > 64) return false;
  for (let i = 0; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (!((c >= 48 && c <= 58) || c === 46 || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false; // 0-9 : . A-F a-f
  }
  return true;
}

/**
 * NativeEventSchema's rules as plain checks, for the hot path: the payload itself when every
 * field passes, else null and valibot says which field failed (with its message). It accepts
 * exactly what the schema accepts (tests/unit/telemetry/native-fast-path.test.ts compares the
 * two on generated payloads). Nullable fields (`?? null`) and unknown keys are left as the
 * schema leaves them: its output drops unknown keys, and nothing here reads them.
 */
export function plainNativeEvent(o: JsonObject): NativeEventPayload | null {
  if (o.v !== undefined && o.v !== 1) return null;
  if (o.id !== undefined && !(typeof o.id === 'string' && o.id.length <= 128)) return null;
  const t = o.time;
  if (!((typeof t === 'string' && t.length <= 40) || (typeof t === 'number' && Number.isFinite(t)))) return null;
  if (!CATEGORY_SET.has(o.category) || !SEVERITY_SET.has(o.severity)) return null;
  if (o.action !== undefined && !ACTIONS.has(o.action)) return null;
  if (!optionalIp(o.src_ip) || !optionalIp(o.dest_ip)) return null;
  if (!optionalInt(o.src_port, 0, 65_535) || !optionalInt(o.dest_port, 0, 65_535)) return null;
  if (!optionalText(o.proto, 16) || !optionalText(o.signature, 512)) return null;
  if (!optionalInt(o.signature_id, -Infinity, Infinity)) return null;
  if (o.count !== undefined && !(typeof o.count === 'number' && Number.isInteger(o.count) && o.count >= 1 && o.count <= 1_000_000)) return null;
  return o as unknown as NativeEventPayload;
}

export function decodeNative(o: JsonObject, siteId: string, sensorId: string, mapper: CategoryMapper): DecodeResult {
  let p = plainNativeEvent(o);
  if (p === null) {
    const r = v.safeParse(NativeEventSchema, o, PARSE_CONFIG);
    if (!r.success) return issueToReject(r.issues);
    p = r.output; // the checks above and the schema disagree: the schema wins (and the test fails)
  }
  const time = wireTime(p.time);
  if (Number.isNaN(time)) return reject('bad_field:time', 'expected ISO 8601 or epoch ms');
  const event: SecurityEvent = {
    time,
    siteId,
    sensorId,
    category: p.category,
    severity: mapper.applyMinimum(p.category, p.severity),
    action: p.action ?? 'unknown',
    srcIp: p.src_ip ?? null,
    srcPort: p.src_port ?? null,
    destIp: p.dest_ip ?? null,
    destPort: p.dest_port ?? null,
    proto: p.proto === undefined || p.proto === null || p.proto === '' ? null : p.proto.toUpperCase(),
    signature: p.signature === undefined || p.signature === '' ? null : p.signature,
    signatureId: p.signature_id ?? null,
    count: p.count ?? 1,
  };
  return { kind: 'event', event, dedupKey: p.id === undefined || p.id === '' ? null : `${siteId}/${sensorId}/${p.id}` };
}
