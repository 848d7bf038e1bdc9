// Syslog receivers: UDP (one datagram, one message) and TCP (RFC 6587 framing, syslog-framing.ts).
// Bounded: message size, bytes held per connection (one frame), connections per listener
// (further ones are refused by Node's maxConnections and counted) and per sender across the
// listeners (one misbehaving device cannot take the room of the others), idle connections closed.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, isIPv6, type Server, type Socket } from 'node:net';
import type { ForwarderLog } from './forwarder-log.js';
import { SyslogFramer, trimFrame, type FrameDrop } from './syslog-framing.js';
import { normaliseAddress } from './syslog-routes.js';

export interface SyslogEndpoint {
  transport: 'udp' | 'tcp';
  host: string;
  port: number;
}

export interface SyslogMessage {
  text: string;
  /** The sender's address (normalised: IPv4-mapped IPv6 as IPv4). */
  peer: string;
  via: 'syslog-udp' | 'syslog-tcp';
}

export type SyslogDrop = FrameDrop | 'connections_refused';

export interface SyslogListenerOptions {
  endpoints: readonly SyslogEndpoint[];
  /** Longer messages are dropped (`too_long`). */
  maxMessageBytes: number;
  /** TCP connections per listener (default 256). */
  maxConnections?: number;
  /** TCP connections from one sender address, over all listeners (default 16). */
  maxConnectionsPerSender?: number;
  /** A TCP connection silent this long is closed (default 10 minutes). */
  idleMs?: number;
  onMessage: (message: SyslogMessage) => void;
  onDrop: (reason: SyslogDrop, peer: string | null) => void;
  log: ForwarderLog;
}

/** Asked of the kernel for each UDP socket: a burst waits in it while the event loop is busy. */
const UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;

export const endpointText = (e: SyslogEndpoint) => `${e.transport}://${isIPv6(e.host) ? `[${e.host}]` : e.host}:${e.port}`;

export class SyslogListener {
  private readonly udp: UdpSocket[] = [];
  private readonly tcp: Server[] = [];
  private readonly sockets = new Set<Socket>();
  /** Open TCP connections per sender address (only senders with one open). */
  private readonly perSender = new Map<string, number>();
  private readonly bound: { endpoint: SyslogEndpoint; port: number }[] = [];

  constructor(private readonly o: SyslogListenerOptions) {}

  /** The endpoints with the ports actually bound (port 0 asks for a free one). */
  get addresses(): readonly { endpoint: SyslogEndpoint; port: number }[] {
    return this.bound;
  }

  async start(): Promise<void> {
    for (const e of this.o.endpoints) {
      if (e.transport === 'udp') await this.startUdp(e);
      else await this.startTcp(e);
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all([
      ...this.udp.map((u) => new Promise<void>((resolve) => u.close(() => resolve()))),
      ...this.tcp.map((t) => new Promise<void>((resolve) => t.close(() => resolve()))),
    ]);
  }

  private async startUdp(e: SyslogEndpoint): Promise<void> {
    const socket = createSocket({ type: isIPv6(e.host) ? 'udp6' : 'udp4' });
    socket.on('message', (msg, rinfo) => {
      const peer = normaliseAddress(rinfo.address);
      const text = trimFrame(msg);
      if (text.length === 0) return;
      if (text.length > this.o.maxMessageBytes) return this.o.onDrop('too_long', peer);
      this.o.onMessage({ text: text.toString('utf8'), peer, via: 'syslog-udp' });
    });
    socket.on('error', (err) => this.o.log('warn', `syslog ${endpointText(e)}: ${err.message}`));
    await this.listening(socket, 'listening', () => socket.bind(e.port, e.host), e);
    try {
      socket.setRecvBufferSize(UDP_RECEIVE_BUFFER);
    } catch {
      // the kernel's limit (net.core.rmem_max) applies; the default is used
    }
    this.udp.push(socket);
    this.bound.push({ endpoint: e, port: socket.address().port });
  }

  private async startTcp(e: SyslogEndpoint): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.o.maxConnections ?? 256;
    server.on('drop', (d) => this.o.onDrop('connections_refused', d?.remoteAddress ? normaliseAddress(d.remoteAddress) : null));
    server.on('error', (err) => this.o.log('warn', `syslog ${endpointText(e)}: ${err.message}`));
    await this.listening(server, 'listening', () => server.listen(e.port, e.host), e);
    this.tcp.push(server);
    const addr = server.address();
    this.bound.push({ endpoint: e, port: typeof addr === 'object' && addr ? addr.port : e.port });
  }

  private accept(socket: Socket): void {
    const peer = normaliseAddress(socket.remoteAddress ?? '');
    const open = this.perSender.get(peer) ?? 0;
    if (open >= (this.o.maxConnectionsPerSender ?? 16)) {
      socket.destroy();
      this.o.onDrop('connections_refused', peer);
      return;
    }
    this.perSender.set(peer, open + 1);
    this.sockets.add(socket);
    const framer = new SyslogFramer({
      maxFrameBytes: this.o.maxMessageBytes,
      onFrame: (frame) => this.o.onMessage({ text: frame.toString('utf8'), peer, via: 'syslog-tcp' }),
      onDrop: (reason) => this.o.onDrop(reason, peer),
    });
    socket.setTimeout(this.o.idleMs ?? 10 * 60_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => framer.push(chunk));
    socket.on('end', () => {
      framer.end();
      socket.end();
    });
    socket.on('error', () => undefined); // a reset by the sender: the connection just ends
    socket.on('close', () => {
      this.sockets.delete(socket);
      const left = (this.perSender.get(peer) ?? 1) - 1;
      if (left > 0) this.perSender.set(peer, left);
      else this.perSender.delete(peer);
    });
  }

  /** Runs `bind` and waits for `event`, turning a bind error into one that names the endpoint. */
  private async listening(target: UdpSocket | Server, event: string, bind: () => void, e: SyslogEndpoint): Promise<void> {
    const ready = once(target, event);
    bind();
    try {
      await ready;
    } catch (err) {
      throw new Error(`cannot listen for syslog on ${endpointText(e)}: ${(err as Error).message}`, { cause: err });
    }
  }
}
