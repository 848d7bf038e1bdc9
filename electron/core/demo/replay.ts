// Publishes a Suricata EVE file (one JSON object per line) to a broker, as a sensor would.
// Timestamps are moved to "now" (keeping the file's spacing, compressed by `speed`)
// unless `keepTime` is set; every publish is QoS 1 and awaited (PUBACK) before the next.
import { readFile } from 'node:fs/promises';
import mqtt from 'mqtt';
import { eveTimestamp } from './simulator.js';

export interface ReplayOptions {
  file: string;
  broker: string;
  siteId: string;
  sensorId?: string;
  /** Publish at most this many lines per second (0 = as fast as the broker acknowledges). */
  rate?: number;
  keepTime?: boolean;
  prefix?: string;
  log?: (line: string) => void;
}

export interface ReplayResult {
  lines: number;
  published: number;
  /** Lines that were not JSON objects: published anyway, so the wall's reject counters see them. */
  malformed: number;
}

const TIMESTAMP_KEY = /"timestamp"\s*:\s*"[^"]*"/u;

export async function replayEveFile(options: ReplayOptions): Promise<ReplayResult> {
  const text = await readFile(options.file, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim().length > 0);
  const topic = `${options.prefix ?? 'soc/v1'}/${options.siteId}/${options.sensorId ?? 'replay'}/event`;
  const client = await mqtt.connectAsync(options.broker, { clientId: `soc-wall-replay-${process.pid}`, reconnectPeriod: 0 });
  const interval = options.rate && options.rate > 0 ? 1000 / options.rate : 0;
  let published = 0;
  let malformed = 0;
  try {
    for (const line of lines) {
      let payload = line;
      try {
        const obj = JSON.parse(line) as unknown;
        if (typeof obj !== 'object' || obj === null) malformed++;
      } catch {
        malformed++;
      }
      // Rewrite only the timestamp text, leaving the rest of the line byte-for-byte.
      if (!options.keepTime) payload = line.replace(TIMESTAMP_KEY, `"timestamp":"${eveTimestamp(Date.now())}"`);
      await client.publishAsync(topic, payload, { qos: 1 });
      published++;
      if (interval > 0) await new Promise((r) => setTimeout(r, interval));
    }
  } finally {
    await client.endAsync();
  }
  options.log?.(`replayed ${published} lines of ${options.file} to ${topic} (${malformed} not JSON objects)`);
  return { lines: lines.length, published, malformed };
}
