// The watch on silent sources: thresholds by kind, tampering, the baseline by hour and kind of
// day (across hour boundaries, days the wall was off left out), and a restart from the journal.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { SourceWatch, FORGET_AFTER_MS } from '../../../electron/core/watch/source-watch.js';
import { WATCH_DEFAULTS, compileWatchRules, watchRuleProblems } from '../../../electron/core/watch/watch-rules.js';
import type { WatchRulesDef } from '../../../electron/contract/index.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A time in the wall's zone (UTC+7). */
const wall = (s: string) => Date.parse(`${s}+07:00`);
const KINDS: WatchRulesDef = {
  version: 1,
  kinds: [
    { sensor: 'edr*', kind: 'endpoint' },
    { sensor: 'ids-01', kind: 'network' },
  ],
};

/** Events spread evenly over [from, to): `perHour` an hour, the watch ticked every minute. */
function feed(w: SourceWatch, sensor: string, from: number, to: number, perHour: number, severity: 'low' | 'high' = 'low'): void {
  const step = perHour > 0 ? HOUR / perHour : Infinity;
  let next = from;
  for (let t = from; t < to; t += MIN) {
    while (next < t + MIN && next < to) {
      w.record('site-a', sensor, next, severity, 1);
      next += step;
    }
    w.tick(t);
  }
}

describe('silence by kind of source', () => {
  const t0 = wall('2026-12-02T10:00:00');

  it('endpoint 5 min, network 15 min, default 30 min: critical once past, not before', () => {
    const w = new SourceWatch(compileWatchRules(KINDS), t0, 100);
    for (const s of ['edr-7', 'ids-01', 'mail-gw']) w.record('site-a', s, t0, 'low', 1);
    const at = (ms: number, sensor: string) => {
      w.tick(t0 + ms);
      return w.verdict('site-a', sensor);
    };
    expect(at(5 * MIN, 'edr-7')).toBeNull();
    expect(at(5 * MIN + 1000, 'edr-7')).toMatchObject({ level: 'critical', reason: 'silent', tamper: false, lastEventAt: t0 });
    expect(at(15 * MIN, 'ids-01')).toBeNull();
    expect(at(15 * MIN + 1000, 'ids-01')).toMatchObject({ level: 'critical', reason: 'silent' });
    expect(at(30 * MIN, 'mail-gw')).toBeNull();
    expect(at(30 * MIN + 1000, 'mail-gw')).toMatchObject({ level: 'critical', reason: 'silent' });
    expect(w.verdict('site-a', 'never-sent')).toBeUndefined();
    expect(w.summary()).toEqual({ watched: 3, warning: 0, critical: 3, tamper: 0 });
    // An event brings it back.
    w.record('site-a', 'edr-7', t0 + 31 * MIN, 'low', 1);
    expect(at(31 * MIN + 1000, 'edr-7')).toBeNull();
  });

  it('silent within tamper_s of a high-severity event is tampering; high long before is not', () => {
    const w = new SourceWatch(compileWatchRules(KINDS), t0, 100);
    w.record('site-a', 'edr-1', t0, 'high', 1);
    w.record('site-a', 'edr-1', t0 + 2 * MIN, 'low', 1); // the last events: a high one two minutes before
    w.record('site-a', 'edr-2', t0, 'high', 1);
    w.record('site-a', 'edr-2', t0 + 11 * MIN, 'low', 1); // 11 minutes of low after the high one
    w.tick(t0 + 20 * MIN);
    expect(w.verdict('site-a', 'edr-1')).toMatchObject({ level: 'critical', reason: 'silent', tamper: true });
    expect(w.verdict('site-a', 'edr-2')).toMatchObject({ level: 'critical', reason: 'silent', tamper: false });
    expect(w.flagged().find((f) => f.sensorId === 'edr-1')?.state).toBe('tamper');
    expect(w.entered).toEqual({ warning: 0, critical: 1, tamper: 1 });
  });

  it('silence counts from when this wall started watching, not across the time it was off', () => {
    const started = t0 + 3 * HOUR;
    const w = new SourceWatch(compileWatchRules(KINDS), started, 100);
    w.record('site-a', 'edr-1', t0, 'low', 1);
    w.tick(started + 4 * MIN);
    expect(w.verdict('site-a', 'edr-1')).toBeNull();
    w.tick(started + 6 * MIN);
    expect(w.verdict('site-a', 'edr-1')).toMatchObject({ reason: 'silent' });
  });
});

describe('volume against the baseline (same hour, same kind of day)', () => {
  // Silence is judged apart: here only the volume bands are.
  const rules = compileWatchRules({ version: 1, silence_s: { endpoint: 86_400, network: 86_400, default: 86_400 } });
  const monday = wall('2026-11-30T00:00:00');

  /** Working days Mon–Wed 08:00–12:00: 120 events in the 9 o'clock hour, 20 in the 10 o'clock hour. */
  function baselineWeek(w: SourceWatch, days = 3, skipDay: number | null = null): void {
    for (let d = 0; d < days; d++) {
      if (d === skipDay) continue;
      const day = monday + d * DAY;
      feed(w, 'ids-01', day + 8 * HOUR, day + 9 * HOUR, 60);
      feed(w, 'ids-01', day + 9 * HOUR, day + 10 * HOUR, 120);
      feed(w, 'ids-01', day + 10 * HOUR, day + 12 * HOUR, 20);
    }
  }

  it('weights the two hours the last 60 minutes span, across the hour boundary', () => {
    const w = new SourceWatch(rules, monday, 100);
    baselineWeek(w);
    const thursday = monday + 3 * DAY;
    // Thursday 09:00–10:15 at a quarter of the usual rate.
    feed(w, 'ids-01', thursday + 8 * HOUR, thursday + 9 * HOUR, 60);
    feed(w, 'ids-01', thursday + 9 * HOUR, thursday + 10 * HOUR + 15 * MIN, 30);
    w.tick(thursday + 10 * HOUR + 15 * MIN);
    // 10:15: three quarters of the 9 o'clock hour (120) and a quarter of the 10 o'clock one (20).
    const v = w.verdict('site-a', 'ids-01');
    expect(v).toMatchObject({ level: 'warning', reason: 'drop', expected: 95 });
    expect(v!.observed).toBeGreaterThanOrEqual(29);
    expect(v!.observed).toBeLessThanOrEqual(31);
    // 10:45, still 30 an hour now the quieter hour weighs most: 30 + 15 = 45 expected, 30 seen: fine.
    feed(w, 'ids-01', thursday + 10 * HOUR + 15 * MIN, thursday + 10 * HOUR + 45 * MIN, 30);
    w.tick(thursday + 10 * HOUR + 45 * MIN);
    expect(w.verdict('site-a', 'ids-01')).toBeNull();
  });

  it('more than 90 % down is critical, more than 50 % a warning, at the usual rate nothing', () => {
    const w = new SourceWatch(rules, monday, 100);
    baselineWeek(w);
    const thursday = monday + 3 * DAY;
    feed(w, 'ids-01', thursday + 9 * HOUR, thursday + 10 * HOUR, 120);
    w.tick(thursday + 10 * HOUR);
    expect(w.verdict('site-a', 'ids-01')).toBeNull();
    const w2 = new SourceWatch(rules, monday, 100);
    baselineWeek(w2);
    feed(w2, 'ids-01', thursday + 9 * HOUR, thursday + 10 * HOUR, 6);
    w2.tick(thursday + 10 * HOUR);
    // The 60 minutes end now: the event at 09:00 sharp has just left them.
    expect(w2.verdict('site-a', 'ids-01')).toMatchObject({ level: 'critical', reason: 'drop', expected: 120, observed: 5 });
  });

  it('a weekend day is not judged against working days; a day the wall was off does not count', () => {
    const w = new SourceWatch(rules, monday, 100);
    baselineWeek(w, 5);
    const saturday = monday + 5 * DAY;
    feed(w, 'ids-01', saturday + 9 * HOUR, saturday + 10 * HOUR, 2);
    w.tick(saturday + 10 * HOUR);
    expect(w.verdict('site-a', 'ids-01')).toBeNull(); // no weekend baseline yet
    // Mon and Wed only (the wall was off on Tuesday): two days, enough; with Tuesday off and one day, not.
    const w3 = new SourceWatch(rules, monday, 100);
    baselineWeek(w3, 2, 1); // Monday only
    const wednesday = monday + 2 * DAY;
    feed(w3, 'ids-01', wednesday + 9 * HOUR, wednesday + 10 * HOUR, 6);
    w3.tick(wednesday + 10 * HOUR);
    expect(w3.verdict('site-a', 'ids-01')).toBeNull();
  });

  it('a sensor the baseline says is this quiet at this hour is not called silent', () => {
    const quiet = compileWatchRules({ version: 1 });
    const w = new SourceWatch(quiet, monday, 100);
    for (let d = 0; d < 3; d++) {
      const day = monday + d * DAY;
      feed(w, 'mail-gw', day, day + DAY, 0.5); // one event every two hours
    }
    const thursday = monday + 3 * DAY;
    w.record('site-a', 'mail-gw', thursday + 9 * HOUR, 'low', 1);
    feed(w, 'mail-gw', thursday + 9 * HOUR + MIN, thursday + 9 * HOUR + 40 * MIN, 0);
    expect(w.verdict('site-a', 'mail-gw')).toBeNull(); // 40 min silent, 0.33 events expected in that time
    // Without a baseline the 30-minute threshold applies plainly.
    const fresh = new SourceWatch(quiet, thursday, 100);
    fresh.record('site-a', 'mail-gw', thursday + 9 * HOUR, 'low', 1);
    fresh.tick(thursday + 9 * HOUR + 40 * MIN);
    expect(fresh.verdict('site-a', 'mail-gw')).toMatchObject({ reason: 'silent' });
  });

  it('survives a restart from the journal: the same verdicts from the saved state', () => {
    const w = new SourceWatch(rules, monday, 100);
    baselineWeek(w);
    const thursday = monday + 3 * DAY;
    feed(w, 'ids-01', thursday + 8 * HOUR, thursday + 9 * HOUR, 60);
    const saved = JSON.parse(JSON.stringify(w.exportState())) as unknown;
    // The wall restarts at 09:00 and watches again from then on; the original runs on beside it.
    const restarted = new SourceWatch(rules, thursday + 9 * HOUR, 100);
    restarted.importState(SourceWatch.parseState(saved, 'state.watch'));
    const at = thursday + 10 * HOUR + 5 * MIN; // past the hour of grace after the start
    feed(restarted, 'ids-01', thursday + 9 * HOUR, at, 6);
    feed(w, 'ids-01', thursday + 9 * HOUR, at, 6);
    const v = restarted.verdict('site-a', 'ids-01');
    // Last tick 10:04: 56/60 of the 9 o'clock hour (120) and 4/60 of the next (20): 113 expected, about 6 seen.
    expect(v).toMatchObject({ level: 'critical', reason: 'drop', expected: 113 });
    expect(v).toEqual(w.verdict('site-a', 'ids-01'));
    // Within the hour after a start the volume is not judged (the hour still holds the time off).
    const early = new SourceWatch(rules, thursday + 9 * HOUR + 30 * MIN, 100);
    early.importState(SourceWatch.parseState(saved, 'state.watch'));
    early.tick(thursday + 10 * HOUR + 5 * MIN);
    expect(early.verdict('site-a', 'ids-01')).toBeNull();
  });

  it('a damaged saved state is refused with the path of the bad field', () => {
    const w = new SourceWatch(rules, monday, 100);
    w.record('site-a', 'ids-01', monday, 'low', 1);
    const s = w.exportState() as unknown as { sensors: { hours: unknown }[] };
    s.sensors[0]!.hours = [1, 2, 3];
    expect(() => SourceWatch.parseState(s, 'state.watch')).toThrow(/state\.watch\.sensors\[0\]\.hours/u);
    expect(() => SourceWatch.parseState({ upHours: 'x', sensors: [] }, 'state.watch')).toThrow(/state\.watch\.upHours/u);
  });
});

describe('bounds and rules', () => {
  it('tracks at most its bound of sensors and forgets one silent for 14 days', () => {
    const t = wall('2026-12-02T10:00:00');
    const w = new SourceWatch(compileWatchRules(null), t, 2);
    for (const s of ['a', 'b', 'c']) w.record('site-a', s, t, 'low', 1);
    expect(w.size).toBe(2);
    expect(w.verdict('site-a', 'c')).toBeUndefined();
    w.record('site-a', 'b', t + FORGET_AFTER_MS, 'low', 1);
    w.tick(t + FORGET_AFTER_MS + 1);
    expect(w.size).toBe(1);
    expect(w.verdict('site-a', 'a')).toBeUndefined();
  });

  it('the shipped watch.yaml says what the defaults are; bands in the wrong order are refused', () => {
    const shipped = parseYaml(readFileSync(new URL('../../../resources/wall/watch.yaml', import.meta.url), 'utf8')) as WatchRulesDef;
    expect({ silence_s: shipped.silence_s, drop: shipped.drop, baseline: shipped.baseline, tamper_s: shipped.tamper_s }).toEqual(WATCH_DEFAULTS);
    const rules = compileWatchRules(shipped);
    expect(rules.kindOf('edr-rach-gia')).toBe('endpoint');
    expect(rules.kindOf('fortigate-1')).toBe('network');
    expect(rules.kindOf('printer')).toBe('default');
    expect(watchRuleProblems({ version: 1, drop: { warning_pct: 80, critical_pct: 60 } })).toEqual([
      'drop.critical_pct (60) must be above drop.warning_pct (80)',
    ]);
  });
});
