// What the wall page costs Chromium's main thread at a fixed event rate, against the same page
// idle (connected, no events) in the same run. A real Mosquitto, the wall core and the browser
// host, the built page on the default preset at 1920×1080; a publisher sends native events at
// `rate` a second with fresh ids over every catalogue site (12 % high or critical: the map
// pulses) plus heartbeats. Main-thread busy fraction from CDP Performance.getMetrics
// (TaskDuration over wall time), long tasks from a `longtask` PerformanceObserver, heap after a
// forced GC, and the bytes of the delta frames the core sends meanwhile.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { CDPSession, Page } from 'playwright-core';
import { CATEGORIES } from '../electron/contract/index.js';
import { loadSiteCatalogue } from '../electron/core/config/resources.js';
import { startBrowserHost } from '../electron/core/host/browser-host.js';
import { startWallCore } from '../electron/core/wall-core.js';
import { launchChromium } from '../tests/helpers/chromium.js';
import { startMosquitto } from '../tests/helpers/mosquitto.js';

const rendererDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

export interface PageWindow {
  /** Share of wall time the main thread spent in tasks. */
  busy: number;
  longTasks: number;
  longestTaskMs: number;
  heapMb: number;
}

export interface PageCostResult {
  rate: number;
  seconds: number;
  idle: PageWindow;
  loaded: PageWindow;
  /** Delta frames the core built while loaded, and their mean size in bytes (JSON). */
  frames: number;
  meanFrameBytes: number;
  eventsCounted: number;
}

const LONG_TASKS = `(() => {
  const w = window;
  w.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
})();`;

async function measure(page: Page, cdp: CDPSession, seconds: number): Promise<PageWindow> {
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
  const t0 = performance.now();
  const busy0 = await metric();
  await page.waitForTimeout(seconds * 1000);
  const busy1 = await metric();
  const wall = (performance.now() - t0) / 1000;
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  return { busy: (busy1 - busy0) / wall, longTasks: tasks.length, longestTaskMs: tasks.length ? Math.max(...tasks) : 0, heapMb: heap.usedSize / 1e6 };
}

export async function benchPageCost(rate = Number(process.env.SOCWALL_BENCH_PAGE_RATE ?? 2000), seconds = Number(process.env.SOCWALL_BENCH_PAGE_SECONDS ?? 60)): Promise<PageCostResult> {
  if (!existsSync(`${rendererDir}/index.html`)) throw new Error('dist/renderer is missing: run npm run build first');
  const broker = await startMosquitto();
  const core = await startWallCore({ brokerUrls: [broker.url], demo: false, profile: 'single', clientId: `bench-page-${process.pid}`, log: () => undefined });
  const host = await startBrowserHost({ core, rendererDir, port: 0 });
  const browser = await launchChromium();
  const publisher = await mqtt.connectAsync(broker.url, { clientId: `bench-page-pub-${process.pid}` });
  const sites = loadSiteCatalogue().map((s) => s.id);
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let frames = 0;
  let frameBytes = 0;
  let counting = false;
  const off = core.onFrame((f) => {
    if (!counting) return;
    frames++;
    frameBytes += JSON.stringify(f).length;
  });
  try {
    const beat = () => {
      for (const s of sites) void publisher.publishAsync(`soc/v1/${s}/ids-01/heartbeat`, JSON.stringify({ status: 'ok' }), { qos: 1 });
    };
    beat();
    heartbeat = setInterval(beat, 5_000);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript({ content: LONG_TASKS });
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="screen"]');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.waitForTimeout(5_000);
    const idle = await measure(page, cdp, seconds);

    // Events in 20 batches a second, fresh ids, every site in turn.
    let seq = 0;
    const perBatch = Math.max(1, Math.round(rate / 20));
    timer = setInterval(() => {
      const time = new Date().toISOString();
      for (let i = 0; i < perBatch; i++) {
        const n = seq++;
        const r = n % 100;
        const severity = r < 2 ? 'critical' : r < 12 ? 'high' : r < 50 ? 'medium' : 'low';
        const payload = { id: `bench-${process.pid}-${n}`, time, category: CATEGORIES[n % CATEGORIES.length], severity, src_ip: `185.220.${(n >> 8) & 255}.${n & 255}`, signature: `bench signature ${n % 40}` };
        void publisher.publishAsync(`soc/v1/${sites[n % sites.length]}/ids-01/event`, JSON.stringify(payload), { qos: 1 });
      }
    }, 50);
    const before = Object.values(core.snapshot().counters.today).reduce((a, b) => a + b, 0);
    await page.waitForTimeout(10_000); // warm-up at the rate: lists, rings and charts full
    counting = true;
    const loaded = await measure(page, cdp, seconds);
    counting = false;
    const eventsCounted = Object.values(core.snapshot().counters.today).reduce((a, b) => a + b, 0) - before;
    return { rate, seconds, idle, loaded, frames, meanFrameBytes: frames ? frameBytes / frames : 0, eventsCounted };
  } finally {
    if (timer) clearInterval(timer);
    if (heartbeat) clearInterval(heartbeat);
    off();
    await publisher.endAsync();
    await browser.close();
    await host.close();
    await core.stop();
    await broker.stop();
  }
}
