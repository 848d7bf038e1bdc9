// The forwarder as a real separate process (the self-contained bundle that is shipped), so tests can
// SIGKILL it and start it again on the same state folder, and an MQTT subscriber that collects
// what it publishes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { waitFor } from './wait.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const FORWARD_BUNDLE = `${root}dist-forwarder/soc-wall-forwarder.mjs`;

export interface ForwarderProcess {
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function requireForwarderBundle(): void {
  if (!existsSync(FORWARD_BUNDLE)) throw new Error(`${FORWARD_BUNDLE} is missing: run "npx vite build --mode forwarder" first (npm test builds it).`);
}

/** Starts the forwarder and waits for its "forwarding … to …" line (sources open, listeners bound). */
export async function spawnForwarder(args: string[], env: Record<string, string> = {}): Promise<ForwarderProcess> {
  requireForwarderBundle();
  const proc = spawn(process.execPath, [FORWARD_BUNDLE, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await waitFor(() => {
    if (proc.exitCode !== null) throw new Error(`the forwarder exited (${proc.exitCode}): ${out}`);
    return out.includes('"msg":"forwarding ');
  }, 'the forwarder to start', 20_000).catch((err: unknown) => {
    proc.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${out}`);
  });
  return {
    process: proc,
    output: () => out,
    exited,
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}

export interface ArrivedEvent {
  topic: string;
  id: string;
  via: string;
  peer?: string;
  /** The JSON line (record) re-serialised, or the text line. */
  content: string;
}

/** Everything published under a prefix, events and heartbeats apart. */
export class ForwardCollector {
  readonly events: ArrivedEvent[] = [];
  readonly heartbeats: { topic: string; body: Record<string, unknown> }[] = [];
  private constructor(private readonly client: mqtt.MqttClient) {}

  /**
   * Subscribes QoS 1 under a fixed client id with a kept session: with a broker that persists,
   * what arrives while this subscriber is reconnecting after a broker restart is queued for it.
   */
  static async start(url: string, prefix = 'soc/v1'): Promise<ForwardCollector> {
    const client = mqtt.connect(url, { clientId: `fwd-test-sub-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, clean: false, reconnectPeriod: 200 });
    client.on('error', () => undefined);
    const c = new ForwardCollector(client);
    client.on('message', (topic, payload) => {
      const body = JSON.parse(payload.toString()) as Record<string, unknown>;
      if (topic.endsWith('/heartbeat')) {
        c.heartbeats.push({ topic, body });
        return;
      }
      const f = body.forwarded as { id: string; via: string; peer?: string };
      const content = body.record !== undefined ? JSON.stringify(body.record) : String(body.line);
      c.events.push({ topic, id: f.id, via: f.via, ...(f.peer !== undefined ? { peer: f.peer } : {}), content });
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync([`${prefix}/+/+/event`, `${prefix}/+/+/heartbeat`], { qos: 1 });
    return c;
  }

  /** Distinct line contents that arrived. */
  contents(): Set<string> {
    return new Set(this.events.map((e) => e.content));
  }

  /** Arrivals of an id already seen (redeliveries), and ids that named two different lines (must be 0). */
  duplicates(): { redelivered: number; conflicting: number; distinctIds: number } {
    const byId = new Map<string, string>();
    let redelivered = 0;
    let conflicting = 0;
    for (const e of this.events) {
      const seen = byId.get(e.id);
      if (seen === undefined) byId.set(e.id, e.content);
      else {
        redelivered++;
        if (seen !== e.content) conflicting++;
      }
    }
    return { redelivered, conflicting, distinctIds: byId.size };
  }

  async stop(): Promise<void> {
    await this.client.endAsync(true).catch(() => undefined);
  }
}

/** The lines of `expected` that have not arrived (first few, for a failure message). */
export function missingOf(collector: ForwardCollector, expected: readonly string[]): string[] {
  const got = collector.contents();
  return expected.filter((l) => !got.has(l));
}
