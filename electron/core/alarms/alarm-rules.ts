// Alarm rules compiled into a table by category and severity, so deciding whether an event
// raises an alarm, and at which priority, is two array lookups per event.
import type { AlarmPriority, AlarmRulesDef, Category, Severity, WatchAlarmState } from '../../contract/index.js';
import { ALARM_PRIORITIES, CATEGORIES, SEVERITIES, SEVERITY_RANK } from '../../contract/index.js';

export const DEFAULT_GROUP_S = 600;
export const DEFAULT_RAISE_AT_LEVEL = 4;
export const DEFAULT_SITE_LEVEL = 3;
export const DEFAULT_FLOOD = { alarms: 10, window_s: 600 } as const;
export const DEFAULT_SHELVE: readonly (number | 'shift')[] = [3600, 14_400, 'shift'];
/** Without alarms.yaml: no rule, no alarm. */
export const NO_ALARM_RULES: AlarmRulesDef = { version: 1, rules: [] };

export interface AlarmMatch {
  rule: string;
  /** Before the site's criticality is applied. */
  priority: AlarmPriority;
  groupMs: number;
  clearMs: number;
}

export interface CompiledAlarmRules {
  /** The rule for an event of this category and severity, or null: no alarm. */
  match(category: Category, severity: Severity): AlarmMatch | null;
  /** The priority at a site of this criticality level (1–5; null: the default level). */
  atSite(priority: AlarmPriority, level: number | null): AlarmPriority;
  flood: { alarms: number; windowMs: number };
  shelve: readonly (number | 'shift')[];
  /** Alarms for sources the watch flags (alarms.yaml `sources`), or null: the watch only shows. */
  sources: { rule: string; priority: Partial<Record<WatchAlarmState, AlarmPriority>>; clearMs: number } | null;
}

/** A source alarm returns to normal this long after the sensor's events are back (default). */
const DEFAULT_SOURCE_CLEAR_S = 300;

export function compileAlarmRules(def: AlarmRulesDef): CompiledAlarmRules {
  const table: (AlarmMatch | null)[] = new Array<AlarmMatch | null>(CATEGORIES.length * SEVERITIES.length).fill(null);
  CATEGORIES.forEach((category, ci) => {
    for (const severity of SEVERITIES) {
      // The first rule that covers the category and severity decides.
      const rule = def.rules.find(
        (r) => (r.categories === undefined || r.categories.includes(category)) && SEVERITY_RANK[severity] >= SEVERITY_RANK[r.min_severity],
      );
      const priority = rule?.priority[severity];
      if (!rule || priority === undefined) continue;
      const groupMs = (rule.group_s ?? DEFAULT_GROUP_S) * 1000;
      table[ci * SEVERITIES.length + SEVERITY_RANK[severity]] = { rule: rule.id, priority, groupMs, clearMs: (rule.clear_s ?? rule.group_s ?? DEFAULT_GROUP_S) * 1000 };
    }
  });
  const categoryIndex = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));
  const raiseAt = def.raise_at_level ?? DEFAULT_RAISE_AT_LEVEL;
  const defaultLevel = def.default_level ?? DEFAULT_SITE_LEVEL;
  const flood = def.flood ?? DEFAULT_FLOOD;
  return {
    match: (category, severity) => table[categoryIndex.get(category)! * SEVERITIES.length + SEVERITY_RANK[severity]] ?? null,
    atSite: (priority, level) => {
      if ((level ?? defaultLevel) < raiseAt) return priority;
      const i = ALARM_PRIORITIES.indexOf(priority);
      return ALARM_PRIORITIES[Math.max(0, i - 1)]!;
    },
    flood: { alarms: flood.alarms, windowMs: flood.window_s * 1000 },
    shelve: def.shelve ?? DEFAULT_SHELVE,
    sources: def.sources ? { rule: def.sources.id, priority: def.sources.priority, clearMs: (def.sources.clear_s ?? DEFAULT_SOURCE_CLEAR_S) * 1000 } : null,
  };
}

/** Problems the schema cannot see: duplicate rule ids, a priority listed for a severity below the rule's minimum. */
export function alarmRuleProblems(def: AlarmRulesDef): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of def.rules) {
    if (seen.has(r.id)) problems.push(`two alarm rules are called "${r.id}"`);
    seen.add(r.id);
    for (const s of SEVERITIES) {
      const listed = r.priority[s] !== undefined;
      const raises = SEVERITY_RANK[s] >= SEVERITY_RANK[r.min_severity];
      if (listed && !raises) problems.push(`rule "${r.id}" gives a priority to "${s}" events, below its min_severity "${r.min_severity}"`);
      if (!listed && raises) problems.push(`rule "${r.id}" raises "${s}" events (min_severity "${r.min_severity}") but gives them no priority`);
    }
  }
  return problems;
}
