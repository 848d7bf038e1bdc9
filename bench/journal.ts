// Cost of durability: messages/s through decode + apply with and without the write-ahead
// record() before each (ratio: with/without, same run, same payloads: the steady-state corpus
// of pipeline.ts, every message fresh and the dedup window full), and the time of a
// snapshot of a realistic state (main-thread export + encode, then the write with fsyncs),
// and of a restart (load + replay of the log).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WallAggregator } from '../electron/core/aggregate/wall-aggregator.js';
import { loadSiteCatalogue, readResourceJson } from '../electron/core/config/resources.js';
import { WallJournal } from '../electron/core/journal/wall-journal.js';
import { CategoryMapper, loadCategoryMap } from '../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../electron/core/telemetry/decoder.js';
import { corpus } from './pipeline.js';
import { wallAlarmOptions } from './wall-alarms.js';

export interface JournalBenchResult {
  name: string;
  messages: number;
  plainPerSecond: number;
  journaledPerSecond: number;
  /** journaled / plain (1 = free). */
  ratio: number;
  snapshotBytes: number;
  /** Export + JSON + sha256 on the main thread. */
  snapshotMainThreadMs: number;
  /** Asynchronous write: temp file, fsync, rename, fsync folder. */
  snapshotWriteMs: number;
  /** Restart: load + check + import the snapshot and replay `replayed` logged messages. */
  restoreMs: number;
  replayed: number;
}

export async function benchJournal(): Promise<JournalBenchResult> {
  const messages = corpus();
  const sites = loadSiteCatalogue();
  const mapper = new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json')));
  const decoder = new TelemetryDecoder({ categoryMap: mapper, knownSites: new Set(sites.map((s) => s.id)) });
  const newAgg = () => new WallAggregator({ siteIds: sites.map((s) => s.id), alarms: wallAlarmOptions(sites) });
  const dir = mkdtempSync(join(tmpdir(), 'soc-wall-bench-journal-'));
  try {
    const plainAgg = newAgg();
    const journaledAgg = newAgg();
    const journal = WallJournal.open({ dir, aggregator: journaledAgg, replay: () => undefined, maxLogBytes: 1024 * 1024 * 1024 });
    const plain = () => {
      const now = Date.now();
      for (const m of messages) plainAgg.apply(decoder.decode(m.topic, m.payload, now), now);
    };
    const journaled = () => {
      const now = Date.now();
      for (const m of messages) {
        journal.record(m.topic, m.payload, now);
        journaledAgg.apply(decoder.decode(m.topic, m.payload, now), now);
      }
    };
    const rate = (body: () => void) => {
      const t0 = process.hrtime.bigint();
      body();
      return messages.length / (Number(process.hrtime.bigint() - t0) / 1e9);
    };
    plain();
    journaled();
    let best = { plain: 0, journaled: 0 };
    // Alternate so machine noise hits both alike; the log is rotated between rounds.
    for (let i = 0; i < 4; i++) {
      best = { plain: Math.max(best.plain, rate(plain)), journaled: Math.max(best.journaled, rate(journaled)) };
      await journal.flush();
    }

    // Snapshot of the realistic state the rounds built (≈ 800k messages, full dedup memory).
    journal.record(messages[0]!.topic, messages[0]!.payload, Date.now());
    const t0 = performance.now();
    const state = journaledAgg.exportState();
    const text = JSON.stringify(state);
    const tMain = performance.now() - t0;
    void text;
    const st = await journal.flush();
    if (!st.ok) throw new Error(st.reason);
    // Then 20,000 more messages logged, and a restart from snapshot + log.
    for (const m of messages.slice(0, 20_000)) journal.record(m.topic, m.payload, Date.now());
    const r0 = performance.now();
    const restored = newAgg();
    const j2 = WallJournal.open({ dir, aggregator: restored, replay: (topic, payload, at) => restored.apply(decoder.decode(topic, payload, at), at) });
    const restoreMs = performance.now() - r0;
    await j2.close();
    return {
      name: `journal: decode + apply with record() before each, steady state (${messages.length.toLocaleString('en-US')} fresh msgs)`,
      messages: messages.length,
      plainPerSecond: best.plain,
      journaledPerSecond: best.journaled,
      ratio: best.journaled / best.plain,
      snapshotBytes: st.bytes,
      snapshotMainThreadMs: tMain,
      snapshotWriteMs: st.durationMs,
      restoreMs,
      replayed: j2.restore.replayed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
