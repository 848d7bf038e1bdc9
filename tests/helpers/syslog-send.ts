// Syslog senders for the forwarder's tests: UDP datagrams and a TCP stream from a chosen
// loopback address (127.0.0.0/8 is all loopback on Linux, so senders can be told apart).
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/** One datagram per message, from `from`, to 127.0.0.1:`port`. */
export async function sendUdp(from: string, port: number, messages: string[]): Promise<void> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind({ address: from, port: 0 }, () => resolve()));
  for (const m of messages) await new Promise<void>((resolve, reject) => s.send(m, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  s.close();
}

/** `bytes` over one TCP connection from `from`, in two writes split inside a frame (framing must not depend on how TCP chunks it). */
export async function sendTcp(from: string, port: number, bytes: string): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port, localAddress: from });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  const cut = Math.floor(bytes.length / 2);
  socket.write(bytes.slice(0, cut));
  await new Promise((r) => setTimeout(r, 20));
  await new Promise<void>((resolve) => socket.end(bytes.slice(cut), () => resolve()));
}

/** RFC 6587 octet-counting framing of one message. */
export const octetCounted = (m: string): string => `${Buffer.byteLength(m)} ${m}`;
