// Suricata EVE JSON (one object per line of eve.json, with `event_type`).
//   alert   → event (category by signature rules, then alert.category)
//   drop    → event, action blocked
//   anomaly → event, severity low, signature from anomaly.event / anomaly.type
//   stats   → heartbeat of the sensor
//   other known types (flow, dns, tls, http, ...) → ignored as `eve:<type>`
//   an unknown or non-string event_type → ignored as `eve:unknown` (bounded label set)
import type { SecurityEvent, Severity, EventAction, Category, EventAttack } from '../../contract/index.js';
import type { AttackMapper } from '../attack/attack-map.js';
import { attackFromSuricataMetadata } from '../attack/attack-tags.js';
import type { CategoryMapper } from './category-map.js';
import type { DecodeResult, IgnoredResult, JsonObject } from './result.js';
import { isJsonObject, reject } from './result.js';
import { parseIsoTime } from './time.js';
import { INVALID, optIp, optPort, optProto, optText, optUint } from './wire.js';

/** EVE event types of Suricata 6–8 (etc/schema.json and the user guide), other than the four decoded. */
export const KNOWN_EVE_TYPES: readonly string[] = [
  'arp', 'bittorrent_dht', 'dcerpc', 'dhcp', 'dnp3', 'dns', 'doh2', 'engine', 'enip', 'fileinfo', 'files',
  'flow', 'frame', 'ftp', 'ftp_data', 'http', 'http2', 'ike', 'ikev2', 'krb5', 'ldap', 'llmnr', 'mdns',
  'modbus', 'mqtt', 'netflow', 'nfs', 'ntp', 'pgsql', 'pop3', 'quic', 'rdp', 'rfb', 'sip', 'smb', 'smtp',
  'snmp', 'ssh', 'template', 'tftp', 'tls', 'websocket',
];

const IGNORED_BY_TYPE = new Map<string, IgnoredResult>(
  KNOWN_EVE_TYPES.map((t) => [t, Object.freeze({ kind: 'ignored' as const, type: `eve:${t}` })]),
);
export const IGNORED_UNKNOWN: IgnoredResult = Object.freeze({ kind: 'ignored' as const, type: 'eve:unknown' });

export function decodeSuricata(
  o: JsonObject,
  siteId: string,
  sensorId: string,
  mapper: CategoryMapper,
  attackMap: AttackMapper | null = null,
): DecodeResult {
  const type = o.event_type;
  if (typeof type !== 'string') return IGNORED_UNKNOWN;
  switch (type) {
    case 'alert':
    case 'drop':
    case 'anomaly':
      return decodeEvent(type, o, siteId, sensorId, mapper, attackMap);
    case 'stats': {
      const ts = o.timestamp;
      const time = typeof ts === 'string' ? parseIsoTime(ts) : NaN;
      if (Number.isNaN(time)) return reject('bad_field:timestamp', 'missing or invalid EVE timestamp');
      return { kind: 'heartbeat', siteId, sensorId, time };
    }
    default:
      return IGNORED_BY_TYPE.get(type) ?? IGNORED_UNKNOWN;
  }
}

function decodeEvent(
  type: 'alert' | 'drop' | 'anomaly',
  o: JsonObject,
  siteId: string,
  sensorId: string,
  mapper: CategoryMapper,
  attackMap: AttackMapper | null,
): DecodeResult {
  const ts = o.timestamp;
  const time = typeof ts === 'string' ? parseIsoTime(ts) : NaN;
  if (Number.isNaN(time)) return reject('bad_field:timestamp', 'missing or invalid EVE timestamp');

  const srcIp = optIp(o.src_ip);
  if (srcIp === INVALID) return reject('bad_field:src_ip', 'not an IP address');
  const destIp = optIp(o.dest_ip);
  if (destIp === INVALID) return reject('bad_field:dest_ip', 'not an IP address');
  const srcPort = optPort(o.src_port);
  if (srcPort === INVALID) return reject('bad_field:src_port', 'not a port number');
  const destPort = optPort(o.dest_port);
  if (destPort === INVALID) return reject('bad_field:dest_port', 'not a port number');

  let category: Category;
  let severity: Severity;
  let action: EventAction;
  let signature: string | null;
  let signatureId: number | null = null;
  let keyTail: string;
  let attack: EventAttack | null = null;

  const alertRaw = o.alert;
  if (type === 'anomaly') {
    const an = o.anomaly;
    signature = isJsonObject(an) ? (optText(an.event) ?? optText(an.type)) : null;
    category = mapper.forSuricata(undefined, signature ?? undefined);
    severity = mapper.applyMinimum(category, 'low');
    action = 'unknown';
    keyTail = `anomaly:${signature ?? ''}`;
  } else if (isJsonObject(alertRaw)) {
    const sigRaw = alertRaw.signature;
    const catRaw = alertRaw.category;
    signature = optText(sigRaw);
    signatureId = optUint(alertRaw.signature_id);
    // The cut signature (what the wall keeps and shows), so it is cut and copied once.
    category = mapper.forSuricata(typeof catRaw === 'string' ? catRaw : undefined, signature ?? undefined);
    const sev = alertRaw.severity;
    let base: Severity;
    if (sev === undefined || sev === null) base = mapper.severityForSuricata(Number.NaN);
    else if (typeof sev === 'number' && Number.isInteger(sev) && sev >= 1) base = mapper.severityForSuricata(sev);
    else return reject('bad_field:alert.severity', 'not a positive integer');
    severity = mapper.applyMinimum(category, base);
    if (type === 'drop') action = 'blocked';
    else {
      const a = alertRaw.action;
      action = a === 'blocked' ? 'blocked' : a === 'allowed' ? 'allowed' : 'unknown';
    }
    keyTail = type === 'alert' ? (signatureId === null ? 'alert' : String(signatureId)) : `drop:${signatureId ?? ''}`;
    // The rule's own ATT&CK tags (Emerging Threats since 2025), else its classtype's mapping.
    const tags = attackFromSuricataMetadata(alertRaw.metadata);
    if (tags !== null) attack = { tactics: tags.tactics, techniques: tags.techniques, source: 'sensor' };
    else {
      const mapped = attackMap?.forSuricataCategory(typeof catRaw === 'string' ? catRaw : null) ?? null;
      if (mapped !== null) attack = { tactics: mapped.tactics, techniques: mapped.techniques, source: 'mapping' };
    }
  } else if (type === 'drop') {
    signature = null;
    category = mapper.defaultCategory;
    severity = mapper.applyMinimum(category, mapper.severityForSuricata(Number.NaN));
    action = 'blocked';
    keyTail = 'drop:';
  } else {
    return reject('bad_field:alert', 'alert event without an alert object');
  }

  const event: SecurityEvent = {
    time,
    siteId,
    sensorId,
    category,
    severity,
    action,
    srcIp,
    srcPort,
    destIp,
    destPort,
    proto: optProto(o.proto),
    signature,
    signatureId,
    count: 1,
  };
  if (attack !== null) event.attack = attack;
  return { kind: 'event', event, dedupKey: dedupKey(o.flow_id, ts as string, keyTail, siteId, sensorId) };
}

/**
 * An EVE line has no id of its own: flow_id + timestamp (microseconds) + signature id identify
 * one alert of one packet. Without a flow_id there is no key. A flow_id above 2^53 loses
 * precision in JSON.parse; with the timestamp and signature id in the key a collision stays
 * practically impossible.
 */
function dedupKey(flowId: unknown, ts: string, tail: string, siteId: string, sensorId: string): string | null {
  let f: string;
  if (typeof flowId === 'number' && Number.isFinite(flowId)) f = String(flowId);
  else if (typeof flowId === 'string' && flowId.length > 0 && flowId.length <= 32) f = flowId;
  else return null;
  return `${siteId}/${sensorId}/${f}:${ts}:${tail}`;
}
