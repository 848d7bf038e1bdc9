// Publishes N numbered QoS 1 events and retries each until the broker acknowledges it, so a
// broker restart in the middle loses nothing on the publisher's side. Each event carries a
// unique id: a retried copy the broker had already taken is a duplicate the wall must drop.
import mqtt from 'mqtt';
import type { WallFrame } from '../../electron/contract/index.js';
import { nativeEvent } from './events.js';

export interface PublishReport {
  acked: number;
  retries: number;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('publish timed out')), ms))]);
}

export async function publishNumbered(options: {
  url: string;
  n: number;
  site: string;
  runId: string;
  /** Called after the k-th acknowledgement (1-based), e.g. to restart the broker mid-stream. */
  onAck?: (k: number) => Promise<void> | void;
}): Promise<PublishReport> {
  const client = mqtt.connect(options.url, { clientId: `pub-${options.runId}`, clean: true, reconnectPeriod: 100, connectTimeout: 2000 });
  client.on('error', () => undefined);
  let retries = 0;
  try {
    for (let i = 1; i <= options.n; i++) {
      const payload = nativeEvent('scan', 'low', { id: `${options.runId}-${i}` });
      for (;;) {
        try {
          await withTimeout(client.publishAsync(`soc/v1/${options.site}/ids-01/event`, payload, { qos: 1 }), 3000);
          break;
        } catch {
          retries++;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await options.onAck?.(i);
    }
  } finally {
    await client.endAsync(true).catch(() => undefined);
  }
  return { acked: options.n, retries };
}

export function totalToday(frame: WallFrame): number {
  return Object.values(frame.counters.today).reduce((a, b) => a + b, 0);
}
