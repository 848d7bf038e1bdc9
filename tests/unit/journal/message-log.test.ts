import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LOGGED_PAYLOAD, LOG_FILE, LOG_HEADER_BYTES, MessageLog, parseLog, readLogFile, sealedLogName } from '../../../electron/core/journal/message-log.js';
import { seededInts, tempDir, unwritableDir } from './fixtures.js';

interface Rec {
  topic: string;
  payload: Buffer;
  receivedAt: number;
}

function records(n: number, seed = 1): Rec[] {
  const rnd = seededInts(seed);
  return Array.from({ length: n }, (_, i) => ({
    topic: `soc/v1/site-${rnd(50)}/ids-0${rnd(3)}/event${i % 7 === 0 ? '/đường' : ''}`,
    payload: Buffer.from(Array.from({ length: rnd(400) }, () => rnd(256))),
    receivedAt: 1_764_000_000_000 + i * 13 + (i % 3) * 0.5,
  }));
}

function collect(data: Buffer): { out: Rec[]; r: ReturnType<typeof parseLog> } {
  const out: Rec[] = [];
  const r = parseLog(data, (topic, payload, receivedAt) => out.push({ topic, payload: Buffer.from(payload), receivedAt }));
  return { out, r };
}

/** One line per record: cheap to compare (deep equality of many Buffers is slow). */
function lines(recs: readonly Rec[]): string[] {
  return recs.map((r) => `${r.topic} ${r.receivedAt} ${r.payload.toString('hex')}`);
}

function writtenLog(recs: Rec[]): { dir: string; data: Buffer; ends: number[] } {
  const dir = tempDir();
  const log = new MessageLog({ dir });
  expect(log.openNew(3)).toBeNull();
  const ends: number[] = [];
  for (const r of recs) {
    expect(log.append(r.topic, r.payload, r.receivedAt)).toBe(true);
    ends.push(log.bytes);
  }
  log.closeSync();
  return { dir, data: readFileSync(join(dir, LOG_FILE)), ends };
}

describe('MessageLog', () => {
  it('round trip: every record, byte-exact, in order, with its generation', () => {
    const recs = records(500);
    const { data } = writtenLog(recs);
    const { out, r } = collect(data);
    expect(r).toMatchObject({ generation: 3, records: 500, problem: null, goodLength: data.length });
    expect(out).toEqual(recs);
  });

  it('a torn tail at random offsets: the complete records before it replay exactly', () => {
    const recs = records(300, 2);
    const { data, ends } = writtenLog(recs);
    const rnd = seededInts(99);
    for (let i = 0; i < 40; i++) {
      const cut = LOG_HEADER_BYTES + rnd(data.length - LOG_HEADER_BYTES);
      const complete = ends.filter((e) => e <= cut).length;
      const { out, r } = collect(data.subarray(0, cut));
      expect(lines(out), `cut at ${cut}`).toEqual(lines(recs.slice(0, complete)));
      expect(r.goodLength).toBe(complete === 0 ? LOG_HEADER_BYTES : ends[complete - 1]);
      if (cut !== r.goodLength) expect(r.problem).toMatch(/torn/u);
    }
  });

  it('a flipped byte costs only the damaged record: replay resynchronises on the next one; a zero-filled tail (power loss) is not damage', () => {
    const recs = records(100, 3);
    const { data, ends } = writtenLog(recs);
    const bad = Buffer.from(data);
    bad[ends[49]! + 12] = bad[ends[49]! + 12]! ^ 0x20; // inside record 51's body
    const a = collect(bad);
    expect(a.out).toEqual([...recs.slice(0, 50), ...recs.slice(51)]);
    expect(a.r).toMatchObject({ problem: expect.stringMatching(/CRC mismatch/u), damaged: true, skippedBytes: ends[50]! - ends[49]!, goodLength: data.length });
    const zeros = Buffer.concat([data, Buffer.alloc(4096)]);
    const b = collect(zeros);
    expect(b.out).toEqual(recs);
    expect(b.r).toMatchObject({ problem: expect.stringMatching(/bad record length 0/u), damaged: false, goodLength: data.length });
  });

  it('flipped bytes at 300 seeded offsets (length, CRC, time, topic, payload): every intact record after the damage is recovered', () => {
    const recs = records(120, 4);
    const { data, ends } = writtenLog(recs);
    const starts = [LOG_HEADER_BYTES, ...ends.slice(0, -1)];
    const rnd = seededInts(2024);
    for (let i = 0; i < 300; i++) {
      // Half the flips in the 8-byte record heads (length and CRC), the rest anywhere.
      const k = rnd(recs.length);
      const at = i % 2 === 0 ? starts[k]! + rnd(8) : LOG_HEADER_BYTES + rnd(data.length - LOG_HEADER_BYTES);
      const hit = ends.findIndex((e) => at < e);
      const bad = Buffer.from(data);
      bad[at] = bad[at]! ^ (1 + rnd(255));
      const { out, r } = collect(bad);
      expect(lines(out), `byte ${at} flipped (record ${hit})`).toEqual(lines(recs.filter((_, j) => j !== hit)));
      expect(r.damaged).toBe(true);
      // Damage in the last record has nothing after it to resynchronise on.
      expect(r.skippedBytes).toBe(hit === recs.length - 1 ? 0 : ends[hit]! - starts[hit]!);
    }
  });

  it('several damaged places and a run of garbage: every record wholly outside them is recovered', () => {
    const recs = records(200, 5);
    const { data, ends } = writtenLog(recs);
    const starts = [LOG_HEADER_BYTES, ...ends.slice(0, -1)];
    const bad = Buffer.from(data);
    const rnd = seededInts(77);
    const damaged: [number, number][] = [];
    for (const k of [10, 11, 60, 150]) {
      const at = starts[k]! + rnd(ends[k]! - starts[k]!);
      bad[at] = bad[at]! ^ 0x5a;
      damaged.push([at, at + 1]);
    }
    const from = starts[100]! + 5;
    const to = starts[104]! + 3;
    for (let i = from; i < to; i++) bad[i] = rnd(256);
    damaged.push([from, to]);
    const intact = recs.filter((_, j) => damaged.every(([a, b]) => ends[j]! <= a || starts[j]! >= b));
    const { out, r } = collect(bad);
    expect(lines(out)).toEqual(lines(intact));
    expect(intact.length).toBe(200 - 4 - 5);
    expect(r.damaged).toBe(true);
  });

  it('a hostile run where every offset looks like a 1 MiB record: resync work is bounded, and it says it gave up', () => {
    const { data } = writtenLog(records(3, 6));
    const hostile = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < hostile.length; i += 4) hostile.writeUInt32LE(0x00100000, i); // length 1 MiB, topic length 0, a finite time
    const t0 = performance.now();
    const { out, r } = collect(Buffer.concat([data, hostile]));
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(out).toHaveLength(3);
    expect(r.damaged).toBe(true);
    expect(r.problem).toMatch(/gave up resynchronising at byte \d+ \(work bound reached\)/u);
  });

  it('a damaged header: generation unknown, records still read; a missing header replays nothing', () => {
    const recs = records(5);
    const { data } = writtenLog(recs);
    const bad = Buffer.from(data);
    bad[9] = bad[9]! ^ 1;
    const { out, r } = collect(bad);
    expect(r).toMatchObject({ generation: null, records: 5, damaged: true, problem: expect.stringMatching(/bad header/u) });
    expect(out).toEqual(recs);
    expect(collect(Buffer.alloc(0)).r).toMatchObject({ problem: 'empty log', damaged: false });
    expect(collect(data.subarray(0, 10)).r.problem).toMatch(/cut short/u);
  });

  it('an oversized payload is logged cut to the limit + 1 byte (the decoder rejects it as too_large either way)', () => {
    const dir = tempDir();
    const log = new MessageLog({ dir, maxPayloadBytes: 1000 });
    log.openNew(0);
    expect(log.append('t', Buffer.alloc(50_000, 7), 1)).toBe(true);
    log.closeSync();
    const { out } = collect(readFileSync(join(dir, LOG_FILE)));
    expect(out[0]!.payload.length).toBe(1001);
    expect(DEFAULT_MAX_LOGGED_PAYLOAD).toBeGreaterThan(64 * 1024);
  });

  it('rotate seals the generation under its own name and starts the next one', async () => {
    const dir = tempDir();
    const log = new MessageLog({ dir });
    log.openNew(7);
    log.append('a', Buffer.from('1'), 1);
    await log.syncAsync();
    expect(log.rotate(8)).toEqual({ sealed: true, error: null });
    log.append('b', Buffer.from('2'), 2);
    log.closeSync();
    expect(readLogFile(join(dir, sealedLogName(7)), null)).toMatchObject({ generation: 7, records: 1 });
    expect(readLogFile(join(dir, LOG_FILE), null)).toMatchObject({ generation: 8, records: 1 });
  });

  it('refuses appends beyond its hard limit, and when it cannot be opened; never throws', () => {
    const dir = tempDir();
    const log = new MessageLog({ dir, hardMaxBytes: LOG_HEADER_BYTES + 100 });
    log.openNew(0);
    expect(log.append('t', Buffer.alloc(50), 1)).toBe(true);
    expect(log.append('t', Buffer.alloc(50), 1)).toBe(false);
    expect(log.status()).toMatchObject({ failedAppends: 1, lastError: expect.stringMatching(/limit/u) });

    const { dir: ro } = unwritableDir();
    const bad = new MessageLog({ dir: ro });
    expect(bad.openNew(0)).toMatch(/^cannot start the message log/u);
    expect(bad.append('t', Buffer.alloc(5), 1)).toBe(false);
    expect(() => bad.closeSync()).not.toThrow();
  });
});
