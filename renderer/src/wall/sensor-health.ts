// Sensor health: which sites are dark and for how long. Pure (unit-tested).
import type { SiteState } from '../../../electron/contract/index.js';

export interface DarkSite {
  id: string;
  /** Epoch ms the site was last heard from (newest sensor heartbeat or event), or null. */
  lastSeenAt: number | null;
}

export interface SensorHealth {
  /** Sites reporting (quiet, attacked, critical). */
  online: number;
  /** Sites whose sensors stopped reporting: longest dark first. */
  offline: DarkSite[];
  /** Sites never heard from (catalogue order). Kept apart: "unknown" is not "went dark". */
  unknown: string[];
}

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
  const out: SensorHealth = { online: 0, offline: [], unknown: [] };
  for (const c of catalogue) {
    if (only && !only.has(c.id)) continue;
    const s = sites.get(c.id);
    const status = s?.status ?? 'unknown';
    if (status === 'offline') out.offline.push({ id: c.id, lastSeenAt: lastSeenOf(s) });
    else if (status === 'unknown') out.unknown.push(c.id);
    else out.online++;
  }
  // Longest dark first; a dark site with no time at all is the longest.
  out.offline.sort((a, b) => (a.lastSeenAt ?? -Infinity) - (b.lastSeenAt ?? -Infinity) || a.id.localeCompare(b.id));
  return out;
}
