import { describe, expect, it } from 'vitest';
import type { SiteState, SiteStatus } from '../../../electron/contract/index.js';
import { lastSeenOf, sensorHealth } from '../../../renderer/src/wall/sensor-health.js';

function site(id: string, status: SiteStatus, seen: number[] = [], lastEventAt: number | null = null): SiteState {
  return {
    id, status, lastEventAt, lastHighAt: null, count5m: 0, count60m: 0, worstSeverity: null,
    sensors: seen.map((t, i) => ({ id: `s${i}`, lastSeenAt: t, online: status !== 'offline' })),
  };
}

describe('sensor health', () => {
  const catalogue = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }));
  const sites = new Map<string, SiteState>([
    ['a', site('a', 'offline', [5000, 9000])], // dark since 9000 (newest sensor)
    ['b', site('b', 'quiet', [10_000])],
    ['c', site('c', 'offline', [2000, 1000])], // dark since 2000: longest
    ['d', site('d', 'unknown')],
    ['e', site('e', 'critical', [10_000])],
    // f: not in the frame at all → unknown
  ]);

  it('lists dark sites longest first and keeps never-reported ones apart', () => {
    const h = sensorHealth(catalogue, sites, null);
    expect(h.online).toBe(2);
    expect(h.offline).toEqual([
      { id: 'c', lastSeenAt: 2000 },
      { id: 'a', lastSeenAt: 9000 },
    ]);
    expect(h.unknown).toEqual(['d', 'f']);
  });

  it('honours a panel site filter', () => {
    const h = sensorHealth(catalogue, sites, new Set(['a', 'b', 'f']));
    expect(h).toEqual({ online: 1, offline: [{ id: 'a', lastSeenAt: 9000 }], unknown: ['f'], blind: [], silent: [], forwarders: [] });
  });

  it('a site heard from but blind is unknown, not never-reported; flagged sources are listed tampering first, then critical, then warnings', () => {
    const watch = (level: 'warning' | 'critical', tamper: boolean, lastEventAt: number) =>
      ({ level, reason: level === 'warning' ? 'drop' : 'silent', tamper, lastEventAt, observed: 0, expected: level === 'warning' ? 40 : null }) as const;
    const blind = site('a', 'unknown', [10_000]);
    blind.sensors[0]!.watch = watch('critical', false, 100);
    const busy = site('b', 'quiet', [10_000, 10_000, 10_000]);
    busy.sensors[0]!.watch = watch('warning', false, 9000);
    busy.sensors[1]!.watch = watch('critical', true, 5000);
    const dark = site('c', 'offline', [10]);
    dark.sensors[0]!.watch = watch('critical', false, 5);
    const h = sensorHealth(catalogue, new Map([['a', blind], ['b', busy], ['c', dark]]), null);
    expect(h.blind).toEqual(['a']);
    expect(h.unknown).toEqual(['d', 'e', 'f']);
    // The dark site is listed as dark, not again by its sensors.
    expect(h.silent.map((x) => `${x.siteId}/${x.sensorId}`)).toEqual(['b/s1', 'a/s0', 'b/s0']);
  });

  it('lists degraded forwarders of the sites still heard from: stopping first, then the longest queue', () => {
    const busy = site('b', 'quiet', [10_000, 10_000, 10_000]);
    busy.sensors[0]!.forwarder = { status: 'degraded', queued: 40, dropped: 0 };
    busy.sensors[1]!.forwarder = { status: 'degraded', queued: 900, dropped: 3 };
    busy.sensors[2]!.forwarder = { status: 'stopping', queued: 0, dropped: 0 };
    const dark = site('c', 'offline', [10]);
    dark.sensors[0]!.forwarder = { status: 'degraded', queued: 5, dropped: 0 };
    const h = sensorHealth(catalogue, new Map([['b', busy], ['c', dark]]), null);
    expect(h.forwarders.map((x) => `${x.siteId}/${x.sensorId}`)).toEqual(['b/s2', 'b/s1', 'b/s0']);
  });

  it('last seen: newest sensor, else the newest event, else null; timeless dark sites come first', () => {
    expect(lastSeenOf(site('x', 'offline', [3, 7, 5]))).toBe(7);
    expect(lastSeenOf(site('x', 'offline', [], 42))).toBe(42);
    expect(lastSeenOf(site('x', 'offline'))).toBeNull();
    expect(lastSeenOf(undefined)).toBeNull();
    const h = sensorHealth([{ id: 'a' }, { id: 'z' }], new Map([['a', site('a', 'offline', [9])], ['z', site('z', 'offline')]]), null);
    expect(h.offline.map((d) => d.id)).toEqual(['z', 'a']);
  });
});
