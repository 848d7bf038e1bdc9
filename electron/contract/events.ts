// The wall's event model: what every sensor format is normalised into.

import type { AttackTags } from './common/attack-tactics.js';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from './common/taxonomy.js';

export { CATEGORIES, SEVERITIES, SEVERITY_RANK, type Category, type Severity } from './common/taxonomy.js';

export type EventAction = 'blocked' | 'allowed' | 'unknown';

/** A security event after decoding and validation. Raw events never leave the main process. */
export interface SecurityEvent {
  /** Event time, epoch milliseconds (sensor clock, bounded by the ingest clock-skew rule). */
  time: number;
  siteId: string;
  sensorId: string;
  category: Category;
  severity: Severity;
  action: EventAction;
  srcIp: string | null;
  srcPort: number | null;
  destIp: string | null;
  destPort: number | null;
  proto: string | null;
  signature: string | null;
  signatureId: number | null;
  /** How many occurrences this record stands for (sensors may pre-aggregate). */
  count: number;
  /**
   * MITRE ATT&CK tactics and techniques: the sensor's own tags (`sensor`), or the fallback
   * mapping of its classification (`mapping`). Absent when neither gives any.
   */
  attack?: EventAttack;
}

export interface EventAttack extends AttackTags {
  source: 'sensor' | 'mapping';
}

export function categoryIndex(c: Category): number {
  return CATEGORIES.indexOf(c);
}

export function isCategory(s: string): s is Category {
  return (CATEGORIES as readonly string[]).includes(s);
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}
