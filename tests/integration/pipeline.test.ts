// The whole pipeline against a real Mosquitto: publish known events (mqtt.js and
// mosquitto_pub), then assert exact counts in frames, /api/snapshot and /metrics.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_VERSION, type WallFrame } from '../../electron/contract/index.js';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { replayEveFile } from '../../electron/core/demo/replay.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { nativeEvent } from '../helpers/events.js';
import { waitFor } from '../helpers/wait.js';

const SITE = 'so-tttt';
const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const samples = fileURLToPath(new URL('../fixtures/suricata/', import.meta.url));

describe('MQTT → core → frames → host (real Mosquitto)', () => {
  let broker: MosquittoBroker;
  let core: WallCoreHandle;
  let host: BrowserHost;
  let publisher: mqtt.MqttClient;
  const frames: WallFrame[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    core = await startWallCore({ brokerUrls: [broker.url], demo: false, frameHz: 20, clientId: `it-${process.pid}`, log: () => undefined });
    core.onFrame((f) => frames.push(f));
    host = await startBrowserHost({ core, rendererDir, port: 0 });
    await waitFor(() => core.snapshot().link.status === 'connected', 'the wall to connect');
    publisher = await mqtt.connectAsync(broker.url, { clientId: `it-pub-${process.pid}` });
  });

  afterAll(async () => {
    await publisher?.endAsync();
    await host?.close();
    await core?.stop();
    await broker?.stop();
  });

  it('counts every valid event exactly once and rejects malformed ones with a reason', async () => {
    const topic = `soc/v1/${SITE}/ids-01/event`;
    const plan = { scan: 7, spoof: 5, malware: 3, targeted: 2 } as const;
    // Malformed payloads interleaved with valid ones: each rejected and counted, none stops the flow.
    const bad: [string, string, string][] = [
      [topic, '{"category": "scan", "severity": ', 'not_json'],
      [topic, '[1,2,3]', 'not_object'],
      [topic, JSON.stringify({ time: new Date().toISOString(), category: 'nope', severity: 'low' }), 'bad_field:category'],
      [topic, JSON.stringify({ hello: 'world' }), 'unknown_format'],
      ['soc/v1/no-such-site/ids-01/event', nativeEvent('scan'), 'unknown_site'],
      [topic, 'x'.repeat(70 * 1024), 'too_large'],
    ];
    let i = 0;
    for (const [category, n] of Object.entries(plan)) {
      for (let k = 0; k < n; k++) {
        const severity = category === 'targeted' ? 'critical' : 'low';
        await publisher.publishAsync(topic, nativeEvent(category as keyof typeof plan, severity), { qos: 1 });
        const b = bad[i++];
        if (b) await publisher.publishAsync(b[0], b[1], { qos: 1 });
      }
    }
    // Three more through the Mosquitto command-line client (another real publisher).
    for (let k = 0; k < 3; k++) {
      execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(broker.port), '-q', '1', '-t', topic, '-m', nativeEvent('combined', 'medium')]);
    }

    const snap = await waitFor(() => {
      const s = core.snapshot();
      return s.ingest.received >= 17 + 3 + bad.length ? s : null;
    }, 'all messages to arrive');
    expect(snap.counters.today).toEqual({ scan: 7, spoof: 5, malware: 3, combined: 3, targeted: 2, policy: 0, other: 0 });
    expect(snap.ingest.accepted).toBe(20);
    expect(snap.ingest.rejected).toBe(bad.length);
    for (const [, , reason] of bad) expect(snap.ingest.rejectedByReason[reason], reason).toBe(1);

    // The site is critical (two critical events), and its sensor is alive.
    const site = snap.sites.find((s) => s.id === SITE)!;
    expect(site.status).toBe('critical');
    expect(site.count5m).toBe(20);
    expect(site.sensors.map((s) => s.id)).toEqual(['ids-01']);
    // The two critical events are on the ticker, newest first.
    expect(snap.incidents.filter((x) => x.siteId === SITE && x.severity === 'critical')).toHaveLength(2);
    // Timeline: the last hour holds all 20.
    const lastHour = Object.values(snap.timeline.seconds.values).flat().reduce((a, b) => a + b, 0);
    expect(lastHour).toBe(20);

    // Deltas reached the subscriber and, applied in order, carry the same site state.
    await waitFor(() => frames.some((f) => f.sites.some((s) => s.id === SITE && s.status === 'critical')), 'a delta with the critical site');
    const seqs = frames.map((f) => f.seq);
    expect(seqs.every((s, k) => k === 0 || s === seqs[k - 1]! + 1)).toBe(true);

    // The browser host reports the same figures.
    const api = (await (await fetch(`${host.url}api/snapshot`)).json()) as WallFrame;
    expect(api.v).toBe(FRAME_VERSION);
    expect(api.counters.today.scan).toBe(7);
    expect(api.ingest.rejectedByReason.not_json).toBe(1);
    const metrics = await (await fetch(`${host.url}metrics`)).text();
    expect(metrics).toContain('socwall_events_total{category="scan"} 7');
    expect(metrics).toContain('socwall_events_total{category="targeted"} 2');
    expect(metrics).toContain('socwall_events_rejected_total{reason="too_large"} 1');
    expect(metrics).toContain('socwall_mqtt_connected 1');
    expect(metrics).toMatch(/socwall_frames_total [1-9]\d*/u);
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/u);
  });

  it('drops a redelivered message with the same identity', async () => {
    const before = core.snapshot();
    const payload = nativeEvent('policy', 'low', { id: 'dup-1' });
    const topic = `soc/v1/${SITE}/ids-01/event`;
    await publisher.publishAsync(topic, payload, { qos: 1 });
    await publisher.publishAsync(topic, payload, { qos: 1 });
    const after = await waitFor(() => {
      const s = core.snapshot();
      return s.ingest.received >= before.ingest.received + 2 ? s : null;
    }, 'both copies');
    expect(after.counters.today.policy - before.counters.today.policy).toBe(1);
    expect(after.ingest.duplicates - before.ingest.duplicates).toBe(1);
  });

  it('applies heartbeats and endpoint posture (retained)', async () => {
    await publisher.publishAsync('soc/v1/ubnd-tinh/fw-01/heartbeat', JSON.stringify({ status: 'ok' }), { qos: 1, retain: true });
    await publisher.publishAsync('soc/v1/ubnd-tinh/endpoints', JSON.stringify({ total: 400, edr: 380, antivirus: 350, infected: 4 }), { qos: 1, retain: true });
    const snap = await waitFor(() => {
      const s = core.snapshot();
      return s.endpoints.sitesReporting >= 1 && s.sites.find((x) => x.id === 'ubnd-tinh')?.status === 'quiet' ? s : null;
    }, 'posture and heartbeat');
    expect(snap.endpoints).toMatchObject({ total: 400, edr: 380, antivirus: 350, infected: 4, sitesReporting: 1 });
  });

  it('replays a real Suricata EVE file through the broker: every alert counted', async () => {
    const before = core.snapshot();
    const result = await replayEveFile({ file: `${samples}suricata-alerts-wrccdc-2017.ndjson`, broker: broker.url, siteId: 'ttdl-tinh', sensorId: 'ids-replay', rate: 0 });
    expect(result.published).toBe(161);
    const after = await waitFor(() => {
      const s = core.snapshot();
      return s.ingest.received >= before.ingest.received + 161 ? s : null;
    }, 'the replayed alerts');
    const total = (f: WallFrame) => Object.values(f.counters.today).reduce((a, b) => a + b, 0);
    expect(total(after) - total(before)).toBe(161);
    expect(after.ingest.rejected).toBe(before.ingest.rejected);
  });
});
