// A marker message for "nothing more happened" checks, instead of a sleep: one QoS 1 heartbeat
// from a sensor of its own, published after everything under test. Mosquitto puts a message in
// each subscriber's queue as it takes it, and a resumed session (the wall's, a bridge's) gets
// its unacknowledged messages again before anything newer: once the wall shows the marker's
// sensor, every message the broker had for it before (a redelivered copy included) has been
// applied, so a double count would already show. A heartbeat counts no event and moves no
// timeline: the figures under test stay as they were.
import mqtt from 'mqtt';
import type { SnapshotFrame } from '../../electron/contract/index.js';

let n = 0;

/** Publishes the marker to `url` under `prefix` (acknowledged by the broker) and returns its sensor id. */
export async function publishMarker(url: string, site: string, prefix = 'soc/v1'): Promise<string> {
  const sensor = `marker-${process.pid}-${++n}`;
  const client = await mqtt.connectAsync(url, { clientId: `${sensor}-pub`, clean: true, connectTimeout: 5_000, reconnectPeriod: 0 });
  try {
    await client.publishAsync(`${prefix}/${site}/${sensor}/heartbeat`, JSON.stringify({ status: 'ok' }), { qos: 1 });
  } finally {
    await client.endAsync();
  }
  return sensor;
}

/** The marker has been applied: its sensor is listed on its site. */
export function sawMarker(frame: Pick<SnapshotFrame, 'sites'>, site: string, sensor: string): boolean {
  return frame.sites.some((s) => s.id === site && s.sensors.some((x) => x.id === sensor));
}
