// Text lines through TelemetryDecoder.decode: raw text payloads, and the forwarder's envelope
// (`line` and `record`, the `fwd:` dedup key, `received` as the reference time, invalid envelopes).
import { describe, it, expect } from 'vitest';
import { forwardedPayload } from '../../../../electron/core/telemetry/forwarded.js';
import type { ForwardedMeta } from '../../../../electron/core/telemetry/forwarded.js';
import { ALERT_FILES, EVENT_TOPIC, NOW, bytes, json, makeDecoder, sampleLines } from '../fixtures.js';
import { fixtureLines } from './line-fixtures.js';

const decoder = makeDecoder();
const RECEIVED = NOW - 3_600_000; // the forwarder read the line an hour before the wall got it
const meta: ForwardedMeta = { v: 1, id: 'f:8a3c:120394', received: RECEIVED, via: 'syslog-udp', peer: '10.0.0.5' };
const td = new TextDecoder();
const [filterlog3164] = fixtureLines('filterlog', 'wazuh-ruleset-pfsense.log').slice(1);
const [fortigateCef] = fixtureLines('cef', 'fortinet-fortios-docs.log');
const decode = (payload: string | Uint8Array, topic = EVENT_TOPIC) => decoder.decode(topic, typeof payload === 'string' ? bytes(payload) : payload, NOW);

describe('a text payload on an event topic', () => {
  it('is decoded as a line, with the receipt time as reference and no dedup key', () => {
    expect(decode(filterlog3164!)).toMatchObject({ kind: 'event', event: { time: NOW, siteId: 'soc-tinh', sensorId: 'ids-1', action: 'blocked', destPort: 17600 }, dedupKey: null });
    expect(decode(`${fortigateCef!}\r\n`)).toMatchObject({ kind: 'event', event: { signature: 'icmp_flood' } });
    expect(decode('  CEF:0|v|p|1|100|n|5|src=10.0.0.1')).toMatchObject({ kind: 'event', event: { srcIp: '10.0.0.1' } });
  });

  it('site and sensor come from the topic, never from the line', () => {
    expect(decoder.decode('soc/v1/so-y-te/fw-2/event', bytes(`<134>Nov  8 12:37:34 soc-tinh filterlog: ${filterlog3164!.split('filterlog: ')[1]!}`), NOW)).toMatchObject({ event: { siteId: 'so-y-te', sensorId: 'fw-2' } });
  });

  it('text that is no known format is unknown_format; `{`/`[` that fail JSON stay not_json; other topics stay JSON-only', () => {
    expect(decode('hello world')).toMatchObject({ kind: 'rejected', reason: 'unknown_format', detail: 'text line is not CEF, FortiGate key=value or pfSense filterlog' });
    expect(decode('{not json')).toMatchObject({ reason: 'not_json' });
    expect(decode('[1,')).toMatchObject({ reason: 'not_json' });
    expect(decode(fortigateCef!, 'soc/v1/soc-tinh/ids-1/heartbeat')).toMatchObject({ reason: 'not_json' });
    expect(decode(fortigateCef!, 'soc/v1/soc-tinh/endpoints')).toMatchObject({ reason: 'not_json' });
    expect(decode('42', 'soc/v1/province/kpi/attacks')).toMatchObject({ kind: 'kpi', value: 42 });
  });

  it('the clock-skew rule applies to a line’s own time', () => {
    const future = `<14>1 ${new Date(NOW + 3_600_000).toISOString()} h app - - - CEF:0|v|p|1|100|n|5|`;
    expect(decode(future)).toMatchObject({ kind: 'rejected', reason: 'bad_field:time' });
  });
});

describe('the forwarder envelope', () => {
  it('`line`: decoded as a line, `received` the time of a line without a zoned time, dedup key fwd:<id>', () => {
    const r = decode(forwardedPayload(meta, filterlog3164!, false));
    expect(r).toMatchObject({ kind: 'event', event: { time: RECEIVED, action: 'blocked', srcIp: '10.9.0.119' }, dedupKey: 'soc-tinh/ids-1/fwd:f:8a3c:120394' });
    // a line with its own zoned time keeps it
    const own = decode(forwardedPayload(meta, '<14>1 2025-12-31T23:00:00Z fw01 filterlog - - - 5,,,1,em0,match,block,in,4,0x0,,64,1,0,none,1,icmp,28,198.51.100.1,192.0.2.1', false));
    expect(own).toMatchObject({ event: { time: Date.UTC(2025, 11, 31, 23) } });
    // redelivered: the same key
    const again = decode(forwardedPayload(meta, filterlog3164!, false));
    expect(again.kind === 'event' && again.dedupKey).toBe('soc-tinh/ids-1/fwd:f:8a3c:120394');
  });

  it('`record`: the usual JSON dispatch, the event gets fwd:<id>; a stats record stays a heartbeat', () => {
    const eve = td.decode(sampleLines(ALERT_FILES[0])[0]!);
    const plain = decode(eve);
    const wrapped = decode(forwardedPayload({ ...meta, via: 'file' }, eve, true));
    expect(plain.kind).toBe('event');
    expect(wrapped).toEqual({ ...plain, dedupKey: 'soc-tinh/ids-1/fwd:f:8a3c:120394' });
    const stats = JSON.stringify({ timestamp: '2025-12-31T22:00:00.000000+0000', event_type: 'stats', stats: { uptime: 1 } });
    expect(decode(forwardedPayload(meta, stats, true))).toEqual({ kind: 'heartbeat', siteId: 'soc-tinh', sensorId: 'ids-1', time: Date.UTC(2025, 11, 31, 22) });
    const native = JSON.stringify({ time: NOW - 1000, category: 'scan', severity: 'medium', id: 'own-id' });
    expect(decode(forwardedPayload(meta, native, true))).toMatchObject({ kind: 'event', dedupKey: 'soc-tinh/ids-1/fwd:f:8a3c:120394' });
  });

  it('a line or record that decodes to a rejection or an ignore is passed on as is', () => {
    expect(decode(forwardedPayload(meta, 'hello', false))).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    expect(decode(forwardedPayload(meta, JSON.stringify({ event_type: 'flow' }), true))).toEqual({ kind: 'ignored', type: 'eve:flow' });
    expect(decode(forwardedPayload(meta, 'date=2016-06-16 time=08:48:28 devid=FGT1 logid=0100032003 type=event subtype=system', false))).toEqual({ kind: 'ignored', type: 'fortigate:event' });
  });

  it('an invalid envelope is rejected naming its field', () => {
    const cases: [unknown, string][] = [
      [{ forwarded: 'x', line: 'a' }, 'bad_field:forwarded'],
      [{ forwarded: null, line: 'a' }, 'bad_field:forwarded'],
      [{ forwarded: { ...meta, v: 2 }, line: 'a' }, 'bad_field:forwarded.v'],
      [{ forwarded: { ...meta, id: '' }, line: 'a' }, 'bad_field:forwarded.id'],
      [{ forwarded: { ...meta, id: 'has space' }, line: 'a' }, 'bad_field:forwarded.id'],
      [{ forwarded: { ...meta, id: 'q"uote' }, line: 'a' }, 'bad_field:forwarded.id'],
      [{ forwarded: { ...meta, id: 'x'.repeat(129) }, line: 'a' }, 'bad_field:forwarded.id'],
      [{ forwarded: { ...meta, received: -1 }, line: 'a' }, 'bad_field:forwarded.received'],
      [{ forwarded: { ...meta, received: '1700000000000' }, line: 'a' }, 'bad_field:forwarded.received'],
      [{ forwarded: { ...meta, via: 'ftp' }, line: 'a' }, 'bad_field:forwarded.via'],
      [{ forwarded: { ...meta, peer: 'p'.repeat(65) }, line: 'a' }, 'bad_field:forwarded.peer'],
      [{ forwarded: meta }, 'bad_field:line'],
      [{ forwarded: meta, line: 42 }, 'bad_field:line'],
      [{ forwarded: meta, record: [] }, 'bad_field:line'],
    ];
    for (const [payload, reason] of cases) expect(decode(json(payload)), JSON.stringify(payload)).toMatchObject({ kind: 'rejected', reason });
  });

  it('an envelope line is checked as any line: empty, several lines, control characters', () => {
    expect(decode(forwardedPayload(meta, '', false))).toMatchObject({ reason: 'bad_field:line', detail: 'empty text line' });
    expect(decode(forwardedPayload(meta, `${filterlog3164!}\n${filterlog3164!}`, false))).toMatchObject({ reason: 'bad_field:line', detail: 'more than one line: publish one line per message' });
    expect(decode(forwardedPayload(meta, 'CEF:0|v|p|1|100|n|5|src=1\u0000', false))).toMatchObject({ reason: 'bad_field:line' });
  });
});
