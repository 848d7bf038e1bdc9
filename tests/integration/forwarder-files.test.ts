// The forwarder as a real process on a real Mosquitto, following files: rotation by rename
// and by copytruncate deliver every line exactly once; a broker outage while lines keep being
// appended loses nothing; a clean stop (SIGTERM) and start again neither skips nor repeats.
import { appendFileSync, copyFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ForwardCollector, missingOf, requireForwarderBundle, spawnForwarder, type ForwarderProcess } from '../helpers/forwarder-process.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { waitFor } from '../helpers/wait.js';

const line = (run: string, n: number) => JSON.stringify({ run, n, text: `line ${n} of ${run}` });
const lines = (run: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(run, from + i));
const write = (path: string, ls: readonly string[]) => appendFileSync(path, ls.map((l) => `${l}\n`).join(''));

describe('forwarder: files', () => {
  let broker: MosquittoBroker;
  let forwarder: ForwarderProcess | null = null;
  let collector: ForwardCollector | null = null;

  beforeAll(async () => {
    requireForwarderBundle();
    broker = await startMosquitto({ persistence: true });
  });
  afterEach(async () => {
    await forwarder?.kill('SIGKILL');
    forwarder = null;
    await collector?.stop();
    collector = null;
  });
  afterAll(async () => {
    await broker?.stop();
  });

  const start = (file: string, stateDir: string, extra: string[] = []) =>
    spawnForwarder(['--broker', broker.url, '--file', file, '--site', 'so-tttt', '--sensor', 'suricata-1', '--state-dir', stateDir, '--heartbeat-s', '3600', ...extra]);

  const arrived = (expected: readonly string[], what: string, ms = 30_000) =>
    waitFor(() => missingOf(collector!, expected).length === 0, what, ms).catch((err: unknown) => {
      const missing = missingOf(collector!, expected);
      throw new Error(`${(err as Error).message}: ${missing.length} of ${expected.length} missing, first ${missing[0]}\n${forwarder?.output().slice(-3000)}`);
    });

  it('rotation by rename (with a late write to the old file) and by copytruncate: every line once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-rot-'));
    const file = join(dir, 'eve.json');
    writeFileSync(file, '');
    collector = await ForwardCollector.start(broker.url);
    forwarder = await start(file, join(dir, 'state'));
    const run = `rot${process.pid}`;
    const expected: string[] = [];
    const add = (path: string, ls: string[]) => {
      write(path, ls);
      expected.push(...ls);
    };
    add(file, lines(run, 0, 300));
    // Rotated by rename: the writer still appends to the old file before it reopens.
    renameSync(file, `${file}.1`);
    add(`${file}.1`, lines(run, 300, 350));
    writeFileSync(file, '');
    add(file, lines(run, 350, 600));
    await arrived(expected, 'the lines around the rename');
    // Copytruncate: copied, then truncated in place (lines are only safe once read: the race is copytruncate's).
    copyFileSync(file, `${file}.2`);
    truncateSync(file, 0);
    add(file, lines(run, 600, 900));
    await arrived(expected, 'the lines after the copytruncate');
    // A last rename with the new file written at once, longer than the old position.
    renameSync(file, `${file}.3`);
    add(file, lines(run, 900, 1400));
    await arrived(expected, 'the lines after the second rename');
    const d = collector.duplicates();
    console.log(`forwarder rotation: ${expected.length} lines, ${collector.events.length} arrivals, ${d.redelivered} redelivered`);
    expect(d.conflicting).toBe(0);
    expect(d.redelivered).toBe(0);
    expect(collector.events).toHaveLength(expected.length);
    expect(collector.contents()).toEqual(new Set(expected));
    expect(collector.events.every((e) => e.topic === 'soc/v1/so-tttt/suricata-1/event' && e.via === 'file' && e.peer === undefined)).toBe(true);
  });

  it('the broker stopped for a few seconds while lines keep being appended: nothing lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-outage-'));
    const file = join(dir, 'alerts.json');
    writeFileSync(file, '');
    collector = await ForwardCollector.start(broker.url);
    forwarder = await start(file, join(dir, 'state'));
    const run = `out${process.pid}`;
    const expected: string[] = [];
    let n = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const batch = lines(run, n, n + 20);
        n += 20;
        write(file, batch);
        expected.push(...batch);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await waitFor(() => collector!.events.length >= 200, 'the first lines', 15_000);
    await broker.stop();
    const downAt = expected.length;
    await new Promise((r) => setTimeout(r, 3000)); // the outage itself: lines keep coming meanwhile
    broker = await broker.restart();
    await waitFor(() => expected.length >= downAt + 400, 'lines after the restart', 15_000);
    writing = false;
    await writer;
    await arrived(expected, 'every line after the outage', 40_000);
    const d = collector.duplicates();
    console.log(`forwarder outage: ${expected.length} lines (${downAt} before the broker stopped), ${d.redelivered} redelivered`);
    expect(d.conflicting).toBe(0);
    expect(d.distinctIds).toBe(expected.length);
    expect(collector.contents()).toEqual(new Set(expected));
    expect(forwarder.output()).toMatch(/disconnected from/u);
  });

  it('SIGTERM and start again on the same state folder: exits 0, neither skips nor repeats a line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-stop-'));
    const file = join(dir, 'eve.json');
    writeFileSync(file, `${line('before', 0)}\n`); // there before the first start: not sent (starts at the end)
    collector = await ForwardCollector.start(broker.url);
    const state = join(dir, 'state');
    forwarder = await start(file, state);
    const run = `stop${process.pid}`;
    const expected = lines(run, 0, 500);
    write(file, expected.slice(0, 250));
    await arrived(expected.slice(0, 250), 'the first half');
    await forwarder.kill('SIGTERM');
    expect(await forwarder.exited).toBe(0);
    // Its last heartbeat says it stopped (the wall's HeartbeatSchema has `stopping`).
    await waitFor(() => collector!.heartbeats.some((h) => h.body.status === 'stopping'), 'the stopping heartbeat', 5000);
    write(file, expected.slice(250)); // while stopped
    forwarder = await start(file, state);
    await arrived(expected, 'the second half');
    const d = collector.duplicates();
    expect(d.redelivered).toBe(0);
    expect(collector.events).toHaveLength(expected.length);
    expect(collector.contents().has(line('before', 0))).toBe(false);
  });
});
