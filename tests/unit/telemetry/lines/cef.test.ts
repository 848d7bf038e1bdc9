// ArcSight CEF lines: the real samples of tests/fixtures/cef/, then escaping, time, severity and mapping rules.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { CategoryMapper } from '../../../../electron/core/telemetry/category-map.js';
import { decodeLine } from '../../../../electron/core/telemetry/lines/line-decoder.js';
import { CATEGORY_MAP_PATH } from '../fixtures.js';
import { REF, eventOf, fixtureLines, line } from './line-fixtures.js';

const cef = (ext: string, header = 'CEF:0|Vendor|Product|1.0|100|Name|5|') => line(header + ext);
/** The dedup key shows an extension value after unescaping (externalId becomes `cef:<id>`). */
const idOf = (ext: string) => {
  const r = cef(ext);
  return r.kind === 'event' ? r.dedupKey : r;
};

describe('CEF samples', () => {
  it('FortiGate anomaly in CEF (FortiOS log reference): FTNTFGT fields, session id never a dedup key', () => {
    const [anomaly, vpn] = fixtureLines('cef', 'fortinet-fortios-docs.log');
    const r = line(anomaly!);
    expect(r).toEqual({
      kind: 'event',
      event: {
        time: 1_545_939_604_000, // FTNTFGTeventtime (seconds); the 3164 header has no zone
        siteId: 'soc-tinh',
        sensorId: 'fw-1',
        category: 'combined', // cat=utm:anomaly
        severity: 'high', // CEF 7
        action: 'blocked', // act=clear_session
        srcIp: '10.1.100.11',
        srcPort: null,
        destIp: '172.16.200.55',
        destPort: null,
        proto: 'ICMP', // proto=1
        signature: 'icmp_flood', // FTNTFGTattack, not the Name formula
        signatureId: 16777316, // FTNTFGTattackid
        count: 1, // cnt=1
      },
      dedupKey: null, // externalId=0 is the session id; eventtime in seconds is too coarse for a key
    });
    // with FortiOS 6.2's nanosecond eventtime the FortiGate key is used
    const ns = anomaly!.replace('FTNTFGTeventtime=1545939604', 'FTNTFGTeventtime=1545939604123456789');
    expect(line(ns)).toMatchObject({ event: { time: 1_545_939_604_123 }, dedupKey: 'soc-tinh/fw-1/fgt:FGT5HD3915800610:0720018433:1545939604123456789' });
    // cat=event:… (a system log) is ignored as FortiGate's key=value form is
    expect(line(vpn!)).toEqual({ kind: 'ignored', type: 'fortigate:event' });
  });

  it('Kaspersky Security Center (SC4S test data): rt in epoch ms, 5424-style header without app name', () => {
    const [l] = fixtureLines('cef', 'kaspersky-sc4s.log');
    expect(line(l!)).toEqual({
      kind: 'event',
      event: {
        time: 1_647_626_887_000,
        siteId: 'soc-tinh',
        sensorId: 'fw-1',
        category: 'other',
        severity: 'low', // 1
        action: 'unknown',
        srcIp: null,
        srcPort: null,
        destIp: '10.55.203.12',
        destPort: null,
        proto: null,
        signature: 'Completed successfully',
        signatureId: null, // KLPRCI_TaskState is not a number
        count: 1,
      },
      dedupKey: null,
    });
    // rt wins over the header's time
    expect(eventOf(line(l!.replace('2022-03-18T18:08:07.000Z', '2022-03-18T19:00:00.000Z'))).time).toBe(1_647_626_887_000);
  });

  it('ESET PROTECT (documented example values): rt `MMM dd yyyy HH:mm:ss` is UTC; its HEARTBEAT is a heartbeat', () => {
    const [threat, heartbeat] = fixtureLines('cef', 'eset-protect-docs.log');
    expect(eventOf(line(threat!))).toMatchObject({
      time: Date.UTC(2017, 5, 4, 14, 10, 0),
      severity: 'medium', // 5 (ESET's Warning)
      signature: 'Detected port scanning attack',
      signatureId: 109,
      srcIp: null, // dvc and c6a1 are the reporting computer, not a source
      destIp: null,
    });
    expect(line(heartbeat!, 1_700_000_000_000)).toEqual({ kind: 'heartbeat', siteId: 'soc-tinh', sensorId: 'fw-1', time: 1_700_000_000_000 });
  });

  it('the logstash-codec-cef spec lines decode as that codec reads them', () => {
    const L = fixtureLines('cef', 'logstash-codec-cef-spec.log');
    expect(L).toHaveLength(16);
    const base = { srcIp: '10.0.0.192', destIp: '12.121.122.82', srcPort: 1232, severity: 'critical', signature: 'trojan successfully stopped', signatureId: 100, time: REF };
    expect(eventOf(line(L[0]!))).toMatchObject(base);
    expect(eventOf(line(L[1]!))).toMatchObject(base); // a space before the first key, two between keys
    expect(eventOf(line(L[2]!))).toMatchObject(base); // dproc=InternetExplorer x.x.x.x (a value with a space)
    expect(eventOf(line(L[3]!))).toMatchObject({ srcIp: '192.168.0.1', destPort: 53, severity: 'medium', signature: 'my message', signatureId: 13, category: 'other' }); // ad.nn= (dots in keys), destinationPort=
    expect(eventOf(line(L[4]!))).toMatchObject({ ...base, srcPort: 11024, destPort: 9200, proto: 'TCP' });
    for (const i of [5, 6, 7, 8, 9, 13]) expect(line(L[i]!).kind, L[i]).toBe('event'); // = | \| \ in values; escapes; empty vendor and product
    expect(eventOf(line(L[10]!))).toMatchObject({ time: Date.UTC(2018, 8, 7, 14, 50, 39), srcIp: '2.2.2.2', destIp: '1.1.1.1', severity: 'low', signatureId: 200 }); // rt without zone: UTC
    // the codec keeps `\10` and `|10` as severities; CEF has neither
    expect(line(L[11]!)).toMatchObject({ kind: 'rejected', reason: 'bad_field:cef.severity' });
    expect(line(L[12]!)).toMatchObject({ kind: 'rejected', reason: 'bad_field:cef.severity' });
    expect(eventOf(line(L[14]!))).toMatchObject({ signature: 'double backslash\\\\' }); // `\\\\` in the header → two backslashes
    // a prefix that is not a syslog header is not skipped: CEF must start the message
    expect(line(L[15]!)).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
  });
});

describe('CEF escaping', () => {
  it('header fields: `\\|` and `\\\\`; an escaped pipe does not end a field', () => {
    expect(eventOf(cef('src=10.0.0.1', 'CEF:0|security|threatmanager|1.0|100|detected a \\| in message|10|'))).toMatchObject({ signature: 'detected a | in message', severity: 'critical', srcIp: '10.0.0.1' });
    expect(eventOf(cef('', 'CEF:0|security|threatmanager|1.0|100|detected a \\\\ in packet|10|'))).toMatchObject({ signature: 'detected a \\ in packet' });
    expect(eventOf(cef('', 'CEF:0|secu\\|rity|threat\\\\manager|1.0|100|n|3|'))).toMatchObject({ signature: 'n', severity: 'low' });
    // `\n` means nothing in a header field: kept as written
    expect(eventOf(cef('', 'CEF:0|v|p|1|100|a\\nb|3|'))).toMatchObject({ signature: 'a\\nb' });
  });

  it('extension values: `\\=`, `\\\\`, `\\n`, `\\r`; spaces; `=` escaped; a key-looking word inside a value', () => {
    expect(idOf('externalId=a b\\=c d dst=1.2.3.4')).toBe('soc-tinh/fw-1/cef:a b=c d');
    expect(idOf('externalId=C:\\\\Windows\\\\x.exe')).toBe('soc-tinh/fw-1/cef:C:\\Windows\\x.exe');
    expect(idOf('externalId=line1\\nline2\\rend')).toBe('soc-tinh/fw-1/cef:line1\nline2\rend');
    expect(idOf('externalId=the src address is bad dst=1.2.3.4')).toBe('soc-tinh/fw-1/cef:the src address is bad');
    expect(eventOf(cef('externalId=the src address is bad dst=1.2.3.4'))).toMatchObject({ destIp: '1.2.3.4', srcIp: null });
    // a Windows path keeps its backslashes (no escape), and `\|` in the extension stays as written
    expect(idOf('externalId=C:\\Program Files\\x')).toBe('soc-tinh/fw-1/cef:C:\\Program Files\\x');
    expect(idOf('externalId=a\\|b')).toBe('soc-tinh/fw-1/cef:a\\|b');
    // an escaped space does not start a key
    expect(idOf('externalId=a\\ dst=1.2.3.4')).toBe('soc-tinh/fw-1/cef:a\\ dst=1.2.3.4');
    // trailing spaces end no value; an empty value is absent
    expect(idOf('externalId=abc   ')).toBe('soc-tinh/fw-1/cef:abc');
    expect(idOf('externalId= dst=1.2.3.4')).toBeNull();
    // eventId when there is no externalId
    expect(idOf('eventId=42')).toBe('soc-tinh/fw-1/cef:42');
    expect(idOf(`externalId=${'x'.repeat(129)}`)).toBeNull();
  });

  it('ArcSight full key names read as the short ones; c6a2/c6a3 as IPv6 source/destination', () => {
    expect(eventOf(cef('sourceAddress=10.0.0.1 destinationAddress=10.0.0.2 sourcePort=1 destinationPort=2 transportProtocol=udp deviceAction=blocked'))).toMatchObject({
      srcIp: '10.0.0.1',
      destIp: '10.0.0.2',
      srcPort: 1,
      destPort: 2,
      proto: 'UDP',
      action: 'blocked',
    });
    expect(eventOf(cef('c6a2=2001:db8::1 c6a3=2001:db8::2'))).toMatchObject({ srcIp: '2001:db8::1', destIp: '2001:db8::2' });
    expect(eventOf(cef('src=10.0.0.1 c6a2=2001:db8::1'))).toMatchObject({ srcIp: '10.0.0.1' });
    expect(eventOf(cef('proto=6'))).toMatchObject({ proto: 'TCP' });
  });
});

describe('CEF severity, action, count', () => {
  it('severity 0-10 and the words, through the category minimum', () => {
    const sev = (s: string) => eventOf(cef('', `CEF:0|v|p|1|100|n|${s}|`)).severity;
    expect([0, 3, 4, 6, 7, 8, 9, 10].map((n) => sev(String(n)))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
    expect(['Low', 'Medium', 'High', 'Very-High', 'Unknown', 'very-high', ' 7 '].map(sev)).toEqual(['low', 'medium', 'high', 'critical', 'low', 'critical', 'high']);
    for (const bad of ['11', '-1', 'Extreme', '', '1.5', '100']) {
      expect(cef('', `CEF:0|v|p|1|100|n|${bad}|`), bad).toMatchObject({ kind: 'rejected', reason: 'bad_field:cef.severity' });
    }
  });

  it('act through actionFromText (Kaspersky Blocked, FortiGate blocked); cnt → count', () => {
    expect(eventOf(cef('act=Blocked')).action).toBe('blocked');
    expect(eventOf(cef('act=blocked')).action).toBe('blocked');
    expect(eventOf(cef('act=allowed')).action).toBe('allowed');
    expect(eventOf(cef('act=reset')).action).toBe('unknown'); // FortiGate's word, only for vendor Fortinet
    expect(eventOf(cef('act=reset', 'CEF:0|Fortinet|Fortigate|v6|16384|utm:ips signature reset|5|')).action).toBe('blocked');
    expect(eventOf(cef('cnt=17')).count).toBe(17);
    for (const bad of ['0', '1000001', 'x', '-3']) expect(cef(`cnt=${bad}`), bad).toMatchObject({ reason: 'bad_field:cnt' });
  });

  it('category: signature rules on the name, then cat, then the class id (a map with CEF entries)', () => {
    const json = JSON.parse(readFileSync(CATEGORY_MAP_PATH, 'utf8')) as { cef: { categories: Record<string, string> } };
    json.cef.categories = { 'ESET Threat Event': 'malware', GNRL_EV_VIRUS_FOUND: 'targeted' };
    const mapper = CategoryMapper.fromJson(json);
    const d = (l: string) => eventOf(decodeLine(l, 's', 'x', mapper, REF));
    const [eset] = fixtureLines('cef', 'eset-protect-docs.log');
    expect(d(eset!).category).toBe('malware'); // cat
    expect(d('CEF:0|KasperskyLab|SecurityCenter|13|GNRL_EV_VIRUS_FOUND|Malicious object detected|4|')).toMatchObject({ category: 'targeted', severity: 'high' }); // class id; targeted raised to high
    expect(d('CEF:0|v|p|1|GNRL_EV_VIRUS_FOUND|ET SCAN probe|4|cat=ESET Threat Event').category).toBe('scan'); // the name's signature rule first
    expect(d('CEF:0|v|p|1|X|n|4|cat=eset threat event').category).toBe('malware'); // case-insensitive
  });
});

describe('CEF categories in the shipped map', () => {
  it("ESET PROTECT's documented `cat` values and Kaspersky's detection ids each take a wall category", () => {
    const cat = (c: string, name = 'event') => eventOf(line(`CEF:0|ESET|Protect|10.0.5.1|1|${name}|5|cat=${c}`)).category;
    expect(cat('ESET Threat Event')).toBe('malware');
    expect(cat('ESET Firewall Event')).toBe('combined');
    expect(cat('ESET HIPS Event')).toBe('combined');
    expect(cat('ESET Inspect Event')).toBe('combined');
    expect(cat('ESET Blocked File Event')).toBe('malware');
    expect(cat('ESET Filtered Website Event')).toBe('policy');
    expect(cat('ESET RA Audit Event')).toBe('other');
    const kl = (id: string) => eventOf(line(`CEF:0|KasperskyLab|SecurityCenter|13.2.0.1511|${id}|Object detected|4|`)).category;
    expect(kl('GNRL_EV_VIRUS_FOUND_AND_BLOCKED')).toBe('malware');
    expect(kl('GNRL_EV_ATTACK_DETECTED')).toBe('combined');
    expect(kl('KLPRCI_TaskState')).toBe('other');
  });
});

describe('CEF time', () => {
  const at = (v: string, ref = REF) => {
    const r = line(`CEF:0|v|p|1|100|n|5|rt=${v} src=10.0.0.1`, ref);
    return r.kind === 'event' ? r.event.time : r;
  };
  it('rt: epoch ms, MMM dd yyyy HH:mm:ss[.SSS][ zone] (no zone: UTC), ISO 8601', () => {
    expect(at('1647626887000')).toBe(1_647_626_887_000);
    expect(at('Jun 04 2017 14:10:00')).toBe(Date.UTC(2017, 5, 4, 14, 10, 0));
    expect(at('Jun  4 2017 14:10:00.5')).toBe(Date.UTC(2017, 5, 4, 14, 10, 0, 500));
    expect(at('Jul 19 2017 10:50:21.127')).toBe(Date.UTC(2017, 6, 19, 10, 50, 21, 127));
    expect(at('Mar 09 2015 17:05:21 GMT+00:00')).toBe(Date.UTC(2015, 2, 9, 17, 5, 21));
    expect(at('Mar 09 2015 17:05:21 UTC')).toBe(Date.UTC(2015, 2, 9, 17, 5, 21));
    expect(at('Mar 09 2015 17:05:21 +0700')).toBe(Date.UTC(2015, 2, 9, 10, 5, 21));
    expect(at('Mar 09 2015 17:05:21 GMT-05:30')).toBe(Date.UTC(2015, 2, 9, 22, 35, 21));
    expect(at('2024-05-01T10:00:00+07:00')).toBe(Date.UTC(2024, 4, 1, 3, 0, 0));
  });

  it('rt without a year: the reference year, or the one before when that is more than a day ahead', () => {
    expect(at('Jun 04 14:10:00', Date.UTC(2026, 6, 1))).toBe(Date.UTC(2026, 5, 4, 14, 10, 0));
    expect(at('Dec 31 23:59:00', Date.UTC(2026, 0, 1, 0, 5))).toBe(Date.UTC(2025, 11, 31, 23, 59, 0));
    expect(at('Jan 01 00:10:00', Date.UTC(2025, 11, 31, 23, 59))).toBe(Date.UTC(2025, 0, 1, 0, 10, 0));
  });

  it('end when there is no rt; the header time, else the reference, when neither', () => {
    expect(eventOf(line('CEF:0|v|p|1|100|n|5|end=1647626887000')).time).toBe(1_647_626_887_000);
    expect(eventOf(line('CEF:0|v|p|1|100|n|5|rt=1647626887000 end=1')).time).toBe(1_647_626_887_000);
    expect(eventOf(line('<14>1 2024-01-02T03:04:05+01:00 h app - - - CEF:0|v|p|1|100|n|5|src=10.0.0.1')).time).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(eventOf(line('<14>Jan  2 03:04:05 h CEF:0|v|p|1|100|n|5|src=10.0.0.1')).time).toBe(REF); // 3164: no zone
  });

  it('a bad time names its key', () => {
    for (const v of ['1', '946684799999', 'yesterday', 'Jun 04 2017 14:10', 'Jun 04 2017 14:10:00 PST', 'Feb 30 2017 00:00:00', 'Jun 04 2017 24:00:00', '2017-13-01T00:00:00Z', '12345678901234567']) {
      expect(at(v), v).toMatchObject({ kind: 'rejected', reason: 'bad_field:rt' });
    }
    expect(line('CEF:0|v|p|1|100|n|5|end=soon')).toMatchObject({ reason: 'bad_field:end' });
    expect(line('CEF:0|Fortinet|Fortigate|v6|1|utm:ips x|5|FTNTFGTeventtime=12')).toMatchObject({ reason: 'bad_field:FTNTFGTeventtime' });
  });
});

describe('CEF structure', () => {
  it('version and header fields', () => {
    expect(line('CEF:')).toMatchObject({ kind: 'rejected', reason: 'bad_field:cef.version' });
    expect(line('CEF:x|a|b|c|d|e|5|')).toMatchObject({ reason: 'bad_field:cef.version' });
    expect(line('CEF:0')).toMatchObject({ reason: 'bad_field:cef.version' });
    expect(line('CEF:0|')).toMatchObject({ reason: 'bad_field:cef', detail: expect.stringContaining('0 of 7') as unknown });
    expect(line('CEF:0|v|p|1|100|n|5')).toMatchObject({ reason: 'bad_field:cef', detail: expect.stringContaining('5 of 7') as unknown });
    expect(line('CEF: 1|v|p|1|100|n|5|').kind).toBe('event'); // FortiGate's `CEF: 0`
  });

  it('an extension that is not key=value, and the pair bound', () => {
    expect(line('CEF:0|v|p|1|100|n|5|this is not key value')).toMatchObject({ reason: 'bad_field:cef.extension' });
    // ` =x` starts no key: it is value text (here of src, which then is no address)
    expect(idOf('externalId=a =b')).toBe('soc-tinh/fw-1/cef:a =b');
    expect(line('CEF:0|v|p|1|100|n|5|src=1.2.3.4 =x')).toMatchObject({ kind: 'rejected', reason: 'bad_field:src' });
    expect(line(`CEF:0|v|p|1|100|n|5|${'k=v '.repeat(128)}`).kind).toBe('event');
    expect(line(`CEF:0|v|p|1|100|n|5|${'k=v '.repeat(129)}`)).toMatchObject({ reason: 'bad_field:cef.extension', detail: 'more than 128 key=value pairs' });
  });

  it('bad addresses and ports name their key', () => {
    expect(cef('src=<script>')).toMatchObject({ reason: 'bad_field:src' });
    expect(cef('dst=1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26')).toMatchObject({ reason: 'bad_field:dst' });
    expect(cef('c6a2=zz::1')).toMatchObject({ reason: 'bad_field:c6a2' });
    expect(cef('spt=65536')).toMatchObject({ reason: 'bad_field:spt' });
    expect(cef('dpt=-1')).toMatchObject({ reason: 'bad_field:dpt' });
    expect(cef('dpt=80 spt=0').kind).toBe('event');
  });

  it('long text is cut to 512 characters', () => {
    const e = eventOf(cef('', `CEF:0|v|p|1|100|${'N'.repeat(2000)}|5|`));
    expect(e.signature).toBe('N'.repeat(512));
  });
});
