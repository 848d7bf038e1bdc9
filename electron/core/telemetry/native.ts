// The native JSON format of `soc/v1/{site}/{sensor}/event` (NativeEventSchema in the contract).
import * as v from 'valibot';
import { NativeEventSchema } from '../../contract/schemas.js';
import type { SecurityEvent } from '../../contract/index.js';
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

export function decodeNative(o: JsonObject, siteId: string, sensorId: string, mapper: CategoryMapper): DecodeResult {
  const r = v.safeParse(NativeEventSchema, o, PARSE_CONFIG);
  if (!r.success) return issueToReject(r.issues);
  const p = r.output;
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
