// One MQTT message → one DecodeResult. The hot path of ingest: constant work per message,
// no regex, one JSON.parse, at most one valibot safeParse. Never throws.
//
// Order of checks (cheapest and most hostile first):
//   too_large → bad_topic → unknown_site → bad_utf8 → not_json → not_object → format.
// Event topic, format detected per message: `event_type` → Suricata EVE; `rule.level` + an
// `agent` or `manager` object → Wazuh (before ECS: the Wazuh indexer adds `@timestamp`);
// `@timestamp` + an `event` object → ECS; a numeric `class_uid` + `severity_id` or a finding →
// OCSF (before native: OCSF has a `severity` caption); `category` or `severity` → native; else
// unknown_format. A text payload (first non-blank character not `{` or `[`) on an event topic is
// a line: syslog header, then CEF, FortiGate key=value or pfSense/OPNsense filterlog
// (lines/line-decoder.ts). An object with `forwarded` is the forwarder's envelope (forwarded.ts):
// its `line` is decoded as a line with `received` as the reference time, its `record` as any
// JSON event, and an event from either gets the dedup key `fwd:<id>`.
// Site and sensor always come from the topic, never from the payload.
import * as v from 'valibot';
import { EndpointsSchema, HeartbeatSchema } from '../../contract/schemas.js';
import type { CategoryMapper } from './category-map.js';
import type { AttackMapper } from '../attack/attack-map.js';
import { decodeEcs, isEcs } from './ecs.js';
import { isForwarded, readForwarded } from './forwarded.js';
import { decodeLine, isTextPayload } from './lines/line-decoder.js';
import { decodeNative, issueToReject, wireTime } from './native.js';
import { decodeOcsf, isOcsf } from './ocsf.js';
import type { DecodeResult, JsonObject } from './result.js';
import { isJsonObject, reject } from './result.js';
import { decodeSuricata } from './suricata.js';
import { DEFAULT_PREFIX, parseTopic } from './topics.js';
import { decodeWazuh, isWazuh } from './wazuh.js';

export type { DecodeResult } from './result.js';

export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

export interface TelemetryDecoderOptions {
  categoryMap: CategoryMapper;
  /** ATT&CK tactics for Suricata classtypes of rules without tags (resources/attack-map.json). */
  attackMap?: AttackMapper;
  /** Payloads above this many bytes are rejected as `too_large` before any parsing. Default 64 KiB. */
  maxPayloadBytes?: number;
  /** Topic prefixes (one per bridged broker or province). Default `soc/v1` alone. */
  prefixes?: readonly string[];
  /** When given, a site not in the set is rejected as `unknown_site`. */
  knownSites?: ReadonlySet<string>;
  /** A time later than receivedAt + this is rejected as `bad_field:time`. Default 5 minutes. */
  clockSkewMs?: number;
}

const PARSE_CONFIG = { abortEarly: true } as const;

/** The prefixes as given, or the default alone when none is. */
function prefixList(prefixes: readonly string[] | undefined): readonly string[] {
  return prefixes && prefixes.length > 0 ? [...prefixes] : [DEFAULT_PREFIX];
}

export class TelemetryDecoder {
  private readonly mapper: CategoryMapper;
  private readonly attackMap: AttackMapper | null;
  private readonly maxPayloadBytes: number;
  private prefixes: readonly string[];
  private readonly knownSites: ReadonlySet<string> | null;
  private readonly clockSkewMs: number;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(options: TelemetryDecoderOptions) {
    this.mapper = options.categoryMap;
    this.attackMap = options.attackMap ?? null;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.prefixes = prefixList(options.prefixes);
    this.knownSites = options.knownSites ?? null;
    this.clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  }

  decode(topic: string, payload: Uint8Array, receivedAt: number): DecodeResult {
    try {
      return this.decodeUnsafe(topic, payload, receivedAt);
    } catch (err) {
      return reject('internal', err instanceof Error ? err.message : String(err));
    }
  }

  private decodeUnsafe(topic: string, payload: Uint8Array, receivedAt: number): DecodeResult {
    if (payload.byteLength > this.maxPayloadBytes) {
      return reject('too_large', `${payload.byteLength} bytes > ${this.maxPayloadBytes}`);
    }
    const t = this.parse(topic);
    if (t === null) return reject('bad_topic', topic);
    if (this.knownSites !== null && t.kind !== 'kpi' && !this.knownSites.has(t.siteId)) {
      return reject('unknown_site', t.siteId);
    }

    let text: string;
    try {
      text = this.utf8.decode(payload);
    } catch {
      return reject('bad_utf8', 'payload is not valid UTF-8');
    }
    // A text line (syslog, CEF, FortiGate key=value, filterlog) published as is: no dedup key.
    if (t.kind === 'event' && isTextPayload(text)) {
      return this.checkTime(decodeLine(text, t.siteId, t.sensorId, this.mapper, receivedAt), receivedAt);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return reject('not_json', (err as Error).message);
    }

    if (t.kind === 'kpi') return this.checkTime(this.kpi(t.name, data, receivedAt), receivedAt);
    if (!isJsonObject(data)) return reject('not_object', data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data);

    if (t.kind === 'event' && isForwarded(data)) {
      const f = readForwarded(data);
      if (f.kind === 'invalid') return reject(`bad_field:${f.field}`, f.detail);
      // A line without a zoned time of its own gets the time the forwarder read it, which a
      // line replayed from its disk queue keeps.
      const inner = f.kind === 'line' ? decodeLine(f.line, t.siteId, t.sensorId, this.mapper, f.meta.received) : this.event(f.record, t.siteId, t.sensorId);
      // The forwarder's id names the line exactly: a redelivered line gets the same key and is dropped.
      if (inner.kind === 'event') inner.dedupKey = `${t.siteId}/${t.sensorId}/fwd:${f.meta.id}`;
      return this.checkTime(inner, receivedAt);
    }

    let r: DecodeResult;
    switch (t.kind) {
      case 'event':
        r = this.event(data, t.siteId, t.sensorId);
        break;
      case 'heartbeat':
        r = this.heartbeat(data, t.siteId, t.sensorId, receivedAt);
        break;
      case 'endpoints':
        r = this.endpoints(data, t.siteId, receivedAt);
        break;
    }
    return this.checkTime(r, receivedAt);
  }

  /** Replaces the prefixes (the profile changed). */
  setPrefixes(prefixes: readonly string[]): void {
    this.prefixes = prefixList(prefixes);
  }

  /**
   * The topic under the first prefix it parses under (at most 16, the profile's bound; parseTopic
   * refuses another prefix at its first characters). One prefix may begin another (`a` and `a/b`).
   */
  private parse(topic: string): ReturnType<typeof parseTopic> {
    for (const p of this.prefixes) {
      const t = parseTopic(topic, p);
      if (t !== null) return t;
    }
    return null;
  }

  private event(o: JsonObject, siteId: string, sensorId: string): DecodeResult {
    if (o.event_type !== undefined) return decodeSuricata(o, siteId, sensorId, this.mapper, this.attackMap);
    if (isWazuh(o)) return decodeWazuh(o, siteId, sensorId, this.mapper);
    if (isEcs(o)) return decodeEcs(o, siteId, sensorId, this.mapper);
    if (isOcsf(o)) return decodeOcsf(o, siteId, sensorId, this.mapper);
    if (o.category !== undefined || o.severity !== undefined) return decodeNative(o, siteId, sensorId, this.mapper);
    return reject('unknown_format', 'neither Suricata EVE, Wazuh, ECS, OCSF nor the native format');
  }

  private heartbeat(o: JsonObject, siteId: string, sensorId: string, receivedAt: number): DecodeResult {
    const r = v.safeParse(HeartbeatSchema, o, PARSE_CONFIG);
    if (!r.success) return issueToReject(r.issues);
    const time = r.output.time === undefined ? receivedAt : wireTime(r.output.time);
    if (Number.isNaN(time)) return reject('bad_field:time', 'expected ISO 8601 or epoch ms');
    const { status, forwarder } = r.output;
    // null: it says it is ok (a forwarder that was degraded is no longer); absent: it says nothing.
    const health = status === 'degraded' || status === 'stopping' ? { status, queued: forwarder?.queued ?? 0, dropped: forwarder?.dropped ?? 0 } : status === 'ok' ? null : undefined;
    return health === undefined ? { kind: 'heartbeat', siteId, sensorId, time } : { kind: 'heartbeat', siteId, sensorId, time, forwarder: health };
  }

  private endpoints(o: JsonObject, siteId: string, receivedAt: number): DecodeResult {
    const r = v.safeParse(EndpointsSchema, o, PARSE_CONFIG);
    if (!r.success) return issueToReject(r.issues);
    const p = r.output;
    const time = p.time === undefined ? receivedAt : wireTime(p.time);
    if (Number.isNaN(time)) return reject('bad_field:time', 'expected ISO 8601 or epoch ms');
    return { kind: 'endpoints', siteId, time, total: p.total ?? null, edr: p.edr, antivirus: p.antivirus, infected: p.infected };
  }

  /** KPI payload: a JSON number, or `{ "value": number, "time"?: ISO 8601 | epoch ms }`. */
  private kpi(name: string, data: unknown, receivedAt: number): DecodeResult {
    if (typeof data === 'number') {
      return Number.isFinite(data) ? { kind: 'kpi', name, value: data, time: receivedAt } : reject('bad_field:value', 'not finite');
    }
    if (!isJsonObject(data)) return reject('not_object', data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data);
    const value = data.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) return reject('bad_field:value', 'expected a finite number');
    const rawTime = data.time;
    let time = receivedAt;
    if (rawTime !== undefined) {
      time = typeof rawTime === 'string' || typeof rawTime === 'number' ? wireTime(rawTime) : NaN;
      if (Number.isNaN(time)) return reject('bad_field:time', 'expected ISO 8601 or epoch ms');
    }
    return { kind: 'kpi', name, value, time };
  }

  /** Clock-skew rule: a time further in the future than receivedAt + skew is rejected. */
  private checkTime(r: DecodeResult, receivedAt: number): DecodeResult {
    let time: number;
    switch (r.kind) {
      case 'event':
        time = r.event.time;
        break;
      case 'heartbeat':
      case 'endpoints':
      case 'kpi':
        time = r.time;
        break;
      default:
        return r;
    }
    if (time > receivedAt + this.clockSkewMs) {
      return reject('bad_field:time', `${time - receivedAt} ms in the future (allowed ${this.clockSkewMs})`);
    }
    return r;
  }
}
