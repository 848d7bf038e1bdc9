// Publishes the disk queue, in order, QoS 1, with at most `window` records in flight.
// The queue's acknowledged pointer moves only over a contiguous prefix of PUBACKed records
// (disk-queue.ts writes it at most every ~100 ms): a record is deleted only once the broker
// has it. mqtt.js keeps the in-flight records while the connection is down and sends them
// again on reconnect (reconnectPeriod); nothing more is taken from the queue meanwhile.
import mqtt from 'mqtt';
import type { DiskQueue, QueuedRecord } from './disk-queue.js';
import type { ForwarderLog } from './forwarder-log.js';

export interface PublisherOptions {
  queue: DiskQueue;
  brokerUrl: string;
  clientId: string;
  /** TLS and credentials (mqttClientOptions). */
  clientOptions: Partial<mqtt.IClientOptions>;
  /** Records in flight at most (default 64). */
  window?: number;
  /** Milliseconds between reconnection attempts (default 1000). */
  reconnectMs?: number;
  /** Called with each acknowledged prefix, in order. */
  onAcked?: (records: readonly QueuedRecord[]) => void;
  log: ForwarderLog;
  now?: () => number;
}

interface InFlight {
  record: QueuedRecord;
  acked: boolean;
}

export class Publisher {
  private readonly o: PublisherOptions;
  private readonly window: number;
  private readonly now: () => number;
  private client: mqtt.MqttClient | null = null;
  private readonly inFlight: InFlight[] = [];
  /** Records whose publish failed before the broker had them: sent again first. */
  private readonly retry: InFlight[] = [];
  private pumping = false;
  private stopping = false;
  private wasConnected = false;
  private lastError = '';
  /** Records acknowledged by the broker since start. */
  published = 0;
  /** Called at each (re)connection (the heartbeat goes out at once). */
  onConnect: (() => void) | null = null;

  constructor(options: PublisherOptions) {
    this.o = options;
    this.window = options.window ?? 64;
    this.now = options.now ?? Date.now;
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  get inFlightCount(): number {
    return this.inFlight.length;
  }

  /** How long the oldest unacknowledged record taken from the queue has waited (0 when none). */
  backlogMs(): number {
    const head = this.inFlight[0];
    return head ? Math.max(0, this.now() - head.record.queuedAt) : 0;
  }

  start(): void {
    const client = mqtt.connect(this.o.brokerUrl, {
      ...this.o.clientOptions,
      clientId: this.o.clientId,
      // The forwarder's own queue is what survives; the broker keeps no session for it.
      clean: true,
      reconnectPeriod: this.o.reconnectMs ?? 1000,
      connectTimeout: 10_000,
      keepalive: 30,
      // A heartbeat is only worth sending now (see forwarder-heartbeat.ts).
      queueQoSZero: false,
    });
    this.client = client;
    client.on('connect', () => {
      this.wasConnected = true;
      this.lastError = '';
      this.o.log('info', `connected to ${this.o.brokerUrl}`, { queued: this.o.queue.length });
      this.onConnect?.();
      this.pump();
    });
    client.on('close', () => {
      if (this.wasConnected && !this.stopping) this.o.log('warn', `disconnected from ${this.o.brokerUrl}: queueing on disk, reconnecting`, { queued: this.o.queue.length });
      this.wasConnected = false;
    });
    client.on('error', (err) => {
      // Said once per kind of failure, not at every reconnection attempt.
      if (err.message !== this.lastError) this.o.log('warn', `MQTT ${this.o.brokerUrl}: ${err.message}`);
      this.lastError = err.message;
    });
    this.o.queue.onAppend = () => this.schedulePump();
  }

  /** Publishes outside the queue (heartbeats): sent now or not at all. */
  publishNow(topic: string, payload: string): boolean {
    if (!this.client?.connected) return false;
    this.client.publish(topic, payload, { qos: 0, retain: false });
    return true;
  }

  /** Stops taking records, waits up to `drainMs` for those in flight, then ends the client. */
  async stop(drainMs = 2000): Promise<void> {
    this.stopping = true;
    this.o.queue.onAppend = null;
    const deadline = this.now() + drainMs;
    while (this.inFlight.length > 0 && this.connected && this.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const client = this.client;
    this.client = null;
    if (client === null) return;
    if (!client.connected || this.inFlight.length > 0) {
      // What is still in flight stays in the queue for the next start.
      await client.endAsync(true).catch(() => undefined);
      return;
    }
    // A clean DISCONNECT after what is written (the last heartbeat), without waiting long on a broker gone quiet.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.endAsync(false).catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
    clearTimeout(timer);
  }

  private schedulePump(): void {
    if (this.pumping) return;
    this.pumping = true;
    // Many appends in one turn of the event loop: one pump after them.
    setImmediate(() => {
      this.pumping = false;
      this.pump();
    });
  }

  private pump(): void {
    const client = this.client;
    if (client === null || !client.connected || this.stopping) return;
    while (this.retry.length > 0 && client.connected) this.send(this.retry.shift()!);
    const room = this.window - this.inFlight.length;
    if (room <= 0) return;
    for (const record of this.o.queue.read(room)) {
      const entry: InFlight = { record, acked: false };
      this.inFlight.push(entry);
      this.send(entry);
    }
  }

  private send(entry: InFlight): void {
    this.client!.publish(entry.record.topic, entry.record.payload, { qos: 1 }, (err) => {
      if (err) {
        // Failed before the broker had it (the client ended or was flushed): sent again when connected.
        if (!this.stopping) this.retry.push(entry);
        return;
      }
      entry.acked = true;
      this.published++;
      this.advance();
    });
  }

  /** Moves the queue's pointer over the acknowledged prefix. */
  private advance(): void {
    let n = 0;
    while (n < this.inFlight.length && this.inFlight[n]!.acked) n++;
    if (n === 0) return;
    const done = this.inFlight.splice(0, n).map((e) => e.record);
    this.o.queue.acknowledge(done);
    this.o.onAcked?.(done);
    this.schedulePump();
  }
}
