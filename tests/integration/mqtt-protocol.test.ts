// The wall speaks MQTT 5 where the broker does (a session that expires after a week instead of
// living forever) and 3.1.1 where it does not: a real Mosquitto, and the embedded demo broker
// (aedes, which refuses 5). That the MQTT 5 session survives the wall's absence with its queue is
// broker-faults.test.ts ("… while the wall is away …"), which runs on MQTT 5 against Mosquitto.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_EXPIRY_S } from '../../electron/core/ingest/mqtt-ingest.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { nativeEvent } from '../helpers/events.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { waitFor } from '../helpers/wait.js';

describe('MQTT protocol version', () => {
  let broker: MosquittoBroker;
  const cores: WallCoreHandle[] = [];
  beforeAll(async () => {
    broker = await startMosquitto({ persistence: true });
  });
  afterAll(async () => {
    for (const c of cores) await c.stop();
    await broker?.stop();
  });

  const start = async (o: Parameters<typeof startWallCore>[0]) => {
    const lines: string[] = [];
    const core = await startWallCore({ ...o, log: (_l, m) => lines.push(m) });
    cores.push(core);
    await waitFor(() => core.snapshot().link.status === 'connected', 'connected', 15_000);
    return { core, lines };
  };

  it('MQTT 5 with Mosquitto, with a session expiry of a week', async () => {
    const { core, lines } = await start({ brokerUrls: [broker.url], demo: false, clientId: `proto5-${process.pid}` });
    expect(lines.some((l) => l.startsWith(`MQTT 5 connected to mqtt://127.0.0.1:${broker.port}`))).toBe(true);
    expect(SESSION_EXPIRY_S).toBe(604_800);
    // And it works: an event is counted.
    const sensors = await mqtt.connectAsync(broker.url, { clientId: `proto5-sensor-${process.pid}` });
    await sensors.publishAsync('soc/v1/ubnd-tinh/ids-01/event', nativeEvent('scan'), { qos: 1 });
    await waitFor(() => Object.values(core.snapshot().counters.today).reduce((a, b) => a + b, 0) === 1, 'the event counted');
    await sensors.endAsync();
  });

  it('falls back to 3.1.1 at once with a broker that refuses 5 (the embedded demo broker)', async () => {
    const t0 = Date.now();
    const { core, lines } = await start({ brokerUrls: [], demo: true, clientId: `proto4-${process.pid}` });
    expect(lines.some((l) => /does not speak MQTT 5; using 3\.1\.1$/u.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('MQTT 3.1.1 connected'))).toBe(true);
    // No backoff for the switch, and no error left on the link.
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(core.snapshot().link.lastError).toBeNull();
    expect(core.snapshot().link.reconnects).toBe(0);
  });
});
