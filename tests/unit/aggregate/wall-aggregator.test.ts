import { describe, expect, it } from 'vitest';
import type { LinkState, SecurityEvent } from '../../../electron/contract/index.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';

const LINK: LinkState = { status: 'connected', broker: 'mqtt://127.0.0.1', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null };

function event(over: Partial<SecurityEvent>): SecurityEvent {
  return { time: 0, siteId: 'a', sensorId: 'ids-01', category: 'scan', severity: 'low', action: 'blocked', srcIp: '198.51.100.1', srcPort: 1, destIp: '10.0.0.1', destPort: 22, proto: 'TCP', signature: 'ET SCAN x', signatureId: 1, count: 1, ...over };
}

function setup(start = Date.parse('2026-11-25T03:00:00Z')) {
  let now = start;
  const agg = new WallAggregator({ siteIds: ['a', 'b'], now: () => now });
  return { agg, advance: (ms: number) => (now += ms), get now() { return now; } };
}

describe('WallAggregator', () => {
  it('reports how full each bounded structure is, never past its bound', () => {
    let now = Date.parse('2026-11-25T03:00:00Z');
    const agg = new WallAggregator({ siteIds: ['a'], now: () => now, dedupCapacity: 10, sketchCapacity: 4, bounds: { maxKpiNames: 3 } });
    const empty = agg.occupancy();
    expect(empty.dedupKeys).toEqual({ size: 0, bound: 10 });
    expect(empty.topSources).toEqual({ size: 0, bound: 4 });
    expect(empty.kpiNames).toEqual({ size: 0, bound: 3 });
    for (let i = 0; i < 200; i++) {
      now += 10;
      agg.apply({ kind: 'event', event: event({ time: now, severity: 'high', srcIp: `198.51.100.${i}` }), dedupKey: `k${i}` }, now);
      agg.apply({ kind: 'kpi', name: `kpi-${i}`, value: i, time: now }, now);
    }
    const full = agg.occupancy();
    expect(full.dedupKeys).toEqual({ size: 10, bound: 10 });
    expect(full.topSources).toEqual({ size: 4, bound: 4 });
    expect(full.incidents).toEqual({ size: 50, bound: 50 });
    expect(full.kpiNames).toEqual({ size: 3, bound: 3 });
    expect(full.sites.size).toBe(1);
  });

  it('counts today and this year per category, and rejects/ignores by reason', () => {
    const w = setup();
    w.agg.apply({ kind: 'event', event: event({ time: w.now, category: 'malware', severity: 'high' }), dedupKey: null }, w.now);
    w.agg.apply({ kind: 'event', event: event({ time: w.now, count: 4 }), dedupKey: null }, w.now);
    w.agg.apply({ kind: 'rejected', reason: 'not_json', detail: '' }, w.now);
    w.agg.apply({ kind: 'ignored', type: 'eve:flow' }, w.now);
    const f = w.agg.snapshot(LINK);
    expect(f.counters.today).toMatchObject({ malware: 1, scan: 4 });
    expect(f.counters.thisYear).toMatchObject({ malware: 1, scan: 4 });
    expect(f.ingest).toMatchObject({ received: 4, accepted: 2, rejected: 1, ignored: 1, rejectedByReason: { not_json: 1 }, ignoredByType: { 'eve:flow': 1 } });
    expect(f.incidents).toHaveLength(1);
    expect(f.top.sources[0]).toEqual({ key: '198.51.100.1', count: 5, error: 0 });
  });

  it('carries KPIs: all of them in a snapshot, only the updated ones in the next delta, none again after', () => {
    const w = setup();
    w.agg.apply({ kind: 'kpi', name: 'open-incidents', value: 7, time: w.now }, w.now);
    w.agg.apply({ kind: 'kpi', name: 'mttr-hours', value: 12.5, time: w.now }, w.now);
    expect(w.agg.snapshot(LINK).kpis.map((k) => k.name)).toEqual(['mttr-hours', 'open-incidents']);
    expect(w.agg.delta(LINK).kpis.map((k) => [k.name, k.value])).toEqual([['mttr-hours', 12.5], ['open-incidents', 7]]);
    expect(w.agg.delta(LINK).kpis).toEqual([]);
    w.agg.apply({ kind: 'kpi', name: 'open-incidents', value: 9, time: w.now + 1 }, w.now);
    expect(w.agg.delta(LINK).kpis).toEqual([{ name: 'open-incidents', value: 9, time: w.now + 1 }]);
    // A snapshot in between does not consume what the next delta carries.
    w.agg.apply({ kind: 'kpi', name: 'mttr-hours', value: 11, time: w.now }, w.now);
    expect(w.agg.snapshot(LINK).kpis).toHaveLength(2);
    expect(w.agg.delta(LINK).kpis.map((k) => k.name)).toEqual(['mttr-hours']);
  });

  it('resets today at local midnight but keeps the year', () => {
    const w = setup(Date.parse('2026-11-25T16:59:00Z'));
    w.agg.apply({ kind: 'event', event: event({ time: w.now }), dedupKey: null }, w.now);
    w.advance(120_000); // 00:01 in Vietnam, next day
    const f = w.agg.snapshot(LINK);
    expect(f.counters.day).toBe('2026-11-26');
    expect(f.counters.today.scan).toBe(0);
    expect(f.counters.thisYear.scan).toBe(1);
  });

  it('a late event from yesterday counts in the year, not today', () => {
    const w = setup();
    w.agg.apply({ kind: 'event', event: event({ time: w.now - 86_400_000 }), dedupKey: null }, w.now);
    const f = w.agg.snapshot(LINK);
    expect(f.counters.today.scan).toBe(0);
    expect(f.counters.thisYear.scan).toBe(1);
  });

  it('counts an event in this year only from local midnight of 1 January', () => {
    const w = setup(Date.parse('2026-12-31T17:10:00Z')); // 00:10 on 1 January 2027 in Vietnam
    w.agg.apply({ kind: 'event', event: event({ time: Date.parse('2026-12-31T16:59:59Z') }), dedupKey: null }, w.now);
    w.agg.apply({ kind: 'event', event: event({ time: Date.parse('2026-12-31T17:00:00Z'), category: 'spoof' }), dedupKey: null }, w.now);
    const f = w.agg.snapshot(LINK);
    expect(f.counters.year).toBe(2027);
    expect(f.counters.thisYear).toMatchObject({ scan: 0, spoof: 1 });
  });

  it('deltas carry only new incidents and changed sites, with consecutive seq', () => {
    const w = setup();
    const d0 = w.agg.delta(LINK);
    w.agg.apply({ kind: 'event', event: event({ time: w.now, severity: 'critical', siteId: 'b' }), dedupKey: null }, w.now);
    w.advance(250);
    const d1 = w.agg.delta(LINK);
    w.advance(250);
    const d2 = w.agg.delta(LINK);
    expect([d0.seq, d1.seq, d2.seq]).toEqual([1, 2, 3]);
    expect(d1.incidents).toHaveLength(1);
    expect(d2.incidents).toHaveLength(0);
    expect(d1.sites.map((s) => s.id)).toEqual(['b']);
    expect(d1.sites[0]!.status).toBe('critical');
    expect(d2.sites).toEqual([]);
    // A snapshot in between does not disturb the delta bookkeeping.
    const snap = w.agg.snapshot(LINK);
    expect(snap.seq).toBe(3);
    expect(snap.sites).toHaveLength(2);
  });

  it('drops a duplicate by identity and counts it', () => {
    const w = setup();
    const r = { kind: 'event' as const, event: event({ time: w.now }), dedupKey: 'a/ids-01/42' };
    w.agg.apply(r, w.now);
    w.agg.apply(r, w.now);
    const f = w.agg.snapshot(LINK);
    expect(f.counters.today.scan).toBe(1);
    expect(f.ingest.duplicates).toBe(1);
  });

  it('keeps the incident list bounded', () => {
    const w = setup();
    for (let i = 0; i < 500; i++) w.agg.apply({ kind: 'event', event: event({ time: w.now, severity: 'high' }), dedupKey: null }, w.now);
    expect(w.agg.snapshot(LINK).incidents).toHaveLength(50);
    expect(w.agg.delta(LINK).incidents).toHaveLength(50);
  });

  it('frame timeline windows have fixed lengths', () => {
    const w = setup();
    const f = w.agg.snapshot(LINK);
    expect(f.timeline.seconds.values.scan).toHaveLength(3600);
    expect(f.timeline.minutes.values.scan).toHaveLength(1440);
  });
});
