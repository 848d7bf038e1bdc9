// The watch inside the wall's state: a site whose sensor still heartbeats but sends no event
// is "unknown" on the map, never "quiet"; the sensor carries its verdict in frames; alarms.yaml's
// `sources` rule raises one alarm per sensor and escalates it to tampering; /metrics counts it;
// the journal's state brings it back.
import { describe, expect, it } from 'vitest';
import type { LinkState, SecurityEvent, SiteState } from '../../../electron/contract/index.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';
import { compileAlarmRules } from '../../../electron/core/alarms/alarm-rules.js';
import { compileWatchRules } from '../../../electron/core/watch/watch-rules.js';
import { renderMetrics } from '../../../electron/core/metrics.js';

const LINK: LinkState = { status: 'connected', broker: 'mqtt://127.0.0.1', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null };
const MIN = 60_000;
const T0 = Date.parse('2026-12-02T10:00:00+07:00');

function event(sensorId: string, time: number, severity: SecurityEvent['severity'] = 'low'): SecurityEvent {
  return {
    time, siteId: 'ubnd-an-bien', sensorId, category: 'scan', severity, action: 'blocked',
    srcIp: '45.134.26.10', srcPort: 4444, destIp: '10.0.0.5', destPort: 22, proto: 'TCP', signature: 'ET SCAN test', signatureId: 1, count: 1,
  };
}

function wall() {
  let now = T0;
  const agg = new WallAggregator({
    siteIds: ['ubnd-an-bien'],
    now: () => now,
    watchRules: compileWatchRules({ version: 1, kinds: [{ sensor: 'edr*', kind: 'endpoint' }] }),
    alarms: {
      rules: compileAlarmRules({
        version: 1,
        rules: [{ id: 'any-critical', min_severity: 'critical', priority: { critical: 'medium' } }],
        sources: { id: 'silent-source', priority: { critical: 'medium', tamper: 'high' }, clear_s: 60 },
      }),
    },
  });
  const heartbeat = (sensorId: string) => agg.apply({ kind: 'heartbeat', siteId: 'ubnd-an-bien', sensorId, time: now }, now);
  return {
    agg,
    heartbeat,
    send: (e: SecurityEvent) => agg.apply({ kind: 'event', event: e, dedupKey: null }, now),
    at: (t: number) => (now = t),
    site: (): SiteState => agg.snapshot(LINK).sites.find((s) => s.id === 'ubnd-an-bien')!,
  };
}

describe('the watch in the wall', () => {
  it('heartbeats without events: the sensor is flagged, the site unknown, an alarm raised once and escalated', () => {
    const w = wall();
    w.heartbeat('edr-01');
    w.send(event('edr-01', T0, 'high'));
    expect(w.site().status).toBe('critical');
    // Heartbeats keep coming every 30 s (the forwarder is alive); the events stop.
    for (let t = T0 + 30_000; t <= T0 + 12 * MIN; t += 30_000) {
      w.at(t);
      w.heartbeat('edr-01');
      w.agg.delta(LINK);
    }
    const s = w.site();
    expect(s.sensors[0]).toMatchObject({ id: 'edr-01', online: true, watch: { level: 'critical', reason: 'silent', tamper: true, lastEventAt: T0 } });
    expect(s.status).toBe('unknown');
    const alarms = w.agg.snapshot(LINK).alarms.alarms.filter((a) => a.rule === 'silent-source');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ siteId: 'ubnd-an-bien', sensorId: 'edr-01', watch: 'tamper', priority: 'high', count: 1, state: 'active-unacknowledged' });
    // Seen every frame while flagged, but a delta carries it only when it changes.
    const later = w.agg.delta(LINK);
    expect(later.alarms?.alarms ?? []).toEqual([]);
    const metrics = renderMetrics({
      eventsTotal: w.agg.eventsTotal, ingest: w.agg.ingestStats(), link: LINK, framesTotal: 0, frameSeq: 0, rejectedCalls: {}, clients: 0,
      watch: { summary: w.agg.watch.summary(), entered: w.agg.watch.entered },
    });
    expect(metrics).toContain('socwall_sources_watched 1');
    expect(metrics).toContain('socwall_sources_flagged{state="tamper"} 1');
    expect(metrics).toContain('socwall_sources_flagged_total{state="tamper"} 1');
  });

  it('one sensor silent beside a busy one: flagged, the site still reports (not unknown); events back clear the alarm', () => {
    const w = wall();
    w.send(event('edr-01', T0));
    w.send(event('ids-01', T0));
    for (let t = T0 + MIN; t <= T0 + 6 * MIN; t += MIN) {
      w.at(t);
      w.send(event('ids-01', t));
      w.agg.delta(LINK);
    }
    const s = w.site();
    expect(s.status).not.toBe('unknown');
    expect(s.sensors.find((x) => x.id === 'edr-01')?.watch).toMatchObject({ level: 'critical', tamper: false });
    expect(s.sensors.find((x) => x.id === 'ids-01')?.watch).toBeUndefined();
    expect(w.agg.snapshot(LINK).alarms.alarms.find((a) => a.rule === 'silent-source')).toMatchObject({ watch: 'critical', priority: 'medium' });
    // Its events return; 60 s later the alarm is back to normal (waiting for an acknowledgement).
    w.at(T0 + 7 * MIN);
    w.send(event('edr-01', T0 + 7 * MIN));
    w.agg.delta(LINK);
    w.at(T0 + 8 * MIN + 1000);
    w.agg.delta(LINK);
    expect(w.agg.snapshot(LINK).alarms.alarms.find((a) => a.rule === 'silent-source')).toMatchObject({ state: 'cleared-unacknowledged' });
    expect(w.site().sensors.find((x) => x.id === 'edr-01')?.watch).toBeUndefined();
  });

  it('the journal state keeps the watch: a restored wall flags the same sensor', () => {
    const w = wall();
    w.send(event('edr-01', T0));
    w.at(T0 + MIN);
    w.agg.delta(LINK);
    const saved = JSON.parse(JSON.stringify(w.agg.exportState())) as unknown;
    const restored = wall();
    restored.at(T0 + MIN);
    expect(restored.agg.importState(saved)).toEqual([]);
    // Watching from its own start (T0 + 1 min in this wall's clock: `now` at construction was T0).
    restored.at(T0 + 7 * MIN);
    restored.agg.delta(LINK);
    expect(restored.site().sensors.find((x) => x.id === 'edr-01')?.watch).toMatchObject({ level: 'critical', reason: 'silent', lastEventAt: T0 });
  });
});
