import { beforeAll, describe, expect, it } from 'vitest';
import type { SecurityEvent, Severity } from '../../../electron/contract/index.js';
import { findGeoData, openGeoDatabase, type GeoDatabase } from '../../../electron/core/origins/geo-data.js';
import { OriginEnricher } from '../../../electron/core/origins/origin-enricher.js';
import { OriginTallies } from '../../../electron/core/origins/origin-tallies.js';

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0);
let geo: GeoDatabase;
beforeAll(async () => {
  geo = await openGeoDatabase(findGeoData());
}, 30_000);

function event(srcIp: string | null, severity: Severity = 'medium', siteId = 'so-tttt'): SecurityEvent {
  return { time: T0, siteId, sensorId: 'ids-1', category: 'targeted', severity, action: 'unknown', srcIp, srcPort: null, destIp: null, destPort: null, proto: null, signature: 'x', signatureId: 1, count: 1 };
}

describe('OriginTallies', () => {
  it('ranks countries and operators, keeps internal and unknown apart, and arcs only high events from abroad', () => {
    const o = new OriginTallies(new OriginEnricher(geo));
    for (let i = 0; i < 3; i++) o.record(event('114.114.114.114'), T0);
    o.record(event('77.88.8.8', 'critical'), T0);
    o.record(event('8.8.8.8', 'high'), T0);
    o.record(event('8.8.4.4', 'low'), T0);
    o.record(event('14.160.0.1', 'critical'), T0);
    o.record(event('10.0.0.5', 'critical'), T0);
    o.record(event(null), T0);
    const f = o.frame('snapshot', T0);
    expect(f.countries.map((c) => [c.country, c.hour])).toEqual([['CN', 3], ['US', 2], ['RU', 1], ['VN', 1]]);
    expect(f.operators.find((x) => x.asn === 45899)).toMatchObject({ country: 'VN', hour: 1 });
    expect(f.operators.find((x) => x.asn === 45899)?.name).toMatch(/VNPT/u);
    expect(f.internal).toEqual({ hour: 1, day: 1 });
    // Arcs: RU critical and US high; not VN (domestic), not the low one, not the internal one.
    expect(f.arcs.map((a) => a.country)).toEqual(['US', 'RU']);
    expect(o.byCountryTotal.get('CN')).toBe(3);
    expect(o.internalTotal).toBe(1);
  });

  it("sends a delta's new arcs once, and keeps at most the arcs bound", () => {
    const o = new OriginTallies(new OriginEnricher(geo));
    o.record(event('77.88.8.8', 'high'), T0);
    expect(o.frame('delta', T0).arcs).toHaveLength(1);
    expect(o.frame('delta', T0).arcs).toHaveLength(0);
    for (let i = 0; i < 100; i++) o.record(event('77.88.8.8', 'high'), T0);
    expect(o.frame('delta', T0).arcs).toHaveLength(24);
    expect(o.frame('snapshot', T0).arcs).toHaveLength(24);
  });

  it('survives a save through its checked form', () => {
    const o = new OriginTallies(new OriginEnricher(geo));
    o.record(event('77.88.8.8', 'high'), T0);
    o.record(event('14.160.0.1'), T0);
    const back = new OriginTallies(new OriginEnricher(geo));
    back.importState(OriginTallies.parseState(JSON.parse(JSON.stringify(o.exportState())), 'origins'));
    expect(back.frame('snapshot', T0)).toEqual(o.frame('snapshot', T0));
    const bad = { ...o.exportState(), arcs: [{ ...o.exportState().arcs[0], country: 'Russia' }] };
    expect(() => OriginTallies.parseState(bad, 'origins')).toThrow(/origins\.arcs\[0\]\.country/u);
  });
});
