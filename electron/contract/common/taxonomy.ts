// The wall's categories and severities, in their order: the one list the decoder, the
// aggregator, the timeline, the counters and the map legend all follow. Dependency-free values
// (contract/common): the renderer imports them as the core does.

/** Wall categories, in display order (also the timeline's stacking order). */
export const CATEGORIES = ['scan', 'spoof', 'malware', 'combined', 'targeted', 'policy', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Severity, ordered: a higher rank is worse. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };
