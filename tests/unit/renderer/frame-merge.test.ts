import { describe, expect, it } from 'vitest';
import { FRAME_VERSION, type Category, type Incident, type SiteChange, type SiteState, type SnapshotFrame, type DeltaFrame, type TimelineSeries, type WallFrame, type ThreatsFrame, type OriginArc } from '../../../electron/contract/index.js';
import { alarm, alarmsFrame } from '../../helpers/alarm-fixtures.js';
import {
  MAX_INCIDENTS,
  applyDelta,
  emptyWindow,
  mergeFrame,
  mergeIncidents,
  mergeSeries,
  mergeSites,
  shiftWindow,
  sumWindow,
  updateOutages,
  viewFromSnapshot,
  type WallView,
} from '../../../renderer/src/stores/frame-merge.js';

const CATS: Category[] = ['scan', 'spoof', 'malware', 'combined', 'targeted', 'policy', 'other'];
const T0 = Date.UTC(2026, 10, 25, 3, 0, 0); // epoch ms, on a minute boundary

function counts(v = 0): Record<Category, number> {
  return Object.fromEntries(CATS.map((c) => [c, v])) as Record<Category, number>;
}

function series(step: number, start: number, len: number, fill: Partial<Record<Category, number[]>> = {}): TimelineSeries {
  const values = Object.fromEntries(CATS.map((c) => [c, fill[c] ?? new Array(len).fill(0)])) as Record<Category, number[]>;
  return { step, start, values };
}

function site(id: string, status: SiteState['status'] = 'quiet'): SiteState {
  return { id, status, lastEventAt: null, lastHighAt: null, count5m: 0, count60m: 0, worstSeverity: null, sensors: [] };
}

function incident(id: number): Incident {
  return {
    id,
    time: T0 + id,
    siteId: 'so-tttt',
    sensorId: 's1',
    category: 'malware',
    severity: 'high',
    signature: `sig ${id}`,
    srcIp: '203.0.113.9',
    destIp: null,
    action: 'blocked',
  };
}

type FrameOver = Partial<Omit<WallFrame, 'sites'>> & Pick<WallFrame, 'kind' | 'seq' | 'at'> & { sites?: SiteChange[] };
function frame(over: FrameOver & { kind: 'snapshot' }): SnapshotFrame;
function frame(over: FrameOver): WallFrame;
function frame(over: FrameOver): WallFrame {
  const nowS = Math.floor(over.at / 1000);
  // A test frame: the caller gives whole sites for a snapshot, changes for a delta.
  return {
    v: FRAME_VERSION,
    timeZone: 'Asia/Ho_Chi_Minh',
    link: { status: 'connected', broker: 'mqtt://demo', demo: true, lastMessageAt: over.at, since: T0 - 60_000, reconnects: 0, lastError: null },
    eventsPerSecond: 3,
    counters: { day: '2026-11-25', year: 2026, today: counts(1), thisYear: counts(100) },
    timeline: { seconds: series(1, nowS, 0), minutes: series(60, Math.floor(nowS / 60) * 60, 0) },
    sites: [],
    incidents: [],
    top: { signatures: [], sources: [] },
    endpoints: { total: 100, edr: 90, antivirus: 80, infected: 2, sitesReporting: 3, updatedAt: over.at },
    ingest: { received: 10, accepted: 9, ignored: 0, rejected: 1, duplicates: 0, rejectedByReason: { schema: 1 }, ignoredByType: {} },
    kpis: [],
    alarms: alarmsFrame(),
    ...(over.kind === 'snapshot' ? { threats: noThreats() } : {}),
    ...over,
  } as WallFrame;
}

function noThreats(): ThreatsFrame {
  const none = { hour: 0, day: 0 };
  return {
    origins: { countries: [], operators: [], internal: none, unknown: none, arcs: [], data: null },
    attack: { tactics: [], sites: [], techniques: [], tagged: none, mapped: none },
  };
}

const arc = (id: number, country = 'CN'): OriginArc => ({ id, time: T0, country, siteId: 'a', severity: 'high', category: 'scan' });

describe('threats', () => {
  it("a snapshot sets origins and tactics; a delta without them keeps the view's, one with them replaces the figures and adds new arcs, newest first, capped", () => {
    const v0 = merged(null, { ...snapshotAt(T0), threats: { ...noThreats(), origins: { ...noThreats().origins, countries: [{ country: 'CN', hour: 3, day: 9 }], arcs: [arc(2), arc(1)] } } });
    expect(v0.origins.countries).toEqual([{ country: 'CN', hour: 3, day: 9 }]);
    const v1 = merged(v0, frame({ kind: 'delta', seq: 11, at: T0 + 250 }));
    expect(v1.origins).toBe(v0.origins);
    expect(v1.attack).toBe(v0.attack);
    const fresh = { ...noThreats(), origins: { ...noThreats().origins, countries: [{ country: 'RU', hour: 1, day: 1 }], arcs: [arc(3, 'RU'), arc(2)] } };
    const v2 = merged(v1, frame({ kind: 'delta', seq: 12, at: T0 + 500, threats: fresh }));
    expect(v2.origins.countries).toEqual([{ country: 'RU', hour: 1, day: 1 }]);
    expect(v2.origins.arcs.map((a) => a.id)).toEqual([3, 2, 1]);
    const many = { ...fresh, origins: { ...fresh.origins, arcs: Array.from({ length: 40 }, (_, i) => arc(100 + i)) } };
    expect(merged(v2, frame({ kind: 'delta', seq: 13, at: T0 + 750, threats: many })).origins.arcs).toHaveLength(24);
  });
});

function snapshotAt(at: number, seq = 10): SnapshotFrame {
  const nowS = Math.floor(at / 1000);
  const sec = series(1, nowS - 3599, 3600);
  sec.values.scan[3599] = 5; // newest second
  sec.values.scan[3598] = 2;
  const minStart = Math.floor(nowS / 60) * 60 - 1439 * 60;
  const min = series(60, minStart, 1440);
  min.values.malware[1439] = 7;
  return frame({
    kind: 'snapshot',
    seq,
    at,
    timeline: { seconds: sec, minutes: min },
    sites: [site('a'), site('b', 'unknown')],
    incidents: [incident(3), incident(2), incident(1)],
  });
}

function merged(view: WallView | null, f: WallFrame): WallView {
  const r = mergeFrame(view, f);
  if (!r.view) throw new Error('no view');
  return r.view;
}

describe('snapshot', () => {
  it('builds fixed-length windows aligned to the frame time', () => {
    const v = viewFromSnapshot(snapshotAt(T0));
    expect(v.seconds.values.scan).toHaveLength(3600);
    expect(v.minutes.values.scan).toHaveLength(1440);
    expect(v.seconds.start).toBe(T0 / 1000 - 3599);
    expect(v.seconds.values.scan[3599]).toBe(5);
    expect(v.seconds.values.scan[3598]).toBe(2);
    expect(v.minutes.values.malware[1439]).toBe(7);
    expect(sumWindow(v.seconds)).toBe(7);
    expect(v.sites.get('b')?.status).toBe('unknown');
    expect(v.incidents.map((i) => i.id)).toEqual([3, 2, 1]);
  });

  it('alarms: a snapshot sets them all, a delta replaces the changed and drops those back to normal, and keeps the same Map when it carries none', () => {
    const v0 = merged(null, { ...snapshotAt(T0), alarms: alarmsFrame([alarm(1), alarm(2)]) });
    expect([...v0.alarms.keys()]).toEqual([1, 2]);
    const acked = alarm(2, { state: 'active-acknowledged' });
    const v1 = merged(v0, frame({ kind: 'delta', seq: 11, at: T0 + 250, alarms: alarmsFrame([acked, alarm(3)], [1]) }));
    expect([...v1.alarms.keys()].sort()).toEqual([2, 3]);
    expect(v1.alarms.get(2)?.state).toBe('active-acknowledged');
    const v2 = merged(v1, frame({ kind: 'delta', seq: 12, at: T0 + 500 }));
    expect(v2.alarms).toBe(v1.alarms);
  });

  it('KPIs: a snapshot sets them all, a delta updates the ones it carries, and keeps the same Map when it carries none', () => {
    const v0 = merged(null, { ...snapshotAt(T0), kpis: [{ name: 'a', value: 1, time: T0 }, { name: 'b', value: 2, time: T0 }] });
    expect([...v0.kpis.values()].map((k) => [k.name, k.value])).toEqual([['a', 1], ['b', 2]]);
    const v1 = merged(v0, frame({ kind: 'delta', seq: 11, at: T0 + 250, kpis: [{ name: 'b', value: 5, time: T0 + 200 }] }));
    expect([...v1.kpis.values()].map((k) => [k.name, k.value])).toEqual([['a', 1], ['b', 5]]);
    const v2 = merged(v1, frame({ kind: 'delta', seq: 12, at: T0 + 500 }));
    expect(v2.kpis).toBe(v1.kpis);
  });

  it('a snapshot replaces the view whatever its seq', () => {
    const a = viewFromSnapshot(snapshotAt(T0, 50));
    const b = merged(a, snapshotAt(T0 + 1000, 3));
    expect(b.seq).toBe(3);
  });
});

describe('deltas', () => {
  it('replace changed buckets, keep others, carry complete fields', () => {
    const v0 = viewFromSnapshot(snapshotAt(T0));
    const nowS = T0 / 1000;
    const d = frame({
      kind: 'delta',
      seq: 11,
      at: T0 + 250,
      eventsPerSecond: 42,
      counters: { day: '2026-11-25', year: 2026, today: counts(2), thisYear: counts(101) },
      timeline: {
        seconds: series(1, nowS, 1, { scan: [9], targeted: [1] }),
        minutes: series(60, nowS, 1, { malware: [8] }),
      },
    });
    const v1 = merged(v0, d);
    expect(v1.seq).toBe(11);
    expect(v1.seconds.start).toBe(v0.seconds.start); // same second: no shift
    expect(v1.seconds.values.scan[3599]).toBe(9); // replaced, not added
    expect(v1.seconds.values.scan[3598]).toBe(2); // untouched
    expect(v1.seconds.values.targeted[3599]).toBe(1);
    expect(v1.minutes.values.malware[1439]).toBe(8);
    expect(v1.eventsPerSecond).toBe(42);
    expect(v1.counters.today.scan).toBe(2);
    // pure: the previous view is unchanged
    expect(v0.seconds.values.scan[3599]).toBe(5);
  });

  it('shift the windows as time passes and never grow them', () => {
    let v = viewFromSnapshot(snapshotAt(T0));
    let seq = 10;
    for (let s = 1; s <= 5; s++) {
      const at = T0 + s * 1000;
      v = merged(v, frame({ kind: 'delta', seq: ++seq, at, timeline: { seconds: series(1, at / 1000, 1, { scan: [1] }), minutes: series(60, T0 / 1000, 0) } }));
    }
    expect(v.seconds.start).toBe(T0 / 1000 + 5 - 3599);
    expect(v.seconds.values.scan).toHaveLength(3600);
    // the old newest (5) moved back by 5 buckets, the 2 before it by 5 too
    expect(v.seconds.values.scan[3594]).toBe(5);
    expect(v.seconds.values.scan[3593]).toBe(2);
    expect(v.seconds.values.scan.slice(3595)).toEqual([1, 1, 1, 1, 1]);
    expect(sumWindow(v.seconds)).toBe(12);
    // two minutes later the minute window has moved by two buckets
    const at = T0 + 120_000;
    v = merged(v, frame({ kind: 'delta', seq: ++seq, at }));
    expect(v.minutes.values.malware[1437]).toBe(7);
    expect(v.minutes.values.malware).toHaveLength(1440);
  });

  it('a jump longer than the window clears it', () => {
    const w = shiftWindow(viewFromSnapshot(snapshotAt(T0)).seconds, T0 + 2 * 3600_000);
    expect(sumWindow(w)).toBe(0);
    expect(w.values.scan).toHaveLength(3600);
  });

  it('buckets outside the window are ignored; a window never moves backwards', () => {
    const w = emptyWindow(1, 10, 100_000);
    expect(w.start).toBe(91);
    const m = mergeSeries(w, series(1, 85, 8, { scan: [1, 1, 1, 1, 1, 1, 1, 1] })); // 85..92
    expect(m.values.scan).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(shiftWindow(m, 50_000)).toBe(m);
  });
});

describe('sequence', () => {
  it('detects a gap and asks for a snapshot, keeping the last view', () => {
    const v = viewFromSnapshot(snapshotAt(T0));
    const r = mergeFrame(v, frame({ kind: 'delta', seq: 12, at: T0 + 500 }));
    expect(r.needSnapshot).toBe(true);
    expect(r.view).toBe(v);
  });

  it('asks for a snapshot when a delta comes before any snapshot', () => {
    expect(mergeFrame(null, frame({ kind: 'delta', seq: 1, at: T0 })).needSnapshot).toBe(true);
  });

  it('ignores a duplicate delta, and asks again when the host restarted its sequence', () => {
    const v = viewFromSnapshot(snapshotAt(T0, 100));
    const dup = mergeFrame(v, frame({ kind: 'delta', seq: 100, at: T0 + 250 }));
    expect(dup).toEqual({ view: v, needSnapshot: false });
    expect(mergeFrame(v, frame({ kind: 'delta', seq: 1, at: T0 + 250 })).needSnapshot).toBe(true);
  });
});

describe('incidents and sites', () => {
  it('prepends new incidents, dedupes and caps at 50', () => {
    let v = viewFromSnapshot(snapshotAt(T0));
    let seq = 10;
    for (let batch = 0; batch < 20; batch++) {
      const ids = [4 + batch * 3 + 2, 4 + batch * 3 + 1, 4 + batch * 3];
      v = merged(v, frame({ kind: 'delta', seq: ++seq, at: T0 + batch * 250, incidents: ids.map(incident) }));
    }
    expect(v.incidents).toHaveLength(MAX_INCIDENTS);
    expect(v.incidents[0]?.id).toBe(63);
    expect(v.incidents[49]?.id).toBe(14);
    const same = mergeIncidents(v.incidents, [incident(63)]);
    expect(same).toBe(v.incidents);
  });

  it('replaces changed sites by id and keeps the others', () => {
    const v = viewFromSnapshot(snapshotAt(T0));
    const v1 = merged(v, frame({ kind: 'delta', seq: 11, at: T0 + 250, sites: [site('a', 'critical')] }));
    expect(v1.sites.get('a')?.status).toBe('critical');
    expect(v1.sites.get('b')?.status).toBe('unknown');
    expect(v1.sites.size).toBe(2);
    const v2 = merged(v1, frame({ kind: 'delta', seq: 12, at: T0 + 500 }));
    expect(v2.sites).toBe(v1.sites); // identity kept when nothing changed
    expect(mergeSites(v2.sites, []).sites).toBe(v2.sites);
  });
});

describe('outages', () => {
  it('opens a span when the link drops and closes it when it returns', () => {
    const base = snapshotAt(T0).link;
    let spans = updateOutages([], base, T0);
    expect(spans).toEqual([]);
    spans = updateOutages(spans, { ...base, status: 'reconnecting', since: T0 + 1000 }, T0 + 1500);
    expect(spans).toEqual([{ from: T0 + 1000, to: null }]);
    const same = updateOutages(spans, { ...base, status: 'offline', since: T0 + 5000 }, T0 + 6000);
    expect(same).toBe(spans);
    spans = updateOutages(spans, { ...base, status: 'connected', since: T0 + 9000 }, T0 + 9500);
    expect(spans).toEqual([{ from: T0 + 1000, to: T0 + 9000 }]);
    // older than 24 h: dropped
    const later = updateOutages(spans, { ...base, status: 'connected' }, T0 + 25 * 3600_000);
    expect(later).toEqual([]);
  });

  it('after a restart the band starts at the restored data, not at the process start', () => {
    const base = snapshotAt(T0).link;
    const restored = { ...base, status: 'connecting' as const, lastMessageAt: T0 - 600_000, since: T0 - 2000 };
    let spans = updateOutages([], restored, T0);
    expect(spans).toEqual([{ from: T0 - 600_000, to: null }]);
    spans = updateOutages(spans, { ...base, status: 'connected', since: T0 + 5000 }, T0 + 5250);
    expect(spans).toEqual([{ from: T0 - 600_000, to: T0 + 5000 }]);
    // an ordinary drop (quiet broker before it) starts at the drop: quiet is not blind
    const quietDrop = updateOutages([], { ...base, status: 'reconnecting', lastMessageAt: T0 - 600_000, since: T0 }, T0 + 100);
    expect(quietDrop).toEqual([{ from: T0, to: null }]);
  });

  it('prefers the core\'s gaps (which include the time the wall was not running), keeping identity when unchanged', () => {
    const base = snapshotAt(T0).link;
    const withGaps = { ...base, status: 'connected' as const, gaps: [{ from: T0 - 3_600_000, to: T0 - 60_000 }] };
    const spans = updateOutages([], withGaps, T0);
    expect(spans).toEqual([{ from: T0 - 3_600_000, to: T0 - 60_000 }]);
    expect(updateOutages(spans, withGaps, T0 + 250)).toBe(spans);
    const old = { ...withGaps, gaps: [{ from: T0 - 30 * 3_600_000, to: T0 - 25 * 3_600_000 }] };
    expect(updateOutages(spans, old, T0)).toEqual([]);
  });

  it('applyDelta records outages across frames', () => {
    const v = viewFromSnapshot(snapshotAt(T0));
    const f = frame({ kind: 'delta', seq: 11, at: T0 + 250 }) as DeltaFrame;
    const v1 = applyDelta(v, { ...f, link: { ...f.link, status: 'offline', since: T0 + 100 } }).view;
    expect(v1.outages).toEqual([{ from: T0 + 100, to: null }]);
  });
});

describe('sites in a delta: changed fields only', () => {
  it('applies each change over the site it names, leaving the other fields and sites as they were', () => {
    const v = viewFromSnapshot(snapshotAt(T0));
    const before = v.sites.get('a')!;
    const r = mergeFrame(v, frame({ kind: 'delta', seq: 11, at: T0 + 250, sites: [{ id: 'a', count5m: 99, status: 'attacked' }] }));
    expect(r.needSnapshot).toBe(false);
    expect(r.view!.sites.get('a')).toEqual({ ...before, count5m: 99, status: 'attacked' });
    expect(r.view!.sites.get('b')).toBe(v.sites.get('b')); // untouched: the same object
  });

  it('takes a new site sent whole; a change for a site the view never had asks for a snapshot', () => {
    const v = viewFromSnapshot(snapshotAt(T0));
    const whole = mergeFrame(v, frame({ kind: 'delta', seq: 11, at: T0 + 250, sites: [site('c')] }));
    expect(whole.needSnapshot).toBe(false);
    expect(whole.view!.sites.get('c')).toEqual(site('c'));
    const partial = mergeFrame(whole.view, frame({ kind: 'delta', seq: 12, at: T0 + 500, sites: [{ id: 'zz', count5m: 1 }] }));
    expect(partial.needSnapshot).toBe(true);
    expect(partial.view!.sites.has('zz')).toBe(false);
  });
});
