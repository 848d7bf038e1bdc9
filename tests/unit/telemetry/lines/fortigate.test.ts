// FortiGate key=value lines: the samples of tests/fixtures/fortigate/, then quoting, time, type and field rules.
import { describe, it, expect } from 'vitest';
import { REF, eventOf, fixtureLines, line } from './line-fixtures.js';

const IPS =
  'date=2019-05-10 time=11:37:47 devname="FG100D" devid="FG100D3G16804432" logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" vd="root" ' +
  'eventtime=1557513467369913239 tz="-0700" severity="critical" srcip=10.1.100.11 srcport=44064 dstip=172.16.200.55 dstport=80 proto=6 action="dropped" attack="HTTP.Test.Attack" attackid=12345';
const with_ = (l: string, from: string, to: string) => {
  if (!l.includes(from)) throw new Error(`${from} not in the line`);
  return l.replace(from, to);
};

describe('FortiGate samples', () => {
  it('traffic forward close (FortiOS sample logs): a firewall record, allowed, ns eventtime, dedup key', () => {
    const [traffic] = fixtureLines('fortigate', 'fortinet-fortios-docs.log');
    expect(line(traffic!)).toEqual({
      kind: 'event',
      event: {
        time: 1_557_513_467_369, // eventtime in ns
        siteId: 'soc-tinh',
        sensorId: 'fw-1',
        category: 'other', // allowed traffic
        severity: 'low', // firewallSeverity
        action: 'allowed', // close
        srcIp: '10.1.100.11',
        srcPort: 58012,
        destIp: '23.59.154.35',
        destPort: 80,
        proto: 'TCP',
        signature: 'FortiGate forward close policy 1',
        signatureId: 1,
        count: 1,
      },
      dedupKey: 'soc-tinh/fw-1/fgt::0000000013:1557513467369913239',
    });
  });

  it('UTM anomaly (FortiOS log reference): severity= decides, clear_session is blocked, seconds give no dedup key', () => {
    const [, anomaly] = fixtureLines('fortigate', 'fortinet-fortios-docs.log');
    expect(line(anomaly!)).toEqual({
      kind: 'event',
      event: {
        time: 1_545_939_604_000,
        siteId: 'soc-tinh',
        sensorId: 'fw-1',
        category: 'combined', // subtype anomaly
        severity: 'critical',
        action: 'blocked',
        srcIp: '10.1.100.11',
        srcPort: null,
        destIp: '172.16.200.55',
        destPort: null,
        proto: 'ICMP',
        signature: 'icmp_flood',
        signatureId: 16777316,
        count: 1,
      },
      dedupKey: null,
    });
  });

  it('SC4S test lines: IPv6 sniffer traffic, a webfilter log, `<111> ` and `<111>` headers; no tz: the reference time', () => {
    const [sniffer, webfilter, bare] = fixtureLines('fortigate', 'sc4s-fortinet-ngfw.log');
    const ipv6 = { srcIp: 'fe80::20c:29ff:fe77:20d4', destIp: 'ff02::1:ff77:20d4', proto: 'IPV6-ICMP', action: 'allowed', category: 'other', signature: 'FortiGate sniffer accept policy 2', signatureId: 2, time: REF };
    expect(line(sniffer!)).toMatchObject({ kind: 'event', event: ipv6, dedupKey: null });
    expect(line(bare!)).toMatchObject({ kind: 'event', event: ipv6 });
    expect(eventOf(line(webfilter!))).toMatchObject({
      category: 'policy', // subtype webfilter
      severity: 'low', // level=notice
      action: 'allowed', // passthrough
      srcIp: '172.30.16.119',
      srcPort: 53235,
      destIp: '114.112.67.75',
      destPort: 80,
      proto: 'TCP',
      signature: 'Information Technology', // catdesc
      signatureId: null,
      time: REF,
    });
  });

  it('an IPS log: attack → signature, attackid → signatureId, devid in the dedup key', () => {
    expect(line(IPS)).toEqual({
      kind: 'event',
      event: {
        time: 1_557_513_467_369,
        siteId: 'soc-tinh',
        sensorId: 'fw-1',
        category: 'combined',
        severity: 'critical',
        action: 'blocked',
        srcIp: '10.1.100.11',
        srcPort: 44064,
        destIp: '172.16.200.55',
        destPort: 80,
        proto: 'TCP',
        signature: 'HTTP.Test.Attack',
        signatureId: 12345,
        count: 1,
      },
      dedupKey: 'soc-tinh/fw-1/fgt:FG100D3G16804432:0419016384:1557513467369913239',
    });
  });
});

describe('FortiGate values', () => {
  it('quoted values hold spaces, `=` and `\\"`; bare values end at a space', () => {
    expect(eventOf(line(with_(IPS, 'attack="HTTP.Test.Attack"', 'attack="A \\"quoted\\" name = with spaces"'))).signature).toBe('A "quoted" name = with spaces');
    expect(eventOf(line(with_(IPS, 'attack="HTTP.Test.Attack"', 'attack="back\\\\slash"'))).signature).toBe('back\\slash');
    expect(eventOf(line(with_(IPS, 'attack="HTTP.Test.Attack"', 'attack=Bare.Name'))).signature).toBe('Bare.Name');
    expect(eventOf(line(with_(IPS, 'attack="HTTP.Test.Attack"', 'attack=""'))).signature).toBeNull(); // empty: absent
    expect(eventOf(line(with_(IPS, 'attack="HTTP.Test.Attack"', 'virus="EICAR_TEST_FILE" virusid=2172'))).signature).toBe('EICAR_TEST_FILE');
  });

  it('unbalanced or run-on quotes, and text that is not key=value, are rejected', () => {
    expect(line(`${IPS} msg="never closed`)).toMatchObject({ kind: 'rejected', reason: 'bad_field:fortigate', detail: 'unbalanced quote in the value of msg' });
    expect(line(with_(IPS, 'logid="0419016384"', 'logid="0419016384"x'))).toMatchObject({ reason: 'bad_field:fortigate', detail: 'expected a space after the quoted value of logid' });
    expect(line(`${IPS} trailing words`)).toMatchObject({ reason: 'bad_field:fortigate', detail: expect.stringContaining('expected key=value') as unknown });
    expect(line(`${IPS} ${'k=v '.repeat(300)}`)).toMatchObject({ reason: 'bad_field:fortigate', detail: 'more than 256 key=value pairs' });
  });

  it('eventtime in s, ms, µs or ns (told by its digit count)', () => {
    const t = (v: string) => {
      const r = line(with_(IPS, 'eventtime=1557513467369913239', `eventtime=${v}`));
      return r.kind === 'event' ? [r.event.time, r.dedupKey] : r;
    };
    expect(t('1557513467')).toEqual([1_557_513_467_000, null]);
    expect(t('1557513467369')).toEqual([1_557_513_467_369, null]);
    expect(t('1557513467369913')).toEqual([1_557_513_467_369, 'soc-tinh/fw-1/fgt:FG100D3G16804432:0419016384:1557513467369913']);
    expect(t('1557513467369913239')).toEqual([1_557_513_467_369, 'soc-tinh/fw-1/fgt:FG100D3G16804432:0419016384:1557513467369913239']);
    for (const bad of ['155751346', '15575134673', '155751346736991323', '15575134673699132390', '1557513467.5', 'now']) {
      expect(t(bad), bad).toMatchObject({ kind: 'rejected', reason: 'bad_field:eventtime' });
    }
  });

  it('without eventtime: date + time in tz; without tz the header time, else the reference', () => {
    const noEt = IPS.replace(' eventtime=1557513467369913239', '');
    expect(eventOf(line(noEt)).time).toBe(Date.UTC(2019, 4, 10, 18, 37, 47)); // tz -0700
    expect(eventOf(line(noEt.replace('tz="-0700"', 'tz="+07:00"'))).time).toBe(Date.UTC(2019, 4, 10, 4, 37, 47));
    expect(eventOf(line(noEt.replace('tz="-0700"', 'tz=+0530'))).time).toBe(Date.UTC(2019, 4, 10, 6, 7, 47));
    const noTz = noEt.replace(' tz="-0700"', '');
    expect(eventOf(line(noTz)).time).toBe(REF);
    expect(eventOf(line(`<14>1 2024-01-02T03:04:05Z fw01 - - - - ${noTz}`)).time).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(eventOf(line(`<14>Jan  2 03:04:05 fw01 ${noTz}`)).time).toBe(REF);
    for (const [from, to] of [['tz="-0700"', 'tz="PST"'], ['date=2019-05-10', 'date=2019-02-30'], ['time=11:37:47', 'time=25:00:00'], ['tz="-0700"', 'tz="-2500"']]) {
      expect(line(noEt.replace(from!, to!)), to).toMatchObject({ kind: 'rejected', reason: 'bad_field:date' });
    }
  });

  it('severity from severity=, else crlevel=, else level=; an unknown word is rejected', () => {
    const sev = (l: string) => eventOf(line(l)).severity;
    expect(sev(IPS.replace('severity="critical"', 'severity="low"'))).toBe('low');
    const noSeverity = IPS.replace(' severity="critical"', '');
    expect(sev(noSeverity)).toBe('critical'); // level="alert"
    expect(sev(`${noSeverity} crlevel="medium"`)).toBe('medium');
    expect(sev(noSeverity.replace('level="alert"', 'level="warning"'))).toBe('medium');
    expect(sev(noSeverity.replace(' level="alert"', ''))).toBe('low');
    expect(line(IPS.replace('severity="critical"', 'severity="extreme"'))).toMatchObject({ kind: 'rejected', reason: 'bad_field:severity' });
    expect(line(`${noSeverity.replace(' level="alert"', '')} crlevel="x"`)).toMatchObject({ reason: 'bad_field:crlevel' });
  });

  it('UTM actions: detected, monitored, passthrough are allowed; blocked, dropped, reset are blocked', () => {
    const act = (a: string) => eventOf(line(IPS.replace('action="dropped"', `action="${a}"`))).action;
    expect(['detected', 'monitored', 'passthrough', 'pass_session'].map(act)).toEqual(['allowed', 'allowed', 'allowed', 'allowed']);
    expect(['blocked', 'dropped', 'reset', 'reset_server', 'drop_session', 'clear_session'].map(act)).toEqual(Array(6).fill('blocked'));
    expect(act('whatever')).toBe('unknown');
  });

  it('bad addresses and ports name their key', () => {
    expect(line(IPS.replace('srcip=10.1.100.11', 'srcip=N/A'))).toMatchObject({ reason: 'bad_field:srcip' });
    expect(line(IPS.replace('dstip=172.16.200.55', 'dstip="<b>"'))).toMatchObject({ reason: 'bad_field:dstip' });
    expect(line(IPS.replace('srcport=44064', 'srcport=70000'))).toMatchObject({ reason: 'bad_field:srcport' });
    expect(line(IPS.replace('dstport=80', 'dstport=-80'))).toMatchObject({ reason: 'bad_field:dstport' });
  });
});

describe('FortiGate types and detection', () => {
  const TRAFFIC = 'date=2019-05-10 time=11:37:47 logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=203.0.113.9 srcport=51000 dstip=10.0.0.5 dstport=22 proto=6 policyid=7';
  it('traffic: action, direction from srcintfrole/dstintfrole/dir, category forFirewall', () => {
    const ev = (extra: string) => eventOf(line(`${TRAFFIC} ${extra}`));
    expect(ev('action="deny" srcintfrole="wan" dstintfrole="lan"')).toMatchObject({ action: 'blocked', category: 'scan', severity: 'low', signature: 'FortiGate forward deny policy 7', signatureId: 7 });
    expect(ev('action="deny" srcintfrole="lan" dstintfrole="wan"')).toMatchObject({ action: 'blocked', category: 'policy' });
    expect(ev('action="blocked" dir="out"')).toMatchObject({ action: 'blocked', category: 'policy' });
    expect(ev('action="dropped"')).toMatchObject({ action: 'blocked', category: 'scan' }); // no direction: inbound
    for (const a of ['accept', 'close', 'timeout', 'server-rst', 'client-rst']) expect(ev(`action="${a}"`), a).toMatchObject({ action: 'allowed', category: 'other' });
    expect(ev('action="ip-conn"')).toMatchObject({ action: 'unknown', category: 'other' });
    expect(eventOf(line(TRAFFIC.replace(' policyid=7', '') + ' action=deny')).signature).toBe('FortiGate forward deny');
  });

  it('type=event is ignored as fortigate:event, other types as fortigate:other', () => {
    const event = 'date=2016-06-16 time=08:48:28 devname=Device_Name devid=FGTXXXX9999999999 logid=0100032003 type=event subtype=system level=information vd="root" logdesc="Admin logout successful"';
    expect(line(event)).toEqual({ kind: 'ignored', type: 'fortigate:event' });
    expect(line(event.replace('type=event', 'type=dns'))).toEqual({ kind: 'ignored', type: 'fortigate:other' });
    expect(line(event.replace(' type=event', ''))).toEqual({ kind: 'ignored', type: 'fortigate:other' }); // logid + devid, no type
    // FortiOS 5.2 wrote anomaly logs as type=anomaly: read as UTM
    expect(eventOf(line(IPS.replace('type="utm" subtype="ips"', 'type=anomaly subtype=anomaly')))).toMatchObject({ category: 'combined' });
  });

  it('detection needs logid= with type= or devid=, as keys (not inside a value or another key)', () => {
    expect(line('date=2019-05-10 time=11:37:47 type="utm" subtype="ips"')).toMatchObject({ reason: 'unknown_format' });
    expect(line('date=2019-05-10 xlogid=1 type=utm')).toMatchObject({ reason: 'unknown_format' });
    expect(line('date=2019-05-10 logid=1 subtype=ips eventtype=x')).toMatchObject({ reason: 'unknown_format' });
    expect(line('<189>logid=1 type=utm').kind).toBe('event');
  });
});
