import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORRUPT_FILES_KEPT, SnapshotJournal } from '../../../electron/core/journal/snapshot-journal.js';
import { seededInts, tempDir, unwritableDir } from './fixtures.js';

const BODY = { hello: 'xin chào', n: [1, 2, 3.5], nested: { a: null, b: 'x'.repeat(5000) } };

function written(): { j: SnapshotJournal; dir: string; bytes: Buffer } {
  const dir = tempDir();
  const j = new SnapshotJournal({ dir });
  const st = j.writeSync(BODY);
  expect(st.ok).toBe(true);
  return { j, dir, bytes: readFileSync(j.path) };
}

function corruptFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('state.json.corrupt-'));
}

describe('SnapshotJournal', () => {
  it('writes atomically and loads back; header carries version, sha256 and length', () => {
    const { j, dir, bytes } = written();
    const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString();
    expect(header).toMatch(/^SOCWALL-JOURNAL v1 [0-9a-f]{64} \d+$/u);
    expect(Number(header.split(' ')[3])).toBe(bytes.length - header.length - 1);
    expect(j.load()).toEqual({ kind: 'loaded', body: BODY, bytes: bytes.length });
    // No temporary left behind; a second write replaces the first.
    expect(readdirSync(dir)).toEqual(['state.json']);
    expect(j.writeSync({ v: 2 }).ok).toBe(true);
    expect(j.load()).toMatchObject({ kind: 'loaded', body: { v: 2 } });
  });

  it('a missing file is a clean start', () => {
    expect(new SnapshotJournal({ dir: tempDir() }).load()).toEqual({ kind: 'missing' });
    expect(new SnapshotJournal({ dir: join(tempDir(), 'not', 'yet') }).load()).toEqual({ kind: 'missing' });
  });

  it('removes temporaries left by a writer that died', () => {
    const { j, dir } = written();
    writeFileSync(join(dir, 'state.json.tmp-999-1'), 'half');
    expect(j.load().kind).toBe('loaded');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('cut at 20 random offsets: detected, set aside, clean start, never throws', () => {
    const { bytes } = written();
    const rnd = seededInts(42);
    const offsets = new Set<number>([0, 1, bytes.indexOf(0x0a), bytes.indexOf(0x0a) + 1, bytes.length - 1]);
    while (offsets.size < 20) offsets.add(rnd(bytes.length));
    for (const cut of offsets) {
      const dir = tempDir();
      const j = new SnapshotJournal({ dir });
      writeFileSync(j.path, bytes.subarray(0, cut));
      const r = j.load();
      expect(r.kind, `cut at ${cut}`).toBe('corrupt');
      if (r.kind !== 'corrupt') continue;
      expect(r.reason.length).toBeGreaterThan(5);
      expect(r.movedTo).not.toBeNull();
      expect(existsSync(r.movedTo!)).toBe(true);
      expect(readFileSync(r.movedTo!)).toEqual(bytes.subarray(0, cut));
      expect(existsSync(j.path)).toBe(false);
      expect(corruptFiles(dir)).toHaveLength(1);
      // The next start is clean, and a write works again.
      expect(j.load()).toEqual({ kind: 'missing' });
      expect(j.writeSync(BODY).ok).toBe(true);
    }
  });

  it('flipped bytes (seeded, anywhere in header or body) are detected', () => {
    const { bytes } = written();
    const rnd = seededInts(7);
    for (let i = 0; i < 40; i++) {
      const dir = tempDir();
      const j = new SnapshotJournal({ dir });
      const bad = Buffer.from(bytes);
      const at = rnd(bad.length);
      bad[at] = bad[at]! ^ (1 << rnd(8));
      writeFileSync(j.path, bad);
      const r = j.load();
      expect(r.kind, `flip at ${at}`).toBe('corrupt');
      expect(corruptFiles(dir)).toHaveLength(1);
    }
  });

  it('wrong version, bad magic, empty file, trailing bytes, garbage: each with its reason', () => {
    const { bytes } = written();
    const text = bytes.toString('latin1');
    const cases: [string, Buffer | string, RegExp][] = [
      ['version', text.replace(' v1 ', ' v2 '), /unknown journal version "v2"/u],
      ['magic', text.replace('SOCWALL-JOURNAL', 'OTHERAPP-JOURNAL'), /bad magic/u],
      ['empty', '', /empty file/u],
      ['trailing', Buffer.concat([bytes, Buffer.from('xx')]), /2 bytes after/u],
      ['garbage', Buffer.from([0, 1, 2, 3, 255, 10, 7]), /bad magic|header/u],
      ['json only', JSON.stringify(BODY), /no header line|bad magic/u],
      ['header only', text.slice(0, text.indexOf('\n') + 1), /truncated/u],
    ];
    for (const [name, content, reason] of cases) {
      const dir = tempDir();
      const j = new SnapshotJournal({ dir });
      writeFileSync(j.path, typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
      const r = j.load();
      expect(r.kind, name).toBe('corrupt');
      if (r.kind === 'corrupt') expect(r.reason, name).toMatch(reason);
      expect(corruptFiles(dir), name).toHaveLength(1);
    }
  });

  it('keeps only the newest few corrupt files', () => {
    const dir = tempDir();
    let t = Date.parse('2026-11-25T00:00:00Z');
    const j = new SnapshotJournal({ dir, now: () => (t += 1000) });
    for (let i = 0; i < CORRUPT_FILES_KEPT + 3; i++) {
      writeFileSync(j.path, 'junk');
      expect(j.load().kind).toBe('corrupt');
    }
    expect(corruptFiles(dir)).toHaveLength(CORRUPT_FILES_KEPT);
  });

  it('refuses a state over the size limit, says so, and keeps the previous file', () => {
    const { dir, bytes } = written();
    const j = new SnapshotJournal({ dir, maxBytes: 10_000 });
    const st = j.writeSync({ big: 'x'.repeat(20_000) });
    expect(st.ok).toBe(false);
    if (!st.ok) expect(st.reason).toMatch(/over the journal limit of 10000 bytes/u);
    expect(readFileSync(j.path)).toEqual(bytes);
  });

  it('an unwritable folder is reported (sync and async), never thrown', async () => {
    const { dir, how } = unwritableDir();
    const j = new SnapshotJournal({ dir });
    const st = j.writeSync(BODY);
    expect(st.ok, how).toBe(false);
    if (!st.ok) expect(st.reason).toMatch(/^cannot .*: (ENOTDIR|EACCES|EROFS|EPERM)/u);
    const enc = j.encode(BODY);
    expect(enc.ok).toBe(true);
    if (enc.ok) {
      const as = await j.writeData(enc.data);
      expect(as.ok).toBe(false);
      if (!as.ok) expect(as.code).toMatch(/ENOTDIR|EACCES|EROFS|EPERM/u);
    }
    expect(() => j.load()).not.toThrow();
  });

  it('async write is atomic and loads back', async () => {
    const dir = tempDir();
    const j = new SnapshotJournal({ dir });
    const enc = j.encode(BODY);
    if (!enc.ok) throw new Error(enc.reason);
    const st = await j.writeData(enc.data);
    expect(st).toMatchObject({ ok: true, bytes: enc.data.length });
    expect(j.load()).toMatchObject({ kind: 'loaded', body: BODY });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});
