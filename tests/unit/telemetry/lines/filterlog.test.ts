// pfSense / OPNsense filterlog lines: the samples of tests/fixtures/filterlog/, IPv4 tcp/udp/icmp and
// IPv6, pass/block/reject, in/out, detection, truncation.
import { describe, it, expect } from 'vitest';
import { REF, eventOf, fixtureLines, line } from './line-fixtures.js';

describe('filterlog samples', () => {
  it('IPv6 ICMPv6 pass out (SC4S test data; pfSense sends no hostname to a remote host)', () => {
    const [l] = fixtureLines('filterlog', 'sc4s-pfsense.log');
    expect(line(l!)).toEqual({
      kind: 'event',
      event: {
        time: REF, // RFC 3164: no zone
        siteId: 'soc-tinh',
        sensorId: 'fw-1',
        category: 'other', // allowed
        severity: 'low',
        action: 'allowed',
        srcIp: 'fe80::208:a2ff:fe0f:cb66',
        srcPort: null,
        destIp: 'fe80::56a6:5cff:fe7d:1d43',
        destPort: null,
        proto: 'IPV6-ICMP', // protocol id 58
        signature: 'pfSense rule 1000002666 pass out on mvneta2',
        signatureId: 1000002666,
        count: 1,
      },
      dedupKey: null,
    });
  });

  it('IPv4 icmp pass out, udp block in (Wazuh ruleset tests)', () => {
    const [icmp, udp] = fixtureLines('filterlog', 'wazuh-ruleset-pfsense.log');
    expect(eventOf(line(icmp!))).toMatchObject({ action: 'allowed', category: 'other', proto: 'ICMP', srcIp: '192.168.105.11', destIp: '192.168.105.1', srcPort: null, destPort: null, signature: 'pfSense rule 0 pass out on vmx1', signatureId: 0, time: REF });
    expect(eventOf(line(udp!))).toMatchObject({
      action: 'blocked',
      category: 'scan', // an inbound block
      severity: 'low',
      proto: 'UDP',
      srcIp: '10.9.0.119',
      srcPort: 17500,
      destIp: '10.9.0.255',
      destPort: 17600,
      signature: 'pfSense rule 1000102433 block in on em0',
      signatureId: 1000102433,
    });
  });

  it('IPv4 tcp and udp pass in with an RFC 5424 header: its time and zone are used', () => {
    // Wazuh's test lines omit the PRI its log collector strips; a pfSense sends `<134>`.
    const [, , tcp, udp] = fixtureLines('filterlog', 'wazuh-ruleset-pfsense.log');
    expect(eventOf(line(`<134>${tcp!}`))).toMatchObject({
      time: Date.UTC(2021, 7, 4, 2, 59, 7, 691), // 06:59:07.691848+04:00
      action: 'allowed',
      proto: 'TCP',
      srcIp: '10.10.10.100',
      srcPort: 1029,
      destIp: '13.235.226.255',
      destPort: 443,
      signature: 'pfSense rule 1627710987 pass in on vmx1',
    });
    expect(eventOf(line(`<134>${udp!}`))).toMatchObject({ time: Date.UTC(2021, 7, 3, 2, 30, 54, 540), proto: 'UDP', srcPort: 59128, destPort: 53, destIp: '10.10.10.1' });
    // without the PRI the line is no syslog: its first field is not a rule number
    expect(line(tcp!)).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
  });
});

describe('filterlog records', () => {
  const OPN_V6_TCP = '<134>1 2024-01-01T00:00:00+00:00 OPNsense.localdomain filterlog 123 - [meta sequenceId="7"] 77,,,02f4bab031b57d1e30553ce08e0ec131,vtnet0,match,block,in,6,0x00,0x00000,64,tcp,6,40,2001:db8::1,2001:db8::2,51234,22,0,S,1,,65535,,mss';
  const V4_TCP = '5,,,1000000103,em0,match,block,in,4,0x0,,64,12345,0,none,6,tcp,60,203.0.113.50,192.0.2.10,54321,22,0,S,1234567890,,64240,,mss';

  it('OPNsense IPv6 tcp block in: its hex rule label is no signature id', () => {
    expect(eventOf(line(OPN_V6_TCP))).toMatchObject({
      time: Date.UTC(2024, 0, 1),
      action: 'blocked',
      category: 'scan',
      proto: 'TCP',
      srcIp: '2001:db8::1',
      srcPort: 51234,
      destIp: '2001:db8::2',
      destPort: 22,
      signature: 'OPNsense rule 02f4bab031b57d1e30553ce08e0ec131 block in on vtnet0',
      signatureId: null,
    });
  });

  it('reject is blocked; out blocks are policy; IPv6 udp', () => {
    expect(eventOf(line(V4_TCP.replace('block,in', 'reject,out')))).toMatchObject({ action: 'blocked', category: 'policy', signature: 'pfSense rule 1000000103 reject out on em0' });
    expect(eventOf(line(V4_TCP.replace('block,in', 'pass,in')))).toMatchObject({ action: 'allowed', category: 'other' });
    expect(eventOf(line('<134>Jan 1 00:00:00 fw filterlog[9]: 10,,,1000000104,igb1,match,pass,out,6,0x00,0x00000,255,udp,17,48,fe80::1,ff02::fb,5353,5353,40'))).toMatchObject({ proto: 'UDP', srcPort: 5353, destPort: 5353, destIp: 'ff02::fb' });
  });

  it('detection: the header app name, or (no app) the record shape; a bare `filterlog:` tag too', () => {
    expect(eventOf(line(V4_TCP))).toMatchObject({ srcIp: '203.0.113.50', destPort: 22, time: REF }); // no header at all
    expect(eventOf(line(`filterlog[5]: ${V4_TCP}`))).toMatchObject({ srcIp: '203.0.113.50' });
    expect(eventOf(line(`<134>Jan 1 00:00:00 fw ${V4_TCP}`))).toMatchObject({ srcIp: '203.0.113.50' }); // 3164 without a tag
    // another app's CSV is not taken as filterlog
    expect(line(`<134>Jan 1 00:00:00 fw other: ${V4_TCP}`)).toMatchObject({ reason: 'unknown_format' });
    // the shape needs a rule number, pass/block/reject, in/out and 4/6 at their places
    for (const l of [V4_TCP.replace('5,,,', 'x,,,'), V4_TCP.replace('block,in', 'block,up'), V4_TCP.replace('in,4,', 'in,5,'), V4_TCP.replace('block', 'allow'), '1,2,3']) {
      expect(line(l), l).toMatchObject({ reason: 'unknown_format' });
    }
  });

  it('with the filterlog app, a bad action, direction or version names the field; NAT actions are ignored', () => {
    const app = (csv: string) => line(`<134>Jan 1 00:00:00 fw filterlog: ${csv}`);
    expect(app(V4_TCP.replace('block', 'allow'))).toMatchObject({ kind: 'rejected', reason: 'bad_field:filterlog.action' });
    expect(app(V4_TCP.replace('block,in', 'block,up'))).toMatchObject({ reason: 'bad_field:filterlog.direction' });
    expect(app(V4_TCP.replace('in,4,', 'in,5,'))).toMatchObject({ reason: 'bad_field:filterlog.version' });
    for (const a of ['rdr', 'nat', 'binat', 'scrub', 'match']) expect(app(V4_TCP.replace('block', a)), a).toEqual({ kind: 'ignored', type: 'filterlog:other' });
  });

  it('bad addresses and ports', () => {
    expect(line(V4_TCP.replace('203.0.113.50', 'evil'))).toMatchObject({ reason: 'bad_field:filterlog.src' });
    expect(line(V4_TCP.replace('192.0.2.10', ''))).toMatchObject({ reason: 'bad_field:filterlog.dst' });
    expect(line(V4_TCP.replace('54321', '99999'))).toMatchObject({ reason: 'bad_field:filterlog.srcport' });
    expect(line(V4_TCP.replace(',22,0,S', ',x,0,S'))).toMatchObject({ reason: 'bad_field:filterlog.dstport' });
  });

  it('truncated records name what is missing, at every field boundary, and never read past the fields present', () => {
    const fields = V4_TCP.split(',');
    const reasons: string[] = [];
    for (let k = 1; k <= fields.length; k++) {
      const r = line(`<134>Jan 1 00:00:00 fw filterlog: ${fields.slice(0, k).join(',')}`);
      reasons.push(r.kind === 'rejected' ? `${r.reason}: ${r.detail}` : r.kind);
    }
    for (let k = 1; k < 9; k++) expect(reasons[k - 1], String(k)).toBe(`bad_field:filterlog: truncated: ${k} of the 9 common fields (rule, sub rule, anchor, tracker, interface, reason, action, direction, IP version)`);
    for (let k = 9; k < 20; k++) expect(reasons[k - 1], String(k)).toBe(`bad_field:filterlog: truncated IPv4 record: ${k} fields, the addresses need 20`);
    expect(reasons[19]).toBe('bad_field:filterlog: truncated TCP record: 20 fields, the ports need 22');
    expect(reasons[20]).toBe('bad_field:filterlog: truncated TCP record: 21 fields, the ports need 22');
    for (let k = 22; k <= fields.length; k++) expect(reasons[k - 1], String(k)).toBe('event');
    // IPv6: the addresses are fields 16 and 17
    const v6 = OPN_V6_TCP.split(' - [meta sequenceId="7"] ')[1]!.split(',');
    expect(line(`<134>Jan 1 00:00:00 fw filterlog: ${v6.slice(0, 16).join(',')}`)).toMatchObject({ detail: 'truncated IPv6 record: 16 fields, the addresses need 17' });
    // ICMP needs no ports
    expect(line('5,,,1,em0,match,block,in,4,0x0,,64,1,0,none,1,icmp,28,198.51.100.1,192.0.2.1').kind).toBe('event');
  });
});
