import { describe, expect, it } from 'vitest';
import { backoffDelay, WS_BACKOFF } from '../../../electron/contract/common/backoff.js';
import { redactUrl } from '../../../electron/core/ingest/redact.js';
import { DedupWindow } from '../../../electron/core/aggregate/dedup-window.js';
import { resolveInside as fileInside } from '../../../electron/core/host/static-files.js';
import { isLoopback } from '../../../electron/core/host/browser-host.js';
import { renderMetrics } from '../../../electron/core/metrics.js';
import { poisson, seededRandom } from '../../../electron/core/demo/random.js';

describe('reconnect backoff', () => {
  it('grows exponentially up to the cap, with jitter inside the bounds', () => {
    const lo = { initialMs: 500, maxMs: 30_000, random: () => 0 };
    const hi = { initialMs: 500, maxMs: 30_000, random: () => 0.999999 };
    expect(backoffDelay(0, lo)).toBe(500);
    expect(backoffDelay(0, hi)).toBe(500);
    expect(backoffDelay(3, hi)).toBe(4000);
    expect(backoffDelay(20, hi)).toBe(30_000);
    expect(backoffDelay(20, lo)).toBe(500);
  });

  it('the renderer\'s WebSocket uses the same formula, capped at 10 s', () => {
    expect(backoffDelay(20, { ...WS_BACKOFF, random: () => 0.999999 })).toBe(10_000);
    expect(backoffDelay(0, { ...WS_BACKOFF, random: () => 0.5 })).toBe(500);
  });
});

describe('small core pieces', () => {
  it('redacts credentials from broker URLs', () => {
    expect(redactUrl('mqtts://wall:secret@broker.local:8883')).toBe('mqtts://broker.local:8883');
    expect(redactUrl('not a url')).toBe('(invalid broker URL)');
  });

  it('dedup window forgets the oldest key beyond its capacity', () => {
    const d = new DedupWindow(2);
    expect(d.isDuplicate('a')).toBe(false);
    expect(d.isDuplicate('a')).toBe(true);
    d.isDuplicate('b');
    d.isDuplicate('c');
    expect(d.isDuplicate('a')).toBe(false);
  });

  it('static files never leave the renderer folder', () => {
    expect(fileInside('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(fileInside('/srv/r', '/assets/x.js')).toBe('/srv/r/assets/x.js');
    expect(fileInside('/srv/r', '/../etc/passwd')).toBeNull();
    expect(fileInside('/srv/r', '/%2e%2e/etc/passwd')).toBeNull();
    expect(fileInside('/srv/r', '/a/%00')).toBeNull();
    expect(fileInside('/srv/r', '/%E0%A4%A')).toBeNull();
  });

  it('knows loopback hosts', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.10')).toBe(false);
  });

  it('escapes metric label values', () => {
    const text = renderMetrics({
      eventsTotal: new Float64Array(7),
      ingest: { received: 0, accepted: 0, ignored: 0, rejected: 1, duplicates: 0, rejectedByReason: { 'bad"x\n': 1 }, ignoredByType: {} },
      link: { status: 'offline', broker: '', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null },
      framesTotal: 0,
      frameSeq: 0,
      rejectedCalls: {},
      clients: 0,
    });
    expect(text).toContain('socwall_events_rejected_total{reason="bad\\"x\\n"} 1');
    expect(text).toContain('socwall_mqtt_connected 0');
  });


  it('poisson sampling has the right mean', () => {
    const r = seededRandom(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += poisson(2.5, r);
    expect(sum / 20_000).toBeGreaterThan(2.4);
    expect(sum / 20_000).toBeLessThan(2.6);
  });
});
