// Realistic traffic for the audit, published onto a real broker: the demo simulator (the
// province's mix, bursts, heartbeats, endpoint posture, retained) plus, once a wall has
// connected, a scripted round of every category at every severity over many sites, so every
// panel (the high-severity incidents too) has content from the start.
import type mqtt from 'mqtt';
import { CATEGORIES, SEVERITIES } from '../../../electron/contract/index.js';
import { loadSiteCatalogue } from '../../../electron/core/config/resources.js';
import { TrafficSimulator } from '../../../electron/core/demo/simulator.js';
import { SIGNATURES } from '../../../electron/core/demo/signatures.js';
import { nativeEvent } from '../events.js';

export interface AuditTraffic {
  /** Publishes one event per category × severity (spread over sites, from both sensors); resolves with how many. */
  scriptedRound(): Promise<number>;
  stop(): void;
}

/** Starts the simulator on `client`; `scriptedRound()` adds every category at every severity for a wall that has just connected. */
export function startAuditTraffic(client: mqtt.MqttClient, options: { speed?: number; heartbeatEveryMs?: number } = {}): AuditTraffic {
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
  let round = 0;
  return {
    async scriptedRound() {
      round++;
      const sends: Promise<unknown>[] = [];
      for (const [ci, category] of CATEGORIES.entries()) {
        for (const [si, severity] of SEVERITIES.entries()) {
          // Another site each round, so the wall sees many sites under attack.
          const site = sites[(ci * SEVERITIES.length + si + round * 7) % sites.length]!;
          const signature = SIGNATURES[category][si % SIGNATURES[category].length] ?? `${category} signature`;
          for (const sensor of ['ids-01', 'fw-01']) {
            sends.push(client.publishAsync(`soc/v1/${site.id}/${sensor}/event`, nativeEvent(category, severity, { signature, src_ip: `185.220.101.${10 + ci * 4 + si}` }), { qos: 1 }));
          }
        }
      }
      await Promise.all(sends);
      return sends.length;
    },
    stop: () => simulator.stop(),
  };
}
