// How much state identities taken from the wire may create. Site and sensor ids come from
// the MQTT topic and KPI names from `province/kpi/{name}`: anyone who may publish can invent
// millions of them, and each one would live in memory, in every frame and in the journal.
// Past a bound the new identity is refused and counted under the bound's reason (`/metrics`:
// socwall_state_refused_total); what is already tracked keeps working.

export interface StateBounds {
  /** Sites tracked in all, the catalogue's included (catalogue sites are always tracked). */
  maxSites: number;
  /** Sensors tracked per site. */
  maxSensorsPerSite: number;
  /** Sensors tracked across all sites. */
  maxSensorsTotal: number;
  /** Distinct KPI names kept. */
  maxKpiNames: number;
  /**
   * Once a sensor bound has refused a newcomer, sensors silent for longer than this are
   * forgotten at the next frame, so a flood of invented ids does not lock real new sensors
   * out for good. Below the bounds nothing is ever forgotten.
   */
  sensorRetentionMs: number;
}

/**
 * A province has tens of sites with a few sensors each: these leave room for ten times that
 * and keep the saved state, with every bound full of worst-case ids, under 16 MiB
 * (tests/unit/aggregate/state-bounds.test.ts).
 */
export const DEFAULT_STATE_BOUNDS: Readonly<StateBounds> = Object.freeze({
  maxSites: 512,
  maxSensorsPerSite: 64,
  maxSensorsTotal: 2048,
  maxKpiNames: 256,
  sensorRetentionMs: 24 * 3600_000,
});

/** Reasons a piece of state from the wire is refused (labels of socwall_state_refused_total). */
export type LimitReason = 'site_limit' | 'sensor_limit' | 'kpi_limit';

export function stateBounds(over: Partial<StateBounds> | undefined): StateBounds {
  const b = { ...DEFAULT_STATE_BOUNDS, ...over };
  for (const [k, v] of Object.entries(b)) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`state bound ${k} must be a non-negative integer, got ${String(v)}`);
  }
  return b;
}
