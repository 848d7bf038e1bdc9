import { describe, it, expect } from 'vitest';
import { DEFAULT_SUBSCRIPTIONS, isValidId, parseTopic, subscriptionsFor } from '../../../electron/core/telemetry/topics.js';
import { makeDecoder } from './fixtures.js';

describe('parseTopic', () => {
  it('parses the four topic kinds', () => {
    expect(parseTopic('soc/v1/soc-tinh/ids-1/event')).toEqual({ kind: 'event', siteId: 'soc-tinh', sensorId: 'ids-1' });
    expect(parseTopic('soc/v1/ubnd-phu-quoc/fw.01/heartbeat')).toEqual({
      kind: 'heartbeat',
      siteId: 'ubnd-phu-quoc',
      sensorId: 'fw.01',
    });
    expect(parseTopic('soc/v1/so-y-te/endpoints')).toEqual({ kind: 'endpoints', siteId: 'so-y-te' });
    expect(parseTopic('soc/v1/province/kpi/attacks_prevented')).toEqual({ kind: 'kpi', name: 'attacks_prevented' });
  });

  it('reads province/kpi/* as a KPI even when the leaf is "event" or "heartbeat"', () => {
    expect(parseTopic('soc/v1/province/kpi/event')).toEqual({ kind: 'kpi', name: 'event' });
    expect(parseTopic('soc/v1/province/kpi/heartbeat')).toEqual({ kind: 'kpi', name: 'heartbeat' });
    expect(parseTopic('soc/v1/province/ids/event')).toEqual({ kind: 'event', siteId: 'province', sensorId: 'ids' });
  });

  it('honours a custom prefix, with or without a trailing slash', () => {
    expect(parseTopic('kg/soc/a/b/event', 'kg/soc')).toEqual({ kind: 'event', siteId: 'a', sensorId: 'b' });
    expect(parseTopic('kg/soc/a/endpoints', 'kg/soc/')).toEqual({ kind: 'endpoints', siteId: 'a' });
    expect(parseTopic('soc/v1/a/b/event', 'kg/soc')).toBeNull();
  });

  it.each([
    '',
    'soc/v1',
    'soc/v1/',
    'soc/v2/a/b/event',
    'soc/v1x/a/b/event',
    'xsoc/v1/a/b/event',
    'soc/v1/a/b/c/event',
    'soc/v1/a/b/events',
    'soc/v1/a/b/',
    'soc/v1//b/event',
    'soc/v1/a//event',
    'soc/v1/+/b/event',
    'soc/v1/a/#',
    'soc/v1/A/b/event',
    'soc/v1/-a/b/event',
    'soc/v1/.a/b/event',
    'soc/v1/a b/c/event',
    'soc/v1/ä/b/event',
    `soc/v1/${'a'.repeat(65)}/b/event`,
    'soc/v1/a/endpoints/x',
    'soc/v1/a/kpi',
    'soc/v1/province/kpi/',
    'soc/v1/province/kpi/Bad',
    'soc/v1/province/kpi/a/b',
    '/soc/v1/a/b/event',
    'soc/v1/a/b/event/',
  ])('rejects %j', (topic) => {
    expect(parseTopic(topic)).toBeNull();
  });

  it('accepts ids of 1 and 64 characters', () => {
    expect(parseTopic('soc/v1/a/0/event')).not.toBeNull();
    expect(parseTopic(`soc/v1/${'a'.repeat(64)}/b/event`)).not.toBeNull();
  });
});

describe('isValidId', () => {
  it('matches ^[a-z0-9][a-z0-9._-]{0,63}$', () => {
    const re = /^[a-z0-9][a-z0-9._-]{0,63}$/u;
    const samples = ['a', 'a-b', 'a.b_c', '0', '-', 'a-', 'A', 'a/b', 'a+', 'a#', '', 'đ', 'x'.repeat(64), 'x'.repeat(65), 'a\u0000'];
    for (const s of samples) expect(isValidId(s), s).toBe(re.test(s));
  });
});

describe('subscriptions', () => {
  it('covers the four topic kinds for the default prefix', () => {
    expect(DEFAULT_SUBSCRIPTIONS).toEqual(['soc/v1/+/+/event', 'soc/v1/+/+/heartbeat', 'soc/v1/+/endpoints', 'soc/v1/province/kpi/+']);
  });
  it('is built from the prefix', () => {
    expect(subscriptionsFor('kg/')).toEqual(['kg/+/+/event', 'kg/+/+/heartbeat', 'kg/+/endpoints', 'kg/province/kpi/+']);
  });
});

describe('several topic prefixes (bridged brokers, one per province)', () => {
  const native = (id: string) => Buffer.from(JSON.stringify({ id, time: Date.now(), category: 'scan', severity: 'low' }));
  it('decodes the grammar under every prefix, the site from the topic, and nothing under others', () => {
    const decoder = makeDecoder({ prefixes: ['kien-giang/soc/v1', 'an-giang/soc/v1', 'soc/v1'] });
    for (const topic of ['kien-giang/soc/v1/ubnd-tinh/ids-01/event', 'an-giang/soc/v1/ubnd-tinh/ids-01/event', 'soc/v1/ubnd-tinh/ids-01/event']) {
      const r = decoder.decode(topic, native(topic), Date.now());
      expect(r.kind, topic).toBe('event');
      if (r.kind === 'event') expect(r.event.siteId).toBe('ubnd-tinh');
    }
    // A site is its id whatever the path: one event bridged along two paths has one identity
    // (the copy is dropped as a redelivery), so site ids must be unique across the bridged brokers.
    const a = decoder.decode('kien-giang/soc/v1/ubnd-tinh/ids-01/event', native('x-1'), Date.now());
    const b = decoder.decode('an-giang/soc/v1/ubnd-tinh/ids-01/event', native('x-1'), Date.now());
    expect(a.kind === 'event' && b.kind === 'event' && a.dedupKey === b.dedupKey).toBe(true);
    for (const topic of ['ca-mau/soc/v1/ubnd-tinh/ids-01/event', 'kien-giang/soc/ubnd-tinh/ids-01/event', 'kien-giang/soc/v1x/ubnd-tinh/ids-01/event']) {
      const r = decoder.decode(topic, native('y'), Date.now());
      expect(r.kind === 'rejected' && r.reason, topic).toBe('bad_topic');
    }
  });

  it('one prefix may begin another: the one under which the topic parses wins', () => {
    const decoder = makeDecoder({ prefixes: ['soc', 'soc/v1'] });
    const r = decoder.decode('soc/v1/ubnd-tinh/ids-01/event', native('z'), Date.now());
    expect(r.kind).toBe('event');
    decoder.setPrefixes(['other']);
    const gone = decoder.decode('soc/v1/ubnd-tinh/ids-01/event', native('z2'), Date.now());
    expect(gone.kind === 'rejected' && gone.reason).toBe('bad_topic');
  });
});
