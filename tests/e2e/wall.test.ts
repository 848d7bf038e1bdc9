// End to end in real Chromium through the browser host: publish events to a real
// Mosquitto and watch counters, ticker, timeline and a site marker change; press L.
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { artefactDir, launchChromium } from '../helpers/chromium.js';
import { nativeEvent } from '../helpers/events.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const SITE = 'ubnd-phu-quoc';
const QUIET_SITE = 'ubnd-ha-tien';

describe('the wall in Chromium (browser host, real Mosquitto)', () => {
  let broker: MosquittoBroker;
  let core: WallCoreHandle;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  let publisher: mqtt.MqttClient;
  const problems: string[] = [];

  beforeAll(async () => {
    broker = await startMosquitto();
    core = await startWallCore({ brokerUrls: [broker.url], demo: false, clientId: `e2e-${process.pid}`, log: () => undefined });
    host = await startBrowserHost({ core, rendererDir, port: 0 });
    publisher = await mqtt.connectAsync(broker.url, { clientId: `e2e-pub-${process.pid}` });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="freshness"]');
  });

  afterAll(async () => {
    await browser?.close();
    await publisher?.endAsync();
    await host?.close();
    await core?.stop();
    await broker?.stop();
  });

  const dataValue = (sel: string, attr = 'data-value') => page.locator(sel).first().getAttribute(attr);

  it('says so when no site has reported endpoint posture, rather than showing 0 infected', async () => {
    // Workstations are on the posture preset (4).
    await page.keyboard.press('Control+4');
    await expect.poll(() => page.locator('[data-testid="endpoints-no-data"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-testid="infected"]').count()).toBe(0);
    await page.keyboard.press('Control+1');
  });

  it('shows published events on counters, ticker, timeline and map', async () => {
    for (const site of [SITE, QUIET_SITE]) {
      await publisher.publishAsync(`soc/v1/${site}/ids-01/heartbeat`, JSON.stringify({ status: 'ok' }), { qos: 1 });
    }
    await expect.poll(() => dataValue(`[data-site="${QUIET_SITE}"]`, 'data-status'), { timeout: 10_000 }).toBe('quiet');
    const topic = `soc/v1/${SITE}/ids-01/event`;
    for (let i = 0; i < 4; i++) await publisher.publishAsync(topic, nativeEvent('scan', 'low'), { qos: 1 });
    await publisher.publishAsync(topic, nativeEvent('malware', 'critical', { signature: 'E2E <b>Emotet</b> beacon to 185.220.101.7' }), { qos: 1 });

    await expect.poll(() => dataValue('[data-testid="count-today-scan"]'), { timeout: 10_000 }).toBe('4');
    expect(await dataValue('[data-testid="count-today-malware"]')).toBe('1');
    // The timelines are on the trends preset (3).
    await page.keyboard.press('Control+3');
    await expect.poll(() => dataValue('[data-testid="timeline"][data-window="24h"]', 'data-total-last-hour'), { timeout: 10_000 }).toBe('5');
    await page.keyboard.press('Control+1');
    await expect.poll(() => dataValue(`[data-site="${SITE}"]`, 'data-status'), { timeout: 10_000 }).toBe('critical');
    expect(await dataValue(`[data-site="${QUIET_SITE}"]`, 'data-status')).toBe('quiet');

    // The ticker shows the signature as text: the markup in it is not interpreted.
    const incident = page.locator('[data-testid="incident"]').first();
    await expect.poll(() => incident.textContent({ timeout: 1_000 }), { timeout: 10_000 }).toContain('E2E <b>Emotet</b> beacon');
    expect(await page.locator('[data-testid="ticker"] b').count()).toBe(0);

    // Endpoint posture arrives (retained) and replaces the no-data notice.
    await publisher.publishAsync(`soc/v1/${SITE}/endpoints`, JSON.stringify({ total: 200, edr: 190, antivirus: 150, infected: 3 }), { qos: 1, retain: true });
    await page.keyboard.press('Control+4');
    await expect.poll(() => dataValue('[data-testid="infected"]'), { timeout: 10_000 }).toBe('3');
    expect(await dataValue('[data-testid="coverage-edr"]', 'data-percent')).toBe('95.0');
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.locator('[data-testid="screen"]').first().getAttribute('data-preset'), { timeout: 5_000 }).toBe('1');

    await page.screenshot({ path: `${artefactDir()}wall-vi.png` });
  });

  it('shows the province\'s KPIs on the figures preset: value, level in words, a figure not reported yet, an old one out of date', async () => {
    await page.keyboard.press('Control+7');
    const tile = (name: string) => page.locator(`[data-testid="kpi-tile"][data-kpi="${name}"]`);
    // Nothing reported yet: said in words, no figure and no level.
    await expect.poll(() => tile('open-incidents').locator('[data-testid="kpi-none"]').count(), { timeout: 10_000 }).toBe(1);
    const now = Date.now();
    await publisher.publishAsync('soc/v1/province/kpi/open-incidents', JSON.stringify({ value: 13, time: new Date(now).toISOString() }), { qos: 1 });
    await publisher.publishAsync('soc/v1/province/kpi/patch-compliance-pct', JSON.stringify({ value: 86.54, time: new Date(now).toISOString() }), { qos: 1 });
    await publisher.publishAsync('soc/v1/province/kpi/mttr-hours', '12.25', { qos: 1 });
    await publisher.publishAsync('soc/v1/province/kpi/critical-vulns-open', JSON.stringify({ value: 31, time: new Date(now - 3_600_000).toISOString() }), { qos: 1 });
    // Higher is worse, critical from 12; lower is worse, warning from 90; no threshold reached.
    await expect.poll(() => tile('open-incidents').getAttribute('data-level'), { timeout: 10_000 }).toBe('critical');
    expect(await tile('open-incidents').locator('[data-testid="kpi-value"]').textContent()).toBe('13');
    expect(await tile('open-incidents').locator('[data-testid="kpi-level"]').textContent()).toContain('Nghiêm trọng');
    await expect.poll(() => tile('patch-compliance-pct').getAttribute('data-level'), { timeout: 10_000 }).toBe('warning');
    expect(await tile('patch-compliance-pct').locator('[data-testid="kpi-value"]').textContent()).toBe('86,5');
    await expect.poll(() => tile('mttr-hours').getAttribute('data-level'), { timeout: 10_000 }).toBe('normal');
    // An hour old against the layout's 15 minutes: out of date, and no level claimed for it.
    await expect.poll(() => tile('critical-vulns-open').getAttribute('data-stale'), { timeout: 10_000 }).toBe('true');
    expect(await tile('critical-vulns-open').locator('[data-testid="kpi-stale"]').textContent()).toBe('Số liệu cũ');
    expect(await tile('critical-vulns-open').locator('[data-testid="kpi-level"]').count()).toBe(0);
    await page.keyboard.press('Control+1');
  });

  it('switches to English with L and back', async () => {
    const header = page.locator('[data-testid="freshness"]');
    const vi = await header.textContent();
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 5_000 }).toBe('en');
    const en = await header.textContent();
    expect(en).not.toBe(vi);
    expect(await page.locator('body').textContent()).toMatch(/Today|Incidents|Endpoint/u);
    await page.screenshot({ path: `${artefactDir()}wall-en.png` });
    // The main process owns the language: a second window opened now is in English too.
    const second = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await second.goto(host.url);
    await expect.poll(() => second.evaluate(() => document.documentElement.lang), { timeout: 5_000 }).toBe('en');
    await second.close();
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 5_000 }).toBe('vi');
  });

  it('loaded with no console errors, CSP violations or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
