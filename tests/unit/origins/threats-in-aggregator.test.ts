// Origins and tactics as the wall's aggregator keeps them: in every snapshot, in deltas only
// when they changed (at most once a second), through a save and restore of the whole state
// (the journal's path), and in /metrics by country.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LinkState, SecurityEvent } from '../../../electron/contract/index.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';
import { AttackMapper } from '../../../electron/core/attack/attack-map.js';
import { readResourceJson } from '../../../electron/core/config/resources.js';
import { renderMetrics } from '../../../electron/core/metrics.js';
import { findGeoData, openGeoDatabase, type GeoDatabase } from '../../../electron/core/origins/geo-data.js';
import { OriginEnricher } from '../../../electron/core/origins/origin-enricher.js';

const LINK: LinkState = { status: 'connected', broker: 'mqtt://x', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null };
const T0 = Date.UTC(2026, 11, 2, 3, 0, 0);
let geo: GeoDatabase;
beforeAll(async () => {
  geo = await openGeoDatabase(findGeoData());
}, 30_000);

function wall(clock: { now: number }) {
  return new WallAggregator({
    siteIds: ['so-tttt', 'ubnd-tinh'],
    origins: new OriginEnricher(geo),
    attackMap: AttackMapper.fromJson(readResourceJson('attack-map.json')),
    now: () => clock.now,
  });
}

let n = 0;
function event(srcIp: string, over: Partial<SecurityEvent> = {}): SecurityEvent {
  return { time: T0, siteId: 'so-tttt', sensorId: 'ids-1', category: 'scan', severity: 'high', action: 'blocked', srcIp, srcPort: null, destIp: null, destPort: null, proto: null, signature: `s${n++}`, signatureId: 1, count: 1, ...over };
}

describe('threats in the aggregator', () => {
  it('snapshots carry them, deltas only when changed and at most once a second, and a restore keeps them', () => {
    const clock = { now: T0 };
    const agg = wall(clock);
    agg.apply({ kind: 'event', event: event('77.88.8.8'), dedupKey: null }, clock.now);
    agg.apply({ kind: 'event', event: event('14.160.0.1', { attack: { tactics: ['TA0001'], techniques: ['T1190'], source: 'sensor' } }), dedupKey: null }, clock.now);
    const snap = agg.snapshot(LINK);
    expect(snap.threats.origins.countries.map((c) => c.country).sort()).toEqual(['RU', 'VN']);
    // The native scan takes its category's tactic (reconnaissance); the tagged event only its own.
    expect(snap.threats.attack.tactics.find((t) => t.id === 'TA0043')?.hour).toBe(1);
    expect(snap.threats.attack.tactics.find((t) => t.id === 'TA0001')?.hour).toBe(1);
    expect(snap.threats.attack.tagged.hour).toBe(1);

    clock.now += 250;
    const d1 = agg.delta(LINK);
    expect(d1.threats?.origins.arcs.map((a) => a.country)).toEqual(['RU']);
    clock.now += 250;
    agg.apply({ kind: 'event', event: event('8.8.8.8', { time: clock.now }), dedupKey: null }, clock.now);
    expect(agg.delta(LINK).threats).toBeUndefined(); // within the second
    clock.now += 1000;
    expect(agg.delta(LINK).threats?.origins.arcs.map((a) => a.country)).toEqual(['US']);
    clock.now += 1000;
    expect(agg.delta(LINK).threats).toBeUndefined(); // nothing changed

    const saved = JSON.parse(JSON.stringify(agg.exportState())) as unknown;
    const back = wall(clock);
    expect(back.importState(saved)).toEqual([]);
    expect(back.snapshot(LINK).threats).toEqual(agg.snapshot(LINK).threats);
    // A damaged threats part is left out with a note; the rest of the state is restored.
    const damaged = { ...(saved as Record<string, unknown>), threats: { origins: {}, attack: {} } };
    const notes = wall(clock).importState(damaged);
    expect(notes.join(' ')).toMatch(/origins and tactics not restored/u);
  });

  it('/metrics counts events by country, internal and unknown', () => {
    const clock = { now: T0 };
    const agg = wall(clock);
    for (const ip of ['77.88.8.8', '77.88.8.8', '114.114.114.114', '10.0.0.1', '192.0.2.1']) agg.apply({ kind: 'event', event: event(ip), dedupKey: null }, clock.now);
    const o = agg.threats.origins;
    const text = renderMetrics({
      eventsTotal: agg.eventsTotal, ingest: agg.ingestStats(), link: LINK, framesTotal: 0, frameSeq: 0, rejectedCalls: {}, clients: 0,
      origins: { byCountry: o.byCountryTotal, internal: o.internalTotal, unknown: o.unknownTotal, operatorsRefused: o.operatorsRefused, cache: { entries: o.enricher.size, hits: o.enricher.hits, misses: o.enricher.misses } },
    });
    expect(text).toContain('socwall_events_by_country_total{country="RU"} 2');
    expect(text).toContain('socwall_events_by_country_total{country="CN"} 1');
    expect(text).toContain('socwall_events_by_origin_total{origin="internal"} 2');
    expect(text).toContain('socwall_origin_lookups_total{result="hit"} 1');
    expect(text).toContain('socwall_origin_cache_entries 4');
  });
});
