// Alarms as frames carry them, for renderer tests (the core's own tests build them through
// AlarmBook), and the decoded events the core's alarm tests feed it.
import type { Alarm, AlarmSummary, AlarmsFrame, SecurityEvent } from '../../electron/contract/index.js';

export function alarmSummary(over: Partial<AlarmSummary> = {}): AlarmSummary {
  const zero = { critical: 0, high: 0, medium: 0, low: 0 };
  const none = { p50: null, p95: null, n: 0 };
  return {
    standing: { ...zero },
    unacknowledged: { ...zero },
    shelved: 0,
    suppressed: 0,
    raisedLast10m: 0,
    flood: { active: false, since: null, rate: 0, threshold: 10, windowS: 600, raised: 0, bySite: [] },
    ackTimes: { critical: none, high: none, medium: none, low: none },
    shift: null,
    ...over,
  };
}

export function alarmsFrame(alarms: Alarm[] = [], removed: number[] = [], summary = alarmSummary()): AlarmsFrame {
  return { alarms, removed, summary };
}

export function alarm(id: number, over: Partial<Alarm> = {}): Alarm {
  return {
    id,
    siteId: 'ubnd-tinh',
    category: 'targeted',
    signature: `sig ${id}`,
    rule: 'targeted',
    priority: 'critical',
    state: 'active-unacknowledged',
    count: 1,
    worstSeverity: 'critical',
    firstSeen: 1_796_180_400_000 + id,
    lastSeen: 1_796_180_400_000 + id,
    source: '203.0.113.9',
    sensorId: 'ids-01',
    clearedAt: null,
    acknowledged: null,
    shelvedUntil: null,
    shelved: null,
    suppressed: false,
    ...over,
  };
}

/** A decoded event for the alarm core (scan, high, one occurrence, at `time`). */
export function securityEvent(time: number, over: Partial<SecurityEvent> = {}): SecurityEvent {
  return {
    time,
    siteId: 'site-a',
    sensorId: 'sensor-1',
    category: 'scan',
    severity: 'high',
    action: 'blocked',
    srcIp: '203.0.113.5',
    srcPort: 40_000,
    destIp: '10.0.0.5',
    destPort: 443,
    proto: 'tcp',
    signature: 'ET SCAN Nmap',
    signatureId: 2_000_001,
    count: 1,
    ...over,
  };
}
