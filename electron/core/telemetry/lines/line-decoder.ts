// One text line (a raw syslog payload, or the `line` of a forwarder's envelope) → DecodeResult.
// Order: the line itself (one line, no control characters) → optional syslog header → CEF (`CEF:`
// at the body start) → pfSense/OPNsense filterlog (header app `filterlog`) → FortiGate key=value
// (`logid=` with `type=` or `devid=`) → filterlog by shape (no header app) → ESET's `HEARTBEAT` →
// unknown_format. Never throws (the decoder wraps it anyway). Site and sensor come from the topic.
import type { CategoryMapper } from '../category-map.js';
import type { DecodeResult } from '../result.js';
import { reject } from '../result.js';
import { decodeCef } from './cef.js';
import { decodeFilterlog, looksLikeFilterlog } from './filterlog.js';
import { decodeFortigate, isFortigateKv } from './fortigate.js';
import { isHeaderFault, parseSyslogHeader } from './syslog-header.js';

const BOM = 0xfeff;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * True when a decoded payload is a text line rather than JSON: its first non-blank character is
 * neither `{` nor `[`. An empty or all-blank payload is neither (it stays `not_json`).
 */
export function isTextPayload(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) continue;
    return c !== 123 && c !== 91; // { [
  }
  return false;
}

/**
 * Decodes one text line. `referenceTime` is the time of a line that gives none with a zone
 * (RFC 3164, filterlog): the message's receipt, or the forwarder's `received`.
 */
export function decodeLine(line: string, siteId: string, sensorId: string, mapper: CategoryMapper, referenceTime: number): DecodeResult {
  // Trailing CR/LF (a line as read from a file or a TCP stream) and surrounding blanks go.
  let start = 0;
  let end = line.length;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  while (start < end && (isBlank(line.charCodeAt(start)) || line.charCodeAt(start) === BOM)) start++;
  if (start === end) return reject('bad_field:line', 'empty text line');
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x20 && c !== 9) {
      return reject('bad_field:line', c === 10 || c === 13 ? 'more than one line: publish one line per message' : `control character 0x${c.toString(16).padStart(2, '0')} at character ${i - start}`);
    }
  }
  const s = start === 0 && end === line.length ? line : line.slice(start, end);

  const h = parseSyslogHeader(s);
  let body = 0;
  let app: string | null = null;
  let headerTime: number | null = null;
  if (h !== 'none') {
    if (isHeaderFault(h)) return reject(`bad_field:${h.field}`, h.detail);
    body = h.bodyStart;
    app = h.app;
    headerTime = h.time;
  }
  const fallbackTime = headerTime ?? referenceTime;

  if (s.startsWith('CEF:', body)) return decodeCef(s, body, siteId, sensorId, mapper, fallbackTime, referenceTime);
  if (app === 'filterlog') return decodeFilterlog(s, body, siteId, sensorId, mapper, fallbackTime);
  if (isFortigateKv(s, body)) return decodeFortigate(s, body, siteId, sensorId, mapper, fallbackTime);
  if (app === null && looksLikeFilterlog(s, body)) return decodeFilterlog(s, body, siteId, sensorId, mapper, fallbackTime);
  // ESET PROTECT keeps its syslog connection open with `… ERAServer[pid]: HEARTBEAT` every 1-3 minutes.
  if (s.length - body === 9 && s.startsWith('HEARTBEAT', body)) return { kind: 'heartbeat', siteId, sensorId, time: fallbackTime };
  return reject('unknown_format', 'text line is not CEF, FortiGate key=value or pfSense filterlog');
}
