// Realistic traffic for the audit, published onto a real broker: the demo simulator (the
// province's mix, bursts, heartbeats, endpoint posture) plus a scripted round of every
// category at every severity over many sites, so every panel has content from the start.
import type mqtt from 'mqtt';
import { CATEGORIES, SEVERITIES } from '../../../electron/contract/index.js';
import { loadSiteCatalogue } from '../../../electron/core/config/resources.js';
import { TrafficSimulator } from '../../../electron/core/demo/simulator.js';
import { SIGNATURES } from '../../../electron/core/demo/signatures.js';
import { nativeEvent } from '../events.js';

export interface AuditTraffic {
  /** Events published by the scripted round. */
  scripted: number;
  stop(): void;
}

/** Starts the simulator on `client` and publishes one scripted event per category × severity (spread over sites). */
export async function startAuditTraffic(client: mqtt.MqttClient, options: { speed?: number; heartbeatEveryMs?: number } = {}): Promise<AuditTraffic> {
  const sites = loadSiteCatalogue();
  const simulator = new TrafficSimulator({
    sites,
    speed: options.speed ?? 40,
    heartbeatEveryMs: options.heartbeatEveryMs ?? 1000,
    publish: (topic, payload, o) => {
      if (client.connected) client.publish(topic, payload, o);
    },
  });
  simulator.start();
  let scripted = 0;
  const sends: Promise<unknown>[] = [];
  for (const [ci, category] of CATEGORIES.entries()) {
    for (const [si, severity] of SEVERITIES.entries()) {
      const site = sites[(ci * SEVERITIES.length + si) % sites.length]!;
      const signature = SIGNATURES[category][si % SIGNATURES[category].length] ?? `${category} signature`;
      for (const sensor of ['ids-01', 'fw-01']) {
        sends.push(client.publishAsync(`soc/v1/${site.id}/${sensor}/event`, nativeEvent(category, severity, { signature, src_ip: `185.220.101.${10 + ci * 4 + si}` }), { qos: 1 }));
        scripted++;
      }
    }
  }
  await Promise.all(sends);
  return { scripted, stop: () => simulator.stop() };
}
