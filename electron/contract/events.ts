// The wall's event model: what every sensor format is normalised into.

export const CATEGORIES = ['scan', 'spoof', 'malware', 'combined', 'targeted', 'policy', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Severity, ordered: a higher rank is worse. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

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
