// Hostile and broken text lines: each gets a specific reason, nothing throws, the work stays bounded.
import { describe, it, expect } from 'vitest';
import { MAX_TEXT } from '../../../../electron/core/telemetry/wire.js';
import type { DecodeResult } from '../../../../electron/core/telemetry/result.js';
import { EVENT_TOPIC, NOW, bytes, makeDecoder } from '../fixtures.js';
import { fixtureLines, line } from './line-fixtures.js';

const decoder = makeDecoder();

const SAMPLES: [string, string][] = [
  ...(['fortinet-fortios-docs.log', 'kaspersky-sc4s.log', 'eset-protect-docs.log', 'logstash-codec-cef-spec.log'] as const).flatMap((f) => fixtureLines('cef', f).map((l): [string, string] => [`cef/${f}`, l])),
  ...(['fortinet-fortios-docs.log', 'sc4s-fortinet-ngfw.log'] as const).flatMap((f) => fixtureLines('fortigate', f).map((l): [string, string] => [`fortigate/${f}`, l])),
  ...(['sc4s-pfsense.log', 'wazuh-ruleset-pfsense.log'] as const).flatMap((f) => fixtureLines('filterlog', f).map((l): [string, string] => [`filterlog/${f}`, l])),
];

/** Every reason a text line can be rejected with. */
const LINE_REASONS = new Set([
  'unknown_format',
  'bad_field:line',
  'bad_field:cef',
  'bad_field:cef.version',
  'bad_field:cef.severity',
  'bad_field:cef.extension',
  'bad_field:src',
  'bad_field:dst',
  'bad_field:c6a2',
  'bad_field:c6a3',
  'bad_field:spt',
  'bad_field:dpt',
  'bad_field:cnt',
  'bad_field:rt',
  'bad_field:end',
  'bad_field:FTNTFGTeventtime',
  'bad_field:fortigate',
  'bad_field:eventtime',
  'bad_field:date',
  'bad_field:srcip',
  'bad_field:dstip',
  'bad_field:srcport',
  'bad_field:dstport',
  'bad_field:severity',
  'bad_field:crlevel',
  'bad_field:level',
  'bad_field:filterlog',
  'bad_field:filterlog.action',
  'bad_field:filterlog.direction',
  'bad_field:filterlog.version',
  'bad_field:filterlog.src',
  'bad_field:filterlog.dst',
  'bad_field:filterlog.srcport',
  'bad_field:filterlog.dstport',
  'bad_field:syslog.pri',
  'bad_field:syslog.timestamp',
  'bad_field:syslog.hostname',
  'bad_field:syslog.app_name',
  'bad_field:syslog.procid',
  'bad_field:syslog.msgid',
  'bad_field:syslog.structured_data',
]);

function wellFormed(r: DecodeResult, what: string): void {
  switch (r.kind) {
    case 'rejected':
      expect(LINE_REASONS.has(r.reason), `${what}: ${r.reason}`).toBe(true);
      expect(r.detail.length, what).toBeLessThanOrEqual(201);
      break;
    case 'event': {
      const e = r.event;
      expect(Number.isFinite(e.time), what).toBe(true);
      for (const p of [e.srcPort, e.destPort]) if (p !== null) expect(p >= 0 && p <= 65535, what).toBe(true);
      for (const ip of [e.srcIp, e.destIp]) if (ip !== null) expect(/^[0-9A-Fa-f:.]{1,64}$/u.test(ip), `${what}: ${ip}`).toBe(true);
      if (e.signature !== null) expect(e.signature.length, what).toBeLessThanOrEqual(MAX_TEXT);
      expect(e.count >= 1 && e.count <= 1_000_000, what).toBe(true);
      break;
    }
    case 'ignored':
    case 'heartbeat':
      break;
    default:
      throw new Error(`${what}: unexpected ${r.kind}`);
  }
}

/** Where the CEF header's seventh pipe ends (the extension starts), or -1. */
function cefExtensionStart(l: string): number {
  let i = l.indexOf('CEF:');
  if (i < 0) return -1;
  let pipes = 0;
  for (i += 4; i < l.length; i++) {
    if (l[i] === '\\') i++;
    else if (l[i] === '|' && ++pipes === 7) return i + 1;
  }
  return -1;
}

describe('truncation at every cut point of every sample', () => {
  it('never throws; a cut header is a cef/syslog rejection or unknown_format; past the header any result is well formed', () => {
    let cuts = 0;
    for (const [file, l] of SAMPLES) {
      // a line whose whole text is no CEF (a prefix that is no syslog header) has no CEF regions
      const whole = line(l);
      const cefStart = whole.kind === 'rejected' && whole.reason === 'unknown_format' ? -1 : l.indexOf('CEF:');
      const ext = cefExtensionStart(l);
      const kvReady = Math.max(l.indexOf('logid=') + 6, l.indexOf(' type=') + 6, l.indexOf(' devid=') + 7);
      for (let cut = 1; cut < l.length; cut++) {
        const part = l.slice(0, cut);
        let r: DecodeResult | undefined;
        expect(() => (r = line(part)), `${file} @${cut}`).not.toThrow();
        const res = r!;
        const what = `${file} @${cut}: ${part.slice(-40)}`;
        wellFormed(res, what);
        if (cefStart >= 0 && ext > 0) {
          if (cut < cefStart + 4) expect(res.kind, what).toBe('rejected');
          else if (cut < ext) expect(['bad_field:cef', 'bad_field:cef.version'], what).toContain(res.kind === 'rejected' ? res.reason : res.kind);
          else expect(res.kind === 'rejected' && res.reason === 'unknown_format', what).toBe(false);
        } else if (file.startsWith('fortigate/') && cut >= kvReady && l.indexOf('logid=') >= 0) {
          // once the detecting keys are in, it is FortiGate's: never unknown_format
          expect(res.kind === 'rejected' && res.reason === 'unknown_format', what).toBe(false);
        } else if (file.startsWith('filterlog/') && l.includes('filterlog: ') && cut > l.indexOf('filterlog: ') + 11) {
          expect(res.kind === 'event' || (res.kind === 'rejected' && res.reason.startsWith('bad_field:filterlog')), what).toBe(true);
        }
        cuts++;
      }
    }
    expect(cuts).toBeGreaterThan(5000);
  });

  it('through the decoder too (bytes, UTF-8): a cut never throws and never gives internal', () => {
    for (const [, l] of SAMPLES.slice(0, 6)) {
      const b = bytes(l);
      for (let cut = 1; cut < b.length; cut += 7) {
        const r = decoder.decode(EVENT_TOPIC, b.subarray(0, cut), NOW);
        expect(r.kind === 'rejected' && r.reason === 'internal').toBe(false);
      }
    }
  });
});

describe('hostile lines', () => {
  const decode = (s: string) => decoder.decode(EVENT_TOPIC, bytes(s), NOW);

  it('64 KiB of `a=`: not a format bare; as a CEF extension one long unread value; spaced, too many pairs', () => {
    expect(decode('a='.repeat(32 * 1024))).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    const cefHead = 'CEF:0|v|p|1|100|n|5|';
    expect(decode(cefHead + 'a='.repeat(32 * 1024 - cefHead.length))).toMatchObject({ kind: 'event', event: { signature: 'n' } });
    expect(decode(cefHead + 'a= '.repeat(21_000))).toMatchObject({ kind: 'rejected', reason: 'bad_field:cef.extension', detail: 'more than 128 key=value pairs' });
    expect(decode(`logid=1 type=utm ${'a= '.repeat(21_000)}`)).toMatchObject({ kind: 'rejected', reason: 'bad_field:fortigate', detail: 'more than 256 key=value pairs' });
    expect(decoder.decode(EVENT_TOPIC, bytes(cefHead + 'a='.repeat(32 * 1024)), NOW)).toMatchObject({ reason: 'too_large' });
  });

  it('10,000 pairs', () => {
    // distinct keys make 78 KB: past the payload bound, so straight to the line decoder
    const pairs = Array.from({ length: 10_000 }, (_, i) => `k${i}=v`).join(' ');
    expect(line(`CEF:0|v|p|1|100|n|5|${pairs}`)).toMatchObject({ reason: 'bad_field:cef.extension' });
    expect(line(`logid=1 type=utm ${pairs}`)).toMatchObject({ reason: 'bad_field:fortigate' });
    // and within 64 KiB through the decoder
    expect(decode(`CEF:0|v|p|1|100|n|5|${'a=v '.repeat(10_000)}`)).toMatchObject({ reason: 'bad_field:cef.extension' });
    expect(decode(`logid=1 type=utm ${'a=v '.repeat(10_000)}`)).toMatchObject({ reason: 'bad_field:fortigate' });
  });

  it('lone `CEF:` and broken headers', () => {
    expect(decode('CEF:')).toMatchObject({ reason: 'bad_field:cef.version' });
    expect(decode('CEF:0|||||||')).toMatchObject({ reason: 'bad_field:cef.severity' });
    expect(decode('CEF:0|\\|\\|\\|\\|\\|\\|\\|')).toMatchObject({ reason: 'bad_field:cef' }); // every pipe escaped
    expect(decode(`CEF:0|${'\\'.repeat(60_000)}`)).toMatchObject({ reason: 'bad_field:cef' });
    expect(decode(`CEF:0|v|p|1|100|n|5|k=${'\\'.repeat(60_001)}`)).toMatchObject({ kind: 'event' });
  });

  it('wrong severities: 11, -1, Extreme', () => {
    for (const s of ['11', '-1', 'Extreme']) expect(decode(`CEF:0|v|p|1|100|n|${s}|src=10.0.0.1`), s).toMatchObject({ reason: 'bad_field:cef.severity' });
    expect(decode('logid=1 type=utm severity=Extreme')).toMatchObject({ reason: 'bad_field:severity' });
  });

  it('NUL bytes and other control characters, several lines', () => {
    expect(decode('CEF:0|v|p|1|100|n|5|src=10.0.0.1\u0000')).toMatchObject({ reason: 'bad_field:line', detail: 'control character 0x00 at character 32' });
    expect(decode('\u0000')).toMatchObject({ reason: 'bad_field:line' });
    expect(decode('logid=1 type=utm msg="a\u0007b"')).toMatchObject({ reason: 'bad_field:line', detail: expect.stringContaining('0x07') as unknown });
    expect(decode('CEF:0|v|p|1|100|n|5|\nCEF:0|v|p|1|100|n|5|')).toMatchObject({ reason: 'bad_field:line', detail: 'more than one line: publish one line per message' });
    expect(decode('CEF:0|v|p|1|100|tab\there|5|src=10.0.0.1')).toMatchObject({ kind: 'event', event: { signature: 'tab\there' } }); // a tab is text
  });

  it('unbalanced quotes', () => {
    expect(decode('logid="1 type=utm')).toMatchObject({ reason: 'bad_field:fortigate' });
    expect(decode('logid=1 type=utm attack="x')).toMatchObject({ reason: 'bad_field:fortigate', detail: 'unbalanced quote in the value of attack' });
    expect(decode('<14>1 - h a p m [x k="v] CEF:0|v|p|1|100|n|5|')).toMatchObject({ reason: 'bad_field:syslog.structured_data' });
  });

  it('fields out of range', () => {
    const cases: [string, string][] = [
      ['CEF:0|v|p|1|100|n|5|spt=65536', 'bad_field:spt'],
      ['CEF:0|v|p|1|100|n|5|dpt=99999999999999999999', 'bad_field:dpt'],
      ['CEF:0|v|p|1|100|n|5|cnt=0', 'bad_field:cnt'],
      ['CEF:0|v|p|1|100|n|5|rt=1', 'bad_field:rt'],
      ['CEF:0|v|p|1|100|n|5|rt=Dec 32 2024 00:00:00', 'bad_field:rt'],
      ['logid=1 type=utm srcport=65536', 'bad_field:srcport'],
      ['logid=1 type=utm eventtime=99', 'bad_field:eventtime'],
      ['logid=1 type=utm date=2024-01-01 time=00:00:00 tz=+9900', 'bad_field:date'],
      ['5,,,1,em0,match,block,in,4,0x0,,64,1,0,none,6,tcp,60,198.51.100.1,192.0.2.1,70000,22', 'bad_field:filterlog.srcport'],
      ['<192>Jan  1 00:00:00 h x: y', 'bad_field:syslog.pri'],
      ['<14>1 2024-02-30T00:00:00Z h a - - - x', 'bad_field:syslog.timestamp'],
    ];
    for (const [l, reason] of cases) expect(decode(l), l).toMatchObject({ kind: 'rejected', reason });
  });

  it('work stays bounded: the worst 64 KiB lines decode in well under 50 ms each', () => {
    const worst = [
      'CEF:0|v|p|1|100|n|5|k=' + ' '.repeat(64_000) + 'x',
      'CEF:0|v|p|1|100|n|5|k=' + 'ab '.repeat(21_000),
      'logid=1 type=utm msg="' + 'a'.repeat(64_000) + '"',
      '5,,,1,em0,match,block,in,4' + ','.repeat(64_000),
      '<14>1 - h a p m ' + '[x k="v"]'.repeat(7000) + ' CEF:0|v|p|1|100|n|5|',
      'a'.repeat(65_000),
    ];
    for (const l of worst) decode(l); // warm up
    for (const l of worst) {
      const t0 = performance.now();
      const r = decode(l);
      expect(performance.now() - t0, l.slice(0, 30)).toBeLessThan(50);
      wellFormed(r, l.slice(0, 30));
    }
  });
});

describe('the line itself', () => {
  it('trailing CR/LF and surrounding blanks go; a BOM before the line goes', () => {
    expect(line('CEF:0|v|p|1|100|n|5|src=10.0.0.1\r\n')).toMatchObject({ kind: 'event', event: { srcIp: '10.0.0.1' } });
    expect(line('\uFEFF  CEF:0|v|p|1|100|n|5|src=10.0.0.1  ')).toMatchObject({ kind: 'event', event: { srcIp: '10.0.0.1' } });
    expect(line(' \r\n\t')).toMatchObject({ kind: 'rejected', reason: 'bad_field:line', detail: 'empty text line' });
  });
});
