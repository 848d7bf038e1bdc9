// Scaling past one broker (issue 9): two "provincial" Mosquitto brokers bridge their
// `soc/v1/#` into a "national" one under a prefix each (QoS 1, persistent bridge sessions), and
// the national wall subscribes under both prefixes (profile `mqtt.topic_prefixes`). The wall
// counts exactly the N events published to the two provinces, across a cut and restore of one
// bridge's link (a TCP proxy between that province and the national broker), while sensors keep
// publishing to their own province's broker.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteCatalogue, resourcesDir } from '../../electron/core/config/resources.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { nativeEvent } from '../helpers/events.js';
import { publishMarker, sawMarker } from '../helpers/marker.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { startProxy, type CuttableProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait.js';

const PROVINCES = ['kien-giang', 'an-giang'] as const;
const PER_PROVINCE = 1500;

/** Mosquitto bridge from a province to the national broker (at `port`), republishing under `<province>/`. */
function bridgeConfig(province: string, port: number): string {
  return [
    `connection ${province}-to-national`,
    `address 127.0.0.1:${port}`,
    `topic soc/v1/# out 1 "" ${province}/`,
    'cleansession false',
    `remote_clientid bridge-${province}`,
    'try_private false',
    'notifications false',
    'bridge_protocol_version mqttv311',
    'keepalive_interval 5',
    'restart_timeout 1 2',
  ].join('\n');
}

describe('two provincial brokers bridged into a national one', () => {
  let national: MosquittoBroker;
  const provinces: { name: string; broker: MosquittoBroker; proxy: CuttableProxy; sensors: mqtt.MqttClient }[] = [];
  let core: WallCoreHandle;
  let dir: string;

  beforeAll(async () => {
    national = await startMosquitto({ persistence: true });
    for (const name of PROVINCES) {
      const proxy = await startProxy(national.port);
      const broker = await startMosquitto({ persistence: true, extraConfig: bridgeConfig(name, proxy.port) });
      const sensors = await mqtt.connectAsync(broker.url, { clientId: `sensors-${name}-${process.pid}` });
      provinces.push({ name, broker, proxy, sensors });
    }
    dir = mkdtempSync(join(tmpdir(), 'socwall-bridged-'));
    cpSync(join(resourcesDir(), 'wall'), dir, { recursive: true });
    const profile = join(dir, 'profiles', 'single.yaml');
    writeFileSync(profile, `${readFileSync(profile, 'utf8')}\nmqtt: { topic_prefixes: [${PROVINCES.map((p) => `${p}/soc/v1`).join(', ')}] }\n`);
    core = await startWallCore({ brokerUrls: [national.url], demo: false, configDir: dir, clientId: `national-wall-${process.pid}`, log: () => undefined });
    await waitFor(() => core.snapshot().link.status === 'connected', 'the national wall connected');
  });

  afterAll(async () => {
    await core?.stop();
    for (const p of provinces) {
      await p.sensors.endAsync();
      await p.broker.stop();
      await p.proxy.close();
    }
    await national?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const counted = () => Object.values(core.snapshot().counters.today).reduce((a, b) => a + b, 0);

  it('counts exactly N from both provinces, across a cut and restore of one bridge', async () => {
    // Each province's sensors on sites of their own (site ids are unique across bridged brokers):
    // the first on the first 25 sites of the catalogue, the second on the next 25.
    const sites = loadSiteCatalogue().map((s) => s.id);
    const siteOf = (province: number, i: number) => sites[province * 25 + (i % 25)]!;
    const provinceSites = (province: number) => new Set(Array.from({ length: 25 }, (_, i) => siteOf(province, i)));
    /** Events counted from a province (its sites' last-hour counts). */
    const from = (province: number) => {
      const mine = provinceSites(province);
      return core.snapshot().sites.reduce((a, s) => a + (mine.has(s.id) ? s.count60m : 0), 0);
    };
    // The bridges are up once a probe event from each province has reached the wall.
    for (const [pi, p] of provinces.entries()) await p.sensors.publishAsync(`soc/v1/${siteOf(pi, 0)}/ids-01/event`, nativeEvent('scan', 'low', { id: `probe-${p.name}` }), { qos: 1 });
    await waitFor(() => from(0) === 1 && from(1) === 1, 'both bridges delivering', 15_000);
    const base = counted();

    const publish = async (pi: number, start: number, end: number) => {
      const p = provinces[pi]!;
      const sends: Promise<unknown>[] = [];
      for (let i = start; i < end; i++) sends.push(p.sensors.publishAsync(`soc/v1/${siteOf(pi, i)}/ids-01/event`, nativeEvent(i % 2 ? 'malware' : 'scan', 'medium', { id: `${p.name}-${i}` }), { qos: 1 }));
      await Promise.all(sends);
    };
    const half = PER_PROVINCE / 2;
    await Promise.all([publish(0, 0, half), publish(1, 0, half)]);
    // The first halves across both bridges before the cut.
    await waitFor(() => from(0) === 1 + half && from(1) === 1 + half, 'the first halves counted', 30_000);
    // Cut the first province's bridge; its sensors keep publishing to their own broker, which queues for the bridge.
    provinces[0]!.proxy.cut();
    await Promise.all([publish(0, half, PER_PROVINCE), publish(1, half, PER_PROVINCE)]);
    await waitFor(() => from(1) === 1 + PER_PROVINCE, 'the second province counted in full', 30_000);
    const whileCut = from(0) - 1;
    expect(whileCut, 'nothing crossed the cut bridge').toBe(half);
    provinces[0]!.proxy.restore();
    await waitFor(() => from(0) === 1 + PER_PROVINCE, 'the first province counted in full after its bridge came back', 30_000);
    // Nothing more arrives later (no redelivered copy counted twice): a marker sent through each
    // province's bridge after its events comes after any copy that bridge sends again (marker.ts).
    const markers = await Promise.all(provinces.map(async (p, pi) => ({ site: siteOf(pi, 0), sensor: await publishMarker(p.broker.url, siteOf(pi, 0)) })));
    await waitFor(() => markers.every((m) => sawMarker(core.snapshot(), m.site, m.sensor)), 'a marker through each bridge', 15_000);
    expect(counted() - base).toBe(2 * PER_PROVINCE);
    expect([from(0), from(1)]).toEqual([1 + PER_PROVINCE, 1 + PER_PROVINCE]);
    console.log(`bridged brokers: ${2 * PER_PROVINCE} published over two provinces, ${whileCut} of the first province's counted while its bridge was cut, all after it came back; duplicates dropped: ${core.snapshot().ingest.duplicates}`);
  });

  it('a profile edit of the prefixes applies live: a prefix removed is no longer counted, one kept still is', async () => {
    const profile = join(dir, 'profiles', 'single.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace(/\nmqtt: \{[^\n]*\}\n/u, `\nmqtt: { topic_prefixes: [${PROVINCES[0]}/soc/v1] }\n`));
    const base = counted();
    const sites = loadSiteCatalogue().map((s) => s.id);
    // Until the wall has applied the edit, an event of the second province may still count: wait
    // for the change by probing. Each probe is followed until it is known not counted: seen at the
    // national broker (so queued for the wall if the wall still takes that prefix), then a marker
    // sent to the national broker under the kept prefix, after it, reaches the wall (marker.ts).
    const observer = await mqtt.connectAsync(national.url, { clientId: `observer-${process.pid}` });
    const atNational = new Set<string>();
    observer.on('message', (_topic, payload) => atNational.add((JSON.parse(payload.toString()) as { id: string }).id));
    await observer.subscribeAsync(`${PROVINCES[1]}/soc/v1/${sites[30]}/ids-01/event`, { qos: 1 });
    try {
      await waitFor(
        async () => {
          const before = counted();
          const probe = nativeEvent('scan', 'low');
          await provinces[1]!.sensors.publishAsync(`soc/v1/${sites[30]}/ids-01/event`, probe, { qos: 1 });
          const id = (JSON.parse(probe) as { id: string }).id;
          await waitFor(() => atNational.has(id), 'the probe at the national broker', 5_000);
          const marker = await publishMarker(national.url, sites[3]!, `${PROVINCES[0]}/soc/v1`);
          await waitFor(() => sawMarker(core.snapshot(), sites[3]!, marker), 'the marker after the probe', 5_000);
          return counted() === before;
        },
        'the second prefix unsubscribed',
        15_000,
      );
    } finally {
      await observer.endAsync();
    }
    const settled = counted();
    await provinces[0]!.sensors.publishAsync(`soc/v1/${sites[3]}/ids-01/event`, nativeEvent('malware', 'low'), { qos: 1 });
    await waitFor(() => counted() === settled + 1, 'the first province still counted', 10_000);
    expect(counted()).toBeGreaterThan(base);
  });
});

