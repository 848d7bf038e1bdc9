import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SyslogListener, type SyslogDrop, type SyslogMessage } from '../../../electron/core/forwarder/syslog-listener.js';
import { waitFor } from '../../helpers/wait.js';

let listener: SyslogListener | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await listener?.close();
  listener = null;
});

async function listen(o: { maxConnections?: number; maxConnectionsPerSender?: number; idleMs?: number; maxMessageBytes?: number } = {}) {
  const messages: SyslogMessage[] = [];
  const drops: SyslogDrop[] = [];
  listener = new SyslogListener({
    endpoints: [
      { transport: 'udp', host: '127.0.0.1', port: 0 },
      { transport: 'tcp', host: '127.0.0.1', port: 0 },
    ],
    maxMessageBytes: o.maxMessageBytes ?? 1024,
    maxConnections: o.maxConnections,
    maxConnectionsPerSender: o.maxConnectionsPerSender,
    idleMs: o.idleMs,
    onMessage: (m) => messages.push(m),
    onDrop: (r) => drops.push(r),
    log: () => undefined,
  });
  await listener.start();
  const [udp, tcp] = listener.addresses.map((a) => a.port) as [number, number];
  return { messages, drops, udp, tcp };
}

function tcpClient(port: number, from?: string): Promise<Socket> {
  const s = connect({ host: '127.0.0.1', port, ...(from ? { localAddress: from } : {}) });
  sockets.push(s);
  s.on('error', () => undefined);
  return new Promise((resolve) => s.once('connect', () => resolve(s)));
}

describe('syslog listener', () => {
  it('UDP: one datagram, one message, trailing LF/NUL stripped; an oversized one dropped', async () => {
    const l = await listen({ maxMessageBytes: 64 });
    const s = createSocket('udp4');
    for (const m of ['<13>one\n', '<13>two\u0000', `<13>${'x'.repeat(100)}`]) await new Promise((r) => s.send(m, l.udp, '127.0.0.1', r));
    s.close();
    await waitFor(() => l.messages.length + l.drops.length >= 3, 'three datagrams');
    expect(l.messages.map((m) => [m.text, m.via, m.peer])).toEqual([
      ['<13>one', 'syslog-udp', '127.0.0.1'],
      ['<13>two', 'syslog-udp', '127.0.0.1'],
    ]);
    expect(l.drops).toEqual(['too_long']);
  });

  it('TCP: refuses connections past the bound and counts them', async () => {
    const l = await listen({ maxConnections: 2 });
    await tcpClient(l.tcp);
    await tcpClient(l.tcp);
    const third = await tcpClient(l.tcp);
    await waitFor(() => l.drops.includes('connections_refused'), 'the third connection refused');
    await waitFor(() => third.destroyed || third.readableEnded, 'the third connection closed', 5000).catch(() => undefined);
    expect(l.drops.filter((d) => d === 'connections_refused')).toHaveLength(1);
  });

  it('TCP: one sender gets at most its share of connections; others still get in; a closed one frees its place', async () => {
    const l = await listen({ maxConnectionsPerSender: 2 });
    const a1 = await tcpClient(l.tcp, '127.0.0.2');
    await tcpClient(l.tcp, '127.0.0.2');
    const refused = await tcpClient(l.tcp, '127.0.0.2');
    await waitFor(() => refused.destroyed || refused.readableEnded || l.drops.includes('connections_refused'), 'the third connection of one sender refused');
    const other = await tcpClient(l.tcp, '127.0.0.3');
    other.write('<13>from another device\n');
    await waitFor(() => l.messages.length === 1, 'the other sender heard');
    expect(l.messages[0]).toMatchObject({ text: '<13>from another device', peer: '127.0.0.3' });
    expect(l.drops).toEqual(['connections_refused']);
    // A connection of the first sender ends: it may open one again.
    a1.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const again = await tcpClient(l.tcp, '127.0.0.2');
    again.write('<13>back\n');
    await waitFor(() => l.messages.length === 2, 'the first sender heard again');
    expect(l.drops).toEqual(['connections_refused']);
  });

  it('TCP: closes a connection idle for longer than the timeout', async () => {
    const l = await listen({ idleMs: 200 });
    const s = await tcpClient(l.tcp);
    const closed = new Promise<void>((resolve) => s.once('close', () => resolve()));
    s.write('<13>hello\n');
    await closed;
    expect(l.messages.map((m) => [m.text, m.via])).toEqual([['<13>hello', 'syslog-tcp']]);
  });
});
