// The browser host's own rules: token when configured, read-only HTTP, CSP and
// no-sniff headers on everything, nothing outside the renderer folder, refused off
// loopback without a token, malformed WebSocket messages counted and ignored.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { waitFor } from '../helpers/wait.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const TOKEN = 'test-token-1234567890';

function wsOpen(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('browser host security', () => {
  let core: WallCoreHandle;
  let host: BrowserHost;
  beforeAll(async () => {
    core = await startWallCore({ brokerUrls: [], demo: true, log: () => undefined });
    host = await startBrowserHost({ core, rendererDir, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await host?.close();
    await core?.stop();
  });

  it('requires the token for the API and the WebSocket', async () => {
    expect((await fetch(`${host.url}api/snapshot`)).status).toBe(401);
    expect((await fetch(`${host.url}metrics`)).status).toBe(401);
    expect((await fetch(`${host.url}api/snapshot?token=wrong-token-000000000`)).status).toBe(401);
    expect((await fetch(`${host.url}api/snapshot?token=${TOKEN}`)).status).toBe(200);
    expect((await fetch(`${host.url}metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const wsUrl = host.url.replace('http', 'ws') + 'api/ws';
    await expect(wsOpen(wsUrl)).rejects.toThrow(/401/u);
    const ws = await wsOpen(`${wsUrl}?token=${TOKEN}`);
    ws.close();
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

  it('counts malformed WebSocket messages and keeps serving', async () => {
    const ws = await wsOpen(host.url.replace('http', 'ws') + `api/ws?token=${TOKEN}`);
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'command', id: 1, command: { type: 'rm -rf' } }));
    const reply = await new Promise<unknown>((resolve) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { t: string; id?: number };
        if (m.t === 'reply' && m.id === 2) resolve(m);
      });
      ws.send(JSON.stringify({ t: 'get-state', id: 2 }));
    });
    expect(reply).toMatchObject({ t: 'reply', id: 2, ok: true });
    ws.close();
    const metrics = await (await fetch(`${host.url}metrics?token=${TOKEN}`)).text();
    await waitFor(() => metrics.includes('socwall_rejected_calls_total{reason="ws_bad_message"} 2'), 'the rejects to be counted', 1000);
  });

  it('refuses to listen off loopback without a token', async () => {
    await expect(startBrowserHost({ core, rendererDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/token/u);
  });
});
