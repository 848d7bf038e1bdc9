// The wall's browser host as a real separate process (the built dist-electron/host.js), so
// tests can SIGKILL it and start it again on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SnapshotFrame } from '../../electron/contract/index.js';
import { freePort } from './mosquitto.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const HOST_BUNDLE = `${root}dist-electron/host.js`;

export interface WallProcess {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Epoch ms when the process was spawned. */
  spawnedAt: number;
  snapshot(): Promise<SnapshotFrame>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnWall(args: string[], env: Record<string, string> = {}): Promise<WallProcess> {
  if (!existsSync(HOST_BUNDLE)) throw new Error(`${HOST_BUNDLE} is missing: run "npm run build" first (npm test does).`);
  const port = await freePort();
  const spawnedAt = Date.now();
  const proc = spawn(process.execPath, [HOST_BUNDLE, '--port', String(port), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  // Generous: the machines tests run on may be busy with other work (a demo start takes 1-2 s idle).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the wall exited (${proc.exitCode}): ${out}`);
    try {
      if ((await fetch(`${url}healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the wall did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    process: proc,
    output: () => out,
    spawnedAt,
    snapshot: async () => (await (await fetch(`${url}api/snapshot`)).json()) as SnapshotFrame,
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}
