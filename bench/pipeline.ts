// Events per second one core sustains through decode + validate + aggregate, as a ratio
// to a bare JSON.parse loop over the same payloads (the floor any JSON pipeline pays).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WallAggregator } from '../electron/core/aggregate/wall-aggregator.js';
import { loadSiteCatalogue, readResourceJson } from '../electron/core/config/resources.js';
import { TrafficSimulator } from '../electron/core/demo/simulator.js';
import { CategoryMapper, loadCategoryMap } from '../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../electron/core/telemetry/decoder.js';

export interface BenchResult {
  name: string;
  baselinePerSecond: number;
  pipelinePerSecond: number;
  ratio: number;
}

function corpus(): { topic: string; payload: Buffer }[] {
  const sites = loadSiteCatalogue();
  const out: { topic: string; payload: Buffer }[] = [];
  let now = Date.now() - 600_000;
  const sim = new TrafficSimulator({
    sites,
    speed: 20_000,
    now: () => now,
    publish: (topic, payload, o) => {
      if (!o.retain) out.push({ topic, payload: Buffer.from(payload) });
    },
  });
  sim.start();
  sim.stop();
  while (out.length < 40_000) {
    now += 250;
    sim.tick();
  }
  // Real Suricata lines too (alerts and other event types, one site).
  const samples = fileURLToPath(new URL('../tests/fixtures/suricata/suricata-eve-mixed-nicoaller-2022.ndjson', import.meta.url));
  const stamp = new Date().toISOString();
  for (const line of readFileSync(samples, 'utf8').split('\n').filter(Boolean)) {
    out.push({ topic: 'soc/v1/ttdl-tinh/ids-01/event', payload: Buffer.from(line.replace(/"timestamp":"[^"]*"/u, `"timestamp":"${stamp}"`)) });
  }
  return out;
}

function timeLoop(rounds: number, n: number, body: () => void): number {
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) body();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return (rounds * n) / seconds;
}

export function benchPipeline(): BenchResult {
  const messages = corpus();
  const sites = loadSiteCatalogue();
  const mapper = new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json')));
  const decoder = new TelemetryDecoder({ categoryMap: mapper, knownSites: new Set(sites.map((s) => s.id)) });
  const agg = new WallAggregator({ siteIds: sites.map((s) => s.id) });
  const utf8 = new TextDecoder();
  let sink = 0;
  const baseline = () => {
    for (const m of messages) sink += (JSON.parse(utf8.decode(m.payload)) as object) ? 1 : 0;
  };
  const pipeline = () => {
    const now = Date.now();
    for (const m of messages) agg.apply(decoder.decode(m.topic, m.payload, now), now);
  };
  // Warm up both paths, then alternate measurements so machine noise hits both alike.
  baseline();
  pipeline();
  const rounds = 5;
  let base = 0;
  let pipe = 0;
  for (let i = 0; i < 3; i++) {
    base = Math.max(base, timeLoop(rounds, messages.length, baseline));
    pipe = Math.max(pipe, timeLoop(rounds, messages.length, pipeline));
  }
  if (sink < 0) console.log(sink);
  return { name: `decode+validate+aggregate (${messages.length} msgs)`, baselinePerSecond: base, pipelinePerSecond: pipe, ratio: pipe / base };
}
