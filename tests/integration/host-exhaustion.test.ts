// Issue 8, "one client can exhaust the host": the loads the audit used, against the real
// browser host in its own process (the loads run in a worker thread, the /metrics probe in
// the test). Each leaves the host up, its heap bounded and /metrics answering within 100 ms;
// what the host refuses is counted in /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure as recordFigureIn } from '../helpers/figures.js';
import { probeMetrics, runLoad, type MetricsProbe } from '../helpers/host-load.js';
import { rejectedCalls as refused } from '../helpers/metrics-text.js';
import { spawnWall, type WallProcess } from '../helpers/wall-process.js';

const recordFigure = (name: string, value: unknown) => recordFigureIn('host-exhaustion-figures', name, value);
const METRICS_BUDGET_MS = 100;
const MiB = 1024 * 1024;
/** The probe runs at least this long, whether the load ends sooner or not. */
const atLeast = (p: Promise<unknown>, ms = 2_500) => Promise.all([p, new Promise((r) => setTimeout(r, ms))]);


function record(load: string, probe: MetricsProbe): void {
  recordFigure(`${load}: /metrics slowest / p95 (ms)`, `${Math.round(probe.maxMs)} / ${Math.round(probe.p95Ms)}`);
  recordFigure(`${load}: largest heap (MiB)`, Math.round(probe.maxHeapBytes / MiB));
}

/**
 * Within budget: 95 % of the answers within 100 ms and none slower than 1 s. The machine the
 * tests run on is shared (with the host idle, single answers already take 40-50 ms when other
 * processes hold both cores; at a load average of 8 on 2 cores the slowest of ~200 answers
 * reached 480 ms while the 95th percentile stayed under 30 ms), so the slowest answer
 * measures the machine as much as the host. Before the fix the answers took 3.6 s and more
 * than 10 s.
 */
function expectFast(probe: MetricsProbe): void {
  expect(probe.failures).toBe(0);
  expect(probe.samples).toBeGreaterThan(20);
  expect(probe.p95Ms).toBeLessThan(METRICS_BUDGET_MS);
  expect(probe.maxMs).toBeLessThan(10 * METRICS_BUDGET_MS);
}

describe('the browser host under exhaustion loads', () => {
  let wall: WallProcess;
  let wsUrl: string;
  let metricsUrl: string;
  beforeAll(async () => {
    wall = await spawnWall(['--demo', '--speed', '10']);
    wsUrl = `${wall.url.replace('http', 'ws')}api/ws`;
    metricsUrl = `${wall.url}metrics`;
  });
  afterAll(async () => {
    await wall?.kill('SIGKILL');
  });

  const alive = () => wall.process.exitCode === null && wall.process.signalCode === null;

  it('50 clients that never read, each asking 200 snapshots: heap bounded, /metrics fast, counted', async () => {
    const probe = await probeMetrics(metricsUrl, atLeast(runLoad({ load: 'nonReading', url: wsUrl, clients: 50, requests: 200, holdMs: 4_000 })));
    record('50 non-reading clients x 200 snapshots', probe);
    expect(alive()).toBe(true);
    expectFast(probe);
    expect(probe.maxHeapBytes).toBeLessThan(160 * MiB);
    // Their requests beyond what may wait were refused, and the clients that went on were closed.
    const after = await (await fetch(metricsUrl)).text();
    expect(refused(after, 'ws_busy')).toBeGreaterThan(0);
    expect(refused(after, 'ws_closed_flooding') + refused(after, 'ws_slow_client')).toBe(50);
  });

  it('one client sending 5,000 get-snapshot at once: rate-limited, closed, counted, /metrics fast', async () => {
    let result = { ok: 0, refused: 0, closed: false };
    const probe = await probeMetrics(
      metricsUrl,
      atLeast(runLoad<typeof result>({ load: 'flood', url: wsUrl, requests: 5_000, settleMs: 3_000 }).then((r) => (result = r))),
    );
    record('one client x 5,000 get-snapshot', probe);
    recordFigure('one client x 5,000 get-snapshot: answered / refused with a reason', `${result.ok} / ${result.refused}`);
    expect(alive()).toBe(true);
    expectFast(probe);
    expect(result.ok).toBeLessThan(100);
    expect(result.refused).toBeGreaterThan(0);
    expect(result.closed).toBe(true);
    const after = await (await fetch(metricsUrl)).text();
    expect(refused(after, 'ws_rate_limited')).toBeGreaterThan(0);
  });

  it('260 clients at once: the host stays up, refuses those over its limit and counts them', async () => {
    let admitted = 0;
    const probe = await probeMetrics(
      metricsUrl,
      atLeast(runLoad<{ admitted: number }>({ load: 'many', url: wsUrl, clients: 260, holdMs: 1_500 }).then((r) => (admitted = r.admitted))),
    );
    record('260 clients at once', probe);
    recordFigure('260 clients at once: admitted', admitted);
    expect(alive()).toBe(true);
    expectFast(probe);
    expect(admitted).toBe(64);
    const after = await (await fetch(metricsUrl)).text();
    // Refused at the upgrade (503), or by the connection limit when all 260 connected at once.
    expect(refused(after, 'ws_too_many_clients')).toBeGreaterThan(150);
    expect(refused(after, 'ws_too_many_clients') + refused(after, 'http_too_many_connections')).toBe(260 - admitted);
  });
});
