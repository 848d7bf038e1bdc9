// Renderer soak: the real wall page in Debian's Chromium, fed by the demo at a high rate,
// switching presets every 5 s (charts and maps mounted and disposed again and again;
// SOCWALL_BENCH_RENDERER_SWITCH_MS sets the pace, 0 keeps one preset for a still baseline).
// Heap, DOM nodes and event listeners are measured on the same preset, after a forced GC,
// at one third of the run (the baseline: lists and rings have filled), two thirds and the
// end; the ratios end/baseline and the slope over the last third say whether the page
// grows. Walls run for weeks: a leak here is a white screen on day three.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { startBrowserHost } from '../electron/core/host/browser-host.js';
import { startWallCore } from '../electron/core/wall-core.js';
import { launchChromium } from '../tests/helpers/chromium.js';

const rendererDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));
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
  /** At one third of the run (the baseline: lists and rings filled), two thirds, and the end. */
  samples: PageSample[];
  heapRatio: number;
  nodesRatio: number;
  listenersRatio: number;
  /** Heap growth over the last third, MB per hour (0 ± noise when flat). */
  heapSlopeMbPerHour: number;
}

/** Heap after forced GCs, DOM nodes and JS event listeners of the page (also the day soak's sample). */
export async function samplePageMemory(page: Page, cdp: CDPSession): Promise<PageSample> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await page.title(); // the page still answers
  return { heapMb: heap.usedSize / 1e6, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

export async function benchRendererSoak(
  minutes = Number(process.env.SOCWALL_BENCH_RENDERER_MIN ?? 6),
  switchEveryMs = Number(process.env.SOCWALL_BENCH_RENDERER_SWITCH_MS ?? 5_000),
): Promise<RendererSoakResult> {
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
      return samplePageMemory(page, cdp);
    };

    const totalMs = minutes * 60_000;
    const start = Date.now();
    let switches = 0;
    const samples: PageSample[] = [];
    const sampledAt: number[] = [];
    for (const fraction of [1 / 3, 2 / 3, 1]) {
      while (Date.now() - start < totalMs * fraction - SETTLE_MS) {
        await page.waitForTimeout(switchEveryMs || 5_000);
        if (switchEveryMs > 0) {
          next();
          switches++;
        }
      }
      samples.push(await onPresetOne());
      sampledAt.push(Date.now());
    }
    if (problems.length > 0) throw new Error(`page errors during the soak: ${problems.slice(0, 3).join('; ')}`);
    const [base, , end] = samples as [PageSample, PageSample, PageSample];
    const lastThirdHours = (sampledAt[2]! - sampledAt[1]!) / 3_600_000;
    return {
      minutes,
      presetSwitches: switches,
      framesDelivered: frames,
      samples,
      heapRatio: end.heapMb / base.heapMb,
      nodesRatio: end.nodes / base.nodes,
      listenersRatio: end.listeners / base.listeners,
      heapSlopeMbPerHour: (end.heapMb - samples[1]!.heapMb) / lastThirdHours,
    };
  } finally {
    off();
    await browser.close();
    await host.close();
    await core.stop();
  }
}
