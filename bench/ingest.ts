// Ingest through a real Mosquitto: the wall (the built browser host in its own process, the
// journal on, as the Electron app runs) against a bare mqtt.js QoS 1 subscriber that parses
// each payload (bench/bare-subscriber.mjs), on the same 200,000-message burst of the
// steady-state corpus (fresh identities). Each subscriber is connected and idle, then a
// publisher sends the whole burst as fast as the broker takes it (QoS 1). Measured: the
// received rate (messages over the time from the first publish to the last message in), the
// CPU per message of the subscriber's process (/proc/<pid>/stat over the burst) and the
// backlog: how long after the publisher's last PUBACK the subscriber had everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { freePort, startMosquitto } from '../tests/helpers/mosquitto.js';
import { corpus } from './pipeline.js';

const root = fileURLToPath(new URL('../', import.meta.url));
// SOCWALL_BENCH_HOST: another build's host.js, to compare before and after a change in one run.
// SOCWALL_BENCH_NO_JOURNAL=1: the wall without --data-dir (no journal), to measure what the journal costs.
const HOST = process.env.SOCWALL_BENCH_HOST ?? join(root, 'dist-electron', 'host.js');
const CLK_TCK = 100; // Linux USER_HZ

export interface IngestRun {
  who: 'bare' | 'wall';
  messages: number;
  perSecond: number;
  cpuMicrosPerMessage: number;
  backlogMs: number;
}

export interface IngestBenchResult {
  runs: IngestRun[];
  /** Best of each. */
  bare: IngestRun;
  wall: IngestRun;
  rateRatio: number;
  cpuRatio: number;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
}

function lines(proc: ChildProcess, onLine: (line: string) => void): void {
  let buf = '';
  proc.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
}

async function publishBurst(url: string, messages: readonly { topic: string; payload: Buffer }[]): Promise<{ startedAt: number; endedAt: number }> {
  const pub = await mqtt.connectAsync(url, { clientId: `bench-ingest-pub-${process.pid}-${Date.now()}` });
  const startedAt = Date.now();
  // A window of publishes in flight, as a sensor relay would keep.
  const WINDOW = 500;
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    const pump = () => {
      while (inFlight < WINDOW && next < messages.length) {
        const m = messages[next++]!;
        inFlight++;
        pub.publish(m.topic, m.payload, { qos: 1 }, (err) => {
          if (err) return reject(err);
          inFlight--;
          if (next === messages.length && inFlight === 0) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const endedAt = Date.now();
  await pub.endAsync();
  return { startedAt, endedAt };
}

/**
 * The burst into `url` while `pid` subscribes: its CPU over the burst, the rate from the first
 * publish to `doneAt()` (when the subscriber had every message), and the backlog past the
 * publisher's last PUBACK.
 */
async function burst(who: IngestRun['who'], pid: number, url: string, messages: readonly { topic: string; payload: Buffer }[], doneAt: () => Promise<number>): Promise<IngestRun> {
  const cpu0 = cpuSeconds(pid);
  const { startedAt, endedAt } = await publishBurst(url, messages);
  const done = await doneAt();
  const cpu = cpuSeconds(pid) - cpu0;
  return { who, messages: messages.length, perSecond: messages.length / ((done - startedAt) / 1000), cpuMicrosPerMessage: (cpu * 1e6) / messages.length, backlogMs: Math.max(0, done - endedAt) };
}

async function runBare(url: string, messages: readonly { topic: string; payload: Buffer }[]): Promise<IngestRun> {
  const clientId = `bench-bare-${process.pid}-${Date.now()}`;
  const proc = spawn(process.execPath, [join(root, 'bench', 'bare-subscriber.mjs'), url, clientId, String(messages.length)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let ready!: () => void;
    let done!: (at: number) => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const isDone = new Promise<number>((r) => (done = r));
    lines(proc, (l) => {
      if (l === 'ready') ready();
      else if (l.startsWith('done ')) done(Number(l.slice(5)));
    });
    await isReady;
    await new Promise((r) => setTimeout(r, 500));
    return await burst('bare', proc.pid!, url, messages, () => isDone);
  } finally {
    proc.kill('SIGKILL');
  }
}

async function runWall(url: string, messages: readonly { topic: string; payload: Buffer }[]): Promise<IngestRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'socwall-bench-ingest-'));
  const port = await freePort();
  const journal = process.env.SOCWALL_BENCH_NO_JOURNAL === '1' ? [] : ['--data-dir', dataDir];
  const proc = spawn(process.execPath, [HOST, '--broker', url, '--port', String(port), ...journal], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const metrics = `http://127.0.0.1:${port}/metrics`;
  const received = async () => {
    const text = await (await fetch(metrics)).text();
    return Number(/^socwall_messages_received_total (\d+)/mu.exec(text)?.[1] ?? 0);
  };
  try {
    for (let deadline = Date.now() + 30_000; ; ) {
      try {
        if (/^socwall_mqtt_connected 1/mu.test(await (await fetch(metrics)).text())) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('the wall did not connect');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const before = await received();
    return await burst('wall', proc.pid!, url, messages, async () => {
      while ((await received()) - before < messages.length) await new Promise((r) => setTimeout(r, 20));
      return Date.now();
    });
  } finally {
    proc.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchIngest(rounds = 2): Promise<IngestBenchResult> {
  if (!existsSync(HOST)) throw new Error('dist-electron/host.js is missing: run npm run build first');
  const messages = corpus(185_000).slice(0, 200_000);
  const broker = await startMosquitto({ extraConfig: 'max_inflight_messages 100\nmax_queued_messages 1000000' });
  const runs: IngestRun[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      runs.push(await runBare(broker.url, messages));
      runs.push(await runWall(broker.url, messages));
    }
  } finally {
    await broker.stop();
  }
  const best = (who: 'bare' | 'wall') => runs.filter((r) => r.who === who).reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const bare = best('bare');
  const wall = best('wall');
  return { runs, bare, wall, rateRatio: wall.perSecond / bare.perSecond, cpuRatio: wall.cpuMicrosPerMessage / bare.cpuMicrosPerMessage };
}
