// Damage the wall meets at start: a flipped byte in a message log, a log header gone bad,
// a saved state whose counters are negative or fractional, a dangling state symlink.
import { lstatSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_FILE, LOG_HEADER_BYTES } from '../../../electron/core/journal/message-log.js';
import { SnapshotJournal } from '../../../electron/core/journal/snapshot-journal.js';
import { corpus, frameOf, live, makeWall, openJournal, reference, tempDir, type TestWall } from './fixtures.js';

const MSGS = corpus(6000);


/** Start offsets of the records of a log file. */
function recordStarts(data: Buffer): number[] {
  const out: number[] = [];
  for (let off = LOG_HEADER_BYTES; off < data.length; off += 8 + data.readUInt32LE(off)) out.push(off);
  return out;
}

/** A wall that logged MSGS[0, 2000) under a snapshot and MSGS[2000, 4000) in the active log, then was killed. */
async function killedWall(): Promise<{ dir: string; a: TestWall }> {
  const dir = tempDir();
  const a = makeWall();
  const { j } = openJournal(dir, a);
  live(a, j, MSGS.slice(0, 2000));
  expect((await j.flush()).ok).toBe(true);
  live(a, j, MSGS.slice(2000, 4000));
  return { dir, a };
}

describe('WallJournal: damaged files', () => {
  it('a flipped byte in the message log loses only its record: every acknowledged record after it is replayed', async () => {
    const { dir, a } = await killedWall();
    const path = join(dir, LOG_FILE);
    const data = readFileSync(path);
    const starts = recordStarts(data);
    expect(starts).toHaveLength(2000);
    const hit = 700;
    data[starts[hit]! + 20] = data[starts[hit]! + 20]! ^ 0x08;
    writeFileSync(path, data);
    const b = makeWall(a.clock.now);
    const { j: j2, logs } = openJournal(dir, b);
    expect(j2.restore.replayed).toBe(1999);
    expect(j2.restore.problems.join('\n')).toMatch(/CRC mismatch.*replayed 1999 complete records.*damaged/u);
    const expected = [...MSGS.slice(0, 2000 + hit), ...MSGS.slice(2000 + hit + 1, 4000)];
    expect(frameOf(b.agg)).toEqual(frameOf(reference(expected, a.clock.now).agg));
    // Covered by the start-up snapshot: set aside for a post-mortem, not deleted.
    const aside = readdirSync(dir).filter((n) => /^messages\.log\.\d+\.corrupt-/u.test(n));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!)).equals(data)).toBe(true);
    expect(logs.some((l) => /^warn: message log: damaged messages\.log\.\d+ is covered by the snapshot; kept as /u.test(l))).toBe(true);
    await j2.close();
  });

  it('an active log whose header is damaged is still replayed (it is the newest), then set aside', async () => {
    const { dir, a } = await killedWall();
    const path = join(dir, LOG_FILE);
    const data = readFileSync(path);
    data[3] = data[3]! ^ 0xff; // the magic
    writeFileSync(path, data);
    const b = makeWall(a.clock.now);
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore.replayed).toBe(2000);
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    expect(readdirSync(dir).filter((n) => /^messages\.log\.\d+\.corrupt-/u.test(n))).toHaveLength(1);
    // The next generation starts after the one the damaged log was given: nothing collides.
    live(b, j2, MSGS.slice(4000, 4500));
    const c = makeWall(b.clock.now);
    const { j: j3 } = openJournal(dir, c);
    expect(j3.restore.replayed).toBe(500);
    expect(frameOf(c.agg)).toEqual(frameOf(b.agg));
    await j3.close();
  });

  it('a torn tail alone is not damage: cut, and the covered log deleted as before', async () => {
    const { dir, a } = await killedWall();
    const path = join(dir, LOG_FILE);
    const data = readFileSync(path);
    writeFileSync(path, data.subarray(0, data.length - 5));
    const b = makeWall(a.clock.now);
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore.replayed).toBe(1999);
    expect(readdirSync(dir).some((n) => n.includes('.corrupt-'))).toBe(false);
    await j2.close();
  });

  it.each([
    ['a negative counter of today', (s: Record<string, unknown>) => ((s.today as number[])[0] = -5), /state\.today\[0\]: expected a counter/u],
    ['a fractional total', (s: Record<string, unknown>) => ((s.eventsTotal as number[])[2] = 1.5), /state\.eventsTotal\[2\]: expected a counter/u],
    ['a negative ingest count', (s: Record<string, unknown>) => ((s.stats as Record<string, number>).received = -1), /state\.stats\.received: expected a counter/u],
    ['a fractional reject count', (s: Record<string, unknown>) => ((s.stats as { rejectedByReason: Record<string, number> }).rejectedByReason.not_json = 0.5), /rejectedByReason\.not_json: expected a counter/u],
    ['a negative timeline bucket', (s: Record<string, unknown>) => ((s.minutes as { counts: number[] }).counts[40] = -3), /state\.minutes\.counts\[40\]: expected a counter/u],
    ['a fractional site count', (s: Record<string, unknown>) => ((s.sites as { counts: number[] }[]).find((x) => x.counts.length > 0)!.counts[3] = 2.25), /state\.sites\[\d+\]\.counts\[3\]: expected a counter/u],
    ['a negative top-list count', (s: Record<string, unknown>) => ((s.topSources as { counts: number[] }).counts[0] = -10), /state\.topSources\.counts\[0\]: expected a counter/u],
    ['a negative endpoint count', (s: Record<string, unknown>) => ((s.endpoints as { sites: number[][] }).sites[0]![3] = -1), /state\.endpoints\.sites\[0\]: expected a counter/u],
  ])('a saved state with %s is refused, logged, set aside; the wall starts fresh', async (_, spoil, field) => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a);
    live(a, j, MSGS.slice(0, 3000));
    await j.close();
    const text = readFileSync(join(dir, 'state.json'), 'utf8');
    const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { state: Record<string, unknown> };
    spoil(body.state);
    expect(new SnapshotJournal({ dir }).writeSync(body).ok).toBe(true);
    const b = makeWall(a.clock.now);
    const { j: j2, logs } = openJournal(dir, b);
    expect(j2.restore.restored).toBe(false);
    expect(j2.restore.problems[0]).toMatch(/state\.json is unusable: its state is refused/u);
    expect(j2.restore.problems[0]).toMatch(field);
    expect(logs[0]).toMatch(/^warn: journal .* is unusable: its state is refused/u);
    expect(readdirSync(dir).some((n) => n.startsWith('state.json.corrupt-'))).toBe(true);
    // Fresh, not garbage: nothing of the refused state shows.
    expect(frameOf(b.agg).counters).toEqual(frameOf(makeWall(a.clock.now).agg).counters);
    await j2.close();
  });

  it('a state that fits its limit only without the dedup keys is still saved (the log does not grow forever)', async () => {
    const w = makeWall();
    for (const m of MSGS.slice(0, 4000)) w.apply(m.topic, m.payload, m.receivedAt);
    const full = JSON.stringify(w.agg.exportState()).length;
    const bare = JSON.stringify(w.agg.exportState({ dedupKeys: 0 })).length;
    expect(full - bare).toBeGreaterThan(10_000);
    const dir = tempDir();
    const a = makeWall();
    const { j, logs } = openJournal(dir, a, { maxSnapshotBytes: bare + 2000 });
    live(a, j, MSGS.slice(0, 4000));
    const st = await j.flush();
    expect(st.ok).toBe(true);
    expect(logs.filter((l) => /saved without its dedup keys/u.test(l))).toHaveLength(1);
    live(a, j, MSGS.slice(4000, 4100));
    await j.flush();
    expect(logs.filter((l) => /saved without its dedup keys/u.test(l))).toHaveLength(1); // said once
    await j.close();
    const b = makeWall(a.clock.now);
    const { j: j2 } = openJournal(dir, b, { maxSnapshotBytes: bare + 2000 });
    expect(j2.restore).toMatchObject({ restored: true, replayed: 0 });
    expect(frameOf(b.agg).counters).toEqual(frameOf(a.agg).counters);
    await j2.close();
  });

  it('a dangling state symlink is logged and kept aside, not silently replaced', async () => {
    const dir = tempDir();
    const target = join(dir, 'moved-disk', 'state.json');
    symlinkSync(target, join(dir, 'state.json'));
    const w = makeWall();
    const { j, logs } = openJournal(dir, w);
    expect(j.restore.restored).toBe(false);
    expect(j.restore.problems[0]).toMatch(/state\.json is unusable: it is a symbolic link to .*moved-disk\/state\.json, which does not exist; set aside as .*state\.json\.corrupt-/u);
    expect(logs[0]).toMatch(/^warn: journal .*symbolic link/u);
    const aside = readdirSync(dir).find((n) => n.startsWith('state.json.corrupt-'))!;
    expect(lstatSync(join(dir, aside)).isSymbolicLink()).toBe(true);
    await j.close();
  });
});
