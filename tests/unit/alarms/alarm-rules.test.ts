// Alarm rules: the first rule covering an event's category and severity decides its priority,
// a critical site raises it one step, and the checks the schema cannot make (duplicate ids,
// priorities that can never or must always apply). Also the bundled resources/wall/alarms.yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { AlarmRulesDef, SecurityEvent } from '../../../electron/contract/index.js';
import { AlarmRulesSchema } from '../../../electron/contract/wall-config-schemas.js';
import { AlarmBook } from '../../../electron/core/alarms/alarm-book.js';
import { securityEvent } from '../../helpers/alarm-fixtures.js';
import {
  alarmRuleProblems,
  compileAlarmRules,
  DEFAULT_FLOOD,
  DEFAULT_GROUP_S,
  DEFAULT_SHELVE,
  NO_ALARM_RULES,
} from '../../../electron/core/alarms/alarm-rules.js';

const T0 = Date.parse('2026-12-02T03:00:00Z');

const ev = (over: Partial<SecurityEvent> = {}): SecurityEvent => securityEvent(T0, over);

/** A malware rule listed before a catch-all: the malware rule must win for malware events. */
const RULES: AlarmRulesDef = {
  version: 1,
  rules: [
    { id: 'targeted', categories: ['targeted'], min_severity: 'high', priority: { high: 'high', critical: 'critical' }, group_s: 1800, clear_s: 3600 },
    { id: 'malware', categories: ['malware', 'combined'], min_severity: 'medium', priority: { medium: 'low', high: 'medium', critical: 'high' }, group_s: 300 },
    { id: 'any-critical', min_severity: 'critical', priority: { critical: 'critical' } },
  ],
};

describe('compileAlarmRules: which rule decides', () => {
  const rules = compileAlarmRules(RULES);

  it('takes the priority of the first rule covering the category, not a later one', () => {
    // any-critical would give "critical"; the malware rule comes first and gives "high".
    expect(rules.match('malware', 'critical')).toEqual({ rule: 'malware', priority: 'high', groupMs: 300_000, clearMs: 300_000 });
    expect(rules.match('combined', 'medium')).toEqual({ rule: 'malware', priority: 'low', groupMs: 300_000, clearMs: 300_000 });
    expect(rules.match('targeted', 'high')).toEqual({ rule: 'targeted', priority: 'high', groupMs: 1_800_000, clearMs: 3_600_000 });
  });

  it('falls through to a later rule when the first covering rule does not reach the severity', () => {
    // targeted low is below the targeted rule's min_severity, and below any-critical's: none.
    expect(rules.match('targeted', 'low')).toBeNull();
    expect(rules.match('targeted', 'medium')).toBeNull();
    // A category the first rules do not name falls to the catch-all, only when critical.
    expect(rules.match('scan', 'critical')).toEqual({ rule: 'any-critical', priority: 'critical', groupMs: DEFAULT_GROUP_S * 1000, clearMs: DEFAULT_GROUP_S * 1000 });
    expect(rules.match('scan', 'high')).toBeNull();
    expect(rules.match('policy', 'critical')?.rule).toBe('any-critical');
    expect(rules.match('malware', 'low')).toBeNull();
  });

  it('a first covering rule without a priority for the severity decides "no alarm" (later rules are not asked)', () => {
    const r = compileAlarmRules({
      version: 1,
      rules: [
        { id: 'gap', categories: ['spoof'], min_severity: 'medium', priority: { high: 'high' } },
        { id: 'all', min_severity: 'low', priority: { low: 'low', medium: 'low', high: 'low', critical: 'low' } },
      ],
    });
    expect(r.match('spoof', 'medium')).toBeNull();
    expect(r.match('spoof', 'high')?.rule).toBe('gap');
    expect(r.match('spoof', 'low')?.rule).toBe('all');
    expect(r.match('other', 'medium')?.rule).toBe('all');
  });

  it('clear time defaults to group_s, which defaults to 600 s', () => {
    const r = compileAlarmRules({
      version: 1,
      rules: [
        { id: 'both', categories: ['scan'], min_severity: 'low', priority: { low: 'low', medium: 'low', high: 'low', critical: 'low' }, group_s: 100, clear_s: 50 },
        { id: 'group', categories: ['spoof'], min_severity: 'low', priority: { low: 'low', medium: 'low', high: 'low', critical: 'low' }, group_s: 120 },
        { id: 'clear', categories: ['policy'], min_severity: 'low', priority: { low: 'low', medium: 'low', high: 'low', critical: 'low' }, clear_s: 30 },
        { id: 'none', categories: ['other'], min_severity: 'low', priority: { low: 'low', medium: 'low', high: 'low', critical: 'low' } },
      ],
    });
    expect(r.match('scan', 'low')).toMatchObject({ groupMs: 100_000, clearMs: 50_000 });
    expect(r.match('spoof', 'low')).toMatchObject({ groupMs: 120_000, clearMs: 120_000 });
    expect(r.match('policy', 'low')).toMatchObject({ groupMs: 600_000, clearMs: 30_000 });
    expect(r.match('other', 'low')).toMatchObject({ groupMs: 600_000, clearMs: 600_000 });
  });

  it('without rules nothing raises', () => {
    const r = compileAlarmRules(NO_ALARM_RULES);
    for (const c of ['scan', 'spoof', 'malware', 'combined', 'targeted', 'policy', 'other'] as const) {
      for (const s of ['low', 'medium', 'high', 'critical'] as const) expect(r.match(c, s)).toBeNull();
    }
  });

  it('flood and shelve default to 10 alarms in 600 s and [1 h, 4 h, shift]; given values are used', () => {
    expect(DEFAULT_FLOOD).toEqual({ alarms: 10, window_s: 600 });
    expect(DEFAULT_SHELVE).toEqual([3600, 14_400, 'shift']);
    expect(rules.flood).toEqual({ alarms: 10, windowMs: 600_000 });
    expect(rules.shelve).toEqual([3600, 14_400, 'shift']);
    const custom = compileAlarmRules({ ...RULES, flood: { alarms: 4, window_s: 60 }, shelve: [600, 'shift'] });
    expect(custom.flood).toEqual({ alarms: 4, windowMs: 60_000 });
    expect(custom.shelve).toEqual([600, 'shift']);
  });
});

describe('compileAlarmRules: site criticality', () => {
  it('raises one step at or above raise_at_level (default 4); critical stays critical', () => {
    const r = compileAlarmRules(RULES);
    expect(r.atSite('low', 4)).toBe('medium');
    expect(r.atSite('medium', 4)).toBe('high');
    expect(r.atSite('high', 5)).toBe('critical');
    expect(r.atSite('critical', 5)).toBe('critical');
    expect(r.atSite('low', 3)).toBe('low');
    expect(r.atSite('high', 1)).toBe('high');
  });

  it('a site without a level takes default_level (default 3: not raised)', () => {
    expect(compileAlarmRules(RULES).atSite('medium', null)).toBe('medium');
    expect(compileAlarmRules({ ...RULES, default_level: 4 }).atSite('medium', null)).toBe('high');
    // The given level wins over the default.
    expect(compileAlarmRules({ ...RULES, default_level: 4 }).atSite('medium', 2)).toBe('medium');
  });

  it('follows a custom raise_at_level', () => {
    const r = compileAlarmRules({ ...RULES, raise_at_level: 5 });
    expect(r.atSite('medium', 4)).toBe('medium');
    expect(r.atSite('medium', 5)).toBe('high');
    const all = compileAlarmRules({ ...RULES, raise_at_level: 1 });
    expect(all.atSite('low', 1)).toBe('medium');
    expect(all.atSite('low', null)).toBe('medium');
  });
});

describe('alarmRuleProblems', () => {
  it('finds nothing in consistent rules', () => {
    expect(alarmRuleProblems(RULES)).toEqual([]);
  });

  it('names a duplicate rule id once per repeat', () => {
    const def: AlarmRulesDef = {
      version: 1,
      rules: [
        { id: 'dup', min_severity: 'critical', priority: { critical: 'high' } },
        { id: 'other', min_severity: 'critical', priority: { critical: 'high' } },
        { id: 'dup', min_severity: 'critical', priority: { critical: 'low' } },
      ],
    };
    expect(alarmRuleProblems(def)).toEqual(['two alarm rules are called "dup"']);
  });

  it('names a priority for a severity below min_severity', () => {
    const def: AlarmRulesDef = { version: 1, rules: [{ id: 'r1', min_severity: 'high', priority: { medium: 'low', high: 'medium', critical: 'high' } }] };
    expect(alarmRuleProblems(def)).toEqual(['rule "r1" gives a priority to "medium" events, below its min_severity "high"']);
  });

  it('names a severity at or above min_severity that has no priority', () => {
    const def: AlarmRulesDef = { version: 1, rules: [{ id: 'r2', min_severity: 'medium', priority: { medium: 'low', critical: 'high' } }] };
    expect(alarmRuleProblems(def)).toEqual(['rule "r2" raises "high" events (min_severity "medium") but gives them no priority']);
  });

  it('lists every problem of every rule', () => {
    const def: AlarmRulesDef = {
      version: 1,
      rules: [
        { id: 'a', min_severity: 'critical', priority: { low: 'low' } },
        { id: 'a', min_severity: 'low', priority: {} },
      ],
    };
    const problems = alarmRuleProblems(def);
    expect(problems).toHaveLength(1 + 1 + 1 + 4);
    expect(problems).toContain('rule "a" gives a priority to "low" events, below its min_severity "critical"');
    expect(problems).toContain('rule "a" raises "critical" events (min_severity "critical") but gives them no priority');
    expect(problems).toContain('two alarm rules are called "a"');
    expect(problems.filter((p) => p.includes('(min_severity "low") but gives them no priority'))).toHaveLength(4);
  });
});

describe('the bundled resources/wall/alarms.yaml', () => {
  const text = readFileSync(join(import.meta.dirname, '../../../resources/wall/alarms.yaml'), 'utf8');
  const def = v.parse(AlarmRulesSchema, parse(text)) as AlarmRulesDef;
  const rules = compileAlarmRules(def);

  it('passes the schema and has no problems', () => {
    expect(def.version).toBe(1);
    expect(def.rules.map((r) => r.id)).toEqual(['targeted', 'malware-critical', 'any-critical']);
    expect(alarmRuleProblems(def)).toEqual([]);
    expect(rules.flood).toEqual({ alarms: 10, windowMs: 600_000 });
    expect(rules.shelve).toEqual([3600, 14_400, 'shift']);
  });

  it('decides the priorities the shift expects', () => {
    expect(rules.atSite(rules.match('targeted', 'critical')!.priority, 4)).toBe('critical');
    expect(rules.atSite(rules.match('targeted', 'high')!.priority, 4)).toBe('critical');
    expect(rules.atSite(rules.match('targeted', 'high')!.priority, 3)).toBe('high');
    expect(rules.atSite(rules.match('malware', 'critical')!.priority, 2)).toBe('high');
    expect(rules.atSite(rules.match('malware', 'critical')!.priority, 4)).toBe('critical');
    expect(rules.atSite(rules.match('policy', 'critical')!.priority, null)).toBe('medium');
    expect(rules.match('scan', 'high')).toBeNull();
    expect(rules.match('malware', 'high')).toBeNull();
    expect(rules.match('targeted', 'medium')).toBeNull();
    expect(rules.match('targeted', 'critical')).toMatchObject({ groupMs: 1_800_000, clearMs: 3_600_000 });
  });

  it('raises those alarms in a book with site levels', () => {
    const book = new AlarmBook({ rules, siteLevels: new Map([['hot', 4], ['cool', 2]]) });
    book.observe(ev({ siteId: 'hot', category: 'targeted', severity: 'critical' }), T0);
    book.observe(ev({ siteId: 'cool', category: 'malware', severity: 'critical' }), T0);
    book.observe(ev({ siteId: 'hot', category: 'scan', severity: 'high' }), T0);
    expect(book.size()).toBe(2);
    expect(book.get(1)).toMatchObject({ siteId: 'hot', rule: 'targeted', priority: 'critical' });
    expect(book.get(2)).toMatchObject({ siteId: 'cool', rule: 'malware-critical', priority: 'high' });
  });

  it('the schema refuses unknown keys and bad values', () => {
    const raw = parse(text) as Record<string, unknown>;
    expect(v.safeParse(AlarmRulesSchema, { ...raw, floods: {} }).success).toBe(false);
    expect(v.safeParse(AlarmRulesSchema, { ...raw, rules: [] }).success).toBe(false);
    expect(v.safeParse(AlarmRulesSchema, { ...raw, rules: [{ id: 'x', min_severity: 'severe', priority: {} }] }).success).toBe(false);
    expect(v.safeParse(AlarmRulesSchema, { ...raw, rules: [{ id: 'x', min_severity: 'high', priority: { high: 'urgent' } }] }).success).toBe(false);
  });
});
