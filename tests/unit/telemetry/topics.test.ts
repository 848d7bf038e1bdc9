import { describe, it, expect } from 'vitest';
import { DEFAULT_SUBSCRIPTIONS, isValidId, parseTopic, subscriptionsFor } from '../../../electron/core/telemetry/topics.js';

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
