// Minimal Elastic Common Schema decoding (documents with `@timestamp` and an `event` object):
// event.category (via the map), event.severity 0-100 (quartiles), source/destination ip and
// port, network.transport, rule.name / rule.id / rule.category, event.action, event.id.
import type { SecurityEvent, Severity } from '../../contract/index.js';
import { attackFromEcsThreat, attackFromWazuhRule } from '../attack/attack-tags.js';
import type { CategoryMapper } from './category-map.js';
import type { DecodeResult, JsonObject } from './result.js';
import { isJsonObject, objectOrEmpty, reject } from './result.js';
import { wireTime } from './native.js';
import { INVALID, actionFromText, optIp, optPort, optProto, optText, optUint } from './wire.js';

const obj = objectOrEmpty;

/** ECS event.severity (0-100) by quartiles: <25 low, <50 medium, <75 high, else critical. */
export function ecsSeverity(n: number): Severity {
  return n < 25 ? 'low' : n < 50 ? 'medium' : n < 75 ? 'high' : 'critical';
}

export function isEcs(o: JsonObject): boolean {
  return o['@timestamp'] !== undefined && isJsonObject(o.event);
}

export function decodeEcs(o: JsonObject, siteId: string, sensorId: string, mapper: CategoryMapper): DecodeResult {
  const ts = o['@timestamp'];
  const time = typeof ts === 'string' || typeof ts === 'number' ? wireTime(ts) : NaN;
  if (Number.isNaN(time)) return reject('bad_field:@timestamp', 'expected ISO 8601 or epoch ms');
  const ev = obj(o.event);
  const source = obj(o.source);
  const destination = obj(o.destination);
  const rule = obj(o.rule);

  const srcIp = optIp(source.ip);
  if (srcIp === INVALID) return reject('bad_field:source.ip', 'not an IP address');
  const destIp = optIp(destination.ip);
  if (destIp === INVALID) return reject('bad_field:destination.ip', 'not an IP address');
  const srcPort = optPort(source.port);
  if (srcPort === INVALID) return reject('bad_field:source.port', 'not a port number');
  const destPort = optPort(destination.port);
  if (destPort === INVALID) return reject('bad_field:destination.port', 'not a port number');

  const sev = ev.severity;
  let base: Severity;
  if (sev === undefined || sev === null) base = 'low';
  else if (typeof sev === 'number' && sev >= 0 && sev <= 100) base = ecsSeverity(sev);
  else return reject('bad_field:event.severity', 'expected a number 0-100');

  // The cut rule name (what the wall keeps and shows), so it is cut and copied once.
  const signature = optText(rule.name);
  const ruleCategory = rule.category;
  const category = mapper.forEcs(ev.category, signature ?? undefined, typeof ruleCategory === 'string' ? ruleCategory : undefined);
  const ruleId = rule.id;
  let signatureId = optUint(ruleId);
  if (signatureId === null && typeof ruleId === 'string' && ruleId.length > 0 && ruleId.length <= 15) {
    const n = Number(ruleId);
    if (Number.isSafeInteger(n) && n >= 0 && String(n) === ruleId) signatureId = n; // digits only
  }
  const network = obj(o.network);
  const event: SecurityEvent = {
    time,
    siteId,
    sensorId,
    category,
    severity: mapper.applyMinimum(category, base),
    action: actionFromText(ev.action),
    srcIp,
    srcPort,
    destIp,
    destPort,
    proto: optProto(network.transport),
    signature,
    signatureId,
    count: 1,
  };
  // ECS threat.* (Elastic's detection rules); Wazuh documents carry rule.mitre instead.
  const tags = o.threat !== undefined ? attackFromEcsThreat(o.threat) : rule.mitre !== undefined ? attackFromWazuhRule(rule) : null;
  if (tags !== null) event.attack = { tactics: tags.tactics, techniques: tags.techniques, source: 'sensor' };
  const id = ev.id;
  const dedupKey = typeof id === 'string' && id.length > 0 && id.length <= 128 ? `${siteId}/${sensorId}/${id}` : null;
  return { kind: 'event', event, dedupKey };
}
