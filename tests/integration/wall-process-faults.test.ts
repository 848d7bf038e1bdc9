// The wall's own process killed mid-stream (SIGKILL) and started again on the same data
// folder: counters and timeline continue from the journal and the broker's queue, and
// exactly N numbered events are counted. Then: start-up with the broker down shows the
// last state at once, marked stale; a corrupt journal and an unwritable data folder are
// reported and never stop the wall.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallFrame } from '../../electron/contract/index.js';
import { publishMarker, sawMarker } from '../helpers/marker.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { publishNumbered, totalToday } from '../helpers/numbered.js';
import { waitFor } from '../helpers/wait.js';
import { recordFigure as recordFigureIn } from '../helpers/figures.js';
import { spawnWall, type WallProcess } from '../helpers/wall-process.js';

const N = 3000;
const recordFigure = (name: string, value: unknown) => recordFigureIn('wall-fault-figures', name, value);

const lastHourTotal = (f: WallFrame) => Object.values(f.timeline.seconds.values).flat().reduce((a, b) => a + b, 0);

describe('the wall process killed and restarted (journal + persistent session)', () => {
  let broker: MosquittoBroker;
  let wall: WallProcess | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'socwall-data-'));
  const args = () => ['--broker', broker.url, '--data-dir', dataDir, '--hz', '10'];

  beforeAll(async () => {
    broker = await startMosquitto({ persistence: true });
  });
  afterAll(async () => {
    await wall?.kill('SIGKILL');
    await broker?.stop();
  });

  it('SIGKILL mid-stream, start again: exactly N counted, timeline continues', async () => {
    wall = await spawnWall(args());
    await waitFor(async () => (await wall!.snapshot()).link.status === 'connected', 'the wall to connect');
    let restartMs = 0;
    await publishNumbered({
      url: broker.url,
      n: N,
      site: 'so-tttt',
      runId: `wk${process.pid}`,
      onAck: async (k) => {
        if (k !== N / 2) return;
        await wall!.kill('SIGKILL');
        const t0 = Date.now();
        wall = await spawnWall(args());
        restartMs = Date.now() - t0;
      },
    });
    const counted = await waitFor(async () => {
      const s = await wall!.snapshot();
      return totalToday(s) >= N ? s : null;
    }, `${N} events`, 30_000).catch(async (err: unknown) => {
      throw new Error(`${(err as Error).message}: ${JSON.stringify((await wall!.snapshot()).ingest)}`);
    });
    // Anything more would be a double count: once a marker published now has been applied,
    // every copy the broker redelivers to the restarted wall has been too (see marker.ts).
    const marker = await publishMarker(broker.url, 'so-tttt');
    const settled = await waitFor(async () => {
      const s = await wall!.snapshot();
      return sawMarker(s, 'so-tttt', marker) ? s : null;
    }, 'the marker after the stream', 15_000);
    recordFigure('wall-sigkill', { published: N, counted: totalToday(settled), duplicatesDropped: settled.ingest.duplicates, restartMs });
    expect(totalToday(counted)).toBe(N);
    expect(totalToday(settled)).toBe(N);
    expect(lastHourTotal(settled)).toBe(N);
  });

  it('with the broker down, a restarted wall shows its last state at once, marked stale', async () => {
    await wall!.kill('SIGKILL');
    await broker.stop();
    wall = await spawnWall(args());
    const first = await wall.snapshot();
    const readyMs = Date.now() - wall.spawnedAt;
    recordFigure('restart-with-broker-down', { msToServeRestoredState: readyMs, counted: totalToday(first), link: first.link.status });
    expect(totalToday(first)).toBe(N);
    expect(lastHourTotal(first)).toBe(N);
    expect(first.link.status).not.toBe('connected');
    expect(first.link.lastMessageAt).not.toBeNull();
    // The time the wall was not running is a gap from its last saved data, still open.
    const gap = first.link.gaps?.at(-1);
    expect(gap?.to).toBeNull();
    expect(gap!.from).toBeLessThan(wall.spawnedAt);
    expect(gap!.from).toBeGreaterThanOrEqual(first.link.lastMessageAt!);
    // Reconnects when the broker returns, and still counts N.
    broker = await broker.restart();
    await waitFor(async () => (await wall!.snapshot()).link.status === 'connected', 'reconnect', 20_000);
    const back = await wall.snapshot();
    expect(totalToday(back)).toBe(N);
    expect(back.link.gaps?.at(-1)?.from).toBe(gap!.from);
    expect(back.link.gaps?.at(-1)?.to).not.toBeNull();
  });

  it('a corrupt journal is set aside with a clear log line and the wall starts clean', async () => {
    await wall!.kill('SIGTERM'); // a clean stop writes a final snapshot
    const state = join(dataDir, 'journal', 'state.json');
    const bytes = readFileSync(state);
    writeFileSync(state, bytes.subarray(0, Math.floor(bytes.length / 2)));
    // The message logs would rebuild part of the state: drop them to see a clean start.
    for (const f of readdirSync(join(dataDir, 'journal'))) if (f.startsWith('messages.log')) writeFileSync(join(dataDir, 'journal', f), '');
    wall = await spawnWall(args());
    const s = await wall.snapshot();
    expect(totalToday(s)).toBe(0);
    expect(readdirSync(join(dataDir, 'journal')).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
    expect(wall.output()).toMatch(/corrupt|set aside/iu);
  });

  it('an unwritable data folder is reported and the wall runs on', async () => {
    await wall!.kill('SIGKILL');
    const file = join(mkdtempSync(join(tmpdir(), 'socwall-ro-')), 'not-a-folder');
    writeFileSync(file, 'x');
    wall = await spawnWall(['--broker', broker.url, '--data-dir', join(file, 'data'), '--hz', '10']);
    await waitFor(async () => (await wall!.snapshot()).link.status === 'connected', 'connect');
    expect(wall.output()).toMatch(/journal/iu);
    expect(wall.output()).toMatch(/cannot keep the MQTT client id/u);
    const metrics = await (await fetch(`${wall.url}metrics`)).text();
    expect(metrics).toMatch(/socwall_mqtt_connected 1/u);
    // The reports folder cannot exist either: the listing is empty, not an error.
    const reports = await fetch(`${wall.url}api/reports`);
    expect(reports.status).toBe(200);
    expect(await reports.json()).toEqual({ reports: [] });
  });
});
