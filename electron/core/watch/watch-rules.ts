// watch.yaml compiled: thresholds by kind of source, the drop bands, the baseline's minimum
// and which sensor is which kind. Without the file the defaults below apply (the shipped
// resources/wall/watch.yaml spells them out; a test keeps the two equal).
import type { SourceKind, WatchRulesDef } from '../../contract/index.js';

export interface CompiledWatchRules {
  /** Silence past which a sensor is critical, in ms, by its kind. */
  silenceMs(kind: SourceKind): number;
  /** The kind of a sensor, by the first `kinds` entry matching its id. */
  kindOf(sensorId: string): SourceKind;
  /** Fractions of the baseline under which the volume warns and is critical (0.5 and 0.1 by default). */
  warningBelow: number;
  criticalBelow: number;
  minDays: number;
  minExpected: number;
  tamperMs: number;
}

export const WATCH_DEFAULTS = {
  silence_s: { endpoint: 300, network: 900, default: 1800 },
  drop: { warning_pct: 50, critical_pct: 90 },
  baseline: { min_days: 2, min_expected: 12 },
  tamper_s: 600,
} as const;

export function compileWatchRules(def: WatchRulesDef | null): CompiledWatchRules {
  const silence = def?.silence_s ?? WATCH_DEFAULTS.silence_s;
  const drop = def?.drop ?? WATCH_DEFAULTS.drop;
  const baseline = def?.baseline ?? WATCH_DEFAULTS.baseline;
  const kinds = (def?.kinds ?? []).map((k) => ({
    prefix: k.sensor.endsWith('*') ? k.sensor.slice(0, -1) : null,
    exact: k.sensor.endsWith('*') ? null : k.sensor,
    kind: k.kind,
  }));
  return {
    silenceMs: (kind) => silence[kind] * 1000,
    kindOf: (sensorId) => {
      for (const k of kinds) if (k.exact === sensorId || (k.prefix !== null && sensorId.startsWith(k.prefix))) return k.kind;
      return 'default';
    },
    warningBelow: 1 - drop.warning_pct / 100,
    criticalBelow: 1 - drop.critical_pct / 100,
    minDays: baseline.min_days,
    minExpected: baseline.min_expected,
    tamperMs: (def?.tamper_s ?? WATCH_DEFAULTS.tamper_s) * 1000,
  };
}

/** What the schema cannot see: bands in the wrong order. */
export function watchRuleProblems(def: WatchRulesDef): string[] {
  const problems: string[] = [];
  if (def.drop && def.drop.critical_pct <= def.drop.warning_pct) {
    problems.push(`drop.critical_pct (${def.drop.critical_pct}) must be above drop.warning_pct (${def.drop.warning_pct})`);
  }
  return problems;
}
