// The renderer's WebSocket transport when the host misbehaves: a call with no host, a host
// that never replies (timeout), a host that goes away with calls pending (they fail at once),
// and a host that comes back on the same port (the transport reconnects by itself, with its
// backoff, and calls work again). A plain `ws` server stands in for the host, so each fault
// is exact; Node's `ws` stands in for the browser's WebSocket (the same event interface).
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WebSocketTransport } from '../../renderer/src/api/ws-wall-api.js';
import { waitFor } from '../helpers/wait.js';

const g = globalThis as { WebSocket?: unknown };
const hadWebSocket = 'WebSocket' in g;
const savedWebSocket = g.WebSocket;
const FAST = { initialMs: 50, maxMs: 200 };

/** A host that answers getState with a counter, or stays silent when `silent`. */
async function fakeHost(port = 0, silent = false): Promise<{ port: number; server: WebSocketServer; calls: number; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const host = {
    port: (server.address() as AddressInfo).port,
    server,
    calls: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (ws) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { id: number; method: string };
      host.calls++;
      if (!silent) ws.send(JSON.stringify({ t: 'reply', id: msg.id, ok: true, result: { method: msg.method, n: host.calls } }));
    });
  });
  return host;
}

function connection(t: WebSocketTransport): { ups: number; downs: number; up: boolean } {
  const seen = { ups: 0, downs: 0, up: false };
  t.onHostConnection((up) => {
    seen.up = up;
    if (up) seen.ups++;
    else seen.downs++;
  });
  return seen;
}

describe('the renderer WebSocket transport under host faults', () => {
  const open: { close(): unknown }[] = [];
  beforeAll(() => {
    g.WebSocket = WebSocket;
  });
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });
  afterAll(() => {
    if (hadWebSocket) g.WebSocket = savedWebSocket;
    else delete g.WebSocket;
  });

  it('refuses a call while there is no host, and says so', async () => {
    const host = await fakeHost();
    const port = host.port;
    await host.close();
    const t = new WebSocketTransport(`ws://127.0.0.1:${port}/`, { backoff: FAST });
    open.push(t);
    await expect(t.call('getState', [])).rejects.toThrow('host not connected');
  });

  it('gives up on a host that never replies after its timeout', async () => {
    const host = await fakeHost(0, true);
    open.push(host);
    const t = new WebSocketTransport(`ws://127.0.0.1:${host.port}/`, { requestTimeoutMs: 300, backoff: FAST });
    open.push(t);
    const seen = connection(t);
    await waitFor(() => seen.up, 'the transport to connect', 5_000);
    const t0 = Date.now();
    await expect(t.call('getState', [])).rejects.toThrow('host did not reply');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(host.calls).toBe(1);
  });

  it('fails pending calls at once when the host goes away, then reconnects when it is back and calls work again', async () => {
    const first = await fakeHost(0, true);
    const port = first.port;
    const t = new WebSocketTransport(`ws://127.0.0.1:${port}/`, { requestTimeoutMs: 30_000, backoff: FAST });
    open.push(t);
    const seen = connection(t);
    await waitFor(() => seen.up, 'the transport to connect', 5_000);
    const pending = t.call('getState', []);
    await waitFor(() => first.calls === 1, 'the call to reach the host', 5_000);
    const t0 = Date.now();
    await first.close();
    await expect(pending).rejects.toThrow('host connection lost');
    expect(Date.now() - t0).toBeLessThan(5_000); // not its 30 s timeout
    expect(seen.up).toBe(false);

    const second = await fakeHost(port);
    open.push(second);
    await waitFor(() => seen.up, 'the transport to reconnect to the host on the same port', 10_000);
    expect(seen.ups).toBe(2);
    await expect(t.call('getConfig', [])).resolves.toEqual({ method: 'getConfig', n: 1 });
  });
});
