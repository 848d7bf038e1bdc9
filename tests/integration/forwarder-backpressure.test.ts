// The disk queue at its bound while the broker is away: the file source pauses (its lines wait
// in the file and all arrive once the broker is back), syslog messages are dropped and counted
// `queue_full`, and the heartbeat after the reconnection says `degraded` with those counts.
import { appendFileSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForwardCollector, missingOf, requireForwarderBundle, spawnForwarder, type ForwarderProcess } from '../helpers/forwarder-process.js';
import { freePort, startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { sendUdp } from '../helpers/syslog-send.js';
import { waitFor } from '../helpers/wait.js';

const LINES = 8000;
const SYSLOG = 20;

describe('forwarder: the queue at its bound', () => {
  let broker: MosquittoBroker;
  let forwarder: ForwarderProcess | null = null;
  let collector: ForwardCollector | null = null;

  beforeAll(() => requireForwarderBundle());
  afterAll(async () => {
    await forwarder?.kill('SIGKILL');
    await collector?.stop();
    await broker?.stop();
  });

  it('pauses the file, drops syslog as queue_full, and delivers every file line once the broker is back', async () => {
    // The subscriber's session is made, then the broker stops: what the forwarder publishes
    // when it returns is queued for the subscriber however fast either reconnects.
    broker = await startMosquitto({ persistence: true });
    collector = await ForwardCollector.start(broker.url);
    await broker.stop();
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-full-'));
    const file = join(dir, 'eve.json');
    const state = join(dir, 'state');
    writeFileSync(file, '');
    const udp = await freePort();
    forwarder = await spawnForwarder([
      '--broker', broker.url,
      '--file', file,
      '--syslog', `udp://127.0.0.1:${udp}`,
      '--site', 'so-tttt', '--sensor', 'suricata-1',
      '--state-dir', state,
      '--queue-max-mb', '1',
      '--heartbeat-s', '3600',
    ]);
    const run = `full${process.pid}`;
    const expected = Array.from({ length: LINES }, (_, n) => JSON.stringify({ run, n, pad: 'p'.repeat(100) }));
    appendFileSync(file, expected.map((l) => `${l}\n`).join(''));
    await waitFor(() => forwarder!.output().includes('queue full'), 'the queue to fill', 20_000);
    const queued = readdirSync(state).filter((f) => f.endsWith('.seg')).reduce((sum, f) => sum + statSync(join(state, f)).size, 0);
    expect(queued).toBeLessThanOrEqual(1024 * 1024);
    // Each larger than a file line: what room a refused file line leaves cannot take one.
    await sendUdp('127.0.0.1', udp, Array.from({ length: SYSLOG }, (_, i) => `<13>Jan 31 12:00:00 h app: dropped ${i} ${'s'.repeat(600)}`));
    await waitFor(() => forwarder!.output().includes('dropping syslog messages'), 'the syslog messages refused', 10_000);
    broker = await broker.restart();
    await waitFor(() => missingOf(collector!, expected).length === 0, `all ${LINES} file lines`, 40_000).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}: ${missingOf(collector!, expected).length} missing\n${forwarder!.output().slice(-2000)}`);
    });
    expect(collector.duplicates()).toMatchObject({ distinctIds: LINES, conflicting: 0 });
    expect(collector.events.some((e) => e.via === 'syslog-udp')).toBe(false);
    const first = collector.heartbeats.find((h) => h.topic === 'soc/v1/so-tttt/suricata-1/heartbeat');
    expect(first?.body).toMatchObject({ status: 'degraded', forwarder: { dropped: SYSLOG, dropped_by_reason: { queue_full: SYSLOG } } });
    expect((first!.body.forwarder as { queued: number }).queued).toBeGreaterThan(0);
  });
});
