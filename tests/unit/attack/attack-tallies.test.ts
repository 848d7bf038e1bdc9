import { describe, expect, it } from 'vitest';
import type { SecurityEvent } from '../../../electron/contract/index.js';
import { ATTACK_TACTICS, type AttackTags, type TacticId } from '../../../electron/contract/common/attack-tactics.js';
import { AttackTallies } from '../../../electron/core/attack/attack-tallies.js';

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0);
const MIN = 60_000;

function event(siteId: string, time = T0): SecurityEvent {
  return { time, siteId, sensorId: 'ids-1', category: 'targeted', severity: 'high', action: 'unknown', srcIp: '45.1.1.1', srcPort: null, destIp: null, destPort: null, proto: null, signature: 'x', signatureId: 1, count: 1 };
}
const tags = (...tactics: TacticId[]): AttackTags => ({ tactics, techniques: [] });
const index = (id: TacticId) => ATTACK_TACTICS.findIndex((t) => t.id === id);

describe('ATT&CK tallies and the progression rule', () => {
  it('counts per tactic, province-wide and per site, in kill-chain order', () => {
    const a = new AttackTallies(16);
    a.record(event('s1'), T0, { tactics: ['TA0043'], techniques: ['T1595'] }, 'tagged');
    a.record(event('s1'), T0, tags('TA0043'), 'mapped');
    a.record(event('s2'), T0, tags('TA0001', 'TA0002'), 'tagged');
    const f = a.frame(T0);
    expect(f.tactics.map((t) => t.id)).toEqual(ATTACK_TACTICS.map((t) => t.id));
    expect(f.tactics[index('TA0043')]).toEqual({ id: 'TA0043', hour: 2, day: 2 });
    expect(f.tactics[index('TA0002')]).toEqual({ id: 'TA0002', hour: 1, day: 1 });
    expect(f.sites.find((s) => s.siteId === 's1')?.hour[index('TA0043')]).toBe(2);
    expect(f.techniques).toEqual([{ id: 'T1595', hour: 1, day: 1 }]);
    expect(f.tagged.hour).toBe(2);
    expect(f.mapped.hour).toBe(1);
  });

  it('flags a site with three distinct tactics within an hour, and not two, nor three spread over more than an hour', () => {
    const a = new AttackTallies(16);
    a.record(event('two'), T0, tags('TA0043', 'TA0001'), 'tagged');
    a.record(event('two'), T0, tags('TA0043'), 'tagged');
    a.record(event('three'), T0, tags('TA0043'), 'tagged');
    a.record(event('three'), T0 + 20 * MIN, tags('TA0001'), 'tagged');
    a.record(event('three'), T0 + 40 * MIN, tags('TA0002'), 'tagged');
    a.record(event('spread'), T0, tags('TA0043'), 'tagged');
    let f = a.frame(T0 + 40 * MIN);
    expect(f.sites[0]).toMatchObject({ siteId: 'three', tacticsHour: 3, progression: true });
    expect(f.sites.find((s) => s.siteId === 'two')).toMatchObject({ tacticsHour: 2, progression: false });
    expect(a.progressionAt('three', T0 + 40 * MIN)).toBe(true);
    a.record(event('spread'), T0 + 50 * MIN, tags('TA0001'), 'tagged');
    a.record(event('spread'), T0 + 70 * MIN, tags('TA0011'), 'tagged');
    f = a.frame(T0 + 70 * MIN);
    // 'spread': its reconnaissance left the hour before its third tactic came.
    expect(f.sites.find((s) => s.siteId === 'spread')).toMatchObject({ tacticsHour: 2, progression: false });
    // An hour after its first tactic, 'three' has two left: no longer flagged.
    expect(f.sites.find((s) => s.siteId === 'three')).toMatchObject({ tacticsHour: 2, progression: false });
  });

  it('tallies at most its site bound, counts the rest as refused, and restores from its saved form', () => {
    const a = new AttackTallies(2);
    a.record(event('a'), T0, tags('TA0043'), 'tagged');
    a.record(event('b'), T0, tags('TA0043'), 'tagged');
    a.record(event('c'), T0, tags('TA0043'), 'tagged');
    expect(a.sitesRefused).toBe(1);
    expect(a.frame(T0).tactics[index('TA0043')]!.hour).toBe(3);
    const back = new AttackTallies(2);
    back.importState(AttackTallies.parseState(JSON.parse(JSON.stringify(a.exportState())), 'attack'));
    expect(back.frame(T0)).toEqual(a.frame(T0));
    expect(() => AttackTallies.parseState({ province: [[99, 0, 0, new Array(60).fill(0), new Array(24).fill(0)]], sites: [], techniques: [], sources: [] }, 'attack')).toThrow(/attack\.province\[0\]\[0\]/u);
  });
});

describe('tactics guessed from the wall category', () => {
  it('count province-wide but never make a site a progression', async () => {
    const { ThreatTracker } = await import('../../../electron/core/threats/threat-tracker.js');
    const { AttackMapper } = await import('../../../electron/core/attack/attack-map.js');
    const { readResourceJson } = await import('../../../electron/core/config/resources.js');
    const tracker = new ThreatTracker({ maxSites: 16, attackMap: AttackMapper.fromJson(readResourceJson('attack-map.json')) });
    // Native events without tags: scan (reconnaissance), malware (execution + C2), targeted (initial access).
    for (const category of ['scan', 'malware', 'targeted'] as const) tracker.record({ ...event('busy'), category }, T0);
    let f = tracker.snapshot(T0).attack;
    expect(f.tactics.filter((t) => t.hour > 0).length).toBe(4);
    expect(f.mapped.hour).toBe(3);
    expect(f.sites).toEqual([]);
    // The same stages from the sensor's own tags flag the site.
    tracker.record({ ...event('tagged'), attack: { tactics: ['TA0043'], techniques: [], source: 'sensor' } }, T0);
    tracker.record({ ...event('tagged'), attack: { tactics: ['TA0001'], techniques: ['T1190'], source: 'sensor' } }, T0);
    tracker.record({ ...event('tagged'), attack: { tactics: ['TA0011'], techniques: [], source: 'mapping' } }, T0);
    f = tracker.snapshot(T0).attack;
    expect(f.sites).toEqual([expect.objectContaining({ siteId: 'tagged', tacticsHour: 3, progression: true })]);
  });
});

describe('a snapshot for a window that connects', () => {
  it('does not use up the change the next delta owes the windows already open', async () => {
    const { ThreatTracker } = await import('../../../electron/core/threats/threat-tracker.js');
    const tracker = new ThreatTracker({ maxSites: 16 });
    expect(tracker.delta(T0)).toBeDefined();
    // No source address: only the attack part changed.
    tracker.record({ ...event('s'), srcIp: null, attack: { tactics: ['TA0001'], techniques: [], source: 'sensor' } }, T0 + 2000);
    tracker.snapshot(T0 + 2000);
    expect(tracker.delta(T0 + 2000)?.attack.tactics.find((t) => t.id === 'TA0001')?.hour).toBe(1);
  });
});
