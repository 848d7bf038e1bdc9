// Messages per second one core sustains through decode + validate + aggregate, as a ratio to
// a bare JSON.parse(TextDecoder.decode(…)) loop over the same payloads (the floor any JSON
// pipeline pays).
//
// The headline is the steady state of a wall that has run for a while: every message is new
// (distinct identities as sensors send them: simulator event ids, Suricata flow ids and
// timestamps), the dedup window is full (the corpus is larger than the window, so every pass
// evicts as it goes) and so are the top lists and caches. Redeliveries (every message already
// seen) are their own line: that path stops at the duplicate check.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WallAggregator } from '../electron/core/aggregate/wall-aggregator.js';
import { loadSiteCatalogue, readResourceJson } from '../electron/core/config/resources.js';
import { TrafficSimulator } from '../electron/core/demo/simulator.js';
import { CategoryMapper, loadCategoryMap } from '../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../electron/core/telemetry/decoder.js';
import { wallAlarmOptions } from './wall-alarms.js';

export interface BenchResult {
  name: string;
  baselinePerSecond: number;
  pipelinePerSecond: number;
  ratio: number;
}

export interface PipelineBench {
  steady: BenchResult;
  duplicates: BenchResult;
  /** Share of the steady corpus the aggregator counted as duplicates (must be 0). */
  steadyDuplicateShare: number;
  /** The alarm book after the run (bundled rules): alarms raised and live, and events that raised or joined one. */
  alarms: { raised: number; live: number };
}

interface Message {
  topic: string;
  payload: Buffer;
}

/** The wall's default dedup window (WallAggregator): the corpus must exceed it. */
const DEDUP_WINDOW = 100_000;
const SIMULATED = 150_000;
/** One real Suricata line in ten, each copy its own flow and time. */
const SURICATA_SHARE = 0.1;

/** The steady-state corpus: `simulated` simulator messages plus one real Suricata line in ten. */
export function corpus(simulated = SIMULATED): Message[] {
  const sites = loadSiteCatalogue();
  const sim: Message[] = [];
  let now = Date.now() - 3_600_000;
  const simulator = new TrafficSimulator({
    sites,
    speed: 20_000,
    now: () => now,
    publish: (topic, payload, o) => {
      if (!o.retain) sim.push({ topic, payload: Buffer.from(payload) });
    },
  });
  simulator.start();
  simulator.stop();
  while (sim.length < simulated) {
    now += 250;
    simulator.tick();
  }
  // Real Suricata lines (alerts, anomalies, and flow/dns/tls/... counted as ignored), each copy
  // with a flow id and a microsecond timestamp of its own, as a sensor would send them.
  const samples = fileURLToPath(new URL('../tests/fixtures/suricata/suricata-eve-mixed-nicoaller-2022.ndjson', import.meta.url));
  const lines = readFileSync(samples, 'utf8').split('\n').filter(Boolean);
  const base = Date.now() - 3_600_000;
  const out: Message[] = [];
  let copy = 0;
  const suricataEvery = Math.round(1 / SURICATA_SHARE);
  for (let i = 0; i < sim.length; i++) {
    out.push(sim[i]!);
    if (i % suricataEvery === 0) {
      const line = lines[copy % lines.length]!;
      const stamp = new Date(base + copy * 7).toISOString().replace('Z', `${String(copy % 1000).padStart(3, '0')}+0000`);
      const fresh = line.replace(/"flow_id":\d+/u, `"flow_id":${3_000_000_000_000 + copy}`).replace(/"timestamp":"[^"]*"/u, `"timestamp":"${stamp}"`);
      out.push({ topic: 'soc/v1/ttdl-tinh/ids-01/event', payload: Buffer.from(fresh) });
      copy++;
    }
  }
  return out;
}

function timeLoop(n: number, body: () => void): number {
  const t0 = process.hrtime.bigint();
  body();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return n / seconds;
}

export function benchPipeline(): PipelineBench {
  const messages = corpus();
  if (messages.length <= DEDUP_WINDOW) throw new Error('the steady-state corpus must be larger than the dedup window');
  const sites = loadSiteCatalogue();
  const mapper = new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json')));
  const decoder = new TelemetryDecoder({ categoryMap: mapper, knownSites: new Set(sites.map((s) => s.id)) });
  const agg = new WallAggregator({ siteIds: sites.map((s) => s.id), dedupCapacity: DEDUP_WINDOW, alarms: wallAlarmOptions(sites) });
  const utf8 = new TextDecoder();
  let sink = 0;
  const baselineOver = (list: readonly Message[]) => () => {
    for (const m of list) sink += (JSON.parse(utf8.decode(m.payload)) as object) ? 1 : 0;
  };
  const pipelineOver = (list: readonly Message[]) => () => {
    const now = Date.now();
    for (const m of list) agg.apply(decoder.decode(m.topic, m.payload, now), now);
  };
  const duplicatesBefore = () => agg.ingestStats().duplicates;

  // Warm-up: one pass fills the window and the top lists. Each later pass is all fresh again:
  // a message comes back only after more than the window's worth of others.
  baselineOver(messages)();
  pipelineOver(messages)();
  let base = 0;
  let pipe = 0;
  const dupBefore = duplicatesBefore();
  for (let i = 0; i < 3; i++) {
    base = Math.max(base, timeLoop(messages.length, baselineOver(messages)));
    pipe = Math.max(pipe, timeLoop(messages.length, pipelineOver(messages)));
  }
  const steadyDuplicateShare = (duplicatesBefore() - dupBefore) / (3 * messages.length);

  // Redeliveries: the newest 40,000 again, straight after they were applied.
  const recent = messages.slice(-40_000);
  let dupBase = 0;
  let dupPipe = 0;
  for (let i = 0; i < 3; i++) {
    dupBase = Math.max(dupBase, timeLoop(recent.length, baselineOver(recent)));
    dupPipe = Math.max(dupPipe, timeLoop(recent.length, pipelineOver(recent)));
  }
  if (sink < 0) console.log(sink);
  return {
    steady: { name: `steady state: fresh identities, dedup window full (${messages.length.toLocaleString('en-US')} msgs)`, baselinePerSecond: base, pipelinePerSecond: pipe, ratio: pipe / base },
    duplicates: { name: `redeliveries only: every message already seen (${recent.length.toLocaleString('en-US')} msgs)`, baselinePerSecond: dupBase, pipelinePerSecond: dupPipe, ratio: dupPipe / dupBase },
    steadyDuplicateShare,
    alarms: { raised: Object.values(agg.alarms.raisedTotal).reduce((a, b) => a + b, 0), live: agg.alarms.size() },
  };
}

export interface EnrichmentBench {
  /** Pipeline with origins and ATT&CK tallies against the same pipeline without, interleaved pairs. */
  pairs: { plain: number; enriched: number; baseline: number }[];
  ratio: number;
  /** Share of lookups the origin cache answered (low: every source is new, the cache full and evicting). */
  cacheHitShare: number;
  cacheSize: number;
}

/**
 * The price of origins per event: the steady corpus with every event's source rewritten to a
 * public address of its own (spread over the whole IPv4 space, reserved ranges skipped), so the
 * origin cache is full and nearly every lookup misses it: a tree walk in the country database
 * and a binary search in the ASN table. Against the same pipeline without an enricher.
 */
export async function benchEnrichment(): Promise<EnrichmentBench> {
  const { findGeoData, openGeoDatabase } = await import('../electron/core/origins/geo-data.js');
  const { OriginEnricher } = await import('../electron/core/origins/origin-enricher.js');
  const { reservedV4 } = await import('../electron/core/origins/ip-address.js');
  const { AttackMapper } = await import('../electron/core/attack/attack-map.js');
  const geo = await openGeoDatabase(findGeoData());
  let k = 0;
  const nextPublic = (): string => {
    for (;;) {
      const n = (Math.imul(++k, 2654435761) >>> 0);
      if (reservedV4(n) === null) return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    }
  };
  const messages = corpus().map((m) => {
    const text = m.payload.toString('utf8');
    return text.includes('"src_ip":"') ? { topic: m.topic, payload: Buffer.from(text.replace(/"src_ip":"[^"]*"/u, `"src_ip":"${nextPublic()}"`)) } : m;
  });
  const sites = loadSiteCatalogue();
  const siteIds = sites.map((s) => s.id);
  const mapper = new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json')));
  const attackMap = AttackMapper.fromJson(readResourceJson('attack-map.json'));
  const knownSites = new Set(siteIds);
  const enricher = new OriginEnricher(geo);
  const plain = { decoder: new TelemetryDecoder({ categoryMap: mapper, knownSites }), agg: new WallAggregator({ siteIds, dedupCapacity: DEDUP_WINDOW, alarms: wallAlarmOptions(sites) }) };
  const enriched = {
    decoder: new TelemetryDecoder({ categoryMap: mapper, attackMap, knownSites }),
    agg: new WallAggregator({ siteIds, dedupCapacity: DEDUP_WINDOW, alarms: wallAlarmOptions(sites), origins: enricher, attackMap }),
  };
  const utf8 = new TextDecoder();
  let sink = 0;
  const baseline = () => {
    for (const m of messages) sink += (JSON.parse(utf8.decode(m.payload)) as object) ? 1 : 0;
  };
  const run = (p: typeof plain) => () => {
    const now = Date.now();
    for (const m of messages) p.agg.apply(p.decoder.decode(m.topic, m.payload, now), now);
  };
  run(plain)();
  run(enriched)();
  const hitsBefore = enricher.hits;
  const missesBefore = enricher.misses;
  const pairs: EnrichmentBench['pairs'] = [];
  for (let i = 0; i < 3; i++) {
    const b = timeLoop(messages.length, baseline);
    const e = timeLoop(messages.length, run(enriched));
    const p = timeLoop(messages.length, run(plain));
    pairs.push({ plain: p, enriched: e, baseline: b });
  }
  if (sink < 0) console.log(sink);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const hits = enricher.hits - hitsBefore;
  const misses = enricher.misses - missesBefore;
  return { pairs, ratio: mean(pairs.map((x) => x.enriched)) / mean(pairs.map((x) => x.plain)), cacheHitShare: hits / Math.max(1, hits + misses), cacheSize: enricher.size };
}
