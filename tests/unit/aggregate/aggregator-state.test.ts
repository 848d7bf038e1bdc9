import { describe, expect, it } from 'vitest';
import type { SecurityEvent } from '../../../electron/contract/index.js';
import { CategoryRing } from '../../../electron/core/aggregate/category-ring.js';
import { DedupWindow } from '../../../electron/core/aggregate/dedup-window.js';
import { SpaceSavingSketch } from '../../../electron/core/aggregate/space-saving.js';
import { StateError } from '../../../electron/core/aggregate/state-codec.js';
import { parseAggregatorState, type AggregatorState } from '../../../electron/core/aggregate/aggregator-state.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';
import { LINK, START, corpus, frameOf, makeWall, type Msg } from '../journal/fixtures.js';

function feed(w: ReturnType<typeof makeWall>, msgs: Msg[]): void {
  for (const m of msgs) {
    if (m.receivedAt > w.clock.now) w.clock.now = m.receivedAt;
    w.apply(m.topic, m.payload, m.receivedAt);
  }
}

/** Through JSON text, as the journal stores it. */
function viaJson(s: AggregatorState): unknown {
  return JSON.parse(JSON.stringify(s)) as unknown;
}

function event(over: Partial<SecurityEvent>): SecurityEvent {
  return { time: 0, siteId: 'a', sensorId: 'ids-01', category: 'scan', severity: 'low', action: 'blocked', srcIp: '198.51.100.1', srcPort: 1, destIp: '10.0.0.1', destPort: 22, proto: 'TCP', signature: 'ET SCAN x', signatureId: 1, count: 1, ...over };
}

describe('aggregator state export / import', () => {
  const msgs = corpus(30_000);
  const first = msgs.slice(0, 20_000);
  const rest = msgs.slice(20_000);

  it('round trip: the snapshot frame is identical (except `at`), and stays identical as messages continue', () => {
    const a = makeWall();
    feed(a, first);
    a.agg.delta(LINK);
    a.agg.delta(LINK);
    const saved = viaJson(a.agg.exportState());

    const b = makeWall(a.clock.now);
    expect(b.agg.importState(saved)).toEqual([]);
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    expect(b.agg.lastReceivedAt).toBe(a.agg.lastReceivedAt);

    // Sketches, dedup memory, rings and incidents continue exactly alike.
    feed(a, rest);
    b.clock.now = a.clock.now;
    feed(b, rest);
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    expect(frameOf(a.agg).ingest.duplicates).toBeGreaterThan(0);
    expect(frameOf(a.agg).ingest.rejected).toBeGreaterThan(0);
  });

  it('after an import the frames go on: the seq continues, restored incidents come in the snapshot only, the first delta carries a full window', () => {
    const a = makeWall();
    feed(a, first);
    for (let i = 0; i < 3; i++) a.agg.delta(LINK);
    const restoredIncidents = a.agg.snapshot(LINK).incidents.length;
    expect(restoredIncidents).toBeGreaterThan(0);
    const b = makeWall(a.clock.now);
    b.agg.importState(viaJson(a.agg.exportState()));
    expect(b.agg.frameSeq).toBe(a.agg.frameSeq);
    expect(b.agg.snapshot(LINK).incidents).toHaveLength(restoredIncidents);
    const firstDelta = b.agg.delta(LINK);
    expect(firstDelta.seq).toBe(a.agg.frameSeq + 1);
    expect(firstDelta.incidents).toEqual([]);
    // A full window of seconds, as after a fresh start (the previous delta's position is not kept).
    expect(firstDelta.timeline.seconds.values.scan).toHaveLength(3600);
    expect(b.agg.delta(LINK).timeline.seconds.values.scan.length).toBeLessThan(3600);
  });

  it('a realistic state is compact JSON', () => {
    const a = makeWall();
    feed(a, msgs);
    const text = JSON.stringify(a.agg.exportState());
    expect(text.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('after an import at a later time the rings advance: the downtime is zeros, nothing is shifted', () => {
    const a = makeWall();
    feed(a, first);
    const before = a.agg.snapshot(LINK).timeline.minutes;
    const b = makeWall(a.clock.now + 2 * 3600_000); // down for two hours, same day
    b.agg.importState(viaJson(a.agg.exportState()));
    const after = b.agg.snapshot(LINK).timeline.minutes;
    const shift = (after.start - before.start) / 60;
    expect(shift).toBe(120);
    for (const cat of Object.keys(before.values) as (keyof typeof before.values)[]) {
      // Bucket i of `after` is bucket i + 120 of `before`: same absolute minute, same count.
      expect(after.values[cat].slice(0, 1440 - 120)).toEqual(before.values[cat].slice(120));
      // The last 120 minutes (down) are zero; the minute of the save itself may hold data.
      expect(after.values[cat].slice(1440 - 119).every((v) => v === 0)).toBe(true);
    }
    expect(b.agg.snapshot(LINK).counters).toEqual(a.agg.snapshot(LINK).counters);
  });

  it('counters of a previous day, then of a previous year, roll over on import', () => {
    const late = Date.parse('2026-12-31T16:00:00Z'); // 23:00 on 31 December in Vietnam
    const a = makeWall(late);
    a.agg.apply({ kind: 'event', event: event({ siteId: SITE, time: late, count: 3 }), dedupKey: null }, late);
    const saved = viaJson(a.agg.exportState());

    const nextDay = makeWall(late + 2 * 3600_000); // 01:00 on 1 January: new day and new year
    nextDay.agg.importState(saved);
    const f = nextDay.agg.snapshot(LINK);
    expect(f.counters.day).toBe('2027-01-01');
    expect(f.counters.year).toBe(2027);
    expect(f.counters.today.scan).toBe(0);
    expect(f.counters.thisYear.scan).toBe(0);

    const sameYear = makeWall(late - 10 * 86_400_000);
    const s2 = makeWall(late - 10 * 86_400_000);
    s2.agg.apply({ kind: 'event', event: event({ siteId: SITE, time: s2.clock.now, count: 2 }), dedupKey: null }, s2.clock.now);
    sameYear.clock.now = s2.clock.now + 86_400_000;
    sameYear.agg.importState(viaJson(s2.agg.exportState()));
    const g = sameYear.agg.snapshot(LINK);
    expect(g.counters.today.scan).toBe(0);
    expect(g.counters.thisYear.scan).toBe(2);
  });

  it('replaying yesterday’s messages after an import does not zero today (rollover never goes back)', () => {
    const t = Date.parse('2026-11-25T16:59:00Z'); // 23:59 in Vietnam
    const w = makeWall(t + 120_000); // now: 00:01 the next day
    w.agg.apply({ kind: 'event', event: event({ siteId: SITE, time: t + 100_000, count: 5 }), dedupKey: null }, t + 100_000);
    w.agg.apply({ kind: 'event', event: event({ siteId: SITE, time: t, count: 1 }), dedupKey: null }, t);
    const f = w.agg.snapshot(LINK);
    expect(f.counters.day).toBe('2026-11-26');
    expect(f.counters.today.scan).toBe(5);
    expect(f.counters.thisYear.scan).toBe(6);
  });

  it('a bad state throws StateError naming the field, and leaves the aggregator untouched', () => {
    const a = makeWall();
    feed(a, first.slice(0, 2000));
    const good = viaJson(a.agg.exportState()) as Record<string, unknown>;
    const b = makeWall(a.clock.now);
    feed(b, first.slice(0, 500));
    const before = frameOf(b.agg);
    const bad = [
      { ...good, v: 2 },
      { ...good, today: [1, 2] },
      { ...good, minutes: { ...(good.minutes as object), counts: [1, 'x'] } },
      { ...good, incidents: [{ id: 1 }] },
      { ...good, stats: null },
      { ...good, seq: -1 },
      null,
      [],
      'state',
    ];
    for (const x of bad) {
      expect(() => b.agg.importState(x)).toThrow(StateError);
      expect(frameOf(b.agg)).toEqual(before);
    }
  });

  it('a category the build no longer knows is dropped with a note; a new one starts at zero', () => {
    const a = makeWall();
    feed(a, first.slice(0, 3000));
    const s = a.agg.exportState();
    const x = viaJson(s) as AggregatorState;
    x.categories = [...x.categories.slice(0, -1), 'retired'];
    const b = makeWall(a.clock.now);
    const notes = b.agg.importState(x);
    expect(notes.join()).toMatch(/retired/);
    const fa = frameOf(a.agg);
    const fb = frameOf(b.agg);
    expect(fb.counters.thisYear.other).toBe(0);
    expect(fb.counters.thisYear.scan).toBe(fa.counters.thisYear.scan);
    expect(fb.timeline.minutes.values.scan).toEqual(fa.timeline.minutes.values.scan);
  });
});

const SITE = 'a';

describe('parts', () => {
  it('CategoryRing keeps absolute buckets across export/import', () => {
    const r = new CategoryRing(10, 60);
    r.add(600_000, 2, 4);
    r.add(660_000, 0, 1);
    const s = JSON.parse(JSON.stringify(r.exportState())) as ReturnType<CategoryRing['exportState']>;
    const q = new CategoryRing(10, 60);
    expect(q.importState(CategoryRing.parseState(s, 'ring', 7), [0, 1, 2, 3, 4, 5, 6])).toBe(true);
    expect(q.get(10, 2)).toBe(4);
    expect(q.get(11, 0)).toBe(1);
    q.advanceTo(15);
    expect(q.get(10, 2)).toBe(4);
    expect(q.get(12, 0)).toBe(0);
    expect(new CategoryRing(20, 60).importState(s, [0, 1, 2, 3, 4, 5, 6])).toBe(false);
  });

  it('an unused ring exports a null head and imports as unused', () => {
    const s = new CategoryRing(4, 1).exportState();
    expect(s.head).toBeNull();
    const q = new CategoryRing(4, 1);
    q.importState(CategoryRing.parseState(JSON.parse(JSON.stringify(s)), 'r', 7), [0, 1, 2, 3, 4, 5, 6]);
    expect(q.sumRange(3, 4)).toBe(0);
  });

  it('DedupWindow keeps the newest keys and still catches their redelivery', () => {
    const d = new DedupWindow(100);
    for (let i = 0; i < 150; i++) d.isDuplicate(`k${i}`);
    const keys = d.exportState(30);
    expect(keys).toHaveLength(30);
    expect(keys[0]).toBe('k120');
    const e = new DedupWindow(100);
    e.importState(keys);
    expect(e.isDuplicate('k149')).toBe(true);
    expect(e.isDuplicate('k119')).toBe(false);
  });

  it('SpaceSavingSketch restores heap order exactly and shrinks to a smaller capacity', () => {
    const s = new SpaceSavingSketch(8);
    for (let i = 0; i < 200; i++) s.add(`k${i % 23}`, (i % 5) + 1);
    const st = SpaceSavingSketch.parseState(JSON.parse(JSON.stringify(s.exportState())), 's');
    const t = new SpaceSavingSketch(8);
    t.importState(st);
    expect(t.exportState()).toEqual(s.exportState());
    for (let i = 0; i < 100; i++) {
      s.add(`z${i % 13}`, 2);
      t.add(`z${i % 13}`, 2);
    }
    expect(t.top(8)).toEqual(s.top(8));
    const small = new SpaceSavingSketch(3);
    small.importState(st);
    expect(small.size).toBe(3);
    const largest = [...st.counts].sort((x, y) => y - x).slice(0, 3);
    expect(small.top(3).map((e) => e.count)).toEqual(largest);
  });

  it('parseAggregatorState accepts its own export', () => {
    const w = new WallAggregator({ siteIds: ['a'], now: () => START });
    expect(() => parseAggregatorState(JSON.parse(JSON.stringify(w.exportState())))).not.toThrow();
  });
});
