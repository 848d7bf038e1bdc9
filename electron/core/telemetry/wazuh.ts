// Wazuh manager alerts: one line of /var/ossec/logs/alerts/alerts.json, or the same document as
// the Wazuh indexer stores it (which adds `@timestamp`, `_id`, ...). Read:
//   timestamp (else @timestamp), rule.level 0–15 (severity table), rule.groups + rule.description
//   (category), rule.description (signature), rule.id (signature id, digits only), rule.mitre
//   (ATT&CK), data.srcip/srcport/dstip/dstport/protocol/action, agent.ip, id (dedup key).
// Site and sensor come from the topic; agent.name and manager.name are never read.
import type { Category, EventAction, SecurityEvent } from '../../contract/index.js';
import { attackFromWazuhRule } from '../attack/attack-tags.js';
import type { CategoryMapper } from './category-map.js';
import type { DecodeResult, JsonObject } from './result.js';
import { given, isJsonObject, objectOrEmpty, reject } from './result.js';
import { parseIsoTime } from './time.js';
import { wireTime } from './native.js';
import { INVALID, actionFromText, optIp, optProto, optText, optUint } from './wire.js';

/** Groups read for the action, as CategoryMapper.forWazuh reads them for the category. */
const GROUPS_READ = 32;
/** Longer alert ids are no Wazuh id (`1684752043.76892`): no dedup key then. */
const MAX_ALERT_ID = 64;

/**
 * Transport protocols taken from `data.protocol`: Wazuh's firewall decoders put TCP/UDP/ICMP
 * there, but its web access-log decoders put the HTTP method ("GET") in the same field.
 */
const TRANSPORTS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'ICMP', 'ICMPV6', 'IPV6-ICMP', 'SCTP', 'GRE', 'ESP', 'AH', 'IGMP']);

/**
 * A Wazuh alert: `rule` is an object with a numeric `level`, and `agent` or `manager` is an
 * object. Both are always in alerts.json; ECS documents have no rule.level.
 */
export function isWazuh(o: JsonObject): boolean {
  const rule = o.rule;
  return isJsonObject(rule) && typeof rule.level === 'number' && (isJsonObject(o.agent) || isJsonObject(o.manager));
}

/**
 * A port as Wazuh decoders write it (a digit string, "34890") or as a JSON decoder passes it
 * through (a number): 0–65535. Absent → null, anything else → INVALID. A char loop, no Number().
 */
export function wazuhPort(x: unknown): number | null | false {
  if (!given(x)) return null;
  if (typeof x === 'number') return Number.isInteger(x) && x >= 0 && x <= 65535 ? x : INVALID;
  if (typeof x !== 'string' || x.length === 0 || x.length > 5) return INVALID;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return INVALID;
    n = n * 10 + d;
  }
  return n <= 65535 ? n : INVALID;
}

/** Which of two alternative keys holds the value: Wazuh's own (`srcip`), else the pass-through one (`src_ip`). */
function pick(data: JsonObject, own: string, passThrough: string): string {
  return data[own] !== undefined ? own : passThrough;
}

/**
 * blocked when the alert itself says so: a firewall log Wazuh classed as a drop (`firewall_drop`,
 * `multiple_drops`), or an active response that added a block (`active_response` with
 * `data.command` "add"; "delete" is its unblock, and other responses block nothing: unknown).
 */
function actionFromGroups(groups: unknown, command: unknown): EventAction {
  if (!Array.isArray(groups)) return 'unknown';
  const n = Math.min(groups.length, GROUPS_READ);
  for (let i = 0; i < n; i++) {
    const g: unknown = groups[i];
    if (g === 'firewall_drop' || g === 'multiple_drops') return 'blocked';
    if (g === 'active_response' && command === 'add') return 'blocked';
  }
  return 'unknown';
}

export function decodeWazuh(o: JsonObject, siteId: string, sensorId: string, mapper: CategoryMapper): DecodeResult {
  // The manager's alert time; the indexer's @timestamp is the same instant in UTC.
  let time: number;
  const ts = o.timestamp;
  if (given(ts)) {
    time = typeof ts === 'string' ? parseIsoTime(ts) : NaN;
    if (Number.isNaN(time)) return reject('bad_field:timestamp', 'expected an ISO 8601 time');
  } else {
    const at = o['@timestamp'];
    if (!given(at)) return reject('bad_field:timestamp', 'missing (neither timestamp nor @timestamp)');
    time = typeof at === 'string' || typeof at === 'number' ? wireTime(at) : NaN;
    if (Number.isNaN(time)) return reject('bad_field:@timestamp', 'expected ISO 8601 or epoch ms');
  }

  // isWazuh checked these; checked again so that a direct call cannot throw.
  const rule = o.rule;
  if (!isJsonObject(rule)) return reject('bad_field:rule', 'expected an object');
  const level = rule.level;
  const base = typeof level === 'number' && Number.isInteger(level) ? mapper.severityForWazuh(level) : null;
  if (base === null) return reject('bad_field:rule.level', 'expected an integer 0-15');

  const desc = rule.description;
  if (given(desc) && typeof desc !== 'string') return reject('bad_field:rule.description', 'expected a string');
  const signature = optText(desc);
  const groups = rule.groups;
  if (given(groups) && !Array.isArray(groups)) return reject('bad_field:rule.groups', 'expected an array of strings');
  // Non-string groups are skipped (forWazuh reads the first 32 only).
  const category: Category = mapper.forWazuh(groups, signature ?? undefined);

  const ruleId = rule.id;
  let signatureId: number | null = null;
  if (typeof ruleId === 'number') signatureId = optUint(ruleId);
  else if (typeof ruleId === 'string') {
    // Wazuh writes rule ids as digit strings ("5712"); any other string is no numeric id.
    if (ruleId.length > 0 && ruleId.length <= 15) {
      const n = Number(ruleId);
      if (Number.isSafeInteger(n) && n >= 0 && String(n) === ruleId) signatureId = n; // digits only
    }
  } else if (given(ruleId)) return reject('bad_field:rule.id', 'expected a digit string');

  const dataRaw = o.data;
  if (given(dataRaw) && !isJsonObject(dataRaw)) return reject('bad_field:data', 'expected an object');
  const data = objectOrEmpty(dataRaw);

  // Wazuh's decoders name them srcip/srcport/dstip/dstport; its JSON decoder passes a sensor's
  // own names through (Suricata's eve.json: src_ip, src_port, dest_ip, dest_port, proto).
  const srcIpKey = pick(data, 'srcip', 'src_ip');
  const srcIp = optIp(data[srcIpKey]);
  if (srcIp === INVALID) return reject(`bad_field:data.${srcIpKey}`, 'not an IP address');
  const srcPortKey = pick(data, 'srcport', 'src_port');
  const srcPort = wazuhPort(data[srcPortKey]);
  if (srcPort === INVALID) return reject(`bad_field:data.${srcPortKey}`, 'expected a port 0-65535 (digits or a number)');
  const destIpKey = pick(data, 'dstip', 'dest_ip');
  let destIp = optIp(data[destIpKey]);
  if (destIp === INVALID) return reject(`bad_field:data.${destIpKey}`, 'not an IP address');
  const destPortKey = pick(data, 'dstport', 'dest_port');
  const destPort = wazuhPort(data[destPortKey]);
  if (destPort === INVALID) return reject(`bad_field:data.${destPortKey}`, 'expected a port 0-65535 (digits or a number)');
  if (destIp === null) {
    // The agent is the host the alert is about (the victim): a destination, never the source.
    const agent = o.agent;
    if (isJsonObject(agent)) {
      const agentIp = optIp(agent.ip);
      if (agentIp === INVALID) return reject('bad_field:agent.ip', 'not an IP address');
      destIp = agentIp;
    }
  }

  const protoKey = pick(data, 'protocol', 'proto');
  const protoRaw = data[protoKey];
  if (given(protoRaw) && typeof protoRaw !== 'string' && typeof protoRaw !== 'number') {
    return reject(`bad_field:data.${protoKey}`, 'expected a protocol name or number');
  }
  let proto = optProto(protoRaw);
  if (proto !== null && typeof protoRaw === 'string' && !TRANSPORTS.has(proto)) proto = null;

  const actionRaw = data.action;
  if (given(actionRaw) && typeof actionRaw !== 'string') return reject('bad_field:data.action', 'expected a string');
  let action = actionFromText(actionRaw);
  if (action === 'unknown') action = actionFromGroups(groups, data.command);

  const event: SecurityEvent = {
    time,
    siteId,
    sensorId,
    category,
    // Level 0 ("ignored" rules someone chose to log) is still an alert: low, not dropped.
    severity: mapper.applyMinimum(category, base),
    action,
    srcIp,
    srcPort,
    destIp,
    destPort,
    proto,
    signature,
    signatureId,
    count: 1,
  };
  if (rule.mitre !== undefined) {
    const tags = attackFromWazuhRule(rule);
    if (tags !== null) event.attack = { tactics: tags.tactics, techniques: tags.techniques, source: 'sensor' };
  }
  // `id` ("1684752043.76892": epoch seconds and the alert's offset in alerts.json) is unique per manager.
  const id = o.id;
  const dedupKey = typeof id === 'string' && id.length > 0 && id.length <= MAX_ALERT_ID ? `${siteId}/${sensorId}/${id}` : null;
  return { kind: 'event', event, dedupKey };
}
