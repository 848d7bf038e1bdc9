// One WebSocket client of the browser host and everything it may cost: requests per second
// (token bucket), replies not yet written to its socket, bytes waiting in its send buffer,
// and a heartbeat. Large messages (snapshots, frames) are shared buffers built once for
// every client; a reply only adds its own few bytes around one.
import type { WebSocket } from 'ws';
import type { HostLimits } from './host-limits.js';
import { TokenBucket } from './token-bucket.js';

export type RefusalCounter = (reason: string) => void;

export class ClientSession {
  private readonly requests: TokenBucket;
  private inFlight = 0;
  /** Requests refused (rate, busy) since the last one answered. */
  private refusedInRow = 0;
  /** Cleared at each ping, set by the pong: still false at the next ping means the client is gone. */
  private answeredPing = true;
  private closed = false;
  /** Generation of the last snapshot sent: one per frame is all a client can use. */
  lastSnapshotGeneration = -1;

  constructor(
    readonly ws: WebSocket,
    /** The commands' right: see host-access.ts. */
    readonly control: boolean,
    /** Whom failed PIN attempts are counted against (see pin-guard.ts). */
    readonly clientKey: string,
    private readonly limits: HostLimits,
    private readonly count: RefusalCounter,
    now: () => number = () => performance.now(),
  ) {
    this.requests = new TokenBucket(limits.requestsPerSecond, limits.requestBurst, now);
    ws.on('pong', () => (this.answeredPing = true));
    ws.on('close', () => (this.closed = true));
  }

  /** Closed or being closed: what it still sends is ignored. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Takes one request from the bucket; false when the client is over its rate. */
  admitRequest(): boolean {
    return this.requests.take();
  }

  /**
   * A request was refused (over the rate, or busy). Returns true when the client has gone on
   * sending past a whole burst of refusals: it is then closed (1008), as no reading client does that.
   */
  refused(): boolean {
    if (this.closed) return true;
    if (++this.refusedInRow <= this.limits.requestBurst) return false;
    this.closed = true;
    this.count('ws_closed_flooding');
    this.ws.close(1008, `too many requests: at most ${this.limits.requestsPerSecond} per second`);
    // The close frame may wait behind a full buffer; the socket does not.
    setTimeout(() => this.ws.terminate(), 1000).unref();
    return true;
  }

  /** A request was answered. */
  answered(): void {
    this.refusedInRow = 0;
  }

  /** True when another reply would exceed the replies this client may have waiting. */
  get busy(): boolean {
    return this.inFlight >= this.limits.maxInFlightPerClient;
  }

  /** A pushed message (frame, state, config): the same buffer for every client. */
  push(message: Buffer): void {
    if (!this.writable(message.length)) return;
    this.ws.send(message, { binary: false });
    this.checkBuffer();
  }

  /** A reply wrapping a shared result: `{"t":"reply","id":N,"ok":true,"result":<shared>}`, sent in fragments so the result is not copied. */
  replyShared(id: number, result: Buffer): void {
    if (!this.writable(result.length)) return;
    this.inFlight++;
    this.ws.send(`{"t":"reply","id":${id},"ok":true,"result":`, { binary: false, fin: false });
    this.ws.send(result, { fin: false });
    this.ws.send('}', { fin: true }, () => this.inFlight--);
    this.checkBuffer();
  }

  /** A small reply built for this client alone. */
  reply(id: number, ok: true, result: unknown): void;
  reply(id: number, ok: false, error: string): void;
  reply(id: number, ok: boolean, value: unknown): void {
    const text = ok ? JSON.stringify({ t: 'reply', id, ok, result: value }) : JSON.stringify({ t: 'reply', id, ok, error: value });
    if (!this.writable(text.length)) return;
    this.inFlight++;
    this.ws.send(text, () => this.inFlight--);
    this.checkBuffer();
  }

  /** Called at every heartbeat: cuts off a client that did not answer the previous ping. */
  heartbeat(): void {
    if (this.closed) return;
    if (!this.answeredPing) {
      this.cutOff('ws_heartbeat_timeout');
      return;
    }
    this.answeredPing = false;
    this.ws.ping();
  }

  private writable(bytes: number): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount + bytes > this.limits.maxBufferedBytes) {
      this.cutOff('ws_slow_client');
      return false;
    }
    return true;
  }

  private checkBuffer(): void {
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) this.cutOff('ws_slow_client');
  }

  /** terminate(), not close(): a close frame would wait behind the very buffer that is too full. */
  private cutOff(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.count(reason);
    this.ws.terminate();
  }
}
