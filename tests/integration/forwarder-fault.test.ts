// The forwarder SIGKILLed (twice) while it is in the middle of a large file being appended in
// bursts, started again each time on the same state folder: every line is delivered at least
// once, none is missing, and no line was queued twice (each line has one id, every id one
// line). The redelivered ids are what the ack pointer had not yet written. Then the same
// through a real wall: it accepts every line exactly once, and counts as duplicates exactly
// the redeliveries the subscriber saw.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure as recordFigureIn } from '../helpers/figures.js';
import { ForwardCollector, missingOf, requireForwarderBundle, spawnForwarder, type ForwarderProcess } from '../helpers/forwarder-process.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { waitFor, waitForSteady } from '../helpers/wait.js';
import { spawnWall, type WallProcess } from '../helpers/wall-process.js';

const N = 20_000;
const BURST = 500;
const recordFigure = (name: string, value: unknown) => recordFigureIn('forwarder-fault-figures', name, value);

interface Run {
  expected: string[];
  kills: number;
  seconds: number;
}

/**
 * Appends N lines in bursts while the forwarder runs, SIGKILLs it when a third and again when
 * two thirds have arrived, and starts it again on the same state folder each time.
 */
async function killedMidFile(o: {
  broker: MosquittoBroker;
  collector: ForwardCollector;
  line: (n: number) => string;
  args: (file: string, state: string) => string[];
  onForwarder: (f: ForwarderProcess) => void;
}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-kill-'));
  const file = join(dir, 'eve.json');
  const state = join(dir, 'state');
  writeFileSync(file, '');
  const start = () => spawnForwarder(o.args(file, state));
  let forwarder = await start();
  o.onForwarder(forwarder);
  const expected = Array.from({ length: N }, (_, i) => o.line(i));
  const t0 = Date.now();
  let written = 0;
  const writer = (async () => {
    while (written < N) {
      appendFileSync(file, expected.slice(written, written + BURST).map((l) => `${l}\n`).join(''));
      written += BURST;
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  let kills = 0;
  for (const fraction of [1 / 3, 2 / 3]) {
    await waitFor(() => o.collector.events.length >= N * fraction, `${Math.round(fraction * 100)}% of the lines before a kill`, 40_000);
    await forwarder.kill('SIGKILL');
    kills++;
    forwarder = await start();
    o.onForwarder(forwarder);
  }
  await writer;
  await waitFor(() => missingOf(o.collector, expected).length === 0, `all ${N} lines`, 45_000).catch((err: unknown) => {
    const missing = missingOf(o.collector, expected);
    throw new Error(`${(err as Error).message}: ${missing.length} missing, first ${missing[0]}\n${forwarder.output().slice(-3000)}`);
  });
  return { expected, kills, seconds: (Date.now() - t0) / 1000 };
}

describe('forwarder: SIGKILL in the middle of a large file', () => {
  let broker: MosquittoBroker;
  let collector: ForwardCollector | null = null;
  let forwarder: ForwarderProcess | null = null;
  let wall: WallProcess | null = null;

  beforeAll(async () => {
    requireForwarderBundle();
    broker = await startMosquitto();
  });
  afterEach(async () => {
    await forwarder?.kill('SIGKILL');
    forwarder = null;
    await wall?.kill('SIGKILL');
    wall = null;
    await collector?.stop();
    collector = null;
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('every line at least once, none missing, none queued twice; redeliveries counted', async () => {
    collector = await ForwardCollector.start(broker.url);
    const run = `k${process.pid}`;
    const r = await killedMidFile({
      broker,
      collector,
      line: (n) => JSON.stringify({ run, n, pad: 'x'.repeat(n % 200) }),
      args: (file, state) => ['--broker', broker.url, '--file', file, '--site', 'so-tttt', '--sensor', 'suricata-1', '--state-dir', state, '--heartbeat-s', '3600'],
      onForwarder: (f) => (forwarder = f),
    });
    const d = collector.duplicates();
    recordFigure('forwarder-sigkill', { lines: N, kills: r.kills, arrivals: collector.events.length, duplicates: d.redelivered, seconds: r.seconds });
    console.log(`forwarder SIGKILL x${r.kills}: ${N} lines, ${d.redelivered} duplicates (redelivered ids), ${r.seconds.toFixed(1)} s`);
    expect(collector.contents()).toEqual(new Set(r.expected));
    // One id per line: a restart never queued a line again (a new id would be a second copy the wall counts).
    expect(d.distinctIds).toBe(N);
    expect(d.conflicting).toBe(0);
    expect(collector.events.length).toBe(N + d.redelivered);
  });

  it('through a real wall: accepted equals the lines, duplicates equal the redeliveries', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'socwall-fwd-wall-'));
    wall = await spawnWall(['--broker', broker.url, '--data-dir', dataDir]);
    await waitFor(async () => (await wall!.snapshot()).link.status === 'connected', 'the wall to connect', 30_000);
    collector = await ForwardCollector.start(broker.url);
    const before = (await wall.snapshot()).ingest;
    const run = `w${process.pid}`;
    // The wall's native event lines (NativeEventSchema), no id of their own: the envelope's id is the dedup key.
    const line = (n: number) => JSON.stringify({ time: new Date().toISOString(), category: 'scan', severity: 'low', src_ip: '203.0.113.7', dest_port: 1 + (n % 60000), signature: `fwd ${run} ${n}` });
    const r = await killedMidFile({
      broker,
      collector,
      line,
      args: (file, state) => ['--broker', broker.url, '--file', file, '--site', 'so-tttt', '--sensor', 'fwd-ids-1', '--state-dir', state, '--heartbeat-s', '3600'],
      onForwarder: (f) => (forwarder = f),
    });
    const d = collector.duplicates();
    const heartbeats = () => collector!.heartbeats.filter((h) => h.topic === 'soc/v1/so-tttt/fwd-ids-1/heartbeat').length;
    const settled = await waitForSteady(async () => (await wall!.snapshot()).ingest, 'the wall’s ingest counts', {
      everyMs: 500,
      timeoutMs: 30_000,
      ready: (s) => s.received - before.received >= N + d.redelivered + heartbeats(),
    }).catch(async (err: unknown) => {
      throw new Error(`${(err as Error).message}\n${JSON.stringify((await wall!.snapshot()).ingest)}`);
    });
    const accepted = settled.accepted - before.accepted - heartbeats();
    const duplicates = settled.duplicates - before.duplicates;
    recordFigure('forwarder-sigkill-through-wall', { lines: N, kills: r.kills, accepted, duplicates, subscriberDuplicates: d.redelivered, rejected: settled.rejectedByReason, seconds: r.seconds });
    console.log(`forwarder SIGKILL x${r.kills} through the wall: ${N} lines, wall accepted ${accepted}, wall duplicates ${duplicates}, subscriber duplicates ${d.redelivered}, ${r.seconds.toFixed(1)} s; rejected ${JSON.stringify(settled.rejectedByReason)}`);
    expect(settled.rejected - before.rejected).toBe(0);
    expect(accepted).toBe(N);
    expect(duplicates).toBe(d.redelivered);
  });
});
