// A day on the wall, simulated: 24 hours of sensor traffic on a simulated clock, with fresh
// identities (simulator event ids, Suricata flow ids, timestamps of the simulated time) and
// bursts at 10,000 events/s, through the journal (record before apply, a snapshot every
// simulated minute), decode, aggregation and delta frames serialised as the host sends them.
//
// Measured after a forced GC at every simulated hour: the main process's heap, its active
// handles (timers, sockets) and, with `page`, the real wall page in Debian's Chromium fed
// those frames through the browser host: its heap, DOM nodes, event listeners and live
// timers. The figures are ratios end/warm-up (1.0 = flat); the run also reports how full
// every bounded buffer is, since a bound that is never reached proves nothing.
//
// One message in `hostileEvery` invents an identity, as a misconfigured or hostile publisher
// would: a site, a sensor, a KPI name or a long signature never seen before. Real sensors
// reuse a few dozen of each, so without it the site, sensor, KPI and signature bounds would
// never be reached.
//
// A real day at 10,000 events/s is 864 million events (hours of one core), so the rate is
// reached in bursts: one simulated second of each minute (`burstSecondsPerMinute`) runs at the
// burst rate, the rest at the demo's base rate. Every hour, window and bound of the day is
// crossed; the event count is what a burst duty of 1/60 gives (about 15 million).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import type { LinkState } from '../electron/contract/index.js';
import { WallAggregator } from '../electron/core/aggregate/wall-aggregator.js';
import { loadSiteCatalogue, readResourceJson, resourcesDir } from '../electron/core/config/resources.js';
import { WallConfigStore } from '../electron/core/config/wall-config-store.js';
import { REAL_RATE_PER_SECOND } from '../electron/core/demo/province-figures.js';
import { eveTimestamp, TrafficSimulator } from '../electron/core/demo/simulator.js';
import { FrameScheduler } from '../electron/core/frames/frame-scheduler.js';
import { startBrowserHost, type BrowserHost } from '../electron/core/host/browser-host.js';
import { WallJournal } from '../electron/core/journal/wall-journal.js';
import { CategoryMapper, loadCategoryMap, SIGNATURE_CACHE_MAX_BYTES } from '../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../electron/core/telemetry/decoder.js';
import { WallController } from '../electron/core/wall/wall-controller.js';
import type { WallCoreHandle } from '../electron/core/wall-core-api.js';
import { launchChromium } from '../tests/helpers/chromium.js';
import { samplePageMemory } from './renderer-soak.js';
import { wallAlarmOptions } from './wall-alarms.js';

const rendererDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const HOUR = 3_600_000;

export interface SoakOptions {
  /** Simulated hours (24). */
  hours: number;
  /** Events a second during a burst second (10,000). */
  burstRate: number;
  /** Burst seconds in each simulated minute (1). */
  burstSecondsPerMinute: number;
  /** Simulator speed outside bursts (× the province's real rate). */
  baseSpeed: number;
  /** Simulated ms between delta frames: 250 (the wall's 4 Hz) without the page. */
  frameMs: number;
  /** Simulated ms between journal snapshots. */
  snapshotEveryMs: number;
  /** Feed the frames to the real wall page in Chromium. */
  page: boolean;
  /** Hours before the warm-up sample (every buffer full). */
  warmupHours: number;
  /** One message in this many invents an identity (0: none). */
  hostileEvery: number;
}

export const DEFAULT_SOAK: Readonly<SoakOptions> = Object.freeze({
  hours: 24,
  burstRate: 10_000,
  burstSecondsPerMinute: 1,
  baseSpeed: 25,
  frameMs: 250,
  snapshotEveryMs: 60_000,
  page: false,
  warmupHours: 2,
  hostileEvery: 200,
});

/** A message that invents an identity (n-th of its kind): site, sensor, KPI name or signature. */
function inventedMessage(n: number, siteIds: readonly string[], at: number): { topic: string; payload: string } {
  const time = new Date(at).toISOString();
  switch (n % 4) {
    case 0:
      return { topic: `soc/v1/invented-site-${n}/ids-01/heartbeat`, payload: JSON.stringify({ time, status: 'ok', interval_s: 15 }) };
    case 1:
      return { topic: `soc/v1/${siteIds[(n >> 2) % siteIds.length]!}/invented-${n}/heartbeat`, payload: JSON.stringify({ time, status: 'ok', interval_s: 15 }) };
    case 2:
      return { topic: `soc/v1/province/kpi/invented-${n}`, payload: String(n) };
    default: {
      // Suricata alerts go through the signature rules and their byte-bounded cache.
      const signature = `ET INVENTED Signature ${n} `.padEnd(180, 'x');
      const alert = { action: 'allowed', gid: 1, signature_id: 8_000_000 + (n % 1_000_000), rev: 1, signature, category: 'Misc activity', severity: 3 };
      return {
        topic: `soc/v1/${siteIds[n % siteIds.length]!}/ids-01/event`,
        payload: JSON.stringify({ timestamp: eveTimestamp(at), flow_id: 5_000_000_000 + n, event_type: 'alert', src_ip: '198.51.100.7', dest_ip: '10.91.0.10', proto: 'TCP', alert }),
      };
    }
  }
}

export interface HourSample {
  hour: number;
  events: number;
  heapMb: number;
  handles: number;
  page: PageSample | null;
}

export interface PageSample {
  heapMb: number;
  nodes: number;
  listeners: number;
  intervals: number;
  timeouts: number;
}

export interface SoakResult {
  options: SoakOptions;
  events: number;
  /** Of which invented identities (hostileEvery). */
  invented: number;
  frames: number;
  meanFrameBytes: number;
  /** Mean events/s over the burst seconds. */
  burstRateMeasured: number;
  wallSeconds: number;
  samples: HourSample[];
  /** Main-process heap end / warm-up. */
  heapRatio: number;
  /** Largest hourly heap after warm-up / warm-up. */
  heapPeakRatio: number;
  handlesWarm: number;
  handlesEnd: number;
  pageHeapRatio: number | null;
  occupancy: Record<string, { size: number; bound: number }>;
  duplicates: number;
  rejected: Record<string, number>;
  snapshotsFailed: number;
}

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the soak needs a forced GC: run it through npm run bench (node --expose-gc)');
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** Live timers and intervals on the page (wrapped before the page's scripts run). */
const TIMER_PROBE = `(() => {
  const intervals = new Set();
  const timeouts = new Set();
  const si = window.setInterval.bind(window), ci = window.clearInterval.bind(window);
  const st = window.setTimeout.bind(window), ct = window.clearTimeout.bind(window);
  window.setInterval = (fn, ms, ...rest) => { const id = si(fn, ms, ...rest); intervals.add(id); return id; };
  window.clearInterval = (id) => { intervals.delete(id); ci(id); };
  window.setTimeout = (fn, ms, ...rest) => {
    const id = st((...a) => { timeouts.delete(id); if (typeof fn === 'function') fn(...a); }, ms, ...rest);
    timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { timeouts.delete(id); ct(id); };
  window.__soakTimers = () => ({ intervals: intervals.size, timeouts: timeouts.size });
})();`;

async function samplePage(page: Page, cdp: CDPSession): Promise<PageSample> {
  const memory = await samplePageMemory(page, cdp);
  const timers = await page.evaluate(() => (window as unknown as { __soakTimers(): { intervals: number; timeouts: number } }).__soakTimers());
  return { ...memory, ...timers };
}

export async function benchSoak(over: Partial<SoakOptions> = {}): Promise<SoakResult> {
  const o: SoakOptions = { ...DEFAULT_SOAK, ...over };
  if (o.page && !existsSync(`${rendererDir}/index.html`)) throw new Error('dist/renderer is missing: run npm run build first');
  const started = performance.now();
  const sites = loadSiteCatalogue();
  const siteIds = sites.map((s) => s.id);
  const mapper = new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json')));
  const decoder = new TelemetryDecoder({ categoryMap: mapper, knownSites: new Set(siteIds) });
  let now = Date.parse('2026-11-25T00:00:00Z');
  const clock = () => now;
  const aggregator = new WallAggregator({ siteIds, now: clock, alarms: wallAlarmOptions(sites) });
  const dir = mkdtempSync(join(tmpdir(), 'soc-wall-bench-soak-'));
  const journal = WallJournal.open({ dir, aggregator, replay: () => undefined, now: clock, snapshotEveryMs: o.snapshotEveryMs });
  const link = (): LinkState => ({ status: 'connected', broker: 'soak', demo: false, lastMessageAt: now, since: 0, reconnects: 0, lastError: null });
  let frameBytes = 0;
  const frames = new FrameScheduler(() => aggregator.delta(link()), 4);
  // The host serialises each frame once for every client; without a page the bench does it.
  const offBytes = frames.subscribe((f) => (frameBytes += JSON.stringify(f).length));

  let events = 0;
  let invented = 0;
  let burstEvents = 0;
  let burstSeconds = 0;
  let inBurst = false;
  // As MqttIngest hands a message on: logged, then decoded and applied.
  const receive = (topic: string, payload: string) => {
    const bytes = Buffer.from(payload);
    journal.record(topic, bytes, now);
    aggregator.apply(decoder.decode(topic, bytes, now), now);
  };
  const simulator = new TrafficSimulator({
    sites,
    speed: o.baseSpeed,
    now: clock,
    publish: (topic, payload) => {
      events++;
      if (inBurst) burstEvents++;
      receive(topic, payload);
      if (o.hostileEvery > 0 && events % o.hostileEvery === 0) {
        const m = inventedMessage(invented++, siteIds, now);
        receive(m.topic, m.payload);
      }
    },
  });
  simulator.start();
  simulator.stop();

  let page: Page | null = null;
  let cdp: CDPSession | null = null;
  let host: BrowserHost | null = null;
  let closeBrowser: () => Promise<void> = async () => undefined;
  let pageProblems: () => string[] = () => [];
  const rejected: Record<string, number> = {};
  const quiet = () => undefined;
  const configStore = new WallConfigStore({
    dir: join(resourcesDir(), 'wall'),
    profile: 'single',
    catalogue: { sites: new Set(siteIds), districts: new Set(sites.map((s) => s.parent_district)) },
    log: quiet,
  });
  const controller = new WallController({
    config: configStore.config(),
    // Preset 1 throughout, so every sample measures the same page.
    persistence: { load: () => ({ preset: 1, rotationEnabled: false }), save: () => undefined },
    now: clock,
    log: quiet,
  });
  if (o.page) {
    const core: WallCoreHandle = {
      snapshot: () => aggregator.snapshot(link()),
      onFrame: (l) => frames.subscribe(l),
      getState: () => controller.get(),
      onState: (l) => controller.subscribe(l),
      command: (c, client) => controller.command(c, client),
      handleKey: (k, s) => controller.handleKey(k, s),
      getConfig: () => configStore.config(),
      onConfig: (l) => configStore.subscribe(l),
      metrics: () => '',
      countRejectedCall: (r) => (rejected[r] = (rejected[r] ?? 0) + 1),
      reports: null,
      stop: async () => undefined,
    };
    host = await startBrowserHost({ core, rendererDir, port: 0 });
    const browser = await launchChromium();
    closeBrowser = () => browser.close();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(TIMER_PROBE);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="screen"]');
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    let closing = false;
    page.on('close', () => closing || problems.push('page closed'));
    pageProblems = () => problems;
    closeBrowser = async () => {
      closing = true;
      await browser.close();
    };
  }

  const samples: HourSample[] = [];
  let snapshotsFailed = 0;
  let framesSent = 0;
  const tickMs = 250;
  const start = now;
  const end = start + o.hours * HOUR;
  let nextFrame = start + o.frameMs;
  let nextSnapshot = start + o.snapshotEveryMs;
  let nextSample = start + HOUR;
  try {
    while (now < end) {
      now += tickMs;
      const second = Math.floor((now - start) / 1000) % 60;
      const burst = second < o.burstSecondsPerMinute;
      if (burst !== inBurst) {
        inBurst = burst;
        // The simulator's rate is its speed × the province's rate × the hour's rhythm.
        simulator.setSpeed(burst ? o.burstRate / (REAL_RATE_PER_SECOND * simulator.rhythm(now)) : o.baseSpeed);
      }
      if (burst && (now - start) % 1000 === 0) burstSeconds++;
      simulator.tick();
      if (now >= nextFrame) {
        nextFrame += o.frameMs;
        frames.tick();
        framesSent++;
        // The page keeps up: a round trip every few frames (its frames are applied in order).
        if (page && framesSent % 8 === 0) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      }
      if (now >= nextSnapshot) {
        nextSnapshot += o.snapshotEveryMs;
        const st = await journal.flush();
        if (!st.ok) snapshotsFailed++;
      }
      if (now >= nextSample) {
        nextSample += HOUR;
        const pageSample = page && cdp ? await samplePage(page, cdp) : null;
        samples.push({ hour: Math.round((now - start) / HOUR), events, heapMb: heapMb(), handles: process.getActiveResourcesInfo().length, page: pageSample });
        process.stderr.write(`  soak: hour ${samples.length} of ${o.hours}, ${Math.round((performance.now() - started) / 1000)} s\n`);
      }
    }
  } finally {
    offBytes();
    await closeBrowser();
    await host?.close();
    controller.stop();
    configStore.close();
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (pageProblems().length > 0) throw new Error(`page errors during the soak: ${pageProblems().slice(0, 3).join('; ')}`);
  const warm = samples.find((s) => s.hour === o.warmupHours) ?? samples[0]!;
  const last = samples.at(-1)!;
  const after = samples.filter((s) => s.hour >= warm.hour);
  const stats = aggregator.ingestStats();
  return {
    options: o,
    events: events + invented,
    invented,
    frames: framesSent,
    meanFrameBytes: frameBytes / Math.max(1, framesSent),
    burstRateMeasured: burstEvents / Math.max(1, burstSeconds),
    wallSeconds: (performance.now() - started) / 1000,
    samples,
    heapRatio: last.heapMb / warm.heapMb,
    heapPeakRatio: Math.max(...after.map((s) => s.heapMb)) / warm.heapMb,
    handlesWarm: warm.handles,
    handlesEnd: last.handles,
    pageHeapRatio: warm.page && last.page ? last.page.heapMb / warm.page.heapMb : null,
    occupancy: { ...aggregator.occupancy(), signatureCacheBytes: { size: mapper.signatureCacheSize.bytes, bound: SIGNATURE_CACHE_MAX_BYTES } },
    duplicates: stats.duplicates,
    rejected: { ...stats.rejectedByReason, ...rejected },
    snapshotsFailed,
  };
}
