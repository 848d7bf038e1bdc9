import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_FILE } from '../../../electron/core/journal/message-log.js';
import { corpus, frameOf, live, makeWall, openJournal, reference, seededInts, tempDir, unwritableDir } from './fixtures.js';

const MSGS = corpus(12_000);


describe('WallJournal: exact counts across a kill', () => {
  it('killed at random points between random snapshots: snapshot + log replay gives exactly the same state', async () => {
    const rnd = seededInts(2026);
    for (let round = 0; round < 4; round++) {
      const dir = tempDir();
      const a = makeWall();
      const { j } = openJournal(dir, a);
      expect(j.restore).toMatchObject({ restored: false, replayed: 0, problems: [] });
      const killAt = 2000 + rnd(MSGS.length - 2000);
      let i = 0;
      while (i < killAt) {
        const n = Math.min(killAt - i, 1 + rnd(3000));
        live(a, j, MSGS.slice(i, i + n));
        i += n;
        if (rnd(2) === 0) expect((await j.flush()).ok).toBe(true);
      }
      // SIGKILL: no close(), no final snapshot; the page cache holds the log.
      const b = makeWall(a.clock.now);
      const { j: j2 } = openJournal(dir, b);
      expect(j2.restore.problems).toEqual([]);
      expect(j2.restore.droppedBytes).toBe(0);
      expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
      expect(frameOf(b.agg)).toEqual(frameOf(reference(MSGS.slice(0, killAt), a.clock.now).agg));
      await j2.close();
    }
  });

  it('the broker redelivers what was in flight and sends what queued while the wall was down: counted exactly once', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a);
    const killAt = 7000;
    live(a, j, MSGS.slice(0, 4000));
    await j.flush();
    live(a, j, MSGS.slice(4000, killAt));
    // Down for 10 minutes; then the in-flight (unacknowledged) numbered events come again, then the queue.
    const restartAt = a.clock.now + 600_000;
    const inFlight = MSGS.slice(killAt - 2000, killAt)
      .filter((m) => m.payload.includes('"id":"n-'))
      .slice(-6);
    expect(inFlight.length).toBeGreaterThan(3);
    const after = [...inFlight, ...MSGS.slice(killAt)].map((m) => ({ ...m, receivedAt: Math.max(m.receivedAt, restartAt) }));

    const b = makeWall(restartAt);
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore.restored).toBe(true);
    expect(j2.restore.lastReceivedAt).toBe(a.agg.lastReceivedAt);
    live(b, j2, after);

    const ref = reference(MSGS, 0);
    const ref2 = makeWall();
    for (const m of [...MSGS.slice(0, killAt), ...after.slice(inFlight.length)]) ref2.apply(m.topic, m.payload, m.receivedAt);
    ref2.clock.now = b.clock.now;
    const fb = frameOf(b.agg);
    const fr = frameOf(ref2.agg);
    expect(fb.counters).toEqual(fr.counters);
    expect(fb.counters).toEqual(frameOf(ref.agg).counters); // same day: receive times do not matter
    expect(fb.timeline).toEqual(fr.timeline);
    expect(fb.sites).toEqual(fr.sites);
    expect(fb.incidents).toEqual(fr.incidents);
    expect(fb.ingest.duplicates).toBe(fr.ingest.duplicates + inFlight.length);
    await j2.close();
  });

  it('a snapshot write that fails keeps the sealed logs: the next start replays them all', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j, logs } = openJournal(dir, a);
    live(a, j, MSGS.slice(0, 3000));
    expect((await j.flush()).ok).toBe(true);
    live(a, j, MSGS.slice(3000, 6000));
    const good = readFileSync(join(dir, 'state.json'));
    rmSync(join(dir, 'state.json'));
    mkdirSync(join(dir, 'state.json')); // rename over a folder fails (EISDIR)
    const failed = await j.flush();
    expect(failed.ok).toBe(false);
    expect(j.status()).toMatchObject({ writesFailed: 1, lastWrite: { ok: false } });
    expect(logs.some((l) => l.startsWith('error: journal: cannot rename into'))).toBe(true);
    live(a, j, MSGS.slice(6000, 9000));
    // Killed. The folder in the way goes, the last good snapshot is back.
    rmSync(join(dir, 'state.json'), { recursive: true });
    writeFileSync(join(dir, 'state.json'), good);
    const b = makeWall(a.clock.now);
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore).toMatchObject({ restored: true, problems: [], droppedBytes: 0 });
    expect(j2.restore.replayed).toBe(6000);
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    // The start-up snapshot covered everything: the old logs are gone.
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE, 'state.json']);
    await j2.close();
  });

  it('a torn log tail (killed mid-write) is cut; the complete records before it replay exactly', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a);
    live(a, j, MSGS.slice(0, 2500));
    await j.flush();
    live(a, j, MSGS.slice(2500, 5000));
    appendFileSync(join(dir, LOG_FILE), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7])); // half a record
    const b = makeWall(a.clock.now);
    const { j: j2, logs } = openJournal(dir, b);
    expect(j2.restore.replayed).toBe(2500);
    expect(j2.restore.droppedBytes).toBe(11);
    expect(j2.restore.problems.join()).toMatch(/torn record.*dropped 11 bytes/u);
    expect(logs.some((l) => /^warn: message log .*torn/u.test(l))).toBe(true);
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    await j2.close();
  });

  it('a corrupt snapshot is set aside with a clear line; the wall starts clean (plus what the log holds)', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a);
    live(a, j, MSGS.slice(0, 3000));
    await j.flush();
    live(a, j, MSGS.slice(3000, 3500));
    const bytes = readFileSync(join(dir, 'state.json'));
    writeFileSync(join(dir, 'state.json'), bytes.subarray(0, bytes.length >> 1));
    const b = makeWall(a.clock.now);
    const { j: j2, logs } = openJournal(dir, b);
    expect(j2.restore.restored).toBe(false);
    expect(j2.restore.problems[0]).toMatch(/journal .*state\.json is unusable: truncated.*set aside as .*state\.json\.corrupt-.*starting from a clean state/u);
    expect(logs[0]).toMatch(/^warn: journal .* is unusable/u);
    expect(readdirSync(dir).some((n) => n.startsWith('state.json.corrupt-'))).toBe(true);
    // Messages acknowledged after the lost snapshot are still counted.
    expect(frameOf(b.agg).counters).toEqual(frameOf(reference(MSGS.slice(3000, 3500), a.clock.now).agg).counters);
    await j2.close();
  });

  it('a body that passes the checksum but not the state checks is set aside too', async () => {
    const dir = tempDir();
    const w = makeWall();
    const { j } = openJournal(dir, w);
    await j.close();
    const text = readFileSync(join(dir, 'state.json'), 'utf8');
    const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { state: { today: number[] } };
    body.state.today = [1];
    const { SnapshotJournal } = await import('../../../electron/core/journal/snapshot-journal.js');
    new SnapshotJournal({ dir }).writeSync(body);
    const b = makeWall();
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore.restored).toBe(false);
    expect(j2.restore.problems[0]).toMatch(/its state is refused .*: state\.today/u);
    await j2.close();
  });

  it('an unwritable folder is reported, never thrown; the wall keeps counting', async () => {
    const { dir, how } = unwritableDir();
    const a = makeWall();
    const { j, logs } = openJournal(dir, a);
    expect(j.restore.problems.length, how).toBeGreaterThan(0);
    expect(j.restore.problems.join('\n')).toMatch(/ENOTDIR|EACCES|EROFS|EPERM/u);
    expect(() => live(a, j, MSGS.slice(0, 500))).not.toThrow();
    expect(j.status().notLogged).toBe(500);
    expect(logs.filter((l) => l.startsWith('error: journal:')).length).toBeLessThanOrEqual(2); // said once, not per message
    const st = await j.flush();
    expect(st.ok).toBe(false);
    expect(frameOf(a.agg).counters).toEqual(frameOf(reference(MSGS.slice(0, 500), a.clock.now).agg).counters);
    await expect(j.close()).resolves.toMatchObject({ ok: false });
  });

  it('a state over the size limit is refused with a reason; the log is kept, so a later start is still exact', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a, { maxSnapshotBytes: 4096 });
    expect(j.restore.problems.join()).toMatch(/over the journal limit of 4096 bytes/u);
    live(a, j, MSGS.slice(0, 4000));
    const st = await j.flush();
    expect(st).toMatchObject({ ok: false, reason: expect.stringMatching(/over the journal limit/u) });
    live(a, j, MSGS.slice(4000, 5000));
    const b = makeWall(a.clock.now);
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore.replayed).toBe(5000);
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    await j2.close();
  });

  it('a log that cannot be sealed at start is never overwritten; logging resumes once it can be', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a);
    live(a, j, MSGS.slice(0, 3000));
    // Killed. Something blocks the sealed name of the active log (a folder in the way).
    const gen = readFileSync(join(dir, LOG_FILE)).readUInt32LE(8);
    mkdirSync(join(dir, `${LOG_FILE}.${gen}`, 'blocker'), { recursive: true });
    const b = makeWall(a.clock.now);
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore.problems.join('\n')).toMatch(/cannot seal .*messages\.log/u);
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    live(b, j2, MSGS.slice(3000, 4000));
    expect(j2.status().notLogged).toBe(1000);
    expect((await j2.flush()).ok).toBe(true); // the snapshot covers what was not logged
    rmSync(join(dir, `${LOG_FILE}.${gen}`), { recursive: true });
    live(b, j2, MSGS.slice(4000, 4500));
    expect((await j2.flush()).ok).toBe(true);
    live(b, j2, MSGS.slice(4500, 6000));
    expect(j2.status().notLogged).toBe(1500);
    // Killed again: exact.
    const c = makeWall(b.clock.now);
    const { j: j3 } = openJournal(dir, c);
    expect(j3.restore).toMatchObject({ restored: true, replayed: 1500, problems: [] });
    expect(frameOf(c.agg)).toEqual(frameOf(reference(MSGS.slice(0, 6000), b.clock.now).agg));
    await j3.close();
  });

  it('a log over its bound forces a snapshot', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a, { maxLogBytes: 64 * 1024 });
    const gen0 = j.status().log.generation!;
    live(a, j, MSGS.slice(0, 2000));
    await new Promise((r) => setImmediate(r));
    await j.flush();
    expect(j.status().log.generation).toBeGreaterThan(gen0);
    expect(j.status().log.bytes).toBeLessThan(64 * 1024 * 2);
    await j.close();
  });

  it('close() writes a final snapshot: the next start replays nothing', async () => {
    const dir = tempDir();
    const a = makeWall();
    const { j } = openJournal(dir, a);
    j.start();
    live(a, j, MSGS.slice(0, 3000));
    const st = await j.close();
    expect(st.ok).toBe(true);
    j.record('soc/v1/x/y/event', Buffer.from('{}'), 1); // after close: ignored, no throw
    const b = makeWall(a.clock.now);
    const { j: j2 } = openJournal(dir, b);
    expect(j2.restore).toMatchObject({ restored: true, replayed: 0, problems: [] });
    expect(frameOf(b.agg)).toEqual(frameOf(a.agg));
    expect(j2.closeSync()?.ok).toBe(true);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);
  });
});
