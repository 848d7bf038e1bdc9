// Alarm priorities and the one order alarms are listed in: by priority, unacknowledged before
// acknowledged, then the oldest first, so the first unacknowledged alarm of the list is the one
// `A` acknowledges by default. Dependency-free: the core's selection and the renderer's list
// follow the same function.

/** Highest first. */
export const ALARM_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlarmPriority = (typeof ALARM_PRIORITIES)[number];
export const PRIORITY_RANK: Readonly<Record<AlarmPriority, number>> = { critical: 3, high: 2, medium: 1, low: 0 };

/** ISA-18.2 states of an alarm that is not back to normal (a normal alarm leaves the list). */
export const ALARM_STATES = ['active-unacknowledged', 'active-acknowledged', 'cleared-unacknowledged'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export function isUnacknowledged(state: AlarmState): boolean {
  return state !== 'active-acknowledged';
}

export interface OrderedAlarm {
  id: number;
  priority: AlarmPriority;
  state: AlarmState;
  firstSeen: number;
}

export function compareAlarms(a: OrderedAlarm, b: OrderedAlarm): number {
  return (
    PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
    Number(isUnacknowledged(b.state)) - Number(isUnacknowledged(a.state)) ||
    a.firstSeen - b.firstSeen ||
    a.id - b.id
  );
}
