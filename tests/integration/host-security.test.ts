// The browser host's own rules (README, "Security"): the Host it answers to, the Origin a
// WebSocket must come from, who may command, the token (cookie, redirect, refused when empty),
// read-only HTTP, CSP (the page's <meta> is the header), no-sniff headers, nothing outside
// the renderer folder, refused off loopback without a token, malformed WebSocket messages
// counted and ignored, and the bounds on slow clients, silent clients and slow requests.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { metaCsp, metaCspOf } from '../../electron/contract/csp.js';
import { resourcesDir } from '../../electron/core/config/resources.js';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { rejectedCalls as refusedCount } from '../helpers/metrics-text.js';
import { waitFor } from '../helpers/wait.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const TOKEN = 'test-token-1234567890';
const CONTROL = 'control-token-0987654321';

function wsOpen(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP GET with headers fetch() will not send as given (Host). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends one command and resolves with the host's reply. */
function sendCommand(ws: WebSocket, id: number): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => {
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(d.toString()) as { t: string; id?: number; ok: boolean; error?: string };
      if (m.t === 'reply' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, method: 'command', args: [{ type: 'set-language', language: 'vi' }] }));
  });
}

const metricsOf = async (host: BrowserHost, headers: Record<string, string> = {}) => (await fetch(`${host.url}metrics`, { headers })).text();

describe('browser host security', () => {
  let core: WallCoreHandle;
  let host: BrowserHost;
  const extraHosts: BrowserHost[] = [];
  const startHost = async (o: Partial<BrowserHostOptions>) => {
    const h = await startBrowserHost({ core, rendererDir, port: 0, ...o });
    extraHosts.push(h);
    return h;
  };
  beforeAll(async () => {
    core = await startWallCore({ brokerUrls: [], demo: true, log: () => undefined });
    host = await startBrowserHost({ core, rendererDir, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    for (const h of extraHosts) await h.close();
    await host?.close();
    await core?.stop();
  });

  it('requires the token for the API and the WebSocket', async () => {
    expect((await fetch(`${host.url}api/snapshot`)).status).toBe(401);
    expect((await fetch(`${host.url}metrics`)).status).toBe(401);
    expect((await fetch(`${host.url}api/snapshot?token=wrong-token-000000000`)).status).toBe(401);
    // A different length is refused as well (the comparison is over SHA-256 hashes, in constant time).
    expect((await fetch(`${host.url}api/snapshot?token=${TOKEN}x`)).status).toBe(401);
    expect((await fetch(`${host.url}api/snapshot?token=${TOKEN}`)).status).toBe(200);
    expect((await fetch(`${host.url}metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const wsUrl = host.url.replace('http', 'ws') + 'api/ws';
    await expect(wsOpen(wsUrl)).rejects.toThrow(/401/u);
    const ws = await wsOpen(`${wsUrl}?token=${TOKEN}`);
    ws.close();
  });

  it('moves a page token into an HttpOnly, SameSite=Strict cookie and redirects to the clean URL', async () => {
    const res = await fetch(`${host.url}?screen=a&token=${TOKEN}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?screen=a');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^socwall_token=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/u);
    expect(cookie).not.toContain(TOKEN);
    const jar = cookie.split(';')[0]!;
    expect((await fetch(`${host.url}api/snapshot`, { headers: { Cookie: jar } })).status).toBe(200);
    const ws = await wsOpen(`${host.url.replace('http', 'ws')}api/ws`, { headers: { Cookie: jar }, origin: host.url.slice(0, -1) });
    ws.close();
    // The clean URL stays on this host.
    const odd = await rawGet(host.port, `/.//attacker.example/?token=${TOKEN}`, { Host: `127.0.0.1:${host.port}` });
    expect(odd.status).toBe(303);
    expect(odd.headers.location).toBe('/attacker.example/');
    // A wrong page token is refused, not silently dropped.
    expect((await fetch(`${host.url}?token=wrong-token-000000000`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${host.url}api/snapshot`, { headers: { Cookie: 'socwall_token=forged' } })).status).toBe(401);
  });

  it('refuses an empty or short token at start', async () => {
    await expect(startBrowserHost({ core, rendererDir, port: 0, token: '' })).rejects.toThrow(/empty/u);
    await expect(startBrowserHost({ core, rendererDir, port: 0, token: '   ' })).rejects.toThrow(/empty/u);
    await expect(startBrowserHost({ core, rendererDir, port: 0, token: 'short' })).rejects.toThrow(/too short/u);
    await expect(startBrowserHost({ core, rendererDir, port: 0, controlToken: '' })).rejects.toThrow(/empty/u);
  });

  it('answers 421 to a Host that is not its own (DNS rebinding), on HTTP and on the WebSocket', async () => {
    const open = await startHost({ hostNames: ['wall.soc.lan'] });
    const { port } = open;
    for (const hostHeader of ['rebind.attacker.example', `rebind.attacker.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `localhost.attacker.example:${port}`, `wall.soc.lan.attacker.example`]) {
      for (const path of ['/api/snapshot', '/api/config', '/metrics', '/']) {
        expect((await rawGet(port, path, { Host: hostHeader })).status, `${hostHeader} ${path}`).toBe(421);
      }
    }
    for (const hostHeader of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`, 'wall.soc.lan', `wall.soc.lan:${port}`]) {
      expect((await rawGet(port, '/api/snapshot', { Host: hostHeader })).status, hostHeader).toBe(200);
    }
    await expect(wsOpen(`ws://127.0.0.1:${port}/api/ws`, { headers: { Host: `rebind.attacker.example:${port}` } })).rejects.toThrow(/421/u);
    expect(refusedCount(await metricsOf(open), 'http_bad_host')).toBeGreaterThanOrEqual(24);
    expect(refusedCount(await metricsOf(open), 'ws_bad_host')).toBe(1);
  });

  it('refuses a WebSocket from a foreign Origin (cross-site WebSocket hijacking), even with the token', async () => {
    const open = await startHost({});
    const wsUrl = `ws://127.0.0.1:${open.port}/api/ws`;
    for (const origin of ['http://attacker.example', 'null', `http://localhost:${open.port}`, `http://127.0.0.1:${open.port + 1}`, `https://127.0.0.1:${open.port}`]) {
      await expect(wsOpen(wsUrl, { origin }), origin).rejects.toThrow(/403/u);
    }
    await expect(wsOpen(`ws://127.0.0.1:${host.port}/api/ws?token=${TOKEN}`, { origin: 'http://attacker.example' })).rejects.toThrow(/403/u);
    // Counted by the core all hosts of this file share: five here, one on the token host.
    expect(refusedCount(await metricsOf(open), 'ws_bad_origin')).toBe(6);
    // The host's own origin, and a client without Origin (not a browser), are let in.
    (await wsOpen(wsUrl, { origin: `http://127.0.0.1:${open.port}` })).close();
    (await wsOpen(wsUrl)).close();
  });

  it('takes commands from the wall’s own loopback pages only, never because the peer is on loopback', async () => {
    const open = await startHost({ hostNames: ['wall.soc.lan'] });
    const port = open.port;
    const wsUrl = `ws://127.0.0.1:${port}/api/ws`;
    const tryCommand = async (options: WebSocket.ClientOptions) => {
      const ws = await wsOpen(wsUrl, options);
      const reply = await sendCommand(ws, 7);
      ws.close();
      return reply.ok;
    };
    expect(await tryCommand({ origin: `http://127.0.0.1:${port}` })).toBe(true);
    expect(await tryCommand({ origin: `http://localhost:${port}`, headers: { Host: `localhost:${port}` } })).toBe(true);
    // All of these connect from 127.0.0.1 too, and may only read.
    expect(await tryCommand({})).toBe(false);
    expect(await tryCommand({ origin: 'http://wall.soc.lan', headers: { Host: 'wall.soc.lan' } })).toBe(false);
    expect(await tryCommand({ origin: `http://127.0.0.1:${port}`, headers: { 'X-Forwarded-For': '203.0.113.9' } })).toBe(false);
    expect(await tryCommand({ origin: `http://127.0.0.1:${port}`, headers: { Via: '1.1 proxy' } })).toBe(false);
    expect(refusedCount(await metricsOf(open), 'ws_read_only')).toBe(4);

    // With a token (an exposed host) or a control token, only the control token commands.
    const guarded = await startHost({ token: TOKEN, controlToken: CONTROL });
    const gUrl = `ws://127.0.0.1:${guarded.port}/api/ws`;
    const own = `http://127.0.0.1:${guarded.port}`;
    const gCommand = async (query: string, options: WebSocket.ClientOptions = {}) => {
      const ws = await wsOpen(`${gUrl}${query}`, options);
      const reply = await sendCommand(ws, 8);
      ws.close();
      return reply.ok;
    };
    expect(await gCommand(`?token=${TOKEN}`, { origin: own })).toBe(false);
    expect(await gCommand(`?control=${CONTROL}`, { origin: own })).toBe(true);
    expect(await gCommand('', { headers: { 'X-SocWall-Control': CONTROL } })).toBe(true);
    await expect(gCommand(`?control=wrong-control-token-00`, { origin: own })).rejects.toThrow(/401/u);
    // The page flow: ?control= once, then the cookie.
    const res = await fetch(`http://127.0.0.1:${guarded.port}/?control=${CONTROL}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const jar = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(jar).toMatch(/^socwall_control=/u);
    expect(await gCommand('', { origin: own, headers: { Cookie: jar } })).toBe(true);
  });

  it('is read-only over HTTP and sends its security headers', async () => {
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${host.url}..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${host.url}api/nothing?token=${TOKEN}`)).status).toBe(404);
  });

  it('CSP: connect-src names only the wall’s own origin, and the page’s <meta> policy is the header', async () => {
    // A profile with a tile server: the one remote origin, for images, in both policies.
    const dir = mkdtempSync(join(tmpdir(), 'socwall-csp-'));
    cpSync(join(resourcesDir(), 'wall'), dir, { recursive: true });
    const profile = join(dir, 'profiles', 'single.yaml');
    writeFileSync(profile, `${readFileSync(profile, 'utf8')}\nmap: { tiles: { url: "http://tiles.soc.lan:8080/{z}/{x}/{y}.png" } }\n`);
    const tileCore = await startWallCore({ brokerUrls: [], demo: true, configDir: dir, log: () => undefined });
    try {
      const tileHost = await startBrowserHost({ core: tileCore, rendererDir, port: 0 });
      try {
        for (const path of ['', 'index.html']) {
          const res = await fetch(`${tileHost.url}${path}`);
          const header = res.headers.get('content-security-policy')!;
          expect(header).toMatch(/connect-src 'self';/u);
          expect(header).not.toMatch(/ws:|wss:|\*/u);
          expect(header).toContain("img-src 'self' data: http://tiles.soc.lan:8080;");
          expect(metaCspOf(await res.text())).toBe(metaCsp(header));
        }
      } finally {
        await tileHost.close();
      }
    } finally {
      await tileCore.stop();
    }
  });

  it('counts malformed WebSocket messages and keeps serving', async () => {
    // The core's counter is shared with the other hosts of this file: count from here.
    const badMessages = async () => refusedCount(await (await fetch(`${host.url}metrics?token=${TOKEN}`)).text(), 'ws_bad_message');
    const before = await badMessages();
    const ws = await wsOpen(host.url.replace('http', 'ws') + `api/ws?token=${TOKEN}`);
    const replies = new Map<number, unknown>();
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { t: string; id?: number };
      if (m.t === 'reply' && m.id !== undefined) replies.set(m.id, m);
    });
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'call', id: 1, method: 'command', args: [{ type: 'rm -rf' }] }));
    ws.send(JSON.stringify({ t: 'call', id: 2, method: 'getState', args: [] }));
    await waitFor(() => replies.has(2), 'the reply to the good call', 5_000);
    // The well-formed envelope with bad arguments is refused, not run; the good call after it is served.
    expect(replies.get(1)).toMatchObject({ t: 'reply', id: 1, ok: false });
    expect(replies.get(2)).toMatchObject({ t: 'reply', id: 2, ok: true });
    ws.close();
    // A fresh /metrics each poll; then exactly two, not more (the good call is not a reject).
    await waitFor(async () => (await badMessages()) >= before + 2, 'the rejects to be counted', 5_000);
    expect(await badMessages()).toBe(before + 2);
  });

  it('shares one snapshot per frame between clients', async () => {
    const open = await startHost({});
    const clients = await Promise.all(Array.from({ length: 10 }, () => wsOpen(`ws://127.0.0.1:${open.port}/api/ws`)));
    const before = Number(/socwall_host_snapshot_builds_total (\d+)/u.exec(await metricsOf(open))![1]);
    const framesBefore = Number(/socwall_frames_total (\d+)/u.exec(await metricsOf(open))![1]);
    const replies = clients.map(
      (ws, i) =>
        new Promise<number>((resolve) => {
          let got = 0;
          ws.on('message', (d) => {
            if (d.toString().startsWith('{"t":"reply"')) got++;
            if (got === 3) resolve(got);
          });
          for (let k = 0; k < 3; k++) setTimeout(() => ws.send(JSON.stringify({ t: 'call', id: i * 10 + k, method: 'getSnapshot', args: [] })), k * 300);
        }),
    );
    await Promise.all(replies);
    const after = Number(/socwall_host_snapshot_builds_total (\d+)/u.exec(await metricsOf(open))![1]);
    const framesAfter = Number(/socwall_frames_total (\d+)/u.exec(await metricsOf(open))![1]);
    for (const ws of clients) ws.close();
    // 30 snapshots asked; at most one built per frame.
    expect(after - before).toBeLessThanOrEqual(framesAfter - framesBefore + 1);
    expect(after - before).toBeLessThan(30);
  });

  it('cuts off a client that stops answering pings (heartbeat)', async () => {
    const open = await startHost({ limits: { heartbeatMs: 300 } });
    const silent = await wsOpen(`ws://127.0.0.1:${open.port}/api/ws`, { autoPong: false });
    await new Promise<void>((resolve) => silent.once('close', () => resolve()));
    expect(refusedCount(await metricsOf(open), 'ws_heartbeat_timeout')).toBe(1);
  });

  it('cuts off a client whose send buffer grows past its bound (it never reads)', async () => {
    // Limits opened wide but for the buffer, so the kernel's socket buffers fill and the rest waits in the host.
    const open = await startHost({ limits: { maxBufferedBytes: 256 * 1024, requestsPerSecond: 100_000, requestBurst: 100_000, maxInFlightPerClient: 100_000 } });
    const slow = await wsOpen(`ws://127.0.0.1:${open.port}/api/ws`);
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const before = refusedCount(await metricsOf(open), 'ws_slow_client');
    for (let id = 1; id <= 4000; id++) slow.send(JSON.stringify({ t: 'call', id, method: 'getConfig', args: [] }));
    await waitFor(async () => refusedCount(await metricsOf(open), 'ws_slow_client') > before, 'the slow client to be cut off', 10_000);
    await waitFor(async () => /socwall_host_ws_clients 0/u.test(await metricsOf(open)), 'the slow client to be gone', 5_000);
    slow.terminate();
  });

  it('closes a connection that never finishes its request headers (headersTimeout)', async () => {
    const open = await startHost({ limits: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
    const socket = connect(open.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const t0 = Date.now();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/u);
    expect(refusedCount(await metricsOf(open), 'http_timeout')).toBe(1);
  });

  it('drops connections over its connection limit and counts them', async () => {
    const open = await startHost({ limits: { maxConnections: 3 } });
    const sockets = await Promise.all(
      Array.from({ length: 5 }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
        const s = connect(open.port, '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      })),
    );
    await waitFor(() => sockets.filter((s) => s.destroyed || s.readableEnded).length >= 2, 'two connections to be dropped', 5_000);
    for (const s of sockets) s.destroy();
    await waitFor(async () => refusedCount(await metricsOf(open), 'http_too_many_connections') >= 2, 'the drops to be counted', 5_000);
  });

  it('bounds HTTP requests per connection, and API requests over all connections (429, counted)', async () => {
    const open = await startHost({ limits: { httpRequestsPerSecond: 10, httpRequestBurst: 20, apiRequestsPerSecond: 5, apiRequestBurst: 5 } });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          request({ host: '127.0.0.1', port: open.port, path: '/healthz', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          }).on('error', reject).end();
        }),
      );
    }
    agent.destroy();
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    // The API budget is shared: new connections do not get more of it.
    const api = await Promise.all(Array.from({ length: 10 }, () => rawGet(open.port, '/api/state', { Host: `127.0.0.1:${open.port}`, Connection: 'close' })));
    expect(api.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(4);
    expect(refusedCount(await metricsOf(open), 'http_rate_limited')).toBeGreaterThanOrEqual(19);
  });

  it('refuses to listen off loopback without a token', async () => {
    await expect(startBrowserHost({ core, rendererDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/token/u);
  });
});
