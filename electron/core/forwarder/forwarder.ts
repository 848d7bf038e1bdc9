// The forwarder: file tails and syslog listeners → disk queue → MQTT publisher, plus the
// heartbeat and the minute log line. Everything a source accepts is in the queue first
// (disk-queue.ts); the publisher only ever reads the queue.
import { join } from 'node:path';
import { forwardedPayload, type ForwardedMeta } from '../telemetry/forwarded.js';
import { mqttClientOptions } from '../ingest/mqtt-security.js';
import { DiskQueue, type QueueInput } from './disk-queue.js';
import { sourceTag } from './file-position.js';
import { FileTail, DEFAULT_MAX_LINE_BYTES, type TailLine } from './file-tail.js';
import { ForwarderHeartbeat, type HeartbeatStatus, type HeartbeatTarget } from './forwarder-heartbeat.js';
import type { ForwarderLog } from './forwarder-log.js';
import type { ForwarderOptions } from './forwarder-options.js';
import { ForwarderStats, type DropReason } from './forwarder-stats.js';
import { Publisher } from './publisher.js';
import { lockStateDir, nextBootNumber } from './state-files.js';
import { endpointText, SyslogListener, type SyslogMessage } from './syslog-listener.js';
import { SyslogRoutes, type RouteTarget } from './syslog-routes.js';

/** The wall's payload limit (decoder DEFAULT_MAX_PAYLOAD_BYTES): a longer envelope is dropped here, not there. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** More than this much backlog (the oldest unacknowledged record's age) is `degraded`. */
const DEGRADED_BACKLOG_MS = 5000;
const STATS_EVERY_MS = 60_000;
/** Unrouted senders named in the log (then only counted). */
const UNROUTED_NAMED = 10;

export interface ForwarderHandle {
  readonly stats: ForwarderStats;
  /** The syslog endpoints with their bound ports. */
  readonly syslogAddresses: readonly string[];
  stop(): Promise<void>;
}

/** `line` is one JSON object: spliced into the envelope as `record` (no second serialisation). */
function isJsonObjectLine(line: string): boolean {
  // Only a line that starts like an object is worth a parse (syslog text, CEF, filterlog are not).
  const c = line.charCodeAt(0);
  if (c !== 0x7b /* { */ && c !== 0x20 && c !== 0x09) return false;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

export async function startForwarder(o: ForwarderOptions, log: ForwarderLog, now: () => number = Date.now): Promise<ForwarderHandle> {
  // Everything that can refuse to start is checked before anything runs.
  const clientOptions = mqttClientOptions(o.mqtt);
  const release = lockStateDir(join(o.stateDir, 'lock'));
  let queue: DiskQueue;
  try {
    queue = new DiskQueue({ dir: o.stateDir, maxBytes: o.queueMaxBytes, log, now });
  } catch (err) {
    release();
    throw err;
  }
  const stats = new ForwarderStats();
  const eventTopic = (t: RouteTarget) => `${o.prefix}/${t.site}/${t.sensor}/event`;
  // Said once per episode and per kind of source (until the queue takes lines again).
  const fullSaid = new Set<string>();
  const noteFull = (what: string) => {
    if (fullSaid.has(what)) return;
    fullSaid.add(what);
    log('warn', `queue full (${Math.round(queue.pendingBytes / 1048576)} MiB): ${what}`, { queued: queue.length });
  };

  /** Builds a payload; null when the envelope would pass the wall's limit. */
  const payloadOf = (meta: ForwardedMeta, line: string): string | null => {
    const payload = forwardedPayload(meta, line, isJsonObjectLine(line));
    // Length in UTF-16 units is a lower bound of the bytes: count bytes only near the limit.
    return payload.length * 3 <= MAX_PAYLOAD_BYTES || Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES ? payload : null;
  };

  // File sources: each accepted line goes to the queue with the position after it.
  const tails: FileTail[] = [];
  for (const path of o.files) {
    const topic = eventTopic(o.target!);
    const tag = sourceTag(path);
    const pausedNote = `pausing ${path} (its lines wait in the file)`;
    tails.push(
      new FileTail({
        path,
        tag,
        resume: queue.position(tag),
        fromStart: o.fromStart,
        maxLineBytes: DEFAULT_MAX_LINE_BYTES,
        log,
        now,
        onDrop: (reason) => stats.dropped(topic, reason),
        onPosition: (p) => queue.notePosition(p),
        onLines: (lines: TailLine[]) => {
          const received = now();
          const inputs: QueueInput[] = [];
          const lineOf: number[] = [];
          const tooLong: number[] = [];
          lines.forEach((l, i) => {
            const payload = payloadOf({ v: 1, id: l.id, received, via: 'file' }, l.text);
            if (payload === null) tooLong.push(i);
            else {
              inputs.push({ topic, payload, position: l.position });
              lineOf.push(i);
            }
          });
          const n = inputs.length > 0 ? queue.append(inputs) : 0;
          // Lines taken: all of them, or up to the first record the queue refused.
          const taken = n === inputs.length ? lines.length : lineOf[n]!;
          stats.read(topic, n);
          for (const i of tooLong) if (i < taken) stats.dropped(topic, 'too_long');
          if (taken < lines.length) noteFull(pausedNote);
          else fullSaid.delete(pausedNote);
          return taken;
        },
      }),
    );
  }

  // Syslog: routed by sender; dropped (and counted) when the queue is full.
  const routes = new SyslogRoutes(o.routes, o.target);
  const bootId = o.syslog.length > 0 ? nextBootNumber(join(o.stateDir, 'syslog-boot.json'), now()).toString(36) : '';
  let seq = 0;
  const unroutedNamed = new Set<string>();
  const onSyslog = (m: SyslogMessage) => {
    const target = routes.resolve(m.peer, m.text);
    if (target === null) {
      stats.dropped(null, 'unrouted');
      if (unroutedNamed.size < UNROUTED_NAMED && !unroutedNamed.has(m.peer)) {
        unroutedNamed.add(m.peer);
        log('warn', `syslog from ${m.peer} matches no route and there is no --site/--sensor: dropped${unroutedNamed.size === UNROUTED_NAMED ? ' (further unrouted senders are only counted)' : ''}`);
      }
      return;
    }
    const topic = eventTopic(target);
    const meta: ForwardedMeta = { v: 1, id: `s.${bootId}.${(seq++).toString(36)}`, received: now(), via: m.via, peer: m.peer.slice(0, 64) };
    const payload = payloadOf(meta, m.text);
    if (payload === null) return stats.dropped(topic, 'too_long');
    if (queue.append([{ topic, payload, position: null }]) === 0) {
      stats.dropped(topic, 'queue_full');
      noteFull('dropping syslog messages');
      return;
    }
    fullSaid.delete('dropping syslog messages');
    stats.read(topic);
  };
  const listener = new SyslogListener({
    endpoints: o.syslog,
    maxMessageBytes: DEFAULT_MAX_LINE_BYTES,
    onMessage: onSyslog,
    onDrop: (reason, peer) => {
      const target = peer === null ? null : routes.resolve(peer, '');
      stats.dropped(target ? eventTopic(target) : null, reason as DropReason);
    },
    log,
  });

  const publisher = new Publisher({
    queue,
    brokerUrl: o.brokerUrl,
    clientId: o.clientId,
    clientOptions,
    log,
    now,
    onAcked: (records) => {
      for (const r of records) stats.published(r.topic);
    },
  });

  // Heartbeat targets: the files' site/sensor, every route's, the default.
  const targets = new Map<string, HeartbeatTarget>();
  for (const t of [...(o.files.length > 0 && o.target ? [o.target] : []), ...(o.syslog.length > 0 ? routes.targets() : [])]) {
    targets.set(eventTopic(t), { site: t.site, sensor: t.sensor, eventTopic: eventTopic(t), heartbeatTopic: `${o.prefix}/${t.site}/${t.sensor}/heartbeat` });
  }
  const fileTopic = o.target ? eventTopic(o.target) : null;
  const status = (t: HeartbeatTarget): HeartbeatStatus => {
    if (publisher.backlogMs() > DEGRADED_BACKLOG_MS || queue.pendingBytes >= queue.capacityBytes * 0.9) return 'degraded';
    if (t.eventTopic === fileTopic && tails.some((tail) => tail.missing)) return 'degraded';
    return 'ok';
  };
  const heartbeat = new ForwarderHeartbeat({
    targets: [...targets.values()],
    intervalS: o.heartbeatS,
    publish: (topic, payload) => publisher.publishNow(topic, payload),
    status,
    counts: (t) => stats.of(t.eventTopic),
    queued: (t) => queue.depthOf(t.eventTopic),
    now,
  });

  let last = { read: 0, published: 0 };
  const statsTimer = setInterval(() => {
    const s = stats.total;
    log('info', `read ${s.read - last.read}, published ${s.published - last.published} in the last minute; ${queue.length} queued; ${s.dropped} dropped since start`, {
      read: s.read,
      published: s.published,
      queued: queue.length,
      queuedBytes: queue.pendingBytes,
      dropped: s.dropped,
      droppedByReason: s.droppedByReason,
      connected: publisher.connected,
      corruptRecords: queue.corrupt,
    });
    last = { read: s.read, published: s.published };
  }, STATS_EVERY_MS);
  statsTimer.unref();

  try {
    await listener.start();
  } catch (err) {
    queue.close();
    release();
    throw err;
  }
  for (const tail of tails) tail.start();
  // Where each tail starts (the end of a file at a first start) is on disk at once.
  queue.sync();
  // A heartbeat at each connection, so the wall sees the sensor at once.
  publisher.onConnect = () => heartbeat.beat();
  publisher.start();
  heartbeat.start();
  const syslogAddresses = listener.addresses.map((a) => endpointText({ ...a.endpoint, port: a.port }));
  log('info', `forwarding ${[...o.files.map((f) => `file ${f}`), ...syslogAddresses.map((a) => `syslog ${a}`)].join(', ')} to ${o.brokerUrl} under ${o.prefix}`, {
    state: o.stateDir,
    queued: queue.length,
    routes: routes.size,
  });

  let stopped: Promise<void> | null = null;
  return {
    stats,
    syslogAddresses,
    stop: () =>
      (stopped ??= (async () => {
        for (const tail of tails) tail.stop();
        await listener.close();
        clearInterval(statsTimer);
        heartbeat.stop();
        heartbeat.beat('stopping');
        await publisher.stop();
        queue.close();
        release();
        const s = stats.total;
        log('info', `stopped: read ${s.read}, published ${s.published}, ${queue.length} queued for the next start, ${s.dropped} dropped`, { droppedByReason: s.droppedByReason });
      })()),
  };
}
