// Memory stays bounded under a long run: simulated hours of traffic pushed through
// decode + aggregate + frames (at the wall's 4 Hz on a simulated clock), heap measured after
// a warm-up and at the end. The figure is the ratio end/warm-up (1.0 = no growth).
import { WallAggregator } from '../electron/core/aggregate/wall-aggregator.js';
import { loadSiteCatalogue, readResourceJson } from '../electron/core/config/resources.js';
import { TrafficSimulator } from '../electron/core/demo/simulator.js';
import { CategoryMapper, loadCategoryMap } from '../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../electron/core/telemetry/decoder.js';
import type { LinkState } from '../electron/contract/index.js';

export interface SoakResult {
  simulatedHours: number;
  events: number;
  heapWarmMb: number;
  heapEndMb: number;
  ratio: number;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

export function benchSoak(simulatedHours = 6, speed = 300): SoakResult {
  const sites = loadSiteCatalogue();
  const decoder = new TelemetryDecoder({
    categoryMap: new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json'))),
    knownSites: new Set(sites.map((s) => s.id)),
  });
  let now = Date.parse('2026-11-25T00:00:00Z');
  const agg = new WallAggregator({ siteIds: sites.map((s) => s.id), now: () => now });
  const link: LinkState = { status: 'connected', broker: 'bench', demo: true, lastMessageAt: null, since: now, reconnects: 0, lastError: null };
  let events = 0;
  const sim = new TrafficSimulator({
    sites,
    speed,
    now: () => now,
    publish: (topic, payload) => {
      events++;
      agg.apply(decoder.decode(topic, Buffer.from(payload), now), now);
    },
  });
  sim.start();
  sim.stop();
  const ticks = simulatedHours * 3600 * 4;
  let warm = 0;
  for (let t = 0; t < ticks; t++) {
    now += 250;
    sim.tick();
    agg.delta(link);
    if (t === Math.floor(ticks / 6)) warm = heapMb();
  }
  const end = heapMb();
  return { simulatedHours, events, heapWarmMb: warm, heapEndMb: end, ratio: end / warm };
}
