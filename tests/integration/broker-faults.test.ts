// Broker faults with real processes on loopback: Mosquitto restarted (gracefully and with
// SIGKILL) in the middle of a stream of N numbered QoS 1 events. The wall must count each
// event exactly once; what the broker itself loses is reported apart from the wall.
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { freePort, startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { nativeEvent } from '../helpers/events.js';
import { publishMarker, sawMarker } from '../helpers/marker.js';
import { publishNumbered, totalToday } from '../helpers/numbered.js';
import { waitFor } from '../helpers/wait.js';
import { recordFigure as recordFigureIn } from '../helpers/figures.js';

const N = 2000;
const SITE = 'so-tttt';
const recordFigure = (name: string, value: unknown) => recordFigureIn('broker-fault-figures', name, value);

async function wall(url: string, clientId: string): Promise<WallCoreHandle> {
  return startWallCore({ brokerUrls: [url], demo: false, clientId, reconnect: { initialMs: 100, maxMs: 500 }, frameHz: 10, log: () => undefined });
}

const frameFacts = (core: WallCoreHandle) => JSON.stringify({ total: totalToday(core.snapshot()), ingest: core.snapshot().ingest, link: core.snapshot().link });

/** Waits until a marker published after everything else has been applied (see marker.ts): whatever the broker had for the wall is counted by then. */
async function drained(core: WallCoreHandle, brokerUrl: string): Promise<void> {
  const sensor = await publishMarker(brokerUrl, SITE);
  await waitFor(() => sawMarker(core.snapshot(), SITE, sensor), 'the marker after the stream', 15_000).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; frame: ${frameFacts(core)}`);
  });
}

/** Waits for `atLeast` counted, then for the marker (a copy counted twice would show by then), and returns the count. */
async function settledCount(core: WallCoreHandle, atLeast: number, brokerUrl: string): Promise<number> {
  await waitFor(() => totalToday(core.snapshot()) >= atLeast, `${atLeast} events counted`, 30_000).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; frame: ${frameFacts(core)}`);
  });
  await drained(core, brokerUrl);
  return totalToday(core.snapshot());
}

describe('broker restarts mid-stream (real Mosquitto, QoS 1, persistent session)', () => {
  let broker: MosquittoBroker | null = null;
  let core: WallCoreHandle | null = null;
  afterEach(async () => {
    await core?.stop();
    await broker?.stop();
    core = null;
    broker = null;
  });

  it('graceful restart while the wall is connected: exactly N counted', async () => {
    broker = await startMosquitto({ persistence: true });
    core = await wall(broker.url, `wall-graceful-${process.pid}`);
    await waitFor(() => core!.snapshot().link.status === 'connected', 'connect');
    let restartedAt = 0;
    const report = await publishNumbered({
      url: broker.url,
      n: N,
      site: SITE,
      runId: `g${process.pid}`,
      onAck: async (k) => {
        if (k !== N / 2) return;
        await broker!.stop();
        restartedAt = Date.now();
        broker = await broker!.restart();
      },
    });
    await waitFor(() => core!.snapshot().link.status === 'connected', 'reconnect');
    const recoverMs = core.snapshot().link.since - restartedAt;
    const counted = await settledCount(core, N, broker.url);
    recordFigure('graceful-restart', { published: N, acked: report.acked, retries: report.retries, counted, duplicatesDropped: core.snapshot().ingest.duplicates, recoverMs });
    expect(counted).toBe(N);
  });

  it('graceful restart while the wall is away: the broker keeps its queue, exactly N counted on return', async () => {
    broker = await startMosquitto({ persistence: true });
    const clientId = `wall-away-${process.pid}`;
    core = await wall(broker.url, clientId);
    await waitFor(() => core!.snapshot().link.status === 'connected', 'connect');
    await core.stop(); // the wall goes away; its persistent session stays on the broker
    core = null;
    const report = await publishNumbered({
      url: broker.url,
      n: N,
      site: SITE,
      runId: `a${process.pid}`,
      onAck: async (k) => {
        if (k !== N / 2) return;
        await broker!.stop();
        broker = await broker!.restart();
      },
    });
    const back = Date.now();
    core = await wall(broker.url, clientId);
    const counted = await settledCount(core, N, broker.url);
    const catchUpMs = Date.now() - back;
    expect(counted).toBe(N);
    // Frames show the catch-up: the arrival rate (by receive time, over the last whole
    // seconds) carries the burst once the second it arrived in is complete.
    const rate = await waitFor(() => {
      const r = core!.snapshot().eventsPerSecond;
      return r > 50 ? r : null;
    }, 'the catch-up burst in the event rate', 4_000);
    recordFigure('restart-while-away', { published: N, acked: report.acked, counted, catchUpMs, eventsPerSecondAfterCatchUp: rate });
  });

  it('SIGKILL: the wall survives and never double-counts; broker loss is reported apart', async () => {
    broker = await startMosquitto({ persistence: true });
    core = await wall(broker.url, `wall-kill-${process.pid}`);
    await waitFor(() => core!.snapshot().link.status === 'connected', 'connect');
    let killedAt = 0;
    const report = await publishNumbered({
      url: broker.url,
      n: N,
      site: SITE,
      runId: `k${process.pid}`,
      onAck: async (k) => {
        if (k !== N / 2) return;
        await broker!.kill('SIGKILL');
        killedAt = Date.now();
        broker = await broker!.restart();
      },
    });
    await waitFor(() => core!.snapshot().link.status === 'connected', 'reconnect');
    const recoverMs = core.snapshot().link.since - killedAt;
    // Not N: the broker may lose some. The marker proves the wall has had all it will get.
    await drained(core, broker.url);
    const snap = core.snapshot();
    const counted = totalToday(snap);
    // Every distinct event the broker delivered to the wall is counted once: deliveries
    // minus redelivered duplicates equals the count, so the wall itself lost nothing.
    const deliveredDistinct = snap.ingest.accepted - 1; // less the marker (a heartbeat: accepted, not counted)
    const brokerLost = report.acked - deliveredDistinct;
    const wallLost = deliveredDistinct - counted;
    recordFigure('sigkill', { published: N, acked: report.acked, deliveredDistinct, counted, brokerLost, wallLost, duplicatesDropped: snap.ingest.duplicates, recoverMs });
    expect(wallLost).toBe(0);
    expect(counted).toBeLessThanOrEqual(N);
    expect(brokerLost).toBeGreaterThanOrEqual(0);
    expect(snap.link.status).toBe('connected');
  });
});

describe('broker link', () => {
  it('fails over to the next broker URL of the list', async () => {
    const live = await startMosquitto();
    const dead = `mqtt://127.0.0.1:${await freePort()}`; // nothing listens there
    let core: WallCoreHandle | null = null;
    try {
      core = await startWallCore({ brokerUrls: [dead, live.url], demo: false, clientId: `failover-${process.pid}`, reconnect: { initialMs: 100, maxMs: 300 }, log: () => undefined });
      await waitFor(() => core!.snapshot().link.status === 'connected', 'failover to the live broker', 10_000);
      expect(core.snapshot().link.broker).toBe(live.url);
    } finally {
      await core?.stop();
      await live.stop();
    }
  });

  it('events queued while the wall was away land in their own minute, not "now"', async () => {
    const broker = await startMosquitto({ persistence: true });
    const clientId = `away-bucket-${process.pid}`;
    let core: WallCoreHandle | null = await wall(broker.url, clientId);
    try {
      await waitFor(() => core!.snapshot().link.status === 'connected', 'connect');
      await core.stop();
      core = null;
      const pub = await mqtt.connectAsync(broker.url, { clientId: `away-pub-${process.pid}` });
      const tenMinutesAgo = Date.now() - 10 * 60_000;
      await pub.publishAsync(`soc/v1/${SITE}/ids-01/event`, nativeEvent('malware', 'high', { time: new Date(tenMinutesAgo).toISOString() }), { qos: 1 });
      await pub.endAsync();
      core = await wall(broker.url, clientId);
      const snap = await waitFor(() => (totalToday(core!.snapshot()) === 1 ? core!.snapshot() : null), 'the queued event');
      const m = snap.timeline.minutes;
      const idx = Math.floor(tenMinutesAgo / 60_000) - m.start / 60;
      expect(m.values.malware[idx]).toBe(1);
      expect(m.values.malware.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await core?.stop();
      await broker.stop();
    }
  });
});

describe('broker link order', () => {
  it('after a drop, the first broker of the list is tried again first', async () => {
    const primary = await startMosquitto({ persistence: true });
    const secondary = await startMosquitto();
    let core: WallCoreHandle | null = null;
    try {
      core = await startWallCore({ brokerUrls: [primary.url, secondary.url], demo: false, clientId: `order-${process.pid}`, reconnect: { initialMs: 1500, maxMs: 2000 }, log: () => undefined });
      await waitFor(() => core!.snapshot().link.status === 'connected', 'connect to the primary');
      expect(core.snapshot().link.broker).toBe(primary.url);
      // The primary restarts: the wall goes back to it, not to the secondary.
      await primary.stop();
      const again = await primary.restart();
      await waitFor(() => core!.snapshot().link.status === 'connected' && core!.snapshot().link.reconnects > 0, 'reconnect', 10_000);
      expect(core.snapshot().link.broker).toBe(again.url);
      await again.stop();
      // With the primary gone for good, the secondary takes over.
      await waitFor(() => core!.snapshot().link.status === 'connected' && core!.snapshot().link.broker === secondary.url, 'fail over to the secondary', 10_000);
    } finally {
      await core?.stop();
      await secondary.stop();
    }
  });
});
