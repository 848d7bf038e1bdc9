// Renderer soak: the real wall page in Debian's Chromium, fed by the demo at a high rate,
// switching presets all the time (charts and maps mounted and disposed again and again).
// Heap, DOM nodes and event listeners are measured on the same preset, after a forced GC,
// at one sixth of the run (the baseline) and at the end; the ratios end/baseline say whether
// the page grows. Walls run for weeks: a leak here is a white screen on day three.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { startBrowserHost } from '../electron/core/host/browser-host.js';
import { startWallCore } from '../electron/core/wall-core.js';
import { launchChromium } from '../tests/helpers/chromium.js';

const rendererDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const SWITCH_EVERY_MS = 5_000;
const SETTLE_MS = 3_000;

export interface PageSample {
  heapMb: number;
  nodes: number;
  listeners: number;
}

export interface RendererSoakResult {
  minutes: number;
  presetSwitches: number;
  framesDelivered: number;
  warm: PageSample;
  end: PageSample;
  heapRatio: number;
  nodesRatio: number;
  listenersRatio: number;
}

async function sample(page: Page, cdp: CDPSession): Promise<PageSample> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await page.title(); // the page still answers
  return { heapMb: heap.usedSize / 1e6, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

export async function benchRendererSoak(minutes = Number(process.env.SOCWALL_BENCH_RENDERER_MIN ?? 6)): Promise<RendererSoakResult> {
  if (!existsSync(`${rendererDir}/index.html`)) throw new Error('dist/renderer is missing: run npm run build first');
  const core = await startWallCore({ brokerUrls: [], demo: true, demoSpeed: 300, profile: 'single', log: () => undefined });
  const host = await startBrowserHost({ core, rendererDir, port: 0 });
  const browser = await launchChromium();
  let frames = 0;
  const off = core.onFrame(() => frames++);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="screen"]');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const preset = (n: number) => core.command({ type: 'key', key: { key: String(n), ctrl: true, shift: false, alt: false, meta: false }, screen: 'main' });
    const next = () => core.command({ type: 'action', action: 'next-preset', screen: 'main' });
    const onPresetOne = async (): Promise<PageSample> => {
      preset(1);
      await page.waitForTimeout(SETTLE_MS);
      return sample(page, cdp);
    };

    const totalMs = minutes * 60_000;
    const start = Date.now();
    let switches = 0;
    let warm: PageSample | null = null;
    while (Date.now() - start < totalMs) {
      await page.waitForTimeout(SWITCH_EVERY_MS);
      next();
      switches++;
      if (!warm && Date.now() - start >= totalMs / 6) warm = await onPresetOne();
    }
    const end = await onPresetOne();
    if (!warm) throw new Error('the run was too short to take a baseline');
    if (problems.length > 0) throw new Error(`page errors during the soak: ${problems.slice(0, 3).join('; ')}`);
    return {
      minutes,
      presetSwitches: switches,
      framesDelivered: frames,
      warm,
      end,
      heapRatio: end.heapMb / warm.heapMb,
      nodesRatio: end.nodes / warm.nodes,
      listenersRatio: end.listeners / warm.listeners,
    };
  } finally {
    off();
    await browser.close();
    await host.close();
    await core.stop();
  }
}
