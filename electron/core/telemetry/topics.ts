// MQTT topic grammar of DESIGN.md "Default MQTT topics" (the prefix is configurable):
//   {prefix}/{siteId}/{sensorId}/event
//   {prefix}/{siteId}/{sensorId}/heartbeat
//   {prefix}/{siteId}/endpoints
//   {prefix}/province/kpi/{name}
// Site and sensor identity always come from the topic, never from the payload.

export const DEFAULT_PREFIX = 'soc/v1';

export type ParsedTopic =
  | { kind: 'event'; siteId: string; sensorId: string }
  | { kind: 'heartbeat'; siteId: string; sensorId: string }
  | { kind: 'endpoints'; siteId: string }
  | { kind: 'kpi'; name: string };

const MAX_ID_LENGTH = 64;

/** `^[a-z0-9][a-z0-9._-]{0,63}$`, as a char-code loop (hot path, no regex). */
export function isValidId(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > MAX_ID_LENGTH) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57); // a-z 0-9
    if (alnum) continue;
    if (i > 0 && (c === 46 || c === 95 || c === 45)) continue; // . _ -
    return false;
  }
  return true;
}

function normalisePrefix(prefix: string): string {
  let p = prefix;
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/**
 * Parses a concrete (publish) topic. Returns null for anything outside the grammar:
 * wrong prefix, wrong number of levels, unknown leaf, or an id that fails `isValidId`
 * (which also rules out the MQTT wildcards `+` and `#` and empty levels).
 * `province/kpi/...` is reserved: it is read as a KPI even though it has the shape of
 * an event/heartbeat topic of a site called "province".
 */
export function parseTopic(topic: string, prefix: string = DEFAULT_PREFIX): ParsedTopic | null {
  const p = normalisePrefix(prefix);
  if (topic.length <= p.length + 1 || !topic.startsWith(p) || topic.charCodeAt(p.length) !== 47 /* / */) {
    return null;
  }
  const parts = topic.slice(p.length + 1).split('/');
  if (parts.length === 3) {
    const a = parts[0] as string;
    const b = parts[1] as string;
    const c = parts[2] as string;
    if (a === 'province' && b === 'kpi') return isValidId(c) ? { kind: 'kpi', name: c } : null;
    if (!isValidId(a) || !isValidId(b)) return null;
    if (c === 'event') return { kind: 'event', siteId: a, sensorId: b };
    if (c === 'heartbeat') return { kind: 'heartbeat', siteId: a, sensorId: b };
    return null;
  }
  if (parts.length === 2) {
    const a = parts[0] as string;
    if (parts[1] === 'endpoints' && isValidId(a)) return { kind: 'endpoints', siteId: a };
    return null;
  }
  return null;
}

/** The wildcard filters the ingest subscribes to, for a given prefix. */
export function subscriptionsFor(prefix: string = DEFAULT_PREFIX): readonly string[] {
  const p = normalisePrefix(prefix);
  return [`${p}/+/+/event`, `${p}/+/+/heartbeat`, `${p}/+/endpoints`, `${p}/province/kpi/+`];
}

export const DEFAULT_SUBSCRIPTIONS: readonly string[] = Object.freeze(subscriptionsFor(DEFAULT_PREFIX));
