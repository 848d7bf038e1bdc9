// Starts a real Mosquitto broker on a free loopback port for a test, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MosquittoBroker {
  url: string;
  port: number;
  /** Folder with the config and the persistence database. */
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Ends the broker with a signal (SIGKILL: no chance to save its database). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the broker again on the same port with the same database. */
  restart(): Promise<MosquittoBroker>;
}

export interface MosquittoOptions {
  extraConfig?: string;
  port?: number;
  dir?: string;
  /** Keep sessions and queued messages across restarts (saved every second). */
  persistence?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export function mosquittoBinary(): string {
  return process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';
}

export async function startMosquitto(options: MosquittoOptions | string = {}): Promise<MosquittoBroker> {
  const o = typeof options === 'string' ? { extraConfig: options } : options;
  const extraConfig = [o.extraConfig ?? '', o.persistence ? 'persistence true\nautosave_interval 1' : ''].join('\n');
  const port = o.port ?? (await freePort());
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'socwall-mosquitto-'));
  // Started as root, Mosquitto drops to its own user: it must be able to write its database here.
  chmodSync(dir, 0o777);
  const conf = join(dir, 'mosquitto.conf');
  // The wall needs its queued QoS 1 messages kept while it is away (DESIGN.md, MQTT).
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'max_queued_messages 100000',
      'max_inflight_messages 100',
      `persistence_location ${dir}/`,
      extraConfig,
    ].join('\n') + '\n',
  );
  const proc = spawn(mosquittoBinary(), ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (proc.exitCode !== null) throw new Error(`mosquitto exited (${proc.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    dir,
    process: proc,
    stop: () => kill('SIGTERM'),
    kill,
    restart: () => startMosquitto({ ...o, port, dir }),
  };
}
