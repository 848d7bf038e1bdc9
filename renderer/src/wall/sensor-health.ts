// Sensor health: which sites are dark and for how long. Pure (unit-tested).
import type { ForwarderHealth, SensorWatch, SiteState } from '../../../electron/contract/index.js';

export interface DarkSite {
  id: string;
  /** Epoch ms the site was last heard from (newest sensor heartbeat or event), or null. */
  lastSeenAt: number | null;
}

/** A sensor the watch flags: silent, or far below its baseline. */
export interface SilentSource {
  siteId: string;
  sensorId: string;
  watch: SensorWatch;
}

/** A sensor whose forwarder reports trouble in its heartbeat. */
export interface DegradedForwarder {
  siteId: string;
  sensorId: string;
  forwarder: ForwarderHealth;
}

export interface SensorHealth {
  /** Sites reporting (quiet, attacked, critical). */
  online: number;
  /** Sites whose sensors stopped reporting: longest dark first. */
  offline: DarkSite[];
  /** Sites never heard from (catalogue order). Kept apart: "unknown" is not "went dark". */
  unknown: string[];
  /** Sites whose sensors heartbeat but send no events where events are expected: unknown too, but not "never reported". */
  blind: string[];
  /** Flagged sensors of the sites shown: tampering first, then critical, then warnings; longest silent first. */
  silent: SilentSource[];
  /** Sensors whose forwarder is degraded or stopping: stopping first, then the longest queue. */
  forwarders: DegradedForwarder[];
}

const WATCH_ORDER = (w: SensorWatch) => (w.tamper ? 0 : w.level === 'critical' ? 1 : 2);

/** Newest `sensors[].lastSeenAt` of a site (its newest event when it lists no sensor), or null. */
export function lastSeenOf(s: SiteState | undefined): number | null {
  if (!s) return null;
  let last: number | null = null;
  for (const x of s.sensors) if (Number.isFinite(x.lastSeenAt) && (last === null || x.lastSeenAt > last)) last = x.lastSeenAt;
  return last ?? s.lastEventAt ?? null;
}

export function sensorHealth(
  catalogue: readonly { id: string }[],
  sites: ReadonlyMap<string, SiteState>,
  only: ReadonlySet<string> | null,
): SensorHealth {
  const out: SensorHealth = { online: 0, offline: [], unknown: [], blind: [], silent: [], forwarders: [] };
  for (const c of catalogue) {
    if (only && !only.has(c.id)) continue;
    const s = sites.get(c.id);
    const status = s?.status ?? 'unknown';
    if (status === 'offline') out.offline.push({ id: c.id, lastSeenAt: lastSeenOf(s) });
    else if (status === 'unknown') (s !== undefined && s.sensors.length > 0 ? out.blind : out.unknown).push(c.id);
    else out.online++;
    // A dark site's sensors are listed as the site; the watch speaks for sites still heard from.
    if (s !== undefined && status !== 'offline') {
      for (const x of s.sensors) {
        if (x.watch) out.silent.push({ siteId: c.id, sensorId: x.id, watch: x.watch });
        if (x.forwarder) out.forwarders.push({ siteId: c.id, sensorId: x.id, forwarder: x.forwarder });
      }
    }
  }
  out.silent.sort((a, b) => WATCH_ORDER(a.watch) - WATCH_ORDER(b.watch) || a.watch.lastEventAt - b.watch.lastEventAt || a.siteId.localeCompare(b.siteId) || a.sensorId.localeCompare(b.sensorId));
  out.forwarders.sort((a, b) => Number(b.forwarder.status === 'stopping') - Number(a.forwarder.status === 'stopping') || b.forwarder.queued - a.forwarder.queued || a.siteId.localeCompare(b.siteId) || a.sensorId.localeCompare(b.sensorId));
  // Longest dark first; a dark site with no time at all is the longest.
  out.offline.sort((a, b) => (a.lastSeenAt ?? -Infinity) - (b.lastSeenAt ?? -Infinity) || a.id.localeCompare(b.id));
  return out;
}
