// npm run bench: every benchmark prints its figure as a ratio to a baseline measured in the same run.
import { benchPipeline } from './pipeline.js';
import { benchSoak } from './soak.js';
import { benchJournal } from './journal.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const r = benchPipeline();
console.log(`${r.name}`);
console.log(`  baseline JSON.parse loop : ${fmt(r.baselinePerSecond)} msg/s`);
console.log(`  wall pipeline            : ${fmt(r.pipelinePerSecond)} msg/s`);
console.log(`  ratio pipeline/baseline  : ${r.ratio.toFixed(3)}`);
console.log(`| ${new Date().toISOString().slice(0, 10)} | ${r.name} | ${fmt(r.baselinePerSecond)} | ${fmt(r.pipelinePerSecond)} | ${r.ratio.toFixed(3)} |`);

const soak = benchSoak();
console.log(`soak: ${soak.simulatedHours} simulated hours, ${fmt(soak.events)} messages, frames at 4 Hz`);
console.log(`  heap after 1/6 of the run : ${soak.heapWarmMb.toFixed(1)} MB`);
console.log(`  heap at the end           : ${soak.heapEndMb.toFixed(1)} MB`);
console.log(`  ratio end/warm            : ${soak.ratio.toFixed(3)}`);

const jr = await benchJournal();
console.log(`${jr.name}`);
console.log(`  without record : ${fmt(jr.plainPerSecond)} msg/s`);
console.log(`  with record    : ${fmt(jr.journaledPerSecond)} msg/s`);
console.log(`  ratio          : ${jr.ratio.toFixed(3)}`);
console.log(`  snapshot ${(jr.snapshotBytes / 1e6).toFixed(2)} MB: main thread ${jr.snapshotMainThreadMs.toFixed(1)} ms, total ${jr.snapshotWriteMs.toFixed(1)} ms; restore + replay of ${jr.replayed}: ${jr.restoreMs.toFixed(0)} ms`);
