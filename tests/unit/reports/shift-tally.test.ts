// Per-shift tallies for the hand-over: each event counts in the shift its receive time falls
// in, the roster is asked once per shift, the kept shifts are bounded, and the tallies survive
// the journal (export → JSON → parse → import) whole.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { IngestStats } from '../../../electron/contract/index.js';
import { ShiftRosterSchema } from '../../../electron/contract/wall-config-schemas.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';
import { resourcesDir } from '../../../electron/core/config/resources.js';
import { calendarDayWindow, parseShiftTallyState, ShiftTallies, type ShiftWindow } from '../../../electron/core/reports/shift-tally.js';
import { shiftWindow } from '../../../electron/core/shifts/shift-info.js';
import { securityEvent } from '../../helpers/alarm-fixtures.js';

const roster = v.parse(ShiftRosterSchema, parse(readFileSync(join(resourcesDir(), 'wall', 'shifts.yaml'), 'utf8')));
const at = (iso: string) => Date.parse(iso);
const stats = (received: number): IngestStats => ({ received, accepted: received, ignored: 0, rejected: 0, duplicates: 0, rejectedByReason: {}, ignoredByType: {} });

describe('shift tallies', () => {
  it('counts each event in the shift of its receive time, asking the roster once per shift', () => {
    const asked: number[] = [];
    const tallies = new ShiftTallies({
      windowAt: (t) => {
        asked.push(t);
        return shiftWindow(roster, t);
      },
    });
    let received = 100;
    const ingest = () => stats(received);
    // Day shift (07:00–19:00 +07), then the night shift from 19:00.
    tallies.record(securityEvent(0, { category: 'malware', siteId: 'ubnd-tinh', signature: 'A', srcIp: '198.51.100.1' }), at('2026-12-02T08:00:00+07:00'), ingest);
    received = 150;
    tallies.record(securityEvent(0, { category: 'malware', siteId: 'ubnd-tinh', signature: 'A', srcIp: '198.51.100.1', count: 4 }), at('2026-12-02T18:59:59+07:00'), ingest);
    tallies.record(securityEvent(0, { category: 'scan', siteId: 'so-tttt', signature: 'B', srcIp: '198.51.100.2' }), at('2026-12-02T19:00:00+07:00'), ingest);
    tallies.record(securityEvent(0, { category: 'scan', siteId: 'so-tttt', signature: 'B', srcIp: '198.51.100.2' }), at('2026-12-03T03:00:00+07:00'), ingest);
    expect(asked).toHaveLength(2);
    const [day, night] = tallies.all();
    expect(day).toMatchObject({ key: '2026-12-02/day', start: at('2026-12-02T07:00:00+07:00'), end: at('2026-12-02T19:00:00+07:00'), ingestAtStart: { received: 100 } });
    expect(day!.events).toMatchObject({ malware: 5, scan: 0 });
    expect([...day!.bySite]).toEqual([['ubnd-tinh', 5]]);
    expect(day!.signatures.top(3)).toEqual([{ key: 'A', count: 5, error: 0 }]);
    expect(night).toMatchObject({ key: '2026-12-02/night', ingestAtStart: { received: 150 } });
    expect(night!.events).toMatchObject({ malware: 0, scan: 2 });
    expect(night!.sources.top(1)[0]).toMatchObject({ key: '198.51.100.2', count: 2 });
    // A blocked low scan counts in the shift's figures, not in its top lists (they name what matters).
    tallies.record(securityEvent(0, { category: 'scan', severity: 'low', siteId: 'so-tttt', signature: 'NOISE', srcIp: '203.0.113.99' }), at('2026-12-03T04:00:00+07:00'), ingest);
    expect(night!.events.scan).toBe(3);
    expect(night!.signatures.top(5).map((x) => x.key)).toEqual(['B']);
    expect(night!.sources.top(5).map((x) => x.key)).toEqual(['198.51.100.2']);
    // A late message of the day shift (a replay, a redelivery) still counts in its own shift.
    tallies.record(securityEvent(0, { category: 'malware', siteId: 'ubnd-tinh' }), at('2026-12-02T12:00:00+07:00'), ingest);
    expect(tallies.get('2026-12-02/day')!.events.malware).toBe(6);
    expect(asked).toHaveLength(2);
  });

  it('keeps the newest shifts and counts sites past the bound together', () => {
    const day = (n: number): ShiftWindow => ({ key: `d${n}`, start: n * 1000, end: (n + 1) * 1000 });
    const tallies = new ShiftTallies({ windowAt: (t) => day(Math.floor(t / 1000)), keep: 3, maxSites: 2 });
    for (let n = 0; n < 5; n++) tallies.record(securityEvent(0), n * 1000 + 1, () => stats(n));
    expect(tallies.all().map((t) => t.key)).toEqual(['d2', 'd3', 'd4']);
    for (const site of ['a', 'b', 'c', 'd', 'a']) tallies.record(securityEvent(0, { siteId: site }), 4500, () => stats(0));
    const t = tallies.get('d4')!;
    expect([...t.bySite]).toEqual([['site-a', 1], ['a', 2]]);
    expect(t.otherSites).toBe(3);
  });

  it('without a roster, the shift is the wall’s calendar day', () => {
    expect(calendarDayWindow(at('2026-12-02T23:59:59+07:00'))).toEqual({ key: '2026-12-02/day', start: at('2026-12-02T00:00:00+07:00'), end: at('2026-12-03T00:00:00+07:00') });
    expect(shiftWindow(null, at('2026-12-03T00:00:00+07:00')).key).toBe('2026-12-03/day');
  });

  it('survives the journal: the aggregator exports and restores them whole, and refuses a damaged save with its field', () => {
    const a = new WallAggregator({ siteIds: ['ubnd-tinh'], shiftWindowAt: (t) => shiftWindow(roster, t) });
    a.apply({ kind: 'event', event: securityEvent(0, { siteId: 'ubnd-tinh', category: 'targeted', signature: 'X' }), dedupKey: null }, at('2026-12-02T20:00:00+07:00'));
    const saved = JSON.parse(JSON.stringify(a.exportState())) as { shiftTallies: unknown };
    const b = new WallAggregator({ siteIds: ['ubnd-tinh'], shiftWindowAt: (t) => shiftWindow(roster, t) });
    expect(b.importState(saved)).toEqual([]);
    const t = b.shifts.get('2026-12-02/night')!;
    expect(t.events.targeted).toBe(1);
    expect(t.signatures.top(1)).toEqual([{ key: 'X', count: 1, error: 0 }]);
    expect(() => parseShiftTallyState([{ ...(saved.shiftTallies as object[])[0], otherSites: -1 }], 'state.shiftTallies')).toThrow(/state\.shiftTallies\[0\]\.otherSites/u);
    const damaged = { ...saved, shiftTallies: [{ ...(saved.shiftTallies as object[])[0], key: 7 }] };
    const c = new WallAggregator({ siteIds: ['ubnd-tinh'] });
    expect(c.importState(damaged)).toEqual([expect.stringMatching(/^shift tallies not restored: .*state\.shiftTallies\[0\]\.key/u)]);
  });
});
