// The browser host's rules in real Chromium (README, "Security"): a page opened with ?token=
// ends on its clean URL with the token in an HttpOnly cookie and works; a read-only view
// cannot drive the wall; a page of another origin on the same machine cannot open the
// wall's WebSocket (cross-site WebSocket hijacking).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { launchChromium } from '../helpers/chromium.js';
import { rejectedCalls } from '../helpers/metrics-text.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const TOKEN = 'e2e-token-5f1d2c9a7b3e4d6f';

describe('browser host security in Chromium', () => {
  let core: WallCoreHandle;
  let guarded: BrowserHost;
  let open: BrowserHost;
  let foreign: Server;
  let browser: Browser;

  beforeAll(async () => {
    core = await startWallCore({ brokerUrls: [], demo: true, demoSpeed: 40, log: () => undefined });
    guarded = await startBrowserHost({ core, rendererDir, port: 0, token: TOKEN });
    open = await startBrowserHost({ core, rendererDir, port: 0 });
    // Another site on the same machine: a page that tries the wall's WebSocket and API.
    foreign = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><script>
        window.result = new Promise((resolve) => {
          const ws = new WebSocket('ws://127.0.0.1:${open.port}/api/ws');
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        });
        window.api = fetch('http://127.0.0.1:${open.port}/api/config').then((r) => r.text()).then(() => 'read', () => 'blocked');
      </script>`);
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', () => resolve()));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => foreign?.close(r));
    await guarded?.close();
    await open?.close();
    await core?.stop();
  });

  it('?token= moves into an HttpOnly cookie, the URL is clean, the wall runs, and a read-only view cannot command', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${guarded.url}?token=${TOKEN}`);
    expect(page.url()).toBe(guarded.url);
    const cookies = await context.cookies(guarded.url);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: 'socwall_token', httpOnly: true, sameSite: 'Strict' });
    expect(cookies[0]!.value).not.toContain(TOKEN);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.waitForSelector('[data-testid="freshness"]');
    // Its WebSocket got in with the cookie.
    const metrics = async () => (await fetch(`${guarded.url}metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
    const gauge = async () => Number(/socwall_host_ws_clients (\d+)/u.exec(await metrics())![1]);
    await expect.poll(gauge, { timeout: 10_000 }).toBe(1);
    // With a token and no control token nobody commands: L does not change the wall's language.
    // The page forwards the key; the host's refusal (counted as ws_read_only) is the event that
    // shows the key was handled, and a command it had run instead would show at once.
    const language = core.getState().language;
    const refusedBefore = rejectedCalls(await metrics(), 'ws_read_only');
    await page.keyboard.press('l');
    await expect.poll(async () => rejectedCalls(await metrics(), 'ws_read_only') > refusedBefore || core.getState().language !== language, { timeout: 5_000 }).toBe(true);
    expect(core.getState().language).toBe(language);
    expect(rejectedCalls(await metrics(), 'ws_read_only')).toBe(refusedBefore + 1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a page of another origin cannot open the wall’s WebSocket nor read its API', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
    expect(await page.evaluate(() => (window as unknown as { result: Promise<string> }).result)).toBe('refused');
    expect(await page.evaluate(() => (window as unknown as { api: Promise<string> }).api)).toBe('blocked');
    const metrics = await (await fetch(`${open.url}metrics`)).text();
    expect(Number(/reason="ws_bad_origin"\} (\d+)/u.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
    await page.close();
  });
});
