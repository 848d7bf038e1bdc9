import { describe, expect, it } from 'vitest';
import type { SecurityEvent, Severity } from '../../../electron/contract/index.js';
import { SENSOR_OUTAGES_KEPT, SiteStateTracker, parseSensorOutages, siteStatus } from '../../../electron/core/aggregate/site-state-tracker.js';

const T0 = 1_795_000_000_000;
function ev(siteId: string, time: number, severity: Severity = 'low', count = 1): SecurityEvent {
  return { time, siteId, sensorId: 'ids-01', category: 'scan', severity, action: 'blocked', srcIp: null, srcPort: null, destIp: null, destPort: null, proto: null, signature: null, signatureId: null, count };
}

describe('SiteStateTracker', () => {
  it('never shows a site nobody reported from as quiet', () => {
    const t = new SiteStateTracker(['a']);
    expect(t.all(T0)[0]!.status).toBe('unknown');
  });

  it('quiet with a live sensor, attacked at the threshold of medium events, critical on high', () => {
    const t = new SiteStateTracker(['a'], { sensorTimeoutMs: 90_000, attackedThreshold: 3 });
    t.recordSensorSeen('a', 'ids-01', T0);
    expect(t.all(T0)[0]!.status).toBe('quiet');
    for (let i = 0; i < 10; i++) t.recordEvent(ev('a', T0, 'low'), T0);
    expect(t.all(T0)[0]!.status).toBe('quiet'); // low-severity noise alone
    for (let i = 0; i < 3; i++) t.recordEvent(ev('a', T0, 'medium'), T0);
    expect(t.all(T0)[0]!.status).toBe('attacked');
    t.recordEvent(ev('a', T0, 'high'), T0);
    const s = t.all(T0)[0]!;
    expect(s.status).toBe('critical');
    expect(s.count5m).toBe(14);
    expect(s.worstSeverity).toBe('high');
    expect(s.lastHighAt).toBe(T0);
  });

  it('counts 5 and 60 minute windows, and forgets after an hour', () => {
    const t = new SiteStateTracker(['a']);
    t.recordEvent(ev('a', T0, 'low', 5), T0);
    t.recordEvent(ev('a', T0 + 10 * 60_000, 'low', 2), T0 + 10 * 60_000);
    let s = t.all(T0 + 10 * 60_000)[0]!;
    expect([s.count5m, s.count60m]).toEqual([2, 7]);
    s = t.all(T0 + 65 * 60_000)[0]!;
    expect([s.count5m, s.count60m]).toEqual([0, 2]);
  });

  it('marks a site offline when all its sensors go silent, and back when one returns', () => {
    const t = new SiteStateTracker(['a'], { sensorTimeoutMs: 90_000, attackedThreshold: 3 });
    t.recordSensorSeen('a', 'ids-01', T0);
    t.recordSensorSeen('a', 'fw-01', T0 + 60_000);
    expect(t.all(T0 + 120_000)[0]!.status).toBe('quiet'); // fw-01 still alive
    expect(t.all(T0 + 151_000)[0]!.status).toBe('offline');
    t.recordSensorSeen('a', 'ids-01', T0 + 160_000);
    expect(t.all(T0 + 160_000)[0]!.status).toBe('quiet');
  });

  it('records a sensor outage when a sensor is heard again after its timeout, and lists the ones dark now', () => {
    const t = new SiteStateTracker(['a', 'b'], { sensorTimeoutMs: 90_000, attackedThreshold: 3 });
    t.recordSensorSeen('a', 'ids-01', T0);
    t.recordSensorSeen('a', 'ids-01', T0 + 90_000); // exactly the timeout: not an outage
    t.recordSensorSeen('b', 'fw-01', T0);
    t.recordSensorSeen('a', 'ids-01', T0 + 90_000 + 90_001);
    expect(t.sensorOutages()).toEqual([{ siteId: 'a', sensorId: 'ids-01', from: T0 + 90_000, to: T0 + 180_001 }]);
    // A late (older) message does not make one.
    t.recordSensorSeen('a', 'ids-01', T0);
    expect(t.sensorOutages()).toHaveLength(1);
    expect(t.darkSensors(T0 + 180_001)).toEqual([{ siteId: 'b', sensorId: 'fw-01', since: T0 }]);
    expect(t.darkSensors(T0 + 90_000)).toEqual([]);
  });

  it('keeps the newest SENSOR_OUTAGES_KEPT outages, through export, parse and import', () => {
    const t = new SiteStateTracker(['a'], { sensorTimeoutMs: 1000, attackedThreshold: 3 });
    for (let i = 0; i <= SENSOR_OUTAGES_KEPT + 5; i++) t.recordSensorSeen('a', 'ids-01', T0 + i * 5000);
    const kept = t.sensorOutages();
    expect(kept).toHaveLength(SENSOR_OUTAGES_KEPT);
    const last = SENSOR_OUTAGES_KEPT + 5;
    expect(kept.at(-1)).toEqual({ siteId: 'a', sensorId: 'ids-01', from: T0 + (last - 1) * 5000, to: T0 + last * 5000 });
    expect(kept[0]).toEqual({ siteId: 'a', sensorId: 'ids-01', from: T0 + 5 * 5000, to: T0 + 6 * 5000 });
    const back = new SiteStateTracker(['a']);
    back.importOutages(parseSensorOutages(JSON.parse(JSON.stringify(t.exportOutages())), 'outages'));
    expect(back.sensorOutages()).toEqual(kept);
    expect(() => parseSensorOutages([{ siteId: 'a', sensorId: 7, from: 1, to: 2 }], 'outages')).toThrow(/outages\[0\]\.sensorId/u);
  });

  it("shows a forwarder's trouble while its sensor is online, sends it again only when it moves, and drops it on ok", () => {
    const t = new SiteStateTracker(['a']);
    t.recordSensorSeen('a', 'wazuh-1', T0, { status: 'degraded', queued: 100, dropped: 0 });
    expect(t.all(T0)[0]!.sensors[0]!.forwarder).toEqual({ status: 'degraded', queued: 100, dropped: 0 });
    t.recordSensorSeen('a', 'wazuh-1', T0 + 1000, { status: 'degraded', queued: 120, dropped: 0 });
    expect(t.changed(T0 + 1000)).toEqual([]); // the same power of two: not sent again
    t.recordSensorSeen('a', 'wazuh-1', T0 + 2000, { status: 'degraded', queued: 300, dropped: 5 });
    expect(t.changed(T0 + 2000)[0]!.sensors![0]!.forwarder).toEqual({ status: 'degraded', queued: 300, dropped: 5 });
    // An event from the sensor says nothing of its forwarder.
    t.recordEvent({ ...ev('a', T0 + 2500), sensorId: 'wazuh-1' }, T0 + 2500);
    expect(t.all(T0 + 2500)[0]!.sensors[0]!.forwarder).toMatchObject({ queued: 300 });
    // Offline, the sensor's silence speaks; the forwarder's last word is not shown.
    expect(t.all(T0 + 200_000)[0]!.sensors[0]).not.toHaveProperty('forwarder');
    t.recordSensorSeen('a', 'wazuh-1', T0 + 201_000, null);
    expect(t.all(T0 + 201_000)[0]!.sensors[0]).not.toHaveProperty('forwarder');
  });

  it('reports only changed sites in deltas', () => {
    const t = new SiteStateTracker(['a', 'b']);
    t.all(T0);
    expect(t.changed(T0)).toEqual([]);
    t.recordEvent(ev('b', T0, 'high'), T0);
    expect(t.changed(T0).map((s) => s.id)).toEqual(['b']);
    expect(t.changed(T0)).toEqual([]);
  });

  it('sends a changed site with its changed fields only; sensors only when one came, went or changed liveness', () => {
    const t = new SiteStateTracker(['a', 'b']);
    t.recordSensorSeen('a', 'ids-01', T0);
    t.all(T0);
    t.recordEvent(ev('a', T0 + 1000, 'low'), T0 + 1000);
    const [change] = t.changed(T0 + 1000);
    expect(change).toEqual({ id: 'a', lastEventAt: T0 + 1000, count5m: 1, count60m: 1, worstSeverity: 'low' });
    // A heartbeat moves lastSeenAt only: nothing to send.
    t.recordSensorSeen('a', 'ids-01', T0 + 2000);
    expect(t.changed(T0 + 2000)).toEqual([]);
    // A new sensor: the sensors, whole.
    t.recordSensorSeen('a', 'fw-01', T0 + 3000);
    const [withSensor] = t.changed(T0 + 3000);
    expect(Object.keys(withSensor!).sort()).toEqual(['id', 'sensors']);
    expect(withSensor!.sensors!.map((x) => x.id).sort()).toEqual(['fw-01', 'ids-01']);
  });

  it('sends a site whole the first time (before any snapshot)', () => {
    const t = new SiteStateTracker(['a']);
    const [first] = t.changed(T0);
    expect(Object.keys(first!).sort()).toEqual(['count5m', 'count60m', 'id', 'lastEventAt', 'lastHighAt', 'sensors', 'status', 'worstSeverity']);
  });

  it('siteStatus puts offline before critical: a blind site is not reported as attacked', () => {
    expect(siteStatus(1, false, 10, 3, 3)).toBe('offline');
    expect(siteStatus(0, false, 0, -1, 3)).toBe('unknown');
  });
});
