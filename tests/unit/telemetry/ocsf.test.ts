// OCSF Detection Findings (2004) and Security Findings (2001): the OCSF project's example
// findings decode to the expected events, other classes are ignored under a bounded label set,
// the dispatch keeps OCSF away from the native format, hostile variants are rejected by field.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { KNOWN_OCSF_CLASSES, OCSF_IGNORED_OTHER, decodeOcsf, isOcsf } from '../../../electron/core/telemetry/ocsf.js';
import type { DecodeResult, JsonObject } from '../../../electron/core/telemetry/result.js';
import { MAX_TEXT } from '../../../electron/core/telemetry/wire.js';
import { EVENT_TOPIC, MAPPER, NOW, bytes, json, makeDecoder } from './fixtures.js';

const FILE = new URL('../../fixtures/ocsf/ocsf-examples.ndjson', import.meta.url);
const LINES = readFileSync(FILE, 'utf8').split('\n').filter((l) => l !== '');
const sample = (i: number): JsonObject => JSON.parse(LINES[i] as string) as JsonObject;
const GUARDDUTY = 0;
const OKTA = 1;
const PROWLER = 2;
const FALCO = 3;
const QRADAR = 4;
const OKTA_AUTH = 5;
const ZEEK_CONN = 6;

const decoder = makeDecoder();
const d = (o: unknown): DecodeResult => decoder.decode(EVENT_TOPIC, json(o), NOW);
const big = makeDecoder({ maxPayloadBytes: 4 * 1024 * 1024 });
const dBig = (o: unknown): DecodeResult => big.decode(EVENT_TOPIC, json(o), NOW);
const line = (i: number): DecodeResult => decoder.decode(EVENT_TOPIC, bytes(LINES[i] as string), NOW);
const reason = (r: DecodeResult): string => (r.kind === 'rejected' ? r.reason : `(${r.kind})`);
const fi = (o: JsonObject): JsonObject => o.finding_info as JsonObject;

/** A small Detection Finding to vary (fields from the OCSF 1.3 Detection Finding class). */
const finding = (): JsonObject => ({
  class_uid: 2004,
  category_uid: 2,
  activity_id: 1,
  type_uid: 200401,
  severity_id: 4,
  severity: 'High',
  time: Date.UTC(2025, 11, 31, 12),
  finding_info: { uid: 'f-1', title: 'Exploit attempt', types: ['Exploit'] },
  src_endpoint: { ip: '203.0.113.9', port: 40000 },
  dst_endpoint: { ip: '10.20.0.4', port: 443 },
  connection_info: { protocol_name: 'tcp', protocol_num: 6 },
  metadata: { version: '1.3.0', product: { name: 'Example IDS' } },
});

describe('OCSF example findings (ocsf/examples)', () => {
  it('holds five findings and two events of other classes', () => {
    expect(LINES).toHaveLength(7);
    for (const l of LINES) expect(isOcsf(JSON.parse(l) as JsonObject)).toBe(true);
  });

  it('GuardDuty via Security Hub (2004): time_dt, severity_id 2, source from the first evidence, uid as dedup key', () => {
    const uid = 'arn:aws:guardduty:us-east-2:111111111111:detector/1ac1bfceda6679698215d5d0EXAMPLE/finding/a6c556fcbc9bea427a19f8b787099a0b';
    expect(line(GUARDDUTY)).toEqual({
      kind: 'event',
      dedupKey: `soc-tinh/ids-1/${uid}`,
      event: {
        time: Date.UTC(2023, 8, 19, 15, 5, 22, 487), // 11:05:22.487-04:00, = `time` 1695135922487
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'combined', // its type "TTPs/Defense Evasion/Stealth:…", by its segment "Defense Evasion"
        severity: 'low',
        action: 'unknown',
        srcIp: '52.94.133.131',
        srcPort: null,
        destIp: null,
        destPort: null,
        proto: null,
        signature: 'AWS CloudTrail trail arn:aws:cloudtrail:us-east-2:111111111111:trail/delete-me was disabled.',
        signatureId: null,
        count: 1,
      },
    });
  });

  it('Okta (2004): disposition Blocked → blocked, severity_id 0 (Unknown) → low, `time` in seconds agrees with time_dt', () => {
    expect(line(OKTA)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
      event: {
        time: Date.UTC(2024, 7, 13, 15, 58, 20),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'other',
        severity: 'low',
        action: 'blocked',
        srcIp: '10.0.0.1',
        srcPort: null,
        destIp: null,
        destPort: null,
        proto: null,
        signature: 'Login Failures',
        signatureId: null,
        count: 1,
      },
    });
    const o = sample(OKTA);
    delete o.time_dt;
    expect(d(o)).toMatchObject({ kind: 'event', event: { time: Date.UTC(2024, 7, 13, 15, 58, 20) } }); // 1723564700 s
  });

  it('Prowler (2004): a passed check is no alert (ignored); the same finding failed: severity_id 4 → high, zone-less time_dt read as UTC', () => {
    expect(line(PROWLER)).toEqual({ kind: 'ignored', type: 'ocsf:not-alert' });
    const failed = { ...sample(PROWLER), status_code: 'FAIL' };
    expect(d(failed)).toMatchObject({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/prowler-aws-acm_certificates_expiration_check-111122223333-eu-west-1-e4dc1386-8b4b-402c-9fed-03269ee10006',
      event: {
        time: Date.UTC(2024, 9, 4, 9, 49, 2, 698),
        severity: 'high',
        category: 'other', // "Data Protection"
        signature: 'Check if ACM Certificates are about to expire in specific days or less',
        srcIp: null,
        action: 'unknown',
        count: 1,
      },
    });
    expect(d({ ...failed, status_code: undefined, is_alert: false })).toEqual({ kind: 'ignored', type: 'ocsf:not-alert' });
  });

  it('Falco (2001 Security Finding): its `finding` object, severity_id 3 → medium, epoch-ms time', () => {
    expect(line(FALCO)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/ec834826-90c1-458a-8eec-a014e7266754',
      event: {
        time: 1672758699558,
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'other', // "syscalls"
        severity: 'medium',
        action: 'unknown',
        srcIp: null,
        srcPort: null,
        destIp: null,
        destPort: null,
        proto: null,
        signature: 'Linux Kernel Module Injection Detected',
        signatureId: null,
        count: 1,
      },
    });
  });

  it('QRadar offense (2001 without severity_id): Unknown → low, count 2, finding.uid', () => {
    expect(line(QRADAR)).toMatchObject({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/591',
      event: {
        time: 1682347463218,
        severity: 'low',
        count: 2,
        signature: 'BLEEDING-EDGE DOS -ISC- ICMP blind TCP reset DoS guessing attempt\n',
      },
    });
  });

  it('Authentication (3002) and Network Activity (4001) are ignored under their class', () => {
    expect(line(OKTA_AUTH)).toEqual({ kind: 'ignored', type: 'ocsf:3002' });
    expect(line(ZEEK_CONN)).toEqual({ kind: 'ignored', type: 'ocsf:4001' });
  });
});

describe('OCSF dispatch and labels', () => {
  it('is detected by a numeric class_uid with severity_id or finding_info (or a 2001 `finding`)', () => {
    expect(isOcsf({ class_uid: 2004, severity_id: 1 })).toBe(true);
    expect(isOcsf({ class_uid: 2004, finding_info: {} })).toBe(true);
    expect(isOcsf({ class_uid: 2001, finding: {} })).toBe(true);
    expect(isOcsf({ class_uid: 2004, finding: {} })).toBe(false);
    expect(isOcsf({ class_uid: 2004 })).toBe(false);
    expect(isOcsf({ class_uid: '2004', severity_id: 1 })).toBe(false);
  });

  it('an OCSF finding is not mistaken for the native format, though it has `severity` ("Low")', () => {
    const o = sample(GUARDDUTY);
    expect(o.severity).toBe('Low');
    expect(d(o)).toMatchObject({ kind: 'event', event: { severity: 'low', srcIp: '52.94.133.131' } });
    delete o.class_uid; // now it is only a `severity` key: native, and the native schema refuses it
    expect(d(o)).toMatchObject({ kind: 'rejected', reason: 'bad_field:category' });
  });

  it('other finding classes and unknown classes: `ocsf:<class_uid>` for OCSF classes, `ocsf:other` beyond', () => {
    const ignored = (class_uid: unknown) => d({ class_uid, severity_id: 1, time: NOW });
    expect(ignored(2002)).toEqual({ kind: 'ignored', type: 'ocsf:2002' }); // Vulnerability Finding
    expect(ignored(2005)).toEqual({ kind: 'ignored', type: 'ocsf:2005' }); // Incident Finding
    expect(ignored(0)).toEqual({ kind: 'ignored', type: 'ocsf:0' });
    expect(ignored(5040)).toEqual({ kind: 'ignored', type: 'ocsf:5040' });
    for (const c of [9999, -1, 2004.5, 1e300, 4015, 99_001]) expect(ignored(c), String(c)).toEqual(OCSF_IGNORED_OTHER);
    // A bounded label set, whatever the input.
    const labels = new Set<string>();
    for (let c = -100; c < 100_000; c += 7) {
      const r = decodeOcsf({ class_uid: c, severity_id: 1 }, 's', 'x', MAPPER);
      if (r.kind === 'ignored') labels.add(r.type);
    }
    expect(labels.size).toBeLessThanOrEqual(KNOWN_OCSF_CLASSES.length + 1);
    for (const l of labels) expect(l === 'ocsf:other' || KNOWN_OCSF_CLASSES.includes(Number(l.slice(5)))).toBe(true);
  });
});

describe('OCSF fields', () => {
  it('a full Detection Finding with top-level endpoints and connection_info', () => {
    expect(d(finding())).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/f-1',
      event: {
        time: Date.UTC(2025, 11, 31, 12),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'combined', // types: Exploit
        severity: 'high',
        action: 'unknown',
        srcIp: '203.0.113.9',
        srcPort: 40000,
        destIp: '10.20.0.4',
        destPort: 443,
        proto: 'TCP',
        signature: 'Exploit attempt',
        signatureId: null,
        count: 1,
      },
    });
  });

  it('severity_id 0-6 and 99 through the table; a targeted category is raised to high', () => {
    const at = (severity_id: number) => d({ ...finding(), severity_id });
    const expected: [number, string][] = [[0, 'low'], [1, 'low'], [2, 'low'], [3, 'medium'], [4, 'high'], [5, 'critical'], [6, 'critical'], [99, 'medium']];
    for (const [id, sev] of expected) expect(at(id), String(id)).toMatchObject({ event: { severity: sev } });
    const lateral = d({ ...finding(), severity_id: 1, finding_info: { uid: 'x', title: 'x', types: ['Lateral Movement'] } });
    expect(lateral).toMatchObject({ event: { category: 'targeted', severity: 'high' } });
  });

  it('category: signature rules on the title first, then the first of types that maps (case-insensitive)', () => {
    const withInfo = (title: string, types: unknown) => d({ ...finding(), finding_info: { uid: 'x', title, types } });
    expect(withInfo('x', ['Unknown', 'Malware', 'Phishing'])).toMatchObject({ event: { category: 'malware' } });
    expect(withInfo('x', ['PHISHING'])).toMatchObject({ event: { category: 'spoof' } });
    expect(withInfo('Credential phishing kit', ['Malware'])).toMatchObject({ event: { category: 'spoof' } });
    expect(withInfo('x', [])).toMatchObject({ event: { category: 'other' } });
    expect(withInfo('x', [5, null, {}, 'port scan'])).toMatchObject({ event: { category: 'scan' } });
  });

  it('time: time_dt first, else `time` in ms (seconds below 1e11)', () => {
    const o = finding();
    o.time_dt = '2025-12-31T19:00:00+07:00';
    o.time = 1; // ignored when time_dt is there
    expect(d(o)).toMatchObject({ event: { time: Date.UTC(2025, 11, 31, 12) } });
    expect(d({ ...finding(), time: 1_767_182_400 })).toMatchObject({ event: { time: 1_767_182_400_000 } });
    expect(d({ ...finding(), time: 1_767_182_400_000 })).toMatchObject({ event: { time: 1_767_182_400_000 } });
    expect(d({ ...finding(), time: 2e12 })).toMatchObject({ kind: 'rejected', reason: 'bad_field:time' }); // 2033: past the clock-skew bound
  });

  it('action: disposition_id first, then action_id', () => {
    const act = (disposition_id: unknown, action_id: unknown) => d({ ...finding(), disposition_id, action_id });
    for (const id of [2, 3, 4, 5, 6, 21, 24, 25, 26]) expect(act(id, undefined), `disposition ${id}`).toMatchObject({ event: { action: 'blocked' } });
    for (const id of [1, 8]) expect(act(id, undefined), `disposition ${id}`).toMatchObject({ event: { action: 'allowed' } });
    for (const id of [0, 7, 15, 17, 19, 99, 12345]) expect(act(id, undefined), `disposition ${id}`).toMatchObject({ event: { action: 'unknown' } });
    expect(act(undefined, 2)).toMatchObject({ event: { action: 'blocked' } });
    expect(act(undefined, 1)).toMatchObject({ event: { action: 'allowed' } });
    expect(act(undefined, 99)).toMatchObject({ event: { action: 'unknown' } });
    expect(act(15, 2)).toMatchObject({ event: { action: 'blocked' } }); // Detected says nothing: action_id decides
    expect(act(1, 2)).toMatchObject({ event: { action: 'allowed' } }); // disposition wins
  });

  it('count when a positive integer up to 1,000,000', () => {
    expect(d({ ...finding(), count: 5 })).toMatchObject({ event: { count: 5 } });
    expect(d({ ...finding(), count: 1_000_000 })).toMatchObject({ event: { count: 1_000_000 } });
    expect(d({ ...finding(), count: null })).toMatchObject({ event: { count: 1 } });
  });

  it('ATT&CK from finding_info.attacks (else the top-level attacks), source sensor', () => {
    const attacks = [
      { tactic: { uid: 'TA0001', name: 'Initial Access' }, technique: { uid: 'T1190', name: 'Exploit Public-Facing Application' } },
      { tactics: [{ uid: 'TA0002', name: 'Execution' }], technique: { uid: 'T1059', name: 'Command and Scripting Interpreter' }, sub_technique: { uid: 'T1059.004', name: 'Unix Shell' } },
    ];
    const expected = { tactics: ['TA0001', 'TA0002'], techniques: ['T1190', 'T1059', 'T1059.004'], source: 'sensor' };
    expect(d({ ...finding(), finding_info: { ...fi(finding()), attacks } })).toMatchObject({ event: { attack: expected } });
    expect(d({ ...finding(), attacks })).toMatchObject({ event: { attack: expected } });
    const none = d({ ...finding(), finding_info: { ...fi(finding()), attacks: [{ tactic: { uid: 'AML.TA0000' } }] } });
    expect(none.kind === 'event' && none.event.attack).toBeUndefined();
  });

  it('dedup key from finding_info.uid, bounded to 256 characters', () => {
    const withUid = (uid: unknown) => d({ ...finding(), finding_info: { ...fi(finding()), uid } });
    expect(withUid('u'.repeat(256))).toMatchObject({ dedupKey: `soc-tinh/ids-1/${'u'.repeat(256)}` });
    for (const uid of ['u'.repeat(257), '', 5, null, {}]) expect(withUid(uid), JSON.stringify(uid)).toMatchObject({ kind: 'event', dedupKey: null });
  });

  it('cuts a huge title to MAX_TEXT characters', () => {
    const r = d({ ...finding(), finding_info: { uid: 'x', title: `Exploit ${'A'.repeat(60_000)}` } });
    expect(r.kind === 'event' && r.event.signature?.length).toBe(MAX_TEXT);
  });

  it('endpoints of the first evidence only, and only without top-level endpoints', () => {
    const o = finding();
    delete o.src_endpoint;
    delete o.dst_endpoint;
    o.evidences = [{ src_endpoint: { ip: '198.51.100.1', port: 1234 }, dst_endpoint: { ip: '10.0.0.2' } }, { src_endpoint: { ip: '198.51.100.99' } }];
    expect(d(o)).toMatchObject({ event: { srcIp: '198.51.100.1', srcPort: 1234, destIp: '10.0.0.2', destPort: null } });
    o.evidences = [];
    expect(d(o)).toMatchObject({ kind: 'event', event: { srcIp: null, destIp: null } });
    o.evidences = [{ process: { name: 'insmod' } }];
    expect(d(o)).toMatchObject({ kind: 'event', event: { srcIp: null } });
    const top = { ...finding(), evidences: [{ src_endpoint: { ip: 'not an ip' } }] }; // not read: top-level wins
    expect(d(top)).toMatchObject({ kind: 'event', event: { srcIp: '203.0.113.9' } });
  });

  it('protocol_name, else protocol_num', () => {
    expect(d({ ...finding(), connection_info: { protocol_num: 17 } })).toMatchObject({ event: { proto: '17' } });
    expect(d({ ...finding(), connection_info: { protocol_name: 'udp', protocol_num: 6 } })).toMatchObject({ event: { proto: 'UDP' } });
    expect(d({ ...finding(), connection_info: {} })).toMatchObject({ kind: 'event', event: { proto: null } });
  });
});

describe('OCSF hostile input', () => {
  const cases: [string, (o: JsonObject) => void, string][] = [
    ['severity_id 7', (o) => (o.severity_id = 7), 'bad_field:severity_id'],
    ['severity_id -1', (o) => (o.severity_id = -1), 'bad_field:severity_id'],
    ['severity_id 3.5', (o) => (o.severity_id = 3.5), 'bad_field:severity_id'],
    ['severity_id "3"', (o) => (o.severity_id = '3'), 'bad_field:severity_id'],
    ['severity_id 100', (o) => (o.severity_id = 100), 'bad_field:severity_id'],
    ['severity_id object', (o) => (o.severity_id = { id: 3 }), 'bad_field:severity_id'],
    ['time string', (o) => (o.time = '2025-12-31T12:00:00Z'), 'bad_field:time'],
    ['time negative', (o) => (o.time = -1), 'bad_field:time'],
    ['time boolean', (o) => (o.time = true), 'bad_field:time'],
    ['no time at all', (o) => delete o.time, 'bad_field:time'],
    ['time_dt number', (o) => (o.time_dt = 1_767_182_400_000), 'bad_field:time_dt'],
    ['time_dt not a time', (o) => (o.time_dt = 'yesterday'), 'bad_field:time_dt'],
    ['time_dt huge', (o) => (o.time_dt = '2'.repeat(50_000)), 'bad_field:time_dt'],
    ['finding_info string', (o) => (o.finding_info = 'Exploit attempt'), 'bad_field:finding_info'],
    ['finding_info array', (o) => (o.finding_info = [{ title: 'x' }]), 'bad_field:finding_info'],
    ['finding_info.title number', (o) => (fi(o).title = 42), 'bad_field:finding_info.title'],
    ['finding_info.title object', (o) => (fi(o).title = { en: 'x' }), 'bad_field:finding_info.title'],
    ['finding_info.types string', (o) => (fi(o).types = 'Malware'), 'bad_field:finding_info.types'],
    ['finding_info.types object', (o) => (fi(o).types = { 0: 'Malware' }), 'bad_field:finding_info.types'],
    ['src_endpoint string', (o) => (o.src_endpoint = '203.0.113.9'), 'bad_field:src_endpoint'],
    ['src_endpoint.ip hostname', (o) => ((o.src_endpoint as JsonObject).ip = 'evil.example'), 'bad_field:src_endpoint.ip'],
    ['src_endpoint.ip number', (o) => ((o.src_endpoint as JsonObject).ip = 3405803785), 'bad_field:src_endpoint.ip'],
    ['src_endpoint.ip huge', (o) => ((o.src_endpoint as JsonObject).ip = '1'.repeat(50_000)), 'bad_field:src_endpoint.ip'],
    ['src_endpoint.port 65536', (o) => ((o.src_endpoint as JsonObject).port = 65536), 'bad_field:src_endpoint.port'],
    ['src_endpoint.port string', (o) => ((o.src_endpoint as JsonObject).port = '80'), 'bad_field:src_endpoint.port'],
    ['dst_endpoint array', (o) => (o.dst_endpoint = [{ ip: '10.0.0.1' }]), 'bad_field:dst_endpoint'],
    ['dst_endpoint.ip markup', (o) => ((o.dst_endpoint as JsonObject).ip = '<script>'), 'bad_field:dst_endpoint.ip'],
    ['dst_endpoint.port fraction', (o) => ((o.dst_endpoint as JsonObject).port = 44.3), 'bad_field:dst_endpoint.port'],
    ['evidences object', (o) => { delete o.src_endpoint; delete o.dst_endpoint; o.evidences = { src_endpoint: {} }; }, 'bad_field:evidences'],
    ['evidences of numbers', (o) => { delete o.src_endpoint; delete o.dst_endpoint; o.evidences = [5]; }, 'bad_field:evidences'],
    ['evidences src ip', (o) => { delete o.src_endpoint; delete o.dst_endpoint; o.evidences = [{ src_endpoint: { ip: 'x' } }]; }, 'bad_field:evidences.src_endpoint.ip'],
    ['evidences dst port', (o) => { delete o.src_endpoint; delete o.dst_endpoint; o.evidences = [{ dst_endpoint: { port: -1 } }]; }, 'bad_field:evidences.dst_endpoint.port'],
    ['connection_info string', (o) => (o.connection_info = 'tcp'), 'bad_field:connection_info'],
    ['protocol_name number', (o) => ((o.connection_info as JsonObject).protocol_name = 6), 'bad_field:connection_info.protocol_name'],
    ['protocol_num 300', (o) => ((o.connection_info as JsonObject).protocol_num = 300), 'bad_field:connection_info.protocol_num'],
    ['protocol_num string', (o) => ((o.connection_info as JsonObject).protocol_num = '6'), 'bad_field:connection_info.protocol_num'],
    ['disposition_id string', (o) => (o.disposition_id = '2'), 'bad_field:disposition_id'],
    ['disposition_id fraction', (o) => (o.disposition_id = 2.5), 'bad_field:disposition_id'],
    ['action_id string', (o) => (o.action_id = 'Denied'), 'bad_field:action_id'],
    ['count 0', (o) => (o.count = 0), 'bad_field:count'],
    ['count too many', (o) => (o.count = 1_000_001), 'bad_field:count'],
    ['count fraction', (o) => (o.count = 2.5), 'bad_field:count'],
    ['count string', (o) => (o.count = '3'), 'bad_field:count'],
  ];

  it.each(cases)('%s → %s', (_name, mutate, expected) => {
    const o = finding();
    mutate(o);
    expect(reason(d(o))).toBe(expected);
  });

  it('Security Finding (2001): `finding` fields are named as such', () => {
    const o = sample(FALCO);
    (o.finding as JsonObject).title = 5;
    expect(reason(d(o))).toBe('bad_field:finding.title');
    const p = sample(FALCO);
    p.finding = 'x';
    expect(reason(d(p))).toBe('bad_field:finding');
  });

  it('reads at most 16 of 10,000 finding types', () => {
    const types = Array.from({ length: 10_000 }, () => 'Unknown');
    types[16] = 'Malware'; // the 17th: never read
    let reads = 0;
    const proxy = new Proxy(types, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/u.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const r = decodeOcsf({ ...finding(), finding_info: { uid: 'x', title: 'x', types: proxy } }, 's', 'x', MAPPER);
    expect(r).toMatchObject({ kind: 'event', event: { category: 'other' } });
    expect(reads).toBeLessThanOrEqual(16);
    expect(dBig({ ...finding(), finding_info: { uid: 'x', title: 'x', types } })).toMatchObject({ kind: 'event', event: { category: 'other' } });
  });

  it('10,000 attacks and evidences: bounded reads, the first ones used', () => {
    const attacks = Array.from({ length: 10_000 }, (_, i) => ({ tactic: { uid: i === 0 ? 'TA0040' : 'TA0001' } }));
    const evidences = Array.from({ length: 10_000 }, () => ({ src_endpoint: { ip: '198.51.100.1' } }));
    const o = { ...finding(), finding_info: { ...fi(finding()), attacks }, evidences };
    delete (o as JsonObject).src_endpoint;
    delete (o as JsonObject).dst_endpoint;
    expect(dBig(o)).toMatchObject({ kind: 'event', event: { srcIp: '198.51.100.1', attack: { tactics: ['TA0001', 'TA0040'], techniques: [] } } });
  });

  it('__proto__ keys are plain data: no title, no uid, no endpoint, no pollution', () => {
    const p = bytes(
      `{"class_uid":2004,"severity_id":4,"time":${NOW},"finding_info":{"__proto__":{"title":"x","uid":"y","types":["Malware"]}},"src_endpoint":{"__proto__":{"ip":"6.6.6.6"}},"__proto__":{"count":5,"disposition_id":2}}`,
    );
    expect(decoder.decode(EVENT_TOPIC, p, NOW)).toMatchObject({
      kind: 'event',
      dedupKey: null,
      event: { signature: null, category: 'other', srcIp: null, count: 1, action: 'unknown' },
    });
    const hidden = bytes('{"__proto__":{"class_uid":2004,"severity_id":4},"time":1}');
    expect(decoder.decode(EVENT_TOPIC, hidden, NOW)).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    expect(({} as Record<string, unknown>).title).toBeUndefined();
    expect(({} as Record<string, unknown>).class_uid).toBeUndefined();
  });

  it('deeply nested junk: an answer, never a throw', () => {
    // Nested, not shared: a tree as JSON.parse makes it (a shared DAG would not even serialise).
    const nest = (leaf: unknown, key: string): unknown => {
      let x = leaf;
      for (let i = 0; i < 2_000; i++) x = { [key]: [x] };
      return x;
    };
    const o = finding();
    fi(o).attacks = [nest({ uid: 'TA0001' }, 'tactic'), nest({ uid: 'T1059' }, 'technique'), nest({ uid: 'TA0002' }, 'tactics')];
    o.unmapped = nest('x', 'a');
    o.evidences = [nest({ ip: '1.2.3.4' }, 'src_endpoint')];
    const r = dBig(o);
    expect(r).toMatchObject({ kind: 'event', event: { srcIp: '203.0.113.9' } });
    expect(r.kind === 'event' && r.event.attack).toBeUndefined();
  });

  it('every field of every sample, replaced by junk: an event, an ignore or a reject, never a throw', () => {
    const junk: unknown[] = [null, true, 0, -1, 3.5, 1e308, '', 'x'.repeat(70_000), '::', [], {}, [1, 'a', null], { a: { b: [] } }];
    let n = 0;
    const docs = [...LINES.map((l) => JSON.parse(l) as JsonObject), finding()];
    for (const doc of docs) {
      const paths: string[][] = [];
      const walk = (x: unknown, path: string[]) => {
        if (path.length > 0) paths.push(path);
        if (x !== null && typeof x === 'object' && path.length < 3) for (const k of Object.keys(x)) walk((x as JsonObject)[k], [...path, k]);
      };
      walk(doc, []);
      for (const path of paths) {
        for (const j of junk) {
          const o = structuredClone(doc);
          let at: JsonObject = o;
          for (const k of path.slice(0, -1)) at = at[k] as JsonObject;
          at[path[path.length - 1] as string] = j;
          let r: DecodeResult | undefined;
          expect(() => (r = decodeOcsf(o, 's', 'x', MAPPER))).not.toThrow();
          expect(['event', 'rejected', 'ignored']).toContain(r?.kind);
          if (r?.kind === 'rejected') expect(r.reason.startsWith('bad_field:')).toBe(true);
          if (r?.kind === 'ignored') expect(r.type.startsWith('ocsf:')).toBe(true);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(5_000);
  });
});
