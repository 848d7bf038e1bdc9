// npm run bench: every benchmark prints its figure as a ratio to a baseline measured in the same run.
// `npm run bench -- pipeline soak` runs only the ones named (pipeline, enrichment, formats, soak, soak-page, journal, renderer, page, ingest).
import { installRepoGuard, violations } from '../tests/helpers/repo-guard.js';
import { benchEnrichment, benchPipeline } from './pipeline.js';
import { benchSoak } from './soak.js';
import { benchJournal } from './journal.js';
import { benchRendererSoak, type PageSample } from './renderer-soak.js';
import { benchPageCost } from './page-cost.js';
import { benchIngest } from './ingest.js';
import { benchFormats } from './formats.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ALL = ['pipeline', 'enrichment', 'formats', 'soak', 'soak-page', 'journal', 'renderer', 'page', 'ingest'];
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !ALL.includes(a));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const runs = (name: string) => asked.length === 0 || asked.includes(name);
// A benchmark reads only what the repository holds (the same guard as the tests).
installRepoGuard();

if (runs('pipeline')) {
  const { steady, duplicates, steadyDuplicateShare, alarms } = benchPipeline();
  for (const r of [steady, duplicates]) {
    console.log(`${r.name}`);
    console.log(`  baseline JSON.parse loop : ${fmt(r.baselinePerSecond)} msg/s`);
    console.log(`  wall pipeline            : ${fmt(r.pipelinePerSecond)} msg/s`);
    console.log(`  ratio pipeline/baseline  : ${r.ratio.toFixed(3)}`);
  }
  console.log(`  (steady corpus counted as duplicates: ${(steadyDuplicateShare * 100).toFixed(2)} %; alarms by the bundled rules: ${alarms.raised} raised, ${alarms.live} live)`);
  for (const r of [steady, duplicates]) console.log(`| ${new Date().toISOString().slice(0, 10)} | ${r.name} | ${fmt(r.baselinePerSecond)} | ${fmt(r.pipelinePerSecond)} | ${r.ratio.toFixed(3)} |`);
}

if (runs('enrichment')) {
  const e = await benchEnrichment();
  console.log('origins and ATT&CK per event: steady corpus, every source a public address of its own (origin cache full, evicting)');
  for (const p of e.pairs) console.log(`  baseline ${fmt(p.baseline)} · without ${fmt(p.plain)} (${(p.plain / p.baseline).toFixed(3)}) · with ${fmt(p.enriched)} (${(p.enriched / p.baseline).toFixed(3)}) msg/s`);
  console.log(`  ratio with/without enrichment : ${e.ratio.toFixed(3)} (cache hits ${(e.cacheHitShare * 100).toFixed(1)} %, ${fmt(e.cacheSize)} addresses held)`);
}

if (runs('formats')) {
  console.log('decoding per sensor format, against the floor of each format over the same payloads (distinct source, time and id per copy)');
  for (const r of benchFormats()) {
    const other = Object.entries(r.outcomes).filter(([k]) => k !== 'event').map(([k, n]) => `${k} ${fmt(n)}`).join(', ');
    console.log(`  ${r.name.padEnd(46)} ${r.baselineName.padEnd(26)} ${fmt(r.baselinePerSecond).padStart(10)} · decoder ${fmt(r.decoderPerSecond).padStart(9)} msg/s · ratio ${r.ratio.toFixed(3)} · events ${(r.accepted * 100).toFixed(0)} %${other ? ` (${other})` : ''}`);
  }
}

for (const name of ['soak', 'soak-page'] as const) {
  if (!runs(name)) continue;
  const withPage = name === 'soak-page';
  // With the page the frames come every 10 simulated seconds (a page applies a frame in tens
  // of ms, so 345,600 frames at 4 Hz would take hours of Chromium); each carries what changed.
  const soak = await benchSoak({
    page: withPage,
    frameMs: withPage ? 10_000 : 250,
    ...(process.env.SOCWALL_BENCH_SOAK_HOURS ? { hours: Number(process.env.SOCWALL_BENCH_SOAK_HOURS) } : {}),
  });
  const o = soak.options;
  console.log(`${name}: ${o.hours} simulated hours in ${soak.wallSeconds.toFixed(0)} s, ${fmt(soak.events)} messages (${fmt(soak.invented)} inventing an identity; bursts of ${o.burstSecondsPerMinute} s a minute at ${fmt(soak.burstRateMeasured)} events/s), ${fmt(soak.frames)} frames of ${fmt(soak.meanFrameBytes)} B`);
  console.log(`  hour  events        main heap  handles${withPage ? '  page heap  nodes  listeners  intervals  timeouts' : ''}`);
  for (const s of soak.samples) {
    const p = s.page;
    console.log(`  ${String(s.hour).padStart(4)}  ${fmt(s.events).padStart(12)}  ${s.heapMb.toFixed(1).padStart(7)} MB  ${String(s.handles).padStart(7)}${p ? `  ${p.heapMb.toFixed(1).padStart(6)} MB  ${String(p.nodes).padStart(5)}  ${String(p.listeners).padStart(9)}  ${String(p.intervals).padStart(9)}  ${String(p.timeouts).padStart(8)}` : ''}`);
  }
  console.log(`  main heap end/warm-up (hour ${o.warmupHours}): ${soak.heapRatio.toFixed(3)}, peak after warm-up ${soak.heapPeakRatio.toFixed(3)}; handles ${soak.handlesWarm} → ${soak.handlesEnd}`);
  if (soak.pageHeapRatio !== null) console.log(`  page heap end/warm-up: ${soak.pageHeapRatio.toFixed(3)}`);
  console.log(`  buffers: ${Object.entries(soak.occupancy).map(([k, v]) => `${k} ${fmt(v.size)}/${fmt(v.bound)}`).join(', ')}`);
  console.log(`  duplicates ${fmt(soak.duplicates)}, rejected ${JSON.stringify(soak.rejected)}, failed snapshots ${soak.snapshotsFailed}`);
}

if (runs('journal')) {
  const jr = await benchJournal();
  console.log(`${jr.name}`);
  console.log(`  without record : ${fmt(jr.plainPerSecond)} msg/s`);
  console.log(`  with record    : ${fmt(jr.journaledPerSecond)} msg/s`);
  console.log(`  ratio          : ${jr.ratio.toFixed(3)}`);
  console.log(`  snapshot ${(jr.snapshotBytes / 1e6).toFixed(2)} MB: main thread ${jr.snapshotMainThreadMs.toFixed(1)} ms, total ${jr.snapshotWriteMs.toFixed(1)} ms; restore + replay of ${jr.replayed}: ${jr.restoreMs.toFixed(0)} ms`);
}

if (runs('renderer')) {
  const rs = await benchRendererSoak();
  const [base, mid, end] = rs.samples as [PageSample, PageSample, PageSample];
  const mb = (x: PageSample) => x.heapMb.toFixed(1);
  console.log(`renderer soak: ${rs.minutes} min in Chromium, demo at 300×, ${rs.presetSwitches} preset switches, ${fmt(rs.framesDelivered)} frames`);
  console.log(`  heap      : ${mb(base)} → ${mb(mid)} → ${mb(end)} MB, ratio ${rs.heapRatio.toFixed(3)}, last third ${rs.heapSlopeMbPerHour.toFixed(1)} MB/h`);
  console.log(`  DOM nodes : ${fmt(base.nodes)} → ${fmt(mid.nodes)} → ${fmt(end.nodes)}, ratio ${rs.nodesRatio.toFixed(3)}`);
  console.log(`  listeners : ${fmt(base.listeners)} → ${fmt(mid.listeners)} → ${fmt(end.listeners)}, ratio ${rs.listenersRatio.toFixed(3)}`);
  console.log(
    `| ${new Date().toISOString().slice(0, 10)} | ${rs.minutes} min, ${rs.presetSwitches} switches | ${mb(base)} → ${mb(mid)} → ${mb(end)} MB (${rs.heapRatio.toFixed(3)}; ${rs.heapSlopeMbPerHour.toFixed(1)} MB/h) | ${fmt(base.nodes)} → ${fmt(end.nodes)} (${rs.nodesRatio.toFixed(3)}) | ${fmt(base.listeners)} → ${fmt(end.listeners)} (${rs.listenersRatio.toFixed(3)}) |`,
  );
}

if (runs('page')) {
  const pc = await benchPageCost();
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`page cost: the wall page in Chromium (single, preset 1) at ${fmt(pc.rate)} events/s through Mosquitto, ${pc.seconds} s windows`);
  console.log(`  idle   : main thread ${pct(pc.idle.busy)} busy, ${pc.idle.longTasks} long tasks (longest ${pc.idle.longestTaskMs.toFixed(0)} ms), heap ${pc.idle.heapMb.toFixed(1)} MB`);
  console.log(`  loaded : main thread ${pct(pc.loaded.busy)} busy, ${pc.loaded.longTasks} long tasks (longest ${pc.loaded.longestTaskMs.toFixed(0)} ms), heap ${pc.loaded.heapMb.toFixed(1)} MB`);
  console.log(`  ratio loaded/idle busy: ${(pc.loaded.busy / Math.max(pc.idle.busy, 1e-6)).toFixed(2)}; ${fmt(pc.eventsCounted)} events counted; ${fmt(pc.frames)} frames of ${fmt(pc.meanFrameBytes)} bytes on average`);
  console.log(
    `| ${new Date().toISOString().slice(0, 10)} | ${fmt(pc.rate)}/s | ${pct(pc.idle.busy)} | ${pct(pc.loaded.busy)} | ${pc.loaded.longTasks} (${pc.loaded.longestTaskMs.toFixed(0)} ms) | ${pc.idle.heapMb.toFixed(1)} → ${pc.loaded.heapMb.toFixed(1)} MB | ${fmt(pc.meanFrameBytes)} B |`,
  );
}

if (runs('ingest')) {
  const ir = await benchIngest();
  console.log(`ingest through Mosquitto: a ${fmt(ir.wall.messages)}-message QoS 1 burst of fresh identities, the wall (journal on) vs a bare mqtt.js subscriber that parses`);
  for (const r of ir.runs) console.log(`  ${r.who.padEnd(4)}: ${fmt(r.perSecond)} msg/s, ${r.cpuMicrosPerMessage.toFixed(1)} µs CPU per message, backlog ${fmt(r.backlogMs)} ms after the publisher's last PUBACK`);
  console.log(`  ratio received rate wall/bare: ${ir.rateRatio.toFixed(3)}; CPU per message wall/bare: ${ir.cpuRatio.toFixed(2)}`);
  console.log(
    `| ${new Date().toISOString().slice(0, 10)} | ${fmt(ir.bare.perSecond)} | ${fmt(ir.wall.perSecond)} | ${ir.rateRatio.toFixed(3)} | ${ir.bare.cpuMicrosPerMessage.toFixed(1)} µs | ${ir.wall.cpuMicrosPerMessage.toFixed(1)} µs | ${ir.cpuRatio.toFixed(2)} | ${fmt(ir.bare.backlogMs)} / ${fmt(ir.wall.backlogMs)} ms |`,
  );
}

if (violations.length > 0) {
  console.error(`bench touched paths outside the repository:\n${violations.map((e) => `  ${e.message}`).join('\n')}`);
  process.exit(1);
}
