// Identities from the wire (sites, sensors, KPI names, dedup keys) cannot grow the state
// without bound: past each bound they are refused and counted, and the saved state, with
// every bound full of worst-case text, stays under the journal's 16 MiB.
import { describe, expect, it } from 'vitest';
import { heapUsed } from '../../helpers/heap.js';
import type { LinkState, SecurityEvent } from '../../../electron/contract/index.js';
import { boundedKey, DEDUP_KEYS_SAVED, MAX_KEY_CHARS } from '../../../electron/core/aggregate/dedup-window.js';
import { DEFAULT_STATE_BOUNDS } from '../../../electron/core/aggregate/state-bounds.js';
import type { AggregatorState } from '../../../electron/core/aggregate/aggregator-state.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';
import { loadSiteCatalogue } from '../../../electron/core/config/resources.js';
import { DEFAULT_MAX_SNAPSHOT_BYTES, SnapshotJournal } from '../../../electron/core/journal/snapshot-journal.js';
import { STATE_FORMAT } from '../../../electron/core/journal/wall-journal.js';
import { renderMetrics } from '../../../electron/core/metrics.js';

const LINK: LinkState = { status: 'connected', broker: 'mqtt://127.0.0.1', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null };
const SITES = loadSiteCatalogue().map((s) => s.id);
const START = Date.parse('2026-11-25T03:00:00Z');

function event(over: Partial<SecurityEvent>): SecurityEvent {
  return { time: START, siteId: SITES[0]!, sensorId: 'ids-01', category: 'scan', severity: 'low', action: 'blocked', srcIp: '198.51.100.1', srcPort: 1, destIp: '10.0.0.1', destPort: 22, proto: 'TCP', signature: 'ET SCAN x', signatureId: 1, count: 1, ...over };
}

function wall(over: ConstructorParameters<typeof WallAggregator>[0] extends infer O ? Partial<O> : never = {}) {
  const clock = { now: START };
  const agg = new WallAggregator({ siteIds: SITES, now: () => clock.now, ...over });
  return { agg, clock };
}


describe('state from the wire stays bounded', () => {
  it('1,000,000 heartbeats from distinct sensors on catalogue sites: sensors capped per site and in total, the rest refused as sensor_limit, frames stay small', () => {
    const { agg, clock } = wall();
    agg.delta(LINK);
    const before = heapUsed();
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) {
      agg.apply({ kind: 'heartbeat', siteId: SITES[i % SITES.length]!, sensorId: `sensor-${i}`, time: clock.now }, clock.now);
    }
    const applyMs = performance.now() - t0;
    const grown = heapUsed() - before;
    const { sites, sensors } = agg.sites.size;
    expect(sites).toBe(SITES.length);
    expect(sensors).toBe(Math.min(DEFAULT_STATE_BOUNDS.maxSensorsTotal, SITES.length * DEFAULT_STATE_BOUNDS.maxSensorsPerSite));
    const refused = 1_000_000 - sensors;
    expect(agg.ingestStats()).toMatchObject({ received: 1_000_000, accepted: sensors, rejected: refused, rejectedByReason: { sensor_limit: refused } });
    expect(agg.refusedByLimit()).toEqual({ sensor_limit: refused });
    // Each site has at most maxSensorsPerSite.
    const snap = agg.snapshot(LINK);
    for (const s of snap.sites) expect(s.sensors.length).toBeLessThanOrEqual(DEFAULT_STATE_BOUNDS.maxSensorsPerSite);
    const firstDelta = JSON.stringify(agg.delta(LINK)).length;
    const t1 = performance.now();
    const quietDelta = JSON.stringify(agg.delta(LINK)).length;
    const quietMs = performance.now() - t1;
    console.log(
      `1,000,000 distinct sensor heartbeats: heap +${(grown / 1e6).toFixed(1)} MB, ${sensors} sensors tracked, ` +
        `first delta ${(firstDelta / 1024).toFixed(0)} KiB, unchanged delta ${(quietDelta / 1024).toFixed(1)} KiB in ${quietMs.toFixed(1)} ms, apply ${applyMs.toFixed(0)} ms`,
    );
    expect(grown).toBeLessThan(32 * 1024 * 1024);
    expect(firstDelta).toBeLessThan(512 * 1024);
    expect(quietDelta).toBeLessThan(32 * 1024);
  });

  it('per site: a site holds at most maxSensorsPerSite; another site still takes new sensors', () => {
    const { agg, clock } = wall({ bounds: { maxSensorsPerSite: 3, maxSensorsTotal: 5 } });
    for (const id of ['a', 'b', 'c', 'd']) agg.apply({ kind: 'heartbeat', siteId: SITES[0]!, sensorId: id, time: clock.now }, clock.now);
    agg.apply({ kind: 'heartbeat', siteId: SITES[1]!, sensorId: 'x', time: clock.now }, clock.now);
    agg.apply({ kind: 'heartbeat', siteId: SITES[1]!, sensorId: 'y', time: clock.now }, clock.now);
    agg.apply({ kind: 'heartbeat', siteId: SITES[2]!, sensorId: 'z', time: clock.now }, clock.now); // total reached
    // Known sensors keep reporting, past the bounds or not.
    clock.now += 1000;
    agg.apply({ kind: 'heartbeat', siteId: SITES[0]!, sensorId: 'a', time: clock.now }, clock.now);
    const snap = agg.snapshot(LINK);
    const sensorsOf = (id: string) => snap.sites.find((s) => s.id === id)!.sensors.map((s) => s.id);
    expect(sensorsOf(SITES[0]!)).toEqual(['a', 'b', 'c']);
    expect(sensorsOf(SITES[1]!)).toEqual(['x', 'y']);
    expect(sensorsOf(SITES[2]!)).toEqual([]);
    expect(snap.sites.find((s) => s.id === SITES[0]!)!.sensors[0]!.lastSeenAt).toBe(clock.now);
    expect(agg.ingestStats().rejectedByReason).toEqual({ sensor_limit: 2 });
  });

  it('once a bound refuses a newcomer, sensors silent past the retention are forgotten at the next frame; below the bounds nothing is', () => {
    const { agg, clock } = wall({ bounds: { maxSensorsPerSite: 2, maxSensorsTotal: 3 } });
    const beat = (site: string, id: string) => agg.apply({ kind: 'heartbeat', siteId: site, sensorId: id, time: clock.now }, clock.now);
    beat(SITES[0]!, 'old');
    clock.now += 2 * DEFAULT_STATE_BOUNDS.sensorRetentionMs;
    agg.delta(LINK);
    expect(agg.sites.size.sensors).toBe(1); // below the bounds: a long-dead sensor stays, shown offline
    beat(SITES[0]!, 'live');
    beat(SITES[1]!, 'other');
    beat(SITES[0]!, 'new'); // site full: refused
    expect(agg.ingestStats().rejectedByReason).toEqual({ sensor_limit: 1 });
    agg.delta(LINK);
    expect(agg.sites.size.sensors).toBe(2);
    beat(SITES[0]!, 'new');
    const sensorsOf = (id: string) => agg.snapshot(LINK).sites.find((s) => s.id === id)!.sensors.map((s) => s.id);
    expect(sensorsOf(SITES[0]!)).toEqual(['live', 'new']);
    expect(sensorsOf(SITES[1]!)).toEqual(['other']);
  });

  it('an event from a sensor past the bounds still counts; only the sensor is not tracked (counted as sensor_limit)', () => {
    const { agg, clock } = wall({ bounds: { maxSensorsPerSite: 1 } });
    agg.apply({ kind: 'event', event: event({ sensorId: 'ids-01' }), dedupKey: null }, clock.now);
    agg.apply({ kind: 'event', event: event({ sensorId: 'ids-02', category: 'malware', severity: 'high' }), dedupKey: null }, clock.now);
    const snap = agg.snapshot(LINK);
    expect(snap.counters.today).toMatchObject({ scan: 1, malware: 1 });
    const site = snap.sites.find((s) => s.id === SITES[0])!;
    expect(site.count5m).toBe(2);
    expect(site.sensors.map((s) => s.id)).toEqual(['ids-01']);
    expect(snap.incidents).toHaveLength(1);
    expect(agg.ingestStats()).toMatchObject({ accepted: 2, rejected: 0 });
    expect(agg.refusedByLimit()).toEqual({ sensor_limit: 1 });
  });

  it('refusals are visible in /metrics: rejects by reason, and every identity refused by limit', () => {
    const { agg, clock } = wall({ bounds: { maxSensorsPerSite: 1, maxKpiNames: 1 } });
    agg.apply({ kind: 'heartbeat', siteId: SITES[0]!, sensorId: 'a', time: clock.now }, clock.now);
    agg.apply({ kind: 'heartbeat', siteId: SITES[0]!, sensorId: 'b', time: clock.now }, clock.now);
    agg.apply({ kind: 'event', event: event({ sensorId: 'c' }), dedupKey: null }, clock.now);
    agg.apply({ kind: 'kpi', name: 'x', value: 1, time: clock.now }, clock.now);
    agg.apply({ kind: 'kpi', name: 'y', value: 1, time: clock.now }, clock.now);
    const text = renderMetrics({
      eventsTotal: agg.eventsTotal,
      ingest: agg.ingestStats(),
      link: LINK,
      framesTotal: 0,
      frameSeq: 0,
      rejectedCalls: {},
      clients: 0,
      limits: agg.refusedByLimit(),
    });
    expect(text).toContain('socwall_events_rejected_total{reason="sensor_limit"} 1');
    expect(text).toContain('socwall_events_rejected_total{reason="kpi_limit"} 1');
    expect(text).toContain('socwall_state_refused_total{limit="sensor_limit"} 2');
    expect(text).toContain('socwall_state_refused_total{limit="kpi_limit"} 1');
  });

  it('KPI names are capped: a new name past the bound is refused as kpi_limit; known names keep updating', () => {
    const { agg, clock } = wall();
    const n = DEFAULT_STATE_BOUNDS.maxKpiNames;
    for (let i = 0; i < 100_000; i++) agg.apply({ kind: 'kpi', name: `kpi-${i}`, value: i, time: clock.now }, clock.now);
    agg.apply({ kind: 'kpi', name: 'kpi-0', value: 42, time: clock.now + 1 }, clock.now);
    expect(agg.kpi.size).toBe(n);
    expect(agg.kpi.get('kpi-0')).toEqual({ value: 42, time: clock.now + 1 });
    expect(agg.kpi.has(`kpi-${n}`)).toBe(false);
    expect(agg.ingestStats().rejectedByReason).toEqual({ kpi_limit: 100_000 - n });
    expect(agg.refusedByLimit()).toEqual({ kpi_limit: 100_000 - n });
  });

  it('sites outside the catalogue are capped (site_limit): heartbeats and posture refused, events counted in the totals only', () => {
    const { agg, clock } = wall({ bounds: { maxSites: SITES.length + 2 } });
    for (let i = 0; i < 10; i++) agg.apply({ kind: 'heartbeat', siteId: `rogue-${i}`, sensorId: 's', time: clock.now }, clock.now);
    agg.apply({ kind: 'endpoints', siteId: 'rogue-5', time: clock.now, total: 10, edr: 1, antivirus: 1, infected: 0 }, clock.now);
    agg.apply({ kind: 'event', event: event({ siteId: 'rogue-6' }), dedupKey: null }, clock.now);
    const snap = agg.snapshot(LINK);
    expect(snap.sites).toHaveLength(SITES.length + 2);
    expect(snap.counters.today.scan).toBe(1);
    expect(snap.endpoints.sitesReporting).toBe(0);
    expect(agg.refusedByLimit()).toEqual({ site_limit: 8 + 1 + 1 });
    expect(agg.ingestStats().rejectedByReason).toEqual({ site_limit: 9 });
  });

  it('dedup keys from long or escaped wire text are remembered as hashes; a redelivery is still caught', () => {
    const plain = 'kg-site/ids-01/1234567:2026-11-25T03:00:00.123456+0700:2001';
    expect(boundedKey(plain)).toBe(plain);
    const long = `kg-site/ids-01/1:2026-11-25T03:00:00Z:anomaly:${'đ'.repeat(500)}`;
    const escaped = 'kg-site/ids-01/"\u0001\\';
    for (const k of [long, escaped, 'x'.repeat(MAX_KEY_CHARS + 1)]) {
      expect(boundedKey(k)).toMatch(/^#[A-Za-z0-9_-]{43}$/u);
      expect(boundedKey(boundedKey(k))).toBe(boundedKey(k)); // idempotent: safe on import
    }
    expect(boundedKey(long)).not.toBe(boundedKey(`${long}x`));
    const { agg, clock } = wall();
    agg.apply({ kind: 'event', event: event({}), dedupKey: long }, clock.now);
    agg.apply({ kind: 'event', event: event({}), dedupKey: long }, clock.now);
    const restored = wall().agg;
    restored.importState(agg.exportState());
    restored.apply({ kind: 'event', event: event({}), dedupKey: long }, clock.now);
    expect(agg.ingestStats().duplicates).toBe(1);
    expect(restored.ingestStats().duplicates).toBe(2);
  });

  it('with every identity flooded by worst-case text, the saved state stays under 16 MiB (the journal never stops saving)', () => {
    const { agg, clock } = wall();
    // Characters JSON escapes as \u00XX (6 bytes each) and text outside ASCII.
    const nasty = (i: number, n: number) => `${i}:`.padEnd(n, '\u0001"\\đ\u2028');
    for (let i = 0; i < 5000; i++) {
      const siteId = i < SITES.length ? SITES[i]! : `rogue-site-${i}`.padEnd(64, 'x');
      for (let s = 0; s < 4; s++) agg.apply({ kind: 'heartbeat', siteId, sensorId: `${i}-${s}`.padEnd(64, 'y'), time: clock.now }, clock.now);
      agg.apply({ kind: 'endpoints', siteId, time: clock.now, total: 10_000_000, edr: 10_000_000, antivirus: 10_000_000, infected: 10_000_000 }, clock.now);
    }
    for (let i = 0; i < 1000; i++) agg.apply({ kind: 'kpi', name: `kpi-${i}`.padEnd(64, 'k'), value: -1.234567890123457e-300, time: clock.now }, clock.now);
    for (let i = 0; i < DEDUP_KEYS_SAVED + 5000; i++) {
      const e = event({
        time: clock.now - (i % 3600) * 1000,
        siteId: SITES[i % SITES.length]!,
        severity: 'critical',
        signature: nasty(i, 512),
        srcIp: `${i}`.padEnd(64, 'f'),
        destIp: `${i}`.padEnd(64, 'e'),
        count: 1_000_000,
      });
      agg.apply({ kind: 'event', event: e, dedupKey: `${i}/${nasty(i, 700)}` }, clock.now);
    }
    for (const r of ['not_json', 'bad_utf8', 'too_large', 'bad_field:time']) agg.apply({ kind: 'rejected', reason: r, detail: '' }, clock.now);
    // Counters at their widest: every one the largest safe integer.
    const state = agg.exportState();
    const widest = (a: number[]) => a.fill(Number.MAX_SAFE_INTEGER);
    for (const a of [state.today, state.thisYear, state.eventsTotal, state.seconds.counts, state.minutes.counts, state.rate.slots, state.topSignatures.counts, state.topSources.counts]) widest(a);
    for (const s of state.sites) if (s.head !== null) [s.counts, s.significant].forEach(widest);
    for (const s of state.sites) s.sensors.forEach((row) => (row[1] = -1.234567890123457e-300));
    const reloaded = wall().agg;
    reloaded.importState(JSON.parse(JSON.stringify(state)) as AggregatorState);
    const enc = new SnapshotJournal({ dir: 'unused' }).encode({ format: STATE_FORMAT, replayFrom: 4_294_967_295, savedAt: clock.now, state: reloaded.exportState() });
    expect(enc.ok).toBe(true);
    const bytes = enc.ok ? enc.data.length : Infinity;
    console.log(`worst-case saved state: ${(bytes / 1024 / 1024).toFixed(2)} MiB of ${DEFAULT_MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB`);
    expect(bytes).toBeLessThan(DEFAULT_MAX_SNAPSHOT_BYTES / 2);
  });

  it('a state saved with larger bounds is cut to this build’s on import, with a note', () => {
    const big = wall({ bounds: { maxSensorsPerSite: 10, maxKpiNames: 10 } });
    for (let i = 0; i < 10; i++) big.agg.apply({ kind: 'heartbeat', siteId: SITES[0]!, sensorId: `s-${i}`, time: START }, START);
    for (let i = 0; i < 10; i++) big.agg.apply({ kind: 'kpi', name: `k-${i}`, value: i, time: START }, START);
    const small = wall({ bounds: { maxSensorsPerSite: 4, maxKpiNames: 3 } });
    const notes = small.agg.importState(big.agg.exportState());
    expect(notes).toContain("past this build's bounds, left out: 0 sites, 6 sensors");
    expect(notes).toContain("past this build's bounds, left out: 7 KPI names");
    expect(small.agg.sites.size.sensors).toBe(4);
    expect(small.agg.kpi.size).toBe(3);
  });
});
