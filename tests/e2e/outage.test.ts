// Cut the link between the wall and the broker without stopping the broker (a TCP proxy
// that drops connections): the banner, the site states and the outage preset change within
// their configured times, and everything recovers when the link returns.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../electron/core/config/resources.js';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { artefactDir, launchChromium } from '../helpers/chromium.js';
import { nativeEvent } from '../helpers/events.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { startProxy, type CuttableProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const SITES = ['ubnd-tinh', 'ubnd-phu-quoc', 'ubnd-ha-tien'];
const SENSOR_TIMEOUT_MS = 3000;
const OUTAGE_AFTER_S = 4;

describe('link cut between wall and broker (TCP proxy), broker still up', () => {
  let broker: MosquittoBroker;
  let proxy: CuttableProxy;
  let core: WallCoreHandle;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  let sensors: mqtt.MqttClient;
  let beat: NodeJS.Timeout;
  let dir: string;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    broker = await startMosquitto({ persistence: true });
    proxy = await startProxy(broker.port);
    dir = mkdtempSync(join(tmpdir(), 'socwall-outage-'));
    cpSync(join(resourcesDir(), 'wall'), dir, { recursive: true });
    const profile = join(dir, 'profiles', 'single.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace('outage: { preset: 6, after_s: 60 }', `outage: { preset: 6, after_s: ${OUTAGE_AFTER_S} }`));
    core = await startWallCore({
      brokerUrls: [proxy.url],
      demo: false,
      clientId: `outage-${process.pid}`,
      configDir: dir,
      sensorTimeoutMs: SENSOR_TIMEOUT_MS,
      reconnect: { initialMs: 200, maxMs: 1000 },
      log: () => undefined,
    });
    host = await startBrowserHost({ core, rendererDir, port: 0 });
    // Sensors publish straight to the broker (not through the proxy): they are fine, the wall's link is not.
    sensors = await mqtt.connectAsync(broker.url, { clientId: `sensors-${process.pid}` });
    const heartbeat = () => {
      for (const s of SITES) void sensors.publishAsync(`soc/v1/${s}/ids-01/heartbeat`, JSON.stringify({ status: 'ok' }), { qos: 1 });
    };
    heartbeat();
    beat = setInterval(heartbeat, 500);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="screen"]');
  });

  afterAll(async () => {
    clearInterval(beat);
    await browser?.close();
    await sensors?.endAsync();
    await host?.close();
    await core?.stop();
    await proxy?.close();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/outage-figures.json', JSON.stringify(figures, null, 2));
  });

  const siteStatus = (id: string) => page.locator(`[data-site="${id}"]`).first().getAttribute('data-status', { timeout: 1_000 });

  it('shows the cut within the configured times and recovers when the link returns', async () => {
    for (const s of SITES) await expect.poll(() => siteStatus(s), { timeout: 10_000 }).toBe('quiet');
    await sensors.publishAsync(`soc/v1/${SITES[0]}/ids-01/event`, nativeEvent('scan', 'medium'), { qos: 1 });
    await waitFor(() => Object.values(core.snapshot().counters.today).reduce((a, b) => a + b, 0) === 1, 'one event');
    expect(await page.locator('[data-testid="link-banner"]').count()).toBe(0);

    const cutAt = Date.now();
    proxy.cut();
    await page.locator('[data-testid="link-banner"]').waitFor({ timeout: 5_000 });
    figures.bannerAfterMs = Date.now() - cutAt;
    expect(await page.locator('[data-testid="link-banner"]').textContent()).toMatch(/MẤT KẾT NỐI/u);
    for (const s of SITES) await expect.poll(() => siteStatus(s), { timeout: SENSOR_TIMEOUT_MS + 3_000 }).toBe('offline');
    figures.sitesOfflineAfterMs = Date.now() - cutAt;
    await expect.poll(() => page.locator('[data-testid="screen"]').first().getAttribute('data-preset', { timeout: 1_000 }), { timeout: OUTAGE_AFTER_S * 1000 + 3_000 }).toBe('6');
    figures.outagePresetAfterMs = Date.now() - cutAt;
    await expect.poll(() => page.locator('[data-testid="contacts"]').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    // Every figure panel says in words that its figures are the last known, and the header agrees with the banner.
    const figurePanels = await page.locator('[data-stale="true"]').count();
    expect(figurePanels).toBeGreaterThan(0);
    expect(await page.locator('[data-stale="true"] [data-testid="stale-tag"]').allTextContents()).toEqual(new Array<string>(figurePanels).fill('Dữ liệu cũ'));
    expect(await page.locator('[data-testid="link-status"]').getAttribute('data-status')).toBe('offline');
    // The outage column lists every dark site (they fit), and beside them a few of the 47 sites
    // that never reported, the rest as '+K more': a list cut short, never one cut off.
    const dark = page.locator('[data-testid="dark-sites"] li[data-site]');
    await expect.poll(() => dark.count(), { timeout: 3_000 }).toBe(SITES.length);
    const never = page.locator('[data-testid="never-reported"]');
    expect(await never.getAttribute('data-count')).toBe('47');
    const neverNames = await never.locator('li[data-site]').count();
    expect(neverNames, 'three rows beside the dark sites: two names and "+45"').toBe(2);
    expect(await never.locator('li.more').textContent()).toBe(`+${47 - neverNames} đơn vị khác`);
    // While away, the broker queues for the wall's persistent session.
    await sensors.publishAsync(`soc/v1/${SITES[1]}/ids-01/event`, nativeEvent('malware', 'high'), { qos: 1 });
    await page.screenshot({ path: `${artefactDir()}outage.png` });

    const restoredAt = Date.now();
    proxy.restore();
    await waitFor(() => core.snapshot().link.status === 'connected', 'reconnect', 10_000);
    figures.reconnectAfterMs = Date.now() - restoredAt;
    await expect.poll(() => page.locator('[data-testid="link-banner"]').count(), { timeout: 5_000 }).toBe(0);
    for (const s of SITES.slice(2)) await expect.poll(() => siteStatus(s), { timeout: 5_000 }).toBe('quiet');
    await expect.poll(() => siteStatus(SITES[1]!), { timeout: 5_000 }).toBe('critical');
    await expect.poll(() => page.locator('[data-testid="screen"]').first().getAttribute('data-preset', { timeout: 1_000 }), { timeout: 5_000 }).toBe('1');
    figures.recoveredAfterMs = Date.now() - restoredAt;
    // The core records the cut as a closed gap the timeline draws as a band.
    const gap = core.snapshot().link.gaps?.at(-1);
    expect(gap?.from).toBeGreaterThanOrEqual(cutAt);
    expect(gap?.to).toBeGreaterThanOrEqual(restoredAt);
    // Drawn on the last-hour chart (seconds) of the trends preset; a cut of a few seconds is below the 24 h chart's minute.
    await page.keyboard.press('Control+3');
    const band = (w: string) => page.locator(`[data-testid="timeline"][data-window="${w}"] [data-outage-bands]`).first().getAttribute('data-outage-bands', { timeout: 1_000 });
    await expect.poll(() => band('1h'), { timeout: 5_000 }).toMatch(/^seconds:[1-9]\d*$/u);
    expect(await band('24h')).toBe('minutes:0');
    // The event queued during the cut was counted once.
    expect(Object.values(core.snapshot().counters.today).reduce((a, b) => a + b, 0)).toBe(2);
    console.log(`outage figures: ${JSON.stringify(figures)}`);
  });
});
