// Hostile and malformed input: every message gets a reason, nothing throws.
import { describe, it, expect } from 'vitest';
import { TelemetryDecoder } from '../../../electron/core/telemetry/decoder.js';
import type { CategoryMapper } from '../../../electron/core/telemetry/category-map.js';
import { ALERT_FILES, EVENT_TOPIC, MAPPER, MIXED_FILE, NOW, bytes, json, makeDecoder, sampleLines } from './fixtures.js';

const decoder = makeDecoder();
const native = { time: NOW - 1000, category: 'scan', severity: 'medium' };

describe('hostile payloads', () => {
  it('truncated sample lines → not_json at every cut, never throws', () => {
    const lines = [...sampleLines(ALERT_FILES[0]).slice(0, 20), ...sampleLines(MIXED_FILE).slice(0, 40)];
    let n = 0;
    for (const line of lines) {
      for (const cut of [1, 2, 10, 37, 100, Math.floor(line.length / 2), line.length - 2, line.length - 1]) {
        if (cut <= 0 || cut >= line.length) continue;
        const part = line.subarray(0, cut);
        let r;
        expect(() => (r = decoder.decode(EVENT_TOPIC, part, NOW))).not.toThrow();
        // a cut inside a multi-byte character is bad_utf8; every other cut is not_json
        expect(r).toMatchObject({ kind: 'rejected' });
        expect(['not_json', 'bad_utf8']).toContain((r as unknown as { reason: string }).reason);
        n++;
      }
    }
    expect(n).toBeGreaterThan(400);
  });

  it('invalid UTF-8 → bad_utf8', () => {
    for (const bad of [
      [0xff],
      [0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d], // {"\xC3(":1}
      [0xed, 0xa0, 0x80], // UTF-16 surrogate encoded in UTF-8
      [0xc0, 0xaf], // overlong '/'
      [0xe2, 0x82], // cut multi-byte sequence at the end
    ]) {
      expect(decoder.decode(EVENT_TOPIC, new Uint8Array(bad), NOW)).toMatchObject({ kind: 'rejected', reason: 'bad_utf8' });
    }
  });

  it('valid UTF-8 with Vietnamese text and a BOM is accepted', () => {
    const p = bytes(`\uFEFF${JSON.stringify({ ...native, signature: 'Tấn công dò quét' })}`);
    expect(decoder.decode(EVENT_TOPIC, p, NOW)).toMatchObject({ kind: 'event', event: { signature: 'Tấn công dò quét' } });
  });

  it('a 100 KB payload → too_large, before the topic or JSON is looked at', () => {
    const big = new Uint8Array(100 * 1024).fill(0x20);
    expect(decoder.decode(EVENT_TOPIC, big, NOW)).toMatchObject({ kind: 'rejected', reason: 'too_large' });
    expect(decoder.decode('not/a/topic', big, NOW)).toMatchObject({ kind: 'rejected', reason: 'too_large' });
    const exactly = new Uint8Array(64 * 1024).fill(0x20);
    expect(decoder.decode(EVENT_TOPIC, exactly, NOW)).toMatchObject({ kind: 'rejected', reason: 'not_json' });
    const small = makeDecoder({ maxPayloadBytes: 10 });
    expect(small.decode(EVENT_TOPIC, json(native), NOW)).toMatchObject({ reason: 'too_large' });
  });

  it('arrays, null, numbers, strings, booleans → not_object', () => {
    for (const p of ['[]', '[{"category":"scan"}]', 'null', '42', '"x"', 'true', '-0']) {
      // on an event topic a payload not starting with `{` or `[` is a text line, and these are no known format
      const onEvent = p.startsWith('[') ? 'not_object' : 'unknown_format';
      expect(decoder.decode(EVENT_TOPIC, bytes(p), NOW), p).toMatchObject({ kind: 'rejected', reason: onEvent });
      expect(decoder.decode('soc/v1/a/b/heartbeat', bytes(p), NOW), p).toMatchObject({ reason: 'not_object' });
      expect(decoder.decode('soc/v1/a/endpoints', bytes(p), NOW), p).toMatchObject({ reason: 'not_object' });
    }
  });

  it('empty payload and garbage → not_json', () => {
    for (const p of ['', ' ', '{', '{"a":', "{'a':1}", '{"a":1}}']) {
      expect(decoder.decode(EVENT_TOPIC, bytes(p), NOW), JSON.stringify(p)).toMatchObject({ kind: 'rejected', reason: 'not_json' });
    }
    // text on an event topic is a line: no known format, or a control character in it
    expect(decoder.decode(EVENT_TOPIC, bytes('NaN'), NOW)).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    expect(decoder.decode(EVENT_TOPIC, bytes('\u0000'), NOW)).toMatchObject({ kind: 'rejected', reason: 'bad_field:line' });
    // elsewhere non-JSON stays not_json
    for (const p of ['NaN', '\u0000']) expect(decoder.decode('soc/v1/a/b/heartbeat', bytes(p), NOW), JSON.stringify(p)).toMatchObject({ reason: 'not_json' });
  });

  it('bad topics → bad_topic', () => {
    for (const t of ['', 'soc/v1/a/b/c', 'soc/v1/A/b/event', 'soc/v1/+/b/event', 'soc/v2/a/b/event', 'soc/v1/a/b/event/x']) {
      expect(decoder.decode(t, json(native), NOW), t).toMatchObject({ kind: 'rejected', reason: 'bad_topic' });
    }
  });

  it('unknown site → unknown_site when a site list is given (KPIs have no site)', () => {
    const d = makeDecoder({ knownSites: new Set(['soc-tinh']) });
    expect(d.decode(EVENT_TOPIC, json(native), NOW)).toMatchObject({ kind: 'event' });
    expect(d.decode('soc/v1/evil/ids-1/event', json(native), NOW)).toMatchObject({ kind: 'rejected', reason: 'unknown_site', detail: 'evil' });
    expect(d.decode('soc/v1/evil/ids-1/heartbeat', json({}), NOW)).toMatchObject({ reason: 'unknown_site' });
    expect(d.decode('soc/v1/evil/endpoints', json({ edr: 1, antivirus: 1, infected: 0 }), NOW)).toMatchObject({ reason: 'unknown_site' });
    expect(d.decode('soc/v1/province/kpi/attacks', bytes('5'), NOW)).toMatchObject({ kind: 'kpi', value: 5 });
    // unknown site is checked before the payload is parsed
    expect(d.decode('soc/v1/evil/ids-1/event', bytes('{'), NOW)).toMatchObject({ reason: 'unknown_site' });
  });

  it('a time further in the future than the allowed skew → bad_field:time', () => {
    const skew = 5 * 60_000;
    expect(decoder.decode(EVENT_TOPIC, json({ ...native, time: NOW + skew }), NOW)).toMatchObject({ kind: 'event' });
    expect(decoder.decode(EVENT_TOPIC, json({ ...native, time: NOW + skew + 1 }), NOW)).toMatchObject({ kind: 'rejected', reason: 'bad_field:time' });
    const eve = JSON.parse(new TextDecoder().decode(sampleLines(ALERT_FILES[0])[0])) as Record<string, unknown>;
    eve.timestamp = '2030-01-01T00:00:00.000000+0700';
    expect(decoder.decode(EVENT_TOPIC, json(eve), NOW)).toMatchObject({ reason: 'bad_field:time' });
    expect(decoder.decode('soc/v1/a/b/heartbeat', json({ time: NOW + 3_600_000 }), NOW)).toMatchObject({ reason: 'bad_field:time' });
    expect(decoder.decode('soc/v1/province/kpi/x', json({ value: 1, time: NOW + 3_600_000 }), NOW)).toMatchObject({ reason: 'bad_field:time' });
    const lenient = makeDecoder({ clockSkewMs: 2 * 3_600_000 });
    expect(lenient.decode(EVENT_TOPIC, json({ ...native, time: NOW + 3_600_000 }), NOW)).toMatchObject({ kind: 'event' });
  });

  it('prototype-looking keys do nothing special', () => {
    const p = bytes('{"__proto__":{"category":"scan","severity":"high"},"constructor":{"prototype":{}},"time":1,"toString":1}');
    expect(decoder.decode(EVENT_TOPIC, p, NOW)).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
    const eve = { event_type: 'alert', timestamp: '2024-01-01T00:00:00Z', alert: { category: 'constructor', signature: '__proto__', severity: 2 } };
    expect(decoder.decode(EVENT_TOPIC, json(eve), NOW)).toMatchObject({ kind: 'event', event: { category: 'other', signature: '__proto__' } });
    // Nothing leaked onto Object.prototype, and a plain event after them decodes as it should.
    expect(({} as Record<string, unknown>).category).toBeUndefined();
    expect(decoder.decode(EVENT_TOPIC, json({ ...native }), NOW)).toMatchObject({ kind: 'event', event: { category: native.category } });
  });

  it('deeply nested JSON is rejected or decoded, never a crash', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(decoder.decode(EVENT_TOPIC, bytes(deep), NOW)).toMatchObject({ kind: 'rejected' });
  });

  it('an exception inside a decoder → internal, not a throw', () => {
    const broken = new TelemetryDecoder({ categoryMap: {} as CategoryMapper });
    const eve = { event_type: 'alert', timestamp: '2024-01-01T00:00:00Z', alert: { signature: 'x', severity: 1 } };
    expect(broken.decode(EVENT_TOPIC, json(eve), NOW)).toMatchObject({ kind: 'rejected', reason: 'internal' });
  });

  it('reject details are short plain text', () => {
    const r = decoder.decode(EVENT_TOPIC, json({ ...native, proto: 'x'.repeat(10_000) }), NOW);
    expect(r).toMatchObject({ kind: 'rejected', reason: 'bad_field:proto' });
    expect((r as { detail: string }).detail.length).toBeLessThanOrEqual(201);
  });

  it('uses the shared mapper', () => {
    expect(MAPPER.forSuricata('Misc Attack', undefined)).toBe('combined');
  });
});

describe('Suricata edge cases', () => {
  const base = {
    timestamp: '2024-05-01T10:00:00.123456+0700',
    flow_id: 123,
    event_type: 'alert',
    src_ip: '203.0.113.9',
    src_port: 4444,
    dest_ip: '10.0.0.5',
    dest_port: 445,
    proto: 'TCP',
    alert: { action: 'blocked', signature_id: 2000001, signature: 'ET EXPLOIT test', category: 'Attempted Administrator Privilege Gain', severity: 1 },
  };
  const d = (o: unknown) => decoder.decode(EVENT_TOPIC, json(o), NOW);

  it('alert.action blocked → blocked; unknown action → unknown', () => {
    expect(d(base)).toMatchObject({ kind: 'event', event: { action: 'blocked', category: 'combined', severity: 'high', time: Date.UTC(2024, 4, 1, 3, 0, 0, 123) } });
    expect(d({ ...base, alert: { ...base.alert, action: 'weird' } })).toMatchObject({ event: { action: 'unknown' } });
  });

  it('event_type "F", a number or null → ignored as eve:unknown; other known types by name', () => {
    expect(d({ ...base, event_type: 'F' })).toEqual({ kind: 'ignored', type: 'eve:unknown' });
    expect(d({ ...base, event_type: 7 })).toEqual({ kind: 'ignored', type: 'eve:unknown' });
    expect(d({ ...base, event_type: null })).toEqual({ kind: 'ignored', type: 'eve:unknown' });
    expect(d({ ...base, event_type: '__proto__' })).toEqual({ kind: 'ignored', type: 'eve:unknown' });
    expect(d({ ...base, event_type: 'quic' })).toEqual({ kind: 'ignored', type: 'eve:quic' });
  });

  it('missing or invalid timestamp → bad_field:timestamp', () => {
    const { timestamp: _t, ...noTs } = base;
    expect(d(noTs)).toMatchObject({ kind: 'rejected', reason: 'bad_field:timestamp' });
    for (const ts of [1714532400, '', 'yesterday', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T10:00:00+2500', '2024-05-01 10:00', '2024-05-01T10:00:00.+0700', '2024-05-01T10:00:00+07:0', '1969-12-31T23:59:59Z']) {
      expect(d({ ...base, timestamp: ts }), String(ts)).toMatchObject({ reason: 'bad_field:timestamp' });
    }
    expect(d({ ...base, event_type: 'stats', timestamp: 'x' })).toMatchObject({ reason: 'bad_field:timestamp' });
    // ignored types do not pay for timestamp parsing
    expect(d({ ...base, event_type: 'flow', timestamp: 'x' })).toEqual({ kind: 'ignored', type: 'eve:flow' });
  });

  it('accepts the timestamp forms Z, ±hh:mm, ±hhmm, ±hh and no zone', () => {
    const at = Date.UTC(2024, 4, 1, 3, 0, 0, 0);
    for (const ts of ['2024-05-01T03:00:00Z', '2024-05-01T10:00:00+07:00', '2024-05-01T10:00:00+0700', '2024-05-01T10:00:00+07', '2024-05-01T03:00:00', '2024-05-01T03:00:00.000000000Z', '2024-04-30T21:30:00-05:30']) {
      expect(d({ ...base, timestamp: ts }), ts).toMatchObject({ event: { time: at } });
    }
    expect(d({ ...base, timestamp: '2024-05-01T03:00:00.5Z' })).toMatchObject({ event: { time: at + 500 } });
    expect(d({ ...base, timestamp: '2024-05-01T03:00:00.12Z' })).toMatchObject({ event: { time: at + 120 } });
  });

  it('drop → blocked event, with or without an alert object', () => {
    expect(d({ ...base, event_type: 'drop', alert: { ...base.alert, action: 'allowed' } })).toMatchObject({ event: { action: 'blocked', category: 'combined', severity: 'high' } });
    const { alert: _a, ...noAlert } = base;
    expect(d({ ...noAlert, event_type: 'drop' })).toMatchObject({ kind: 'event', event: { action: 'blocked', category: 'other', severity: 'low', signature: null, signatureId: null } });
  });

  it('alert without an alert object → bad_field:alert; bad severity → bad_field:alert.severity', () => {
    const { alert: _a, ...noAlert } = base;
    expect(d(noAlert)).toMatchObject({ reason: 'bad_field:alert' });
    expect(d({ ...base, alert: 'x' })).toMatchObject({ reason: 'bad_field:alert' });
    for (const severity of ['1', 0, -1, 1.5, true]) {
      expect(d({ ...base, alert: { ...base.alert, severity } }), String(severity)).toMatchObject({ reason: 'bad_field:alert.severity' });
    }
    expect(d({ ...base, alert: { ...base.alert, severity: 4 } })).toMatchObject({ event: { severity: 'low' } });
    expect(d({ ...base, alert: { ...base.alert, severity: 255 } })).toMatchObject({ event: { severity: 'low' } });
    const { severity: _s, ...noSev } = base.alert;
    expect(d({ ...base, alert: noSev })).toMatchObject({ event: { severity: 'low' } });
  });

  it('bad addresses and ports → bad_field:<name>; absent → null', () => {
    expect(d({ ...base, src_ip: '<script>' })).toMatchObject({ reason: 'bad_field:src_ip' });
    expect(d({ ...base, dest_ip: 12 })).toMatchObject({ reason: 'bad_field:dest_ip' });
    expect(d({ ...base, src_port: 70000 })).toMatchObject({ reason: 'bad_field:src_port' });
    expect(d({ ...base, dest_port: '80' })).toMatchObject({ reason: 'bad_field:dest_port' });
    const { src_ip: _a, src_port: _b, dest_ip: _c, dest_port: _d, proto: _e, ...bare } = base;
    expect(d(bare)).toMatchObject({ event: { srcIp: null, srcPort: null, destIp: null, destPort: null, proto: null } });
    expect(d({ ...base, src_ip: '2001:db8::1' })).toMatchObject({ event: { srcIp: '2001:db8::1' } });
  });

  it('long signatures are cut to 512 characters and kept as plain text', () => {
    const sig = `<b>${'A'.repeat(1000)}`;
    const r = d({ ...base, alert: { ...base.alert, signature: sig } });
    expect(r.kind === 'event' && r.event.signature).toBe(sig.slice(0, 512));
    const emoji = `${'x'.repeat(511)}😀tail`;
    const r2 = d({ ...base, alert: { ...base.alert, signature: emoji } });
    expect(r2.kind === 'event' && r2.event.signature).toBe('x'.repeat(511));
  });

  it('stats on the event topic → heartbeat of the sensor from the topic', () => {
    expect(d({ timestamp: '2024-05-01T10:00:00+0700', event_type: 'stats', stats: { uptime: 1 }, host: 'other' })).toEqual({
      kind: 'heartbeat',
      siteId: 'soc-tinh',
      sensorId: 'ids-1',
      time: Date.UTC(2024, 4, 1, 3),
    });
  });

  it('dedup key: none without flow_id; drop and anomaly keys differ from the alert key', () => {
    const { flow_id: _f, ...noFlow } = base;
    expect(d(noFlow)).toMatchObject({ kind: 'event', dedupKey: null });
    const k1 = d(base);
    const k2 = d({ ...base, event_type: 'drop' });
    expect(k1.kind === 'event' && k1.dedupKey).toBe('soc-tinh/ids-1/123:2024-05-01T10:00:00.123456+0700:2000001');
    expect(k2.kind === 'event' && k2.dedupKey).not.toBe(k1.kind === 'event' && k1.dedupKey);
  });

  it('site and sensor come from the topic, never from the payload', () => {
    const r = decoder.decode('soc/v1/so-y-te/fw-2/event', json({ ...base, siteId: 'x', sensorId: 'y', host: 'z' }), NOW);
    expect(r).toMatchObject({ event: { siteId: 'so-y-te', sensorId: 'fw-2' }, dedupKey: expect.stringMatching(/^so-y-te\/fw-2\//u) as unknown });
  });
});
