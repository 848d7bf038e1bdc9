// Wazuh manager alerts (alerts.json lines and Wazuh indexer documents): the documentation's own
// alerts decode to the expected events; the dispatch puts them before ECS; hostile variants are
// rejected with the field's reason and never throw.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeWazuh, isWazuh, wazuhPort } from '../../../electron/core/telemetry/wazuh.js';
import type { DecodeResult, JsonObject } from '../../../electron/core/telemetry/result.js';
import { MAX_TEXT } from '../../../electron/core/telemetry/wire.js';
import { EVENT_TOPIC, MAPPER, NOW, bytes, json, makeDecoder } from './fixtures.js';

const FILE = new URL('../../fixtures/wazuh/wazuh-docs-alerts.ndjson', import.meta.url);
const LINES = readFileSync(FILE, 'utf8').split('\n').filter((l) => l !== '');
/** A fresh copy of sample line `i` (tests mutate it). */
const sample = (i: number): JsonObject => JSON.parse(LINES[i] as string) as JsonObject;
const rule = (o: JsonObject): JsonObject => o.rule as JsonObject;

const decoder = makeDecoder();
const d = (o: unknown): DecodeResult => decoder.decode(EVENT_TOPIC, json(o), NOW);
/** For payloads past the 64 KiB default (10,000 groups, deep nesting): the decoder, not the size check. */
const big = makeDecoder({ maxPayloadBytes: 4 * 1024 * 1024 });
const dBig = (o: unknown): DecodeResult => big.decode(EVENT_TOPIC, json(o), NOW);
const reason = (r: DecodeResult): string => (r.kind === 'rejected' ? r.reason : `(${r.kind})`);

describe('Wazuh documentation samples', () => {
  it('holds the six documented alerts', () => {
    expect(LINES).toHaveLength(6);
    for (const l of LINES) expect(isWazuh(JSON.parse(l) as JsonObject)).toBe(true);
  });

  it('rule 5710 (learning-wazuh SSH brute force): source from data.srcip, digit-string port, no agent IP', () => {
    expect(decoder.decode(EVENT_TOPIC, bytes(LINES[0] as string), NOW)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/1571166477.30198',
      event: {
        time: Date.UTC(2019, 9, 15, 19, 7, 57, 741),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'combined', // invalid_login, authentication_failed
        severity: 'low', // level 5
        action: 'unknown',
        srcIp: '18.18.18.18',
        srcPort: 48928,
        destIp: null,
        destPort: null,
        proto: null,
        signature: 'sshd: Attempt to login using a non-existent user',
        signatureId: 5710,
        count: 1,
      },
    });
  });

  it('rule 100003 (ruleset/mitre): an indexer document; ATT&CK from rule.mitre; the agent is the destination', () => {
    expect(decoder.decode(EVENT_TOPIC, bytes(LINES[1] as string), NOW)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/1684752043.76892',
      event: {
        time: Date.UTC(2023, 4, 22, 10, 40, 43, 395),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'other', // local, syslog, sshd: none mapped
        severity: 'medium', // level 10
        action: 'unknown',
        srcIp: '192.168.121.127',
        srcPort: 34890,
        destIp: '192.168.121.78',
        destPort: null,
        proto: null,
        signature: 'sshd: brute force trying to get access to the system.',
        signatureId: 100003,
        count: 1,
        attack: { tactics: ['TA0006'], techniques: ['T1110'], source: 'sensor' },
      },
    });
  });

  it('rule 554 (FIM, file added): no source, the agent as destination, +0200 offset', () => {
    expect(decoder.decode(EVENT_TOPIC, bytes(LINES[2] as string), NOW)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/1668705462.50453',
      event: {
        time: Date.UTC(2022, 10, 17, 17, 17, 42, 694),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'other', // syscheck
        severity: 'low',
        action: 'unknown',
        srcIp: null,
        srcPort: null,
        destIp: '10.0.2.15',
        destPort: null,
        proto: null,
        signature: 'File added to the system.',
        signatureId: 554,
        count: 1,
      },
    });
  });

  it('VirusTotal 87102 / 87104 (errors, no positives): level 3 → low; agent 000 without an IP', () => {
    const cred = decoder.decode(EVENT_TOPIC, bytes(LINES[3] as string), NOW);
    expect(cred).toMatchObject({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/1668705463.51155',
      event: { time: Date.UTC(2022, 10, 17, 17, 17, 43, 637), severity: 'low', signature: 'VirusTotal: Error: Check credentials', signatureId: 87102, srcIp: null, destIp: null },
    });
    const none = decoder.decode(EVENT_TOPIC, bytes(LINES[4] as string), NOW);
    expect(none).toMatchObject({ kind: 'event', event: { severity: 'low', signatureId: 87104, destIp: '10.0.2.15' } });
    // An error or "no positives" is not malware: only "N engines detected this file" is (a signature rule).
    for (const r of [cred, none]) expect(r.kind === 'event' && r.event.category).toBe('other');
  });

  it('VirusTotal 87105 (66 engines detected the file): level 12 → high, malware, Execution / T1203', () => {
    expect(decoder.decode(EVENT_TOPIC, bytes(LINES[5] as string), NOW)).toEqual({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/1668706225.104492',
      event: {
        time: Date.UTC(2022, 10, 17, 17, 30, 25, 85),
        siteId: 'soc-tinh',
        sensorId: 'ids-1',
        category: 'malware',
        severity: 'high',
        action: 'unknown',
        srcIp: null,
        srcPort: null,
        destIp: '10.0.2.15',
        destPort: null,
        proto: null,
        signature: 'VirusTotal: Alert - /media/user/software/eicar.com - 66 engines detected this file',
        signatureId: 87105,
        count: 1,
        attack: { tactics: ['TA0002'], techniques: ['T1203'], source: 'sensor' },
      },
    });
  });

  it('site and sensor come from the topic, never from agent or manager', () => {
    const r = decoder.decode('soc/v1/hcm/wazuh-2/event', bytes(LINES[1] as string), NOW);
    expect(r).toMatchObject({ kind: 'event', dedupKey: 'hcm/wazuh-2/1684752043.76892', event: { siteId: 'hcm', sensorId: 'wazuh-2' } });
  });
});

describe('Wazuh dispatch', () => {
  it('an indexer document with @timestamp and an `event` object is Wazuh, not ECS', () => {
    const o = { ...sample(1), event: { category: 'malware', severity: 99, id: 'ecs-id' } };
    const r = d(o);
    // ECS would have said malware / critical / the ECS id; Wazuh reads rule.* and `id`.
    expect(r).toMatchObject({ kind: 'event', dedupKey: 'soc-tinh/ids-1/1684752043.76892', event: { category: 'other', severity: 'medium', signatureId: 100003 } });
  });

  it('without `timestamp` the indexer @timestamp is the time', () => {
    const o = sample(1);
    delete o.timestamp;
    expect(d(o)).toMatchObject({ kind: 'event', event: { time: Date.UTC(2023, 4, 22, 10, 40, 43, 395) } });
    o['@timestamp'] = Date.UTC(2023, 4, 22, 10, 40, 44);
    expect(d(o)).toMatchObject({ kind: 'event', event: { time: Date.UTC(2023, 4, 22, 10, 40, 44) } });
  });

  it('needs rule.level as a number and an agent or manager object', () => {
    const o = sample(0);
    expect(isWazuh(o)).toBe(true);
    delete o.agent;
    expect(isWazuh(o)).toBe(true); // manager alone
    delete o.manager;
    expect(isWazuh(o)).toBe(false);
    expect(d(o)).toMatchObject({ reason: 'unknown_format' });
    expect(isWazuh({ rule: { level: 5 }, agent: 'x' })).toBe(false);
    expect(isWazuh({ rule: [5], agent: {} })).toBe(false);
    // A string level (Wazuh writes numbers; strings appear only in copies such as an active
    // response's data.parameters.alert) is no Wazuh alert: unknown_format, never an event.
    expect(d({ ...sample(0), rule: { ...rule(sample(0)), level: '3' } })).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
  });

  it('a Suricata EVE line stays Suricata; ECS documents without rule.level stay ECS', () => {
    expect(d({ event_type: 'alert', timestamp: '2024-01-01T00:00:00Z', alert: { signature: 'x', severity: 2 }, rule: { level: 3 }, agent: {} })).toMatchObject({
      kind: 'event',
      event: { signature: 'x' },
    });
    const ecs = { '@timestamp': '2025-01-01T00:00:00Z', event: { category: 'malware' }, rule: { name: 'Mimikatz' }, agent: { name: 'beat' } };
    expect(d(ecs)).toMatchObject({ kind: 'event', event: { category: 'malware', signature: 'Mimikatz' } });
  });
});

describe('Wazuh fields', () => {
  it('rule.level 0 ("ignored") decodes as low; 7 medium; 15 critical; a targeted category is raised to high', () => {
    const at = (level: number) => d({ ...sample(0), rule: { ...rule(sample(0)), level } });
    expect(at(0)).toMatchObject({ kind: 'event', event: { severity: 'low' } });
    expect(at(7)).toMatchObject({ event: { severity: 'medium' } });
    expect(at(12)).toMatchObject({ event: { severity: 'high' } });
    expect(at(15)).toMatchObject({ event: { severity: 'critical' } });
    const rootcheck = d({ ...sample(0), rule: { ...rule(sample(0)), level: 3, groups: ['ossec', 'rootcheck'] } });
    expect(rootcheck).toMatchObject({ event: { category: 'targeted', severity: 'high' } });
  });

  it('the last mapped group decides; signature rules on the description come first', () => {
    const withGroups = (groups: unknown, description = 'x') => d({ ...sample(0), rule: { ...rule(sample(0)), groups, description } });
    expect(withGroups(['syslog', 'sshd', 'authentication_failed'])).toMatchObject({ event: { category: 'combined' } });
    expect(withGroups(['web', 'attack', 'recon'])).toMatchObject({ event: { category: 'scan' } });
    expect(withGroups(['web', 'recon', 'attack'])).toMatchObject({ event: { category: 'combined' } });
    expect(withGroups(['web', 'attack'], 'Possible phishing page')).toMatchObject({ event: { category: 'spoof' } });
    expect(withGroups([])).toMatchObject({ event: { category: 'other' } });
    expect(withGroups([5, null, { g: 'attack' }, 'attack'])).toMatchObject({ event: { category: 'combined' } });
  });

  it('rule.id: digit strings and numbers become the signature id; other strings none', () => {
    const withId = (id: unknown) => d({ ...sample(0), rule: { ...rule(sample(0)), id } });
    expect(withId('5712')).toMatchObject({ event: { signatureId: 5712 } });
    expect(withId(5712)).toMatchObject({ event: { signatureId: 5712 } });
    for (const id of ['abc', '0123', '57 12', '-1', '1e3', '9'.repeat(16), '']) expect(withId(id), id).toMatchObject({ kind: 'event', event: { signatureId: null } });
    expect(withId(-1)).toMatchObject({ event: { signatureId: null } });
  });

  it('data.srcport / dstport: digit strings or numbers 0-65535', () => {
    expect(wazuhPort('34890')).toBe(34890);
    expect(wazuhPort('0')).toBe(0);
    expect(wazuhPort('65535')).toBe(65535);
    expect(wazuhPort(443)).toBe(443);
    expect(wazuhPort(undefined)).toBeNull();
    expect(wazuhPort(null)).toBeNull();
    for (const bad of ['65536', '-1', '12a', '', ' 80', '80 ', '1.5', '999999', '0x50', 70_000, -1, 3.5, true, {}, []]) {
      expect(wazuhPort(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('destination from data.dstip/dstport, the agent only when there is none; protocol and action from data', () => {
    const o = sample(1);
    o.data = { srcip: '203.0.113.7', srcport: '51000', dstip: '10.20.0.4', dstport: '22', protocol: 'tcp', action: 'DROP' };
    expect(d(o)).toMatchObject({ event: { srcIp: '203.0.113.7', srcPort: 51000, destIp: '10.20.0.4', destPort: 22, proto: 'TCP', action: 'blocked' } });
    o.data = { dstport: 22 };
    expect(d(o)).toMatchObject({ event: { srcIp: null, destIp: '192.168.121.78', destPort: 22 } });
  });

  it('never takes agent.ip as the source', () => {
    const o = sample(1);
    delete o.data;
    expect(d(o)).toMatchObject({ kind: 'event', event: { srcIp: null, srcPort: null, destIp: '192.168.121.78' } });
  });

  it("Suricata's own names as Wazuh's JSON decoder passes them through (data.src_ip, dest_port, proto)", () => {
    const o = sample(1);
    o.data = { src_ip: '82.165.177.154', src_port: 80, dest_ip: '172.30.0.30', dest_port: 45504, proto: 'TCP' };
    expect(d(o)).toMatchObject({ event: { srcIp: '82.165.177.154', srcPort: 80, destIp: '172.30.0.30', destPort: 45504, proto: 'TCP' } });
    o.data = { src_ip: 'example.com' };
    expect(reason(d(o))).toBe('bad_field:data.src_ip');
  });

  it('data.protocol keeps transport protocols only (web-log decoders put the HTTP method there)', () => {
    const withProto = (protocol: unknown) => d({ ...sample(0), data: { srcip: '1.2.3.4', protocol } });
    expect(withProto('udp')).toMatchObject({ event: { proto: 'UDP' } });
    expect(withProto('ICMP')).toMatchObject({ event: { proto: 'ICMP' } });
    expect(withProto(6)).toMatchObject({ event: { proto: '6' } });
    expect(withProto('GET')).toMatchObject({ kind: 'event', event: { proto: null } });
    expect(withProto('x'.repeat(10_000))).toMatchObject({ kind: 'event', event: { proto: null } });
  });

  it('action: data.action, else a firewall drop or an active response that added a block', () => {
    const alert = (groups: string[], data: JsonObject) => d({ ...sample(1), rule: { ...rule(sample(1)), groups }, data: { srcip: '185.220.101.1', ...data } });
    expect(alert(['firewall'], { action: 'ACCEPT' })).toMatchObject({ event: { action: 'allowed' } });
    expect(alert(['firewall'], { action: 'DROP' })).toMatchObject({ event: { action: 'blocked' } });
    expect(alert(['firewall', 'firewall_drop'], {})).toMatchObject({ event: { action: 'blocked', category: 'scan' } });
    expect(alert(['firewall', 'multiple_drops'], {})).toMatchObject({ event: { action: 'blocked' } });
    // Rule 651 "Host Blocked by firewall-drop Active Response" (data.command add), 652 its unblock.
    expect(alert(['ossec', 'active_response'], { command: 'add' })).toMatchObject({ event: { action: 'blocked', srcIp: '185.220.101.1', destIp: '192.168.121.78' } });
    expect(alert(['ossec', 'active_response'], { command: 'delete' })).toMatchObject({ event: { action: 'unknown' } });
    expect(alert(['ossec', 'active_response'], {})).toMatchObject({ event: { action: 'unknown' } });
    expect(alert(['syslog', 'sshd'], {})).toMatchObject({ event: { action: 'unknown' } });
    // data.action wins over the groups when it says something.
    expect(alert(['firewall_drop'], { action: 'pass' })).toMatchObject({ event: { action: 'allowed' } });
  });

  it('dedup key from `id`, bounded to 64 characters', () => {
    expect(d({ ...sample(0), id: 'x'.repeat(64) })).toMatchObject({ dedupKey: `soc-tinh/ids-1/${'x'.repeat(64)}` });
    expect(d({ ...sample(0), id: 'x'.repeat(65) })).toMatchObject({ kind: 'event', dedupKey: null });
    for (const id of [undefined, '', 5, {}, ['1.2']]) {
      const o = { ...sample(0), id };
      expect(d(o), JSON.stringify(id)).toMatchObject({ kind: 'event', dedupKey: null });
    }
  });

  it('cuts a huge description to MAX_TEXT characters', () => {
    const r = d({ ...sample(0), rule: { ...rule(sample(0)), description: `sshd: ${'A'.repeat(60_000)}` } });
    expect(r.kind === 'event' && r.event.signature?.length).toBe(MAX_TEXT);
  });
});

describe('Wazuh hostile input', () => {
  const cases: [string, (o: JsonObject) => void, string][] = [
    ['rule.level 16', (o) => (rule(o).level = 16), 'bad_field:rule.level'],
    ['rule.level -1', (o) => (rule(o).level = -1), 'bad_field:rule.level'],
    ['rule.level 3.5', (o) => (rule(o).level = 3.5), 'bad_field:rule.level'],
    ['rule.level 1e308', (o) => (rule(o).level = 1e308), 'bad_field:rule.level'],
    ['timestamp number', (o) => (o.timestamp = 1_700_000_000_000), 'bad_field:timestamp'],
    ['timestamp not a time', (o) => (o.timestamp = 'May 22 10:40:41'), 'bad_field:timestamp'],
    ['timestamp huge', (o) => (o.timestamp = '2'.repeat(50_000)), 'bad_field:timestamp'],
    ['timestamp object', (o) => (o.timestamp = { $date: 1 }), 'bad_field:timestamp'],
    ['no time at all', (o) => { delete o.timestamp; delete o['@timestamp']; }, 'bad_field:timestamp'],
    ['@timestamp object', (o) => { delete o.timestamp; o['@timestamp'] = {}; }, 'bad_field:@timestamp'],
    ['rule.description number', (o) => (rule(o).description = 5), 'bad_field:rule.description'],
    ['rule.description object', (o) => (rule(o).description = { en: 'x' }), 'bad_field:rule.description'],
    ['rule.groups string', (o) => (rule(o).groups = 'syslog,sshd'), 'bad_field:rule.groups'],
    ['rule.groups object', (o) => (rule(o).groups = { 0: 'attack' }), 'bad_field:rule.groups'],
    ['rule.id object', (o) => (rule(o).id = { id: 1 }), 'bad_field:rule.id'],
    ['rule.id boolean', (o) => (rule(o).id = true), 'bad_field:rule.id'],
    ['data string', (o) => (o.data = 'srcip=1.2.3.4'), 'bad_field:data'],
    ['data array', (o) => (o.data = [{ srcip: '1.2.3.4' }]), 'bad_field:data'],
    ['data.srcip hostname', (o) => ((o.data as JsonObject).srcip = 'attacker.example'), 'bad_field:data.srcip'],
    ['data.srcip number', (o) => ((o.data as JsonObject).srcip = 3232235777), 'bad_field:data.srcip'],
    ['data.srcip markup', (o) => ((o.data as JsonObject).srcip = '<img src=x onerror=1>'), 'bad_field:data.srcip'],
    ['data.srcip huge', (o) => ((o.data as JsonObject).srcip = '1'.repeat(50_000)), 'bad_field:data.srcip'],
    ['data.srcport 65536', (o) => ((o.data as JsonObject).srcport = '65536'), 'bad_field:data.srcport'],
    ['data.srcport letters', (o) => ((o.data as JsonObject).srcport = '80a'), 'bad_field:data.srcport'],
    ['data.srcport negative', (o) => ((o.data as JsonObject).srcport = -1), 'bad_field:data.srcport'],
    ['data.srcport fraction', (o) => ((o.data as JsonObject).srcport = 80.5), 'bad_field:data.srcport'],
    ['data.srcport array', (o) => ((o.data as JsonObject).srcport = ['80']), 'bad_field:data.srcport'],
    ['data.dstip bad', (o) => ((o.data as JsonObject).dstip = 'localhost'), 'bad_field:data.dstip'],
    ['data.dstport bad', (o) => ((o.data as JsonObject).dstport = '1234567'), 'bad_field:data.dstport'],
    ['data.dest_ip bad', (o) => ((o.data as JsonObject).dest_ip = {}), 'bad_field:data.dest_ip'],
    ['data.dest_port bad', (o) => ((o.data as JsonObject).dest_port = true), 'bad_field:data.dest_port'],
    ['data.protocol object', (o) => ((o.data as JsonObject).protocol = { name: 'tcp' }), 'bad_field:data.protocol'],
    ['data.proto array', (o) => ((o.data as JsonObject).proto = ['tcp']), 'bad_field:data.proto'],
    ['data.action number', (o) => ((o.data as JsonObject).action = 1), 'bad_field:data.action'],
    ['agent.ip bad', (o) => { (o.agent as JsonObject).ip = 'any'; delete (o.data as JsonObject).srcip; }, 'bad_field:agent.ip'],
  ];

  it.each(cases)('%s → %s', (_name, mutate, expected) => {
    const o = sample(1);
    mutate(o);
    expect(reason(d(o))).toBe(expected);
  });

  it('agent.ip is not read (nor checked) when data.dstip gives the destination', () => {
    const o = sample(1);
    (o.agent as JsonObject).ip = 'any';
    (o.data as JsonObject).dstip = '10.0.0.9';
    expect(d(o)).toMatchObject({ kind: 'event', event: { destIp: '10.0.0.9' } });
  });

  it('reads at most 32 of 10,000 groups, for the category and for the action alike', () => {
    const groups = Array.from({ length: 10_000 }, () => 'syslog');
    groups[32] = 'firewall_drop'; // the 33rd: never read
    groups[9_999] = 'rootcheck';
    let reads = 0;
    const proxy = new Proxy(groups, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/u.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const o = sample(1);
    rule(o).groups = proxy;
    const r = decodeWazuh(o, 's', 'x', MAPPER);
    expect(r).toMatchObject({ kind: 'event', event: { category: 'other', action: 'unknown' } });
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(64);
    // The same through the wire, from JSON.
    expect(dBig({ ...sample(1), rule: { ...rule(sample(1)), groups } })).toMatchObject({ kind: 'event', event: { category: 'other', action: 'unknown' } });
  });

  it('__proto__ keys are plain data: no level, no srcip, no pollution', () => {
    const topLevel = bytes('{"__proto__":{"rule":{"level":15},"agent":{}},"timestamp":"2024-01-01T00:00:00Z"}');
    expect(decoder.decode(EVENT_TOPIC, topLevel, NOW)).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    const inRule = bytes('{"rule":{"__proto__":{"level":15}},"agent":{},"timestamp":"2024-01-01T00:00:00Z"}');
    expect(decoder.decode(EVENT_TOPIC, inRule, NOW)).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    const inData = bytes('{"rule":{"level":3,"groups":["__proto__","constructor"]},"agent":{"__proto__":{"ip":"6.6.6.6"}},"data":{"__proto__":{"srcip":"6.6.6.6"}},"timestamp":"2024-01-01T00:00:00Z","id":"__proto__"}');
    expect(decoder.decode(EVENT_TOPIC, inData, NOW)).toMatchObject({
      kind: 'event',
      dedupKey: 'soc-tinh/ids-1/__proto__',
      event: { srcIp: null, destIp: null, category: 'other', severity: 'low' },
    });
    expect(({} as Record<string, unknown>).srcip).toBeUndefined();
    expect(({} as Record<string, unknown>).level).toBeUndefined();
  });

  it('deeply nested junk in the fields it reads and the ones it skips: an answer, never a throw', () => {
    let deep: unknown = 'T1110';
    for (let i = 0; i < 2_000; i++) deep = { a: [deep] };
    const o = sample(1);
    o.previous_output = deep;
    rule(o).mitre = { id: deep, tactic: [deep, deep] };
    (o.data as JsonObject).extra = deep;
    const r = dBig(o);
    expect(r).toMatchObject({ kind: 'event', event: { srcIp: '192.168.121.127' } });
    expect(r.kind === 'event' && r.event.attack).toBeUndefined();
    rule(o).groups = [deep, deep];
    rule(o).description = deep;
    expect(reason(dBig(o))).toBe('bad_field:rule.description');
  });

  it('every field of every sample, replaced by junk: an event or a reject, never a throw', () => {
    const junk: unknown[] = [null, true, 0, -1, 3.5, 1e308, '', 'x'.repeat(70_000), '::', [], {}, [1, 'a', null], { a: { b: [] } }];
    let n = 0;
    for (let i = 0; i < LINES.length; i++) {
      const paths: string[][] = [];
      const walk = (x: unknown, path: string[]) => {
        if (path.length > 0) paths.push(path);
        if (x !== null && typeof x === 'object' && !Array.isArray(x) && path.length < 3) for (const k of Object.keys(x)) walk((x as JsonObject)[k], [...path, k]);
      };
      walk(sample(i), []);
      for (const path of paths) {
        for (const j of junk) {
          const o = sample(i);
          let at: JsonObject = o;
          for (const k of path.slice(0, -1)) at = at[k] as JsonObject;
          at[path[path.length - 1] as string] = j;
          let r: DecodeResult | undefined;
          expect(() => (r = decodeWazuh(o, 's', 'x', MAPPER))).not.toThrow();
          expect(['event', 'rejected']).toContain(r?.kind);
          if (r?.kind === 'rejected') expect(r.reason.startsWith('bad_field:')).toBe(true);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(2_000);
  });
});
