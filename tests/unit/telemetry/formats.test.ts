// Native JSON, ECS, heartbeat, endpoints and KPI payloads.
import { describe, it, expect } from 'vitest';
import { EVENT_TOPIC, NOW, bytes, json, makeDecoder } from './fixtures.js';

const decoder = makeDecoder();
const d = (o: unknown, topic = EVENT_TOPIC) => decoder.decode(topic, json(o), NOW);

const full = {
  v: 1,
  id: 'evt-0001',
  time: '2025-12-31T23:59:00+07:00',
  category: 'malware',
  severity: 'high',
  action: 'blocked',
  src_ip: '198.51.100.7',
  src_port: 51000,
  dest_ip: '10.20.0.4',
  dest_port: 443,
  proto: 'tcp',
  signature: 'Trojan.GenericKD',
  signature_id: 77,
  count: 3,
};

describe('native format', () => {
  it('decodes every field; site and sensor from the topic; dedup key from id', () => {
    expect(d(full)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/evt-0001',
      event: {
        time: Date.UTC(2025, 11, 31, 16, 59),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'malware',
        severity: 'high',
        action: 'blocked',
        srcIp: '198.51.100.7',
        srcPort: 51000,
        destIp: '10.20.0.4',
        destPort: 443,
        proto: 'TCP',
        signature: 'Trojan.GenericKD',
        signatureId: 77,
        count: 3,
      },
    });
  });

  it('fills defaults for the optional fields; epoch ms time', () => {
    expect(d({ time: NOW - 5, category: 'scan', severity: 'low' })).toEqual({
      kind: 'event',
      dedupKey: null,
      event: {
        time: NOW - 5,
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'scan',
        severity: 'low',
        action: 'unknown',
        srcIp: null,
        srcPort: null,
        destIp: null,
        destPort: null,
        proto: null,
        signature: null,
        signatureId: null,
        count: 1,
      },
    });
  });

  it('raises a targeted event to at least high', () => {
    expect(d({ time: NOW, category: 'targeted', severity: 'low' })).toMatchObject({ event: { severity: 'high' } });
    expect(d({ time: NOW, category: 'targeted', severity: 'critical' })).toMatchObject({ event: { severity: 'critical' } });
  });

  it.each([
    ['v', 2],
    ['id', 'x'.repeat(129)],
    ['id', 5],
    ['time', 'not a time'],
    ['time', '2025-13-01T00:00:00Z'],
    ['time', -1],
    ['time', true],
    ['time', 'x'.repeat(41)],
    ['category', 'ddos'],
    ['category', undefined],
    ['severity', 'severe'],
    ['severity', 3],
    ['action', 'dropped'],
    ['src_ip', 'evil.example'],
    ['src_ip', 42],
    ['src_port', 65536],
    ['src_port', 1.5],
    ['dest_ip', '<img src=x>'],
    ['dest_port', -1],
    ['dest_port', '443'],
    ['proto', 'x'.repeat(17)],
    ['signature', 'x'.repeat(513)],
    ['signature', { html: true }],
    ['signature_id', 1.1],
    ['count', 0],
    ['count', 1_000_001],
    ['count', 2.5],
  ])('invalid %s (%j) → bad_field:%s', (field, value) => {
    const o: Record<string, unknown> = { ...full, [field]: value };
    if (value === undefined) delete o[field];
    expect(d(o)).toMatchObject({ kind: 'rejected', reason: `bad_field:${field}` });
  });

  it('a payload with only severity is treated as native (and names the missing category)', () => {
    expect(d({ time: NOW, severity: 'low' })).toMatchObject({ reason: 'bad_field:category' });
    expect(d({ time: NOW, category: 'scan' })).toMatchObject({ reason: 'bad_field:severity' });
    expect(d({ time: NOW, category: 'scan', severity: 'low' })).toMatchObject({ kind: 'event' });
  });

  it('unrecognisable objects → unknown_format', () => {
    expect(d({})).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    expect(d({ message: 'hello', time: NOW })).toMatchObject({ reason: 'unknown_format' });
    expect(d({ '@timestamp': '2025-01-01T00:00:00Z', event: 'x' })).toMatchObject({ reason: 'unknown_format' });
  });
});

describe('ECS format', () => {
  const ecs = {
    '@timestamp': '2025-12-31T16:00:00.000Z',
    event: { id: 'abc-1', category: ['network', 'intrusion_detection'], severity: 80, action: 'denied' },
    source: { ip: '203.0.113.50', port: 5555 },
    destination: { ip: '10.1.1.1', port: 22 },
    network: { transport: 'tcp' },
    rule: { name: 'Brute force SSH', id: '1001' },
  };

  it('decodes the minimal field set', () => {
    expect(d(ecs)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/abc-1',
      event: {
        time: Date.UTC(2025, 11, 31, 16),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'combined',
        severity: 'critical',
        action: 'blocked',
        srcIp: '203.0.113.50',
        srcPort: 5555,
        destIp: '10.1.1.1',
        destPort: 22,
        proto: 'TCP',
        signature: 'Brute force SSH',
        signatureId: 1001,
        count: 1,
      },
    });
  });

  it('maps event.severity by quartiles and event.category through the map', () => {
    const sev = (n: number) => d({ ...ecs, event: { ...ecs.event, severity: n } });
    expect(sev(0)).toMatchObject({ event: { severity: 'low' } });
    expect(sev(24)).toMatchObject({ event: { severity: 'low' } });
    expect(sev(25)).toMatchObject({ event: { severity: 'medium' } });
    expect(sev(50)).toMatchObject({ event: { severity: 'high' } });
    expect(sev(74.9)).toMatchObject({ event: { severity: 'high' } });
    expect(sev(75)).toMatchObject({ event: { severity: 'critical' } });
    expect(sev(101)).toMatchObject({ reason: 'bad_field:event.severity' });
    expect(d({ ...ecs, event: { category: 'malware' }, rule: {} })).toMatchObject({ event: { category: 'malware', severity: 'low', action: 'unknown' }, dedupKey: null });
    expect(d({ ...ecs, event: { category: ['network'] }, rule: {} })).toMatchObject({ event: { category: 'other' } });
    // signature rules on rule.name win; rule.category is read as a Suricata category
    expect(d({ ...ecs, rule: { name: 'ET SCAN Nmap' } })).toMatchObject({ event: { category: 'scan' } });
    expect(d({ ...ecs, event: { category: ['network'] }, rule: { category: 'A Network Trojan was detected' } })).toMatchObject({ event: { category: 'malware' } });
  });

  it('rejects a bad @timestamp or address', () => {
    expect(d({ ...ecs, '@timestamp': 'now' })).toMatchObject({ reason: 'bad_field:@timestamp' });
    expect(d({ ...ecs, source: { ip: 'x' } })).toMatchObject({ reason: 'bad_field:source.ip' });
    expect(d({ ...ecs, destination: { port: 99999 } })).toMatchObject({ reason: 'bad_field:destination.port' });
  });
});

describe('heartbeat, endpoints, KPI', () => {
  it('heartbeat: time defaults to receivedAt; ISO and epoch accepted; schema errors named', () => {
    const t = 'soc/v1/soc-tinh/ids-1/heartbeat';
    expect(d({}, t)).toEqual({ kind: 'heartbeat', siteId: 'soc-tinh', sensorId: 'ids-1', time: NOW });
    expect(d({ time: NOW - 10, status: 'ok', interval_s: 30 }, t)).toMatchObject({ time: NOW - 10 });
    expect(d({ time: '2025-12-31T23:00:00Z' }, t)).toMatchObject({ time: Date.UTC(2025, 11, 31, 23) });
    expect(d({ time: 'soon' }, t)).toMatchObject({ reason: 'bad_field:time' });
    expect(d({ status: 'dead' }, t)).toMatchObject({ reason: 'bad_field:status' });
    expect(d({ interval_s: 0 }, t)).toMatchObject({ reason: 'bad_field:interval_s' });
  });

  it("heartbeat of a forwarder: degraded or stopping with its queue and drops; ok clears it; counts bounded", () => {
    const t = 'soc/v1/soc-tinh/wazuh-1/heartbeat';
    const fwd = { read: 10, published: 4, queued: 6, dropped: 2, dropped_by_reason: { queue_full: 2 } };
    expect(d({ status: 'degraded', interval_s: 30, forwarder: fwd }, t)).toEqual({ kind: 'heartbeat', siteId: 'soc-tinh', sensorId: 'wazuh-1', time: NOW, forwarder: { status: 'degraded', queued: 6, dropped: 2 } });
    expect(d({ status: 'stopping' }, t)).toMatchObject({ forwarder: { status: 'stopping', queued: 0, dropped: 0 } });
    expect(d({ status: 'ok', forwarder: fwd }, t)).toMatchObject({ forwarder: null });
    expect(d({ status: 'degraded', forwarder: { queued: -1 } }, t)).toMatchObject({ kind: 'rejected', reason: 'bad_field:forwarder' });
    expect(d({ status: 'degraded', forwarder: { dropped: 1.5 } }, t)).toMatchObject({ kind: 'rejected', reason: 'bad_field:forwarder' });
  });

  it('endpoints: counts, total optional', () => {
    const t = 'soc/v1/so-y-te/endpoints';
    expect(d({ edr: 120, antivirus: 110, infected: 3 }, t)).toEqual({ kind: 'endpoints', siteId: 'so-y-te', time: NOW, total: null, edr: 120, antivirus: 110, infected: 3 });
    expect(d({ total: 130, edr: 120, antivirus: 110, infected: 3, time: NOW - 1 }, t)).toMatchObject({ total: 130, time: NOW - 1 });
    expect(d({ edr: 120, antivirus: 110 }, t)).toMatchObject({ reason: 'bad_field:infected' });
    expect(d({ edr: -1, antivirus: 110, infected: 0 }, t)).toMatchObject({ reason: 'bad_field:edr' });
    expect(d({ edr: 1, antivirus: 1.5, infected: 0 }, t)).toMatchObject({ reason: 'bad_field:antivirus' });
  });

  it('KPI: a number or { value, time? }', () => {
    const t = 'soc/v1/province/kpi/attacks_prevented';
    expect(decoder.decode(t, bytes('11875063'), NOW)).toEqual({ kind: 'kpi', name: 'attacks_prevented', value: 11875063, time: NOW });
    expect(d({ value: 27564, time: '2025-12-31T00:00:00Z' }, t)).toEqual({ kind: 'kpi', name: 'attacks_prevented', value: 27564, time: Date.UTC(2025, 11, 31) });
    expect(d({ value: 1, time: NOW - 3 }, t)).toMatchObject({ time: NOW - 3 });
    expect(d({ value: '5' }, t)).toMatchObject({ reason: 'bad_field:value' });
    expect(d({ value: 5, time: {} }, t)).toMatchObject({ reason: 'bad_field:time' });
    expect(decoder.decode(t, bytes('1e999'), NOW)).toMatchObject({ reason: 'bad_field:value' });
    expect(decoder.decode(t, bytes('"5"'), NOW)).toMatchObject({ reason: 'not_object' });
    expect(decoder.decode(t, bytes('[5]'), NOW)).toMatchObject({ reason: 'not_object' });
    expect(decoder.decode(t, bytes('null'), NOW)).toMatchObject({ reason: 'not_object' });
  });
});
