// Zero network dependency: the wall loads and renders fully in Chromium while every
// request to anything but loopback fails. An optional tile server is used when it answers
// and leaves no broken tile when it does not.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { artefactDir, launchChromium } from '../helpers/chromium.js';
import { freePort } from '../helpers/mosquitto.js';
import { copyWallConfig } from '../helpers/wall-config-dir.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const isLoopback = (url: string) => /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//u.test(url) || url.startsWith('data:');

// A 1×1 PNG, served by the local tile server of the last test.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAFgwJ/lS9NUQAAAABJRU5ErkJggg==', 'base64');

interface Watched {
  context: BrowserContext;
  page: Page;
  offsite: string[];
  failed: string[];
}

async function openOffline(browser: Browser, url: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const offsite: string[] = [];
  const failed: string[] = [];
  // Every request that would leave the machine fails, as during an outage.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (isLoopback(u)) return route.continue();
    offsite.push(u);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(url);
  return { context, page, offsite, failed };
}

async function withConfig(mutate: (profile: string) => string): Promise<string> {
  const dir = copyWallConfig('socwall-offline-');
  const file = join(dir, 'profiles', 'single.yaml');
  writeFileSync(file, mutate(readFileSync(file, 'utf8')));
  return dir;
}

describe('offline: no request leaves the machine', () => {
  let browser: Browser;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await browser?.close();
  });

  async function wall(configDir?: string): Promise<{ core: WallCoreHandle; host: BrowserHost }> {
    const core = await startWallCore({ brokerUrls: [], demo: true, demoSpeed: 40, configDir, log: () => undefined });
    const host = await startBrowserHost({ core, rendererDir, port: 0 });
    cleanups.push(async () => {
      await host.close();
      await core.stop();
    });
    return { core, host };
  }

  it('loads and renders map, timeline and counters with zero requests to other origins', async () => {
    const { host } = await wall();
    const w = await openOffline(browser, host.url);
    cleanups.push(() => w.context.close());
    await w.page.waitForSelector('[data-testid="counters"]');
    // Counters receive live figures from the embedded demo.
    await expect.poll(async () => Number(await w.page.locator('[data-testid="counters"] [data-value]').first().getAttribute('data-value', { timeout: 1_000 })), { timeout: 15_000 }).toBeGreaterThan(0);
    // The map draws the bundled province (vector paths on Leaflet's canvas or SVG) and its sites.
    await expect.poll(() => w.page.locator('[data-testid="map"] .leaflet-overlay-pane canvas, [data-testid="map"] .leaflet-overlay-pane path').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await w.page.locator('[data-testid="site-states"] li').count()).toBeGreaterThanOrEqual(50);
    // The timeline chart is drawn (ECharts canvas) on the trends preset (3).
    await w.page.keyboard.press('Control+3');
    await expect.poll(() => w.page.locator('[data-testid="timeline"] canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await w.page.keyboard.press('Control+1');
    // The bundled Vietnamese font is in use, not a fallback fetched from anywhere.
    const fontOk = await w.page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].some((f) => /Be Vietnam Pro/u.test(f.family) && f.status === 'loaded');
    });
    expect(fontOk).toBe(true);
    // The origins panel (preset 9) draws its world from bundled outlines, shaded from the demo's traffic: no tiles, no fetch.
    await w.page.keyboard.press('Control+9');
    await expect.poll(() => w.page.locator('[data-testid="origins-map"] canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => ((await w.page.locator('[data-testid="origins-map"]').getAttribute('data-shaded', { timeout: 1_000 })) ?? '').length, { timeout: 15_000 }).toBeGreaterThan(0);
    await w.page.keyboard.press('Control+1');
    await w.page.screenshot({ path: `${artefactDir()}offline.png` });
    expect(w.offsite).toEqual([]);
    expect(w.failed).toEqual([]);
  });

  it('an unreachable tile server leaves the vector map and no broken tile', async () => {
    const closed = await freePort(); // nothing listens there
    const dir = await withConfig((p) => `${p}\nmap: { tiles: { url: "http://127.0.0.1:${closed}/{z}/{x}/{y}.png", attribution: "Tiles: SOC internal" } }\n`);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { host } = await wall(dir);
    const w = await openOffline(browser, host.url);
    cleanups.push(() => w.context.close());
    await expect.poll(() => w.page.locator('[data-testid="map-panel"]').first().getAttribute('data-tiles', { timeout: 1_000 }), { timeout: 20_000 }).toBe('failed');
    const broken = await w.page.evaluate(() => [...document.querySelectorAll('[data-testid="map"] img.leaflet-tile')].filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 0).length);
    expect(broken).toBe(0);
    expect(await w.page.locator('[data-testid="map"] .leaflet-overlay-pane canvas, [data-testid="map"] .leaflet-overlay-pane path').count()).toBeGreaterThan(0);
    expect(w.offsite).toEqual([]);
  });

  it('a reachable tile server is used under the vector map', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(PNG);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    const dir = await withConfig((p) => `${p}\nmap: { tiles: { url: "http://127.0.0.1:${port}/{z}/{x}/{y}.png" } }\n`);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { host } = await wall(dir);
    const w = await openOffline(browser, host.url);
    cleanups.push(() => w.context.close());
    await expect.poll(() => w.page.locator('[data-testid="map-panel"]').first().getAttribute('data-tiles', { timeout: 1_000 }), { timeout: 20_000 }).toBe('ok');
    expect(await w.page.locator('[data-testid="map"] img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    expect(w.offsite).toEqual([]);
  });
});
