// The envelope the forwarder (electron/core/forwarder/) puts around each line it publishes on
// `{prefix}/{site}/{sensor}/event`, built and read here so both sides share one definition:
//
//   {"forwarded":{"v":1,"id":"…","received":1764670149123,"via":"file"},"record":{…the JSON line…}}
//   {"forwarded":{"v":1,"id":"…","received":1764670149123,"via":"syslog-udp","peer":"10.0.0.5"},"line":"…text…"}
//
// `id` names the line exactly (the file's identity and byte offset, or the syslog listener's
// sequence), so a line the forwarder publishes twice (redelivered after a crash) is dropped by
// the wall's duplicate rule. `received` is when the forwarder read it: the time of a line whose
// own text gives none with a zone (RFC 3164 syslog, pfSense filterlog), which a line replayed
// from the forwarder's disk queue after a broker outage must keep.
// A JSON line is spliced in as `record` unchanged (no second serialisation); anything else is a
// JSON string in `line`.
import type { JsonObject } from './result.js';
import { isJsonObject } from './result.js';

export const FORWARDED_VERSION = 1;
const FORWARDED_VIA = ['file', 'syslog-udp', 'syslog-tcp'] as const;
export type ForwardedVia = (typeof FORWARDED_VIA)[number];
/** An id is 1–128 printable ASCII characters other than `"` and `\` (the dedup key keeps it as is). */
const FORWARDED_ID_MAX = 128;
const PEER_MAX = 64;

export interface ForwardedMeta {
  v: typeof FORWARDED_VERSION;
  id: string;
  /** Epoch ms when the forwarder read the line. */
  received: number;
  via: ForwardedVia;
  /** The syslog sender's address (not for files). */
  peer?: string;
}

function isForwardedId(id: string): boolean {
  const n = id.length;
  if (n === 0 || n > FORWARDED_ID_MAX) return false;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * The payload for one line. `jsonObjectLine`: the caller has checked that `line` is one JSON
 * object (JSON.parse gave an object); it is then spliced in as `record`, else sent as text.
 */
export function forwardedPayload(meta: ForwardedMeta, line: string, jsonObjectLine: boolean): string {
  const head = `{"forwarded":${JSON.stringify(meta)},`;
  return jsonObjectLine ? `${head}"record":${line}}` : `${head}"line":${JSON.stringify(line)}}`;
}

/** What the decoder reads of an envelope. */
export type ForwardedContent =
  | { kind: 'record'; meta: ForwardedMeta; record: JsonObject }
  | { kind: 'line'; meta: ForwardedMeta; line: string }
  | { kind: 'invalid'; field: string; detail: string };

/** True when a decoded payload is an envelope (it has a `forwarded` key). */
export function isForwarded(o: JsonObject): boolean {
  return o.forwarded !== undefined;
}

/** Checks an envelope; an invalid one names its bad field (the decoder rejects `bad_field:forwarded.<field>`). */
export function readForwarded(o: JsonObject): ForwardedContent {
  const f = o.forwarded;
  if (!isJsonObject(f)) return { kind: 'invalid', field: 'forwarded', detail: 'expected an object' };
  if (f.v !== FORWARDED_VERSION) return { kind: 'invalid', field: 'forwarded.v', detail: `expected ${FORWARDED_VERSION}` };
  const id = f.id;
  if (typeof id !== 'string' || !isForwardedId(id)) return { kind: 'invalid', field: 'forwarded.id', detail: `expected 1-${FORWARDED_ID_MAX} printable ASCII characters` };
  const received = f.received;
  if (typeof received !== 'number' || !Number.isFinite(received) || received < 0) return { kind: 'invalid', field: 'forwarded.received', detail: 'expected epoch ms' };
  const via = f.via;
  if (typeof via !== 'string' || !(FORWARDED_VIA as readonly string[]).includes(via)) return { kind: 'invalid', field: 'forwarded.via', detail: FORWARDED_VIA.join(', ') };
  const peer = f.peer;
  if (peer !== undefined && (typeof peer !== 'string' || peer.length > PEER_MAX)) return { kind: 'invalid', field: 'forwarded.peer', detail: `expected at most ${PEER_MAX} characters` };
  const meta: ForwardedMeta = { v: FORWARDED_VERSION, id, received, via: via as ForwardedVia };
  if (typeof peer === 'string') meta.peer = peer;
  if (isJsonObject(o.record)) return { kind: 'record', meta, record: o.record };
  if (typeof o.line === 'string') return { kind: 'line', meta, line: o.line };
  return { kind: 'invalid', field: 'line', detail: 'an envelope carries a "record" object or a "line" string' };
}
