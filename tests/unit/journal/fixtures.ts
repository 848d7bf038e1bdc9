// Shared fixtures of the journal tests: a seeded message corpus (simulator traffic plus
// numbered events with ids, duplicates and garbage) and a wall (decoder + aggregator) with
// a controllable clock.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkState, WallFrame } from '../../../electron/contract/index.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';
import { loadSiteCatalogue } from '../../../electron/core/config/resources.js';
import { TrafficSimulator } from '../../../electron/core/demo/simulator.js';
import { seededRandom } from '../../../electron/core/demo/random.js';
import { TelemetryDecoder } from '../../../electron/core/telemetry/decoder.js';
import { MAPPER } from '../telemetry/fixtures.js';
import { WallJournal, type WallJournalOptions } from '../../../electron/core/journal/wall-journal.js';

export const LINK: LinkState = { status: 'connected', broker: 'mqtt://127.0.0.1', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null };
export const START = Date.parse('2026-11-25T03:00:00Z');
export const SITES = loadSiteCatalogue();

export interface Msg {
  topic: string;
  payload: Buffer;
  receivedAt: number;
}

/** About `n` messages over simulated time from `start`, 250 ms apart per tick. Seeded. */
export function corpus(n: number, start = START, seed = 7): Msg[] {
  const out: Msg[] = [];
  let now = start;
  const random = seededRandom(seed);
  let numbered = 0;
  const sim = new TrafficSimulator({
    sites: SITES,
    speed: 2000,
    seed,
    now: () => now,
    publish: (topic, payload) => out.push({ topic, payload: Buffer.from(payload), receivedAt: now }),
  });
  sim.start();
  sim.stop();
  while (out.length < n) {
    now += 250;
    sim.tick();
    // Numbered native events with an id (the fault tests' kind), some redelivered twice.
    const id = `n-${++numbered}`;
    const payload = Buffer.from(JSON.stringify({ id, time: now, category: 'targeted', severity: 'high', src_ip: '203.0.113.9', signature: 'numbered test event' }));
    out.push({ topic: `soc/v1/${SITES[0]!.id}/ids-01/event`, payload, receivedAt: now });
    if (random() < 0.1) out.push({ topic: `soc/v1/${SITES[0]!.id}/ids-01/event`, payload, receivedAt: now + 1 });
    if (random() < 0.05) out.push({ topic: `soc/v1/${SITES[1]!.id}/ids-01/event`, payload: Buffer.from('{not json'), receivedAt: now });
    if (random() < 0.02) out.push({ topic: 'soc/v1/province/kpi/attacks-prevented', payload: Buffer.from(String(Math.floor(random() * 1e6))), receivedAt: now });
  }
  return out.slice(0, n);
}

export interface TestWall {
  agg: WallAggregator;
  decoder: TelemetryDecoder;
  clock: { now: number };
  apply(topic: string, payload: Uint8Array, receivedAt: number): void;
}

export function makeWall(now = START): TestWall {
  const clock = { now };
  const agg = new WallAggregator({ siteIds: SITES.map((s) => s.id), now: () => clock.now });
  const decoder = new TelemetryDecoder({ categoryMap: MAPPER, knownSites: new Set(SITES.map((s) => s.id)) });
  return {
    agg,
    decoder,
    clock,
    apply: (topic, payload, receivedAt) => agg.apply(decoder.decode(topic, payload, receivedAt), receivedAt),
  };
}

/** A snapshot frame without its build time. */
export function frameOf(agg: WallAggregator): Omit<WallFrame, 'at'> {
  const { at: _at, ...rest } = agg.snapshot(LINK);
  return rest;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) {
    try {
      chmodSync(join(dir, 'ro'), 0o755);
    } catch {
      // not an unwritable-folder fixture
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

export function tempDir(prefix = 'soc-wall-journal-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Seeded integers in [0, n). */
export function seededInts(seed: number): (n: number) => number {
  const r = seededRandom(seed);
  return (n) => Math.floor(r() * n);
}

/**
 * A folder the journal cannot write to. chmod 0555 stops a normal user but not root (the
 * test machines run as root), so when a probe write succeeds, use a path under a regular
 * FILE instead: every create fails with ENOTDIR.
 */
export function unwritableDir(): { dir: string; how: string } {
  const base = tempDir();
  const ro = join(base, 'ro');
  mkdirSync(ro);
  chmodSync(ro, 0o555);
  try {
    writeFileSync(join(ro, 'probe'), 'x');
    unlinkSync(join(ro, 'probe'));
  } catch {
    return { dir: ro, how: 'chmod 0555' };
  }
  const file = join(base, 'a-file');
  writeFileSync(file, 'not a folder');
  return { dir: join(file, 'journal'), how: 'path under a regular file' };
}

/** A journal on `dir` replaying into the test wall; its log lines are collected. */
export function openJournal(dir: string, w: TestWall, over: Partial<WallJournalOptions> = {}): { j: WallJournal; logs: string[] } {
  const logs: string[] = [];
  const j = WallJournal.open({ dir, aggregator: w.agg, replay: w.apply, log: (level, m) => logs.push(`${level}: ${m}`), ...over });
  return { j, logs };
}

/** The live path: record, then decode + apply (what the lead wires into handleMessage). */
export function live(w: TestWall, j: WallJournal, msgs: readonly Msg[]): void {
  for (const m of msgs) {
    if (m.receivedAt > w.clock.now) w.clock.now = m.receivedAt;
    j.record(m.topic, m.payload, m.receivedAt);
    w.apply(m.topic, m.payload, m.receivedAt);
  }
}

/** The same messages applied to a fresh wall without a journal: what a restore must reproduce. */
export function reference(msgs: readonly Msg[], now: number): TestWall {
  const ref = makeWall();
  for (const m of msgs) ref.apply(m.topic, m.payload, m.receivedAt);
  ref.clock.now = now;
  return ref;
}
