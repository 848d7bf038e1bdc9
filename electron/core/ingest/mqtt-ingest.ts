// The MQTT link: one mqtt.js client with a persistent session (clean: false, stable client
// id, QoS 1), broker failover across a list of URLs, and reconnects with backoff + jitter.
// MQTT 5 where the broker speaks it (a session that expires after SESSION_EXPIRY_S instead of
// living forever, and no retained messages again on a re-subscribe); 3.1.1 with a broker that
// refuses 5 (remembered per URL for the life of the process).
// Each message is handed to `onMessage` synchronously before mqtt.js acknowledges it.
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { LinkState, LinkStatus } from '../../contract/index.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../../contract/common/backoff.js';
import { redactUrl } from './redact.js';
import type { WallLog } from '../log/wall-log.js';

const GAP_HORIZON_MS = 24 * 3600_000;
/**
 * How long an MQTT 5 broker keeps the wall's session (and queues its QoS 1 messages) while it is
 * away: a week, far past any outage the wall is meant to catch up on, yet not forever for a wall
 * that was taken down for good.
 */
export const SESSION_EXPIRY_S = 7 * 24 * 3600;

/** CONNACK codes of a broker that does not speak MQTT 5: 3.1.1's 1, 5's 0x84. */
const UNSUPPORTED_PROTOCOL = new Set([1, 0x84]);
const MAX_GAPS = 50;

export interface MqttIngestOptions {
  brokerUrls: string[];
  clientId: string;
  subscriptions: string[];
  demo?: boolean;
  backoff?: BackoffOptions;
  /** Extra mqtt.js options (TLS files, credentials). */
  clientOptions?: Partial<IClientOptions>;
  onMessage: (topic: string, payload: Buffer, receivedAt: number) => void;
  /** Time of the newest data restored from the journal (shown as "data as of" until new data arrives). */
  lastMessageAt?: number | null;
  /** When the wall stopped having live data before this start (journal), for the first gap. */
  downSince?: number | null;
  log?: WallLog;
  now?: () => number;
}

export class MqttIngest {
  private client: MqttClient | null = null;
  private urlIndex = 0;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The last attempt connected (so a reconnect starts again from the first broker). */
  private wasConnected = false;
  private readonly state: LinkState;
  private readonly now: () => number;
  /** Spans without live data (bounded: 24 h, at most MAX_GAPS). */
  private readonly gaps: { from: number; to: number | null }[] = [];
  private readonly linkListeners = new Set<(link: LinkState) => void>();

  private subscriptions: readonly string[];
  /** Broker URLs that refused MQTT 5. */
  private readonly v311Only = new Set<string>();
  /** Protocol of the current connection (for the log and the retain-handling option). */
  private protocol: 4 | 5 = 5;
  /** The next attempt goes to the same URL at once (it refused MQTT 5: try 3.1.1). */
  private retrySameUrl = false;

  constructor(private readonly options: MqttIngestOptions) {
    if (options.brokerUrls.length === 0) throw new Error('MqttIngest needs at least one broker URL');
    this.subscriptions = [...options.subscriptions];
    this.now = options.now ?? Date.now;
    this.state = {
      status: 'connecting',
      broker: redactUrl(options.brokerUrls[0]!),
      demo: options.demo ?? false,
      lastMessageAt: options.lastMessageAt ?? null,
      since: this.now(),
      reconnects: 0,
      lastError: null,
    };
    // Until the first connection there is no live data: from when the wall went down, if known.
    this.gaps.push({ from: Math.min(options.downSince ?? this.state.since, this.state.since), to: null });
  }

  link(): LinkState {
    const horizon = this.now() - GAP_HORIZON_MS;
    while (this.gaps.length > MAX_GAPS || (this.gaps[0] !== undefined && this.gaps[0].to !== null && this.gaps[0].to < horizon)) this.gaps.shift();
    return { ...this.state, gaps: this.gaps.map((g) => ({ ...g })) };
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Changes the filters: those gone are unsubscribed, new ones subscribed (now if connected, else at the next connect). */
  setSubscriptions(filters: readonly string[]): void {
    const gone = this.subscriptions.filter((f) => !filters.includes(f));
    const added = filters.filter((f) => !this.subscriptions.includes(f));
    this.subscriptions = [...filters];
    const client = this.client;
    if (!client?.connected) return;
    if (gone.length > 0) {
      client.unsubscribe(gone, (err) => {
        if (err) this.options.log?.('error', `MQTT unsubscribe failed: ${err.message}`);
      });
    }
    this.subscribe(client, added);
  }

  private subscribe(client: MqttClient, filters: readonly string[]): void {
    if (filters.length === 0) return;
    // MQTT 5: retained messages only for a filter the session did not have yet (rh 1).
    client.subscribe([...filters], this.protocol === 5 ? { qos: 1, rh: 1 } : { qos: 1 }, (err) => {
      if (err) this.options.log?.('error', `MQTT subscribe failed: ${err.message}`);
    });
  }

  private setStatus(status: LinkStatus): void {
    if (this.state.status === status) return;
    const now = this.now();
    const open = this.gaps[this.gaps.length - 1];
    if (status === 'connected' && open && open.to === null) open.to = now;
    else if (this.state.status === 'connected') this.gaps.push({ from: now, to: null });
    this.state.status = status;
    this.state.since = now;
    const link = this.link();
    for (const l of this.linkListeners) l(link);
  }

  /** Called on every change of the link's status (not on each message). */
  onLink(listener: (link: LinkState) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  private connect(): void {
    const url = this.options.brokerUrls[this.urlIndex]!;
    this.state.broker = redactUrl(url);
    const v5 = !this.v311Only.has(url);
    this.protocol = v5 ? 5 : 4;
    const client = mqtt.connect(url, {
      clientId: this.options.clientId,
      clean: false,
      protocolVersion: this.protocol,
      ...(v5 ? { properties: { sessionExpiryInterval: SESSION_EXPIRY_S } } : {}),
      keepalive: 30,
      connectTimeout: 10_000,
      // Reconnects are ours (backoff, jitter, failover), not mqtt.js's fixed period.
      reconnectPeriod: 0,
      resubscribe: false,
      ...this.options.clientOptions,
    });
    this.client = client;
    // Apply before acknowledging: mqtt.js sends PUBACK when this callback is called.
    client.handleMessage = (packet: IPublishPacket, done) => {
      const receivedAt = this.now();
      this.state.lastMessageAt = receivedAt;
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      try {
        this.options.onMessage(packet.topic, payload, receivedAt);
      } finally {
        done();
      }
    };
    client.on('connect', (connack) => {
      this.attempt = 0;
      this.wasConnected = true;
      this.state.lastError = null;
      this.setStatus('connected');
      this.options.log?.('info', `MQTT ${this.protocol === 5 ? '5' : '3.1.1'} connected to ${this.state.broker} (session present: ${connack.sessionPresent})`);
      // Also with a session present: the profile's prefixes may have changed since it was made
      // (subscribing again to a filter the session has is harmless; retained messages come again).
      this.subscribe(client, this.subscriptions);
    });
    client.on('error', (err) => {
      const code = (err as { code?: unknown }).code;
      if (v5 && typeof code === 'number' && UNSUPPORTED_PROTOCOL.has(code)) {
        this.v311Only.add(url);
        this.retrySameUrl = true;
        this.options.log?.('info', `MQTT: ${this.state.broker} does not speak MQTT 5; using 3.1.1`);
        return;
      }
      this.state.lastError = err.message;
    });
    client.on('close', () => {
      if (this.client !== client || this.stopped) return;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.timer || this.stopped) return;
    const current = this.client;
    this.client = null;
    current?.removeAllListeners();
    current?.on('error', () => undefined);
    current?.end(true);
    this.setStatus(this.state.status === 'connecting' ? 'connecting' : 'reconnecting');
    // A broker that refused MQTT 5 is not a failure: the same URL again at once, in 3.1.1.
    const sameUrl = this.retrySameUrl;
    this.retrySameUrl = false;
    const delay = sameUrl ? 0 : backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    if (!sameUrl) {
      // Brokers are tried in the order given: after a drop, the first one again; after a
      // failed attempt, the next one of the list.
      if (this.wasConnected) this.urlIndex = 0;
      else this.urlIndex = (this.urlIndex + 1) % this.options.brokerUrls.length;
      this.wasConnected = false;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      if (!sameUrl) this.state.reconnects++;
      this.connect();
    }, delay);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    this.setStatus('offline');
    if (client) await client.endAsync(false).catch(() => undefined);
  }
}
