// The syslog header forms: RFC 5424 (structured data with escapes, BOM), RFC 3164 and its variants, none.
import { describe, it, expect } from 'vitest';
import { parseSyslogHeader } from '../../../../electron/core/telemetry/lines/syslog-header.js';
import type { SyslogHeaderResult } from '../../../../electron/core/telemetry/lines/syslog-header.js';

/** The header with its message as text, for readable expectations. */
function parse(l: string): { time: number | null; host: string | null; app: string | null; body: string } | SyslogHeaderResult {
  const h = parseSyslogHeader(l);
  if (h === 'none' || 'field' in h) return h;
  return { time: h.time, host: h.host, app: h.app, body: l.slice(h.bodyStart) };
}

describe('RFC 5424', () => {
  it('reads the examples of RFC 5424 §6.5: zone used, BOM before MSG skipped', () => {
    expect(parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8")).toEqual({
      time: Date.UTC(2003, 9, 11, 22, 14, 15, 3),
      host: 'mymachine.example.com',
      app: 'su',
      body: "'su root' failed for lonvick on /dev/pts/8",
    });
    expect(parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.")).toEqual({
      time: Date.UTC(2003, 7, 24, 12, 14, 15, 0),
      host: '192.0.2.1',
      app: 'myproc',
      body: "%% It's time to make the do-nuts.",
    });
  });

  it('skips structured data, several elements, and `]`, `"` and `\\` escaped inside values', () => {
    const sd = '[exampleSDID@32473 iut="3" eventSource="App\\]lic\\"ation\\\\" eventID="1011"][examplePriority@32473 class="high]"]';
    expect(parse(`<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 ${sd} \uFEFFAn application event`)).toMatchObject({
      app: 'evntslog',
      body: 'An application event',
    });
    // a `]` inside a quoted value does not end the element, so the message is what follows the real end
    expect(parse('<14>1 2024-01-01T00:00:00Z h a - - [x k="v]w"] msg')).toMatchObject({ body: 'msg' });
    // structured data and no message
    expect(parse('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"]')).toMatchObject({ body: '' });
    // OPNsense's form
    expect(parse('<134>1 2024-03-01T10:00:00+07:00 OPNsense.localdomain filterlog 12345 - [meta sequenceId="7"] 77,,,abc')).toEqual({
      time: Date.UTC(2024, 2, 1, 3, 0, 0),
      host: 'OPNsense.localdomain',
      app: 'filterlog',
      body: '77,,,abc',
    });
  });

  it('NILVALUE fields are null; a timestamp without an offset gives no time', () => {
    expect(parse('<13>1 - - - - - - hello')).toEqual({ time: null, host: null, app: null, body: 'hello' });
    expect(parse('<13>1 2024-01-01T00:00:00 h a - - - x')).toMatchObject({ time: null, host: 'h', app: 'a' });
  });

  it('a CEF or key=value message where APP-NAME should be is taken as the message (Kaspersky writes `<29>1 TIME HOST CEF:0|…`)', () => {
    expect(parse('<29>1 2022-03-18T18:08:07.000Z ksc01 CEF:0|KasperskyLab|SecurityCenter|13.2|X|Y|1|rt=1')).toEqual({
      time: Date.UTC(2022, 2, 18, 18, 8, 7),
      host: 'ksc01',
      app: null,
      body: 'CEF:0|KasperskyLab|SecurityCenter|13.2|X|Y|1|rt=1',
    });
  });

  it('faults name the broken field', () => {
    expect(parse('<34>1 2003-13-11T22:14:15.003Z h a - - - m')).toEqual({ field: 'syslog.timestamp', detail: expect.any(String) as unknown });
    expect(parse('<34>1 - - - - - [unterminated')).toMatchObject({ field: 'syslog.structured_data' });
    expect(parse('<34>1 - - - - - [x a="b]')).toMatchObject({ field: 'syslog.structured_data' });
    expect(parse('<34>1 - h a p m [x a="b"]junk')).toMatchObject({ field: 'syslog.structured_data' });
    expect(parse('<34>1 - h a p m junk')).toMatchObject({ field: 'syslog.structured_data' });
    expect(parse(`<34>1 - h ${'a'.repeat(49)} p m - x`)).toMatchObject({ field: 'syslog.app_name' });
    expect(parse(`<34>1 - h a p ${'m'.repeat(33)} - x`)).toMatchObject({ field: 'syslog.msgid' });
    expect(parse(`<34>1 - ${'h'.repeat(256)} a p m - x`)).toMatchObject({ field: 'syslog.hostname' });
    expect(parse('<34>1 - h')).toMatchObject({ field: 'syslog.app_name' });
    expect(parse('<34>1 -')).toMatchObject({ field: 'syslog.hostname' });
    expect(parse('<192>Oct 11 22:14:15 h su: x')).toEqual({ field: 'syslog.pri', detail: 'PRI must be 0-191' });
    expect(parse('<1234>x')).toMatchObject({ field: 'syslog.pri' });
  });
});

describe('RFC 3164 and its variants', () => {
  it('reads the RFC 3164 examples: no zone, so no time', () => {
    expect(parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")).toEqual({
      time: null,
      host: 'mymachine',
      app: 'su',
      body: "'su root' failed for lonvick on /dev/pts/8",
    });
    expect(parse('<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!')).toEqual({ time: null, host: '10.0.0.99', app: null, body: 'Use the BFG!' });
  });

  it('TAG[pid], no PRI, a space after PRI, a year after or before the time, fractions', () => {
    expect(parse('Oct 11 22:14:15 mymachine sshd[123]: hello')).toEqual({ time: null, host: 'mymachine', app: 'sshd', body: 'hello' });
    expect(parse('<111> Aug 17 00:00:00 fortigate date=2015-08-11 time=19:19:43')).toEqual({ time: null, host: 'fortigate', app: null, body: 'date=2015-08-11 time=19:19:43' });
    expect(parse('Oct 11 22:14:15 2003 mymachine sshd[1]: hello')).toMatchObject({ host: 'mymachine', app: 'sshd', body: 'hello' });
    expect(parse('Mar 01 2016 15:13:24 router %ASA-6-302013: Built inbound')).toMatchObject({ host: 'router', app: '%ASA-6-302013', body: 'Built inbound' });
    expect(parse('<30>Mar  1 12:00:00.123 host app: x')).toMatchObject({ host: 'host', app: 'app', body: 'x' });
  });

  it('no HOSTNAME (pfSense to a remote host), ESET\'s `-` hostname, no TAG (FortiGate CEF)', () => {
    expect(parse('<27>Jan 25 01:58:06 filterlog: 82,,,1000002666')).toEqual({ time: null, host: null, app: 'filterlog', body: '82,,,1000002666' });
    expect(parse('<190>Aug 12 09:58:13 - ERAServer[16238]: HEARTBEAT')).toEqual({ time: null, host: null, app: 'ERAServer', body: 'HEARTBEAT' });
    expect(parse('Dec 27 11:40:04 FGT-A-LOG CEF: 0|Fortinet|Fortigate')).toEqual({ time: null, host: 'FGT-A-LOG', app: null, body: 'CEF: 0|Fortinet|Fortigate' });
    expect(parse('Feb 12 10:31:04 syslog-800c CEF:0|Fortinet|Fortigate|v5.6.0')).toMatchObject({ host: 'syslog-800c', app: null, body: 'CEF:0|Fortinet|Fortigate|v5.6.0' });
    expect(parse('<134>Jan  1 00:00:00 host app: \uFEFFtext')).toMatchObject({ host: 'host', app: 'app', body: 'text' });
  });

  it('an ISO timestamp in place of the BSD one (rsyslog): its zone is used, none means no time', () => {
    expect(parse('2019-05-10T11:37:47.123+07:00 host app[9]: msg')).toEqual({ time: Date.UTC(2019, 4, 10, 4, 37, 47, 123), host: 'host', app: 'app', body: 'msg' });
    expect(parse('<134>2019-05-10T11:37:47Z host app: msg')).toMatchObject({ time: Date.UTC(2019, 4, 10, 11, 37, 47) });
    expect(parse('<134>2019-05-10T11:37:47 host app: msg')).toMatchObject({ time: null, host: 'host' });
  });

  it('PRI alone, and a bare TAG, before the message', () => {
    expect(parse('<189>date=2019-05-10 time=11:37:47 logid="1"')).toEqual({ time: null, host: null, app: null, body: 'date=2019-05-10 time=11:37:47 logid="1"' });
    expect(parse('filterlog[123]: 5,,,1')).toEqual({ time: null, host: null, app: 'filterlog', body: '5,,,1' });
    expect(parse('<134>Feb 30 not a time')).toMatchObject({ host: null, app: null, body: 'Feb 30 not a time' });
  });
});

describe('no header', () => {
  it("returns 'none' for text that begins with no header form", () => {
    for (const l of ['CEF:0|a|b|1|2|n|5|', 'date=2019-05-10 time=11:37:47', '5,,,1000000103,em0,match,block,in,4', 'just text', '<not a pri>', '<>x', '', 'Mar', 'Oct 11 22:14 host x', '2019-05-10 host']) {
      expect(parseSyslogHeader(l), l).toBe('none');
    }
  });
});
