// The audit log of wall actions: a hash chain of JSON lines across rotated files, a head file for
// the last line, a restart that continues the chain (cutting a torn line), bounded entries, I/O
// failures that never reach the wall; and the verifier and its CLI naming each break's file and line.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditLogOptions } from '../../../electron/core/audit/audit-log.js';
import { verifyAuditDir } from '../../../electron/core/audit/audit-verify.js';
import type { LogLevel } from '../../../electron/core/log/wall-log.js';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CLI = 'electron/core/audit/audit-verify-cli.ts';
const ZERO_HASH = '0'.repeat(64);
const T0 = 1_700_000_000_000;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'audit-'));
  dirs.push(d);
  return d;
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

interface Opened {
  audit: AuditLog;
  logs: [LogLevel, string][];
}

/** An audit log whose clock ticks one second per entry, its log lines kept. */
function openAudit(dir: string, options: Partial<AuditLogOptions> = {}): Opened {
  const logs: [LogLevel, string][] = [];
  let t = T0;
  const audit = AuditLog.open({ dir, now: () => (t += 1000), log: (level, message) => void logs.push([level, message]), ...options });
  return { audit, logs };
}

/** A closed log of `count` preset changes. */
function writeEntries(dir: string, count: number, options: Partial<AuditLogOptions> = {}): void {
  const { audit } = openAudit(dir, options);
  for (let i = 1; i <= count; i++) audit.append('preset-chosen', { preset: `preset-${i}`, operator: 'desk-2' });
  audit.close();
}

/** The lines of a log file, without their newlines. */
function linesOf(dir: string, file = 'audit.1.jsonl'): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

const writeLines = (dir: string, lines: string[], file = 'audit.1.jsonl') => writeFileSync(join(dir, file), lines.map((l) => `${l}\n`).join(''));
const entryOf = (line: string) => JSON.parse(line) as Record<string, unknown>;
const logFiles = (dir: string) =>
  readdirSync(dir)
    .filter((n) => /^audit\.\d+\.jsonl$/u.test(n))
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));

describe('AuditLog: the file format', () => {
  it('writes seq, at, action, the fields and prev in that order, each prev the hash of the line before, and the head', () => {
    const dir = join(tempDir(), 'audit');
    const { audit, logs } = openAudit(dir);
    audit.append('preset-chosen', { preset: 'overview', operator: 'desk-2' });
    audit.append('wall-locked');
    audit.append('alarm-acknowledged', { alarm: 'a-17', '2': 'integer-like name' });
    expect(audit.status()).toEqual({ dir, seq: 3, appended: 3, failed: 0, lastError: null });
    audit.close();

    const lines = linesOf(dir);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`{"seq":1,"at":${T0 + 1000},"action":"preset-chosen","preset":"overview","operator":"desk-2","prev":"${ZERO_HASH}"}`);
    expect(lines[1]).toBe(`{"seq":2,"at":${T0 + 2000},"action":"wall-locked","prev":"${sha256(lines[0]!)}"}`);
    // An integer-like field name still comes after action and before prev (one object of all would put it first).
    expect(lines[2]).toBe(`{"seq":3,"at":${T0 + 3000},"action":"alarm-acknowledged","2":"integer-like name","alarm":"a-17","prev":"${sha256(lines[1]!)}"}`);
    expect(JSON.parse(readFileSync(join(dir, 'audit.head'), 'utf8'))).toEqual({ seq: 3, hash: sha256(lines[2]!), file: 'audit.1.jsonl' });
    expect(logs).toEqual([]);
  });

  it('bounds entries: long strings cut to 500 characters, an oversized entry replaced by truncated, reserved names dropped', () => {
    const dir = tempDir();
    const { audit } = openAudit(dir);
    audit.append('report-written', { title: 'x'.repeat(2000), nested: { note: 'y'.repeat(600) } });
    const giant = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, 'z'.repeat(400)]));
    audit.append('config-applied', giant);
    audit.append('wall-muted', { seq: 99, at: 1, action: 'forged', prev: 'f'.repeat(64), minutes: 15 });
    audit.close();

    const [cut, truncated, reserved] = linesOf(dir);
    const cutEntry = entryOf(cut!) as { title: string; nested: { note: string } };
    expect(cutEntry.title).toBe(`${'x'.repeat(499)}…`);
    expect(cutEntry.nested.note).toBe(`${'y'.repeat(499)}…`);
    expect(entryOf(truncated!)).toEqual({ seq: 2, at: T0 + 2000, action: 'config-applied', truncated: true, prev: sha256(cut!) });
    expect(Buffer.byteLength(truncated!)).toBeLessThanOrEqual(4096);
    expect(entryOf(reserved!)).toEqual({ seq: 3, at: T0 + 3000, action: 'wall-muted', minutes: 15, prev: sha256(truncated!) });
    expect(verifyAuditDir(dir).ok).toBe(true);
  });

  it('throws a TypeError for a bad action name, without using up a seq', () => {
    const dir = tempDir();
    const { audit } = openAudit(dir);
    for (const bad of ['Preset-chosen', '', 'preset chosen', '1st-preset', 'preset_chosen', 'a'.repeat(65)]) {
      expect(() => audit.append(bad)).toThrow(TypeError);
    }
    audit.append('a'.repeat(64));
    expect(audit.status()).toMatchObject({ seq: 1, appended: 1, failed: 0 });
    audit.close();
  });
});

describe('verifyAuditDir', () => {
  it('accepts an intact log and counts it', () => {
    const dir = tempDir();
    writeEntries(dir, 5);
    expect(verifyAuditDir(dir)).toEqual({ ok: true, files: 1, entries: 5, firstSeq: 1, lastSeq: 5, startsAfterPruned: false, breaks: [] });
  });

  it('one changed byte in line 2 of 5 (still valid JSON) breaks the chain at line 3', () => {
    const dir = tempDir();
    writeEntries(dir, 5);
    const path = join(dir, 'audit.1.jsonl');
    const data = readFileSync(path);
    const line2Start = data.indexOf('\n') + 1;
    const lastDigitOfAt = data.indexOf(',"action"', line2Start) - 1;
    data[lastDigitOfAt] = data[lastDigitOfAt] === 0x30 ? 0x31 : 0x30;
    writeFileSync(path, data);
    expect(JSON.parse(linesOf(dir)[1]!)).toMatchObject({ seq: 2 });

    const verdict = verifyAuditDir(dir);
    expect(verdict.ok).toBe(false);
    expect(verdict.breaks).toEqual([
      {
        file: 'audit.1.jsonl',
        line: 3,
        seq: 3,
        reason: expect.stringMatching(/^line 3 does not follow line 2: prev is [0-9a-f]{12}…, the line before hashes to [0-9a-f]{12}… \(a line was changed or removed\)$/u) as unknown,
      },
    ]);
  });

  it('a line changed into something that is not JSON is named, and the line after it too', () => {
    const dir = tempDir();
    writeEntries(dir, 5);
    const lines = linesOf(dir);
    lines[1] = lines[1]!.replace('{"seq"', '{seq');
    writeLines(dir, lines);
    const breaks = verifyAuditDir(dir).breaks;
    expect(breaks.map((b) => [b.file, b.line, b.seq])).toEqual([
      ['audit.1.jsonl', 2, null],
      ['audit.1.jsonl', 3, 3],
    ]);
    expect(breaks[0]!.reason).toBe('not JSON');
  });

  it('a removed line 3 of 5 breaks at the line that follows, with the seq gap', () => {
    const dir = tempDir();
    writeEntries(dir, 5);
    const lines = linesOf(dir);
    lines.splice(2, 1);
    writeLines(dir, lines);
    const verdict = verifyAuditDir(dir);
    expect(verdict).toMatchObject({ ok: false, entries: 4, firstSeq: 1, lastSeq: 5 });
    expect(verdict.breaks).toEqual([
      { file: 'audit.1.jsonl', line: 3, seq: 4, reason: expect.stringMatching(/^line 3 does not follow line 2: /u) as unknown },
      { file: 'audit.1.jsonl', line: 3, seq: 4, reason: 'seq 4 after seq 2: 1 entry missing' },
    ]);
  });

  it('a changed last line is seen through the head', () => {
    const dir = tempDir();
    writeEntries(dir, 5);
    const lines = linesOf(dir);
    lines[4] = lines[4]!.replace('"preset-5"', '"preset-9"');
    writeLines(dir, lines);
    expect(verifyAuditDir(dir).breaks).toEqual([{ file: 'audit.1.jsonl', line: 5, seq: 5, reason: "the head's hash does not match the last line (the last line was changed)" }]);
  });

  it('a removed last line is seen through the head', () => {
    const dir = tempDir();
    writeEntries(dir, 5);
    writeLines(dir, linesOf(dir).slice(0, 4));
    expect(verifyAuditDir(dir).breaks).toEqual([{ file: 'audit.1.jsonl', line: 4, seq: 4, reason: 'the head file says seq 5 but the log ends at seq 4 (the last line was removed)' }]);
  });

  it('a torn last line is reported at its line', () => {
    const dir = tempDir();
    writeEntries(dir, 3);
    appendFileSync(join(dir, 'audit.1.jsonl'), '{"seq":4,"at":17000');
    expect(verifyAuditDir(dir).breaks).toEqual([{ file: 'audit.1.jsonl', line: 4, seq: null, reason: expect.stringMatching(/^torn last line \(no newline\)/u) as unknown }]);
  });

  it('accepts a head one entry behind whose hash is the last line\'s prev (stopped between the line and its head)', () => {
    const dir = tempDir();
    writeEntries(dir, 2);
    const headAfterTwo = readFileSync(join(dir, 'audit.head'));
    writeEntries(dir, 1);
    writeFileSync(join(dir, 'audit.head'), headAfterTwo);
    expect(verifyAuditDir(dir)).toMatchObject({ ok: true, entries: 3 });
    // Not so for a head two behind.
    writeEntries(dir, 1);
    writeFileSync(join(dir, 'audit.head'), headAfterTwo);
    expect(verifyAuditDir(dir).breaks).toEqual([
      { file: 'audit.1.jsonl', line: 4, seq: 4, reason: 'the head file says seq 2 but the log ends at seq 4 (lines were added or changed after the wall wrote the head)' },
    ]);
  });
});

describe('AuditLog: rotation', () => {
  it('keeps at most maxFiles small files, the chain verifying across them after the oldest were deleted', () => {
    const dir = tempDir();
    const { audit } = openAudit(dir, { maxFileBytes: 400, maxFiles: 3 });
    for (let i = 1; i <= 30; i++) audit.append('rotation-step', { page: i });
    expect(audit.status()).toMatchObject({ seq: 30, appended: 30, failed: 0 });
    audit.close();

    const files = logFiles(dir);
    expect(files).toHaveLength(3);
    const numbers = files.map((f) => Number(f.split('.')[1]));
    expect(numbers[0]).toBeGreaterThan(1);
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2]);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(400);
    // Each file's first line carries the hash of the previous file's last line.
    for (let i = 1; i < files.length; i++) expect(entryOf(linesOf(dir, files[i])[0]!).prev).toBe(sha256(linesOf(dir, files[i - 1]).at(-1)!));

    const verdict = verifyAuditDir(dir);
    expect(verdict).toMatchObject({ ok: true, files: 3, startsAfterPruned: true, lastSeq: 30 });
    expect(verdict.firstSeq).toBeGreaterThan(1);
    expect(verdict.entries).toBe(30 - verdict.firstSeq! + 1);
    expect(JSON.parse(readFileSync(join(dir, 'audit.head'), 'utf8'))).toMatchObject({ seq: 30, file: files[2] });
  });

  it('a changed last line of one file breaks the chain at line 1 of the next', () => {
    const dir = tempDir();
    writeEntries(dir, 12, { maxFileBytes: 400, maxFiles: 10 });
    const files = logFiles(dir);
    expect(files.length).toBeGreaterThan(2);
    const lines = linesOf(dir, files[0]);
    lines[lines.length - 1] = lines.at(-1)!.replace('"desk-2"', '"desk-3"');
    writeLines(dir, lines, files[0]);
    const breaks = verifyAuditDir(dir).breaks;
    expect(breaks.map((b) => [b.file, b.line])).toEqual([[files[1], 1]]);
    expect(breaks[0]!.reason).toMatch(new RegExp(`^line 1 does not follow line ${lines.length} of ${files[0]!.replace(/\./gu, '\\.')}: `, 'u'));
  });

  it('a deleted file in the middle is named', () => {
    const dir = tempDir();
    writeEntries(dir, 12, { maxFileBytes: 400, maxFiles: 10 });
    const files = logFiles(dir);
    rmSync(join(dir, files[1]!));
    const breaks = verifyAuditDir(dir).breaks;
    expect(breaks[0]).toEqual({ file: files[2], line: 1, seq: null, reason: `1 file is missing between ${files[0]} and ${files[2]}` });
    expect(breaks.slice(1).map((b) => [b.file, b.line])).toEqual([
      [files[2], 1],
      [files[2], 1],
    ]);
  });
});

describe('AuditLog: restart', () => {
  it('continues the chain where the last run stopped', () => {
    const dir = tempDir();
    writeEntries(dir, 3);
    const { audit, logs } = openAudit(dir);
    expect(audit.status().seq).toBe(3);
    audit.append('wall-unlocked');
    audit.append('wall-locked');
    audit.close();
    const lines = linesOf(dir);
    expect(lines.map((l) => entryOf(l).seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entryOf(lines[3]!).prev).toBe(sha256(lines[2]!));
    expect(verifyAuditDir(dir)).toMatchObject({ ok: true, entries: 5, lastSeq: 5 });
    expect(logs).toEqual([]);
  });

  it('cuts a torn last line away and continues from the last complete line', () => {
    const dir = tempDir();
    writeEntries(dir, 3);
    const before = readFileSync(join(dir, 'audit.1.jsonl'), 'utf8');
    const torn = '{"seq":4,"at":1700000004000,"act';
    appendFileSync(join(dir, 'audit.1.jsonl'), torn);
    const { audit, logs } = openAudit(dir);
    expect(readFileSync(join(dir, 'audit.1.jsonl'), 'utf8')).toBe(before);
    expect(logs).toEqual([['warn', expect.stringContaining(`audit.1.jsonl ended in a torn line (${torn.length} bytes`)]]);
    audit.append('wall-unlocked');
    audit.close();
    const lines = linesOf(dir);
    expect(entryOf(lines[3]!)).toMatchObject({ seq: 4, action: 'wall-unlocked', prev: sha256(lines[2]!) });
    expect(verifyAuditDir(dir)).toMatchObject({ ok: true, entries: 4 });
  });

  it('continues from the previous file when the newest holds only a torn line', () => {
    const dir = tempDir();
    writeEntries(dir, 8, { maxFileBytes: 400 });
    const files = logFiles(dir);
    const next = `audit.${files.length + 1}.jsonl`;
    writeFileSync(join(dir, next), '{"seq":9,"at":170');
    const { audit } = openAudit(dir, { maxFileBytes: 400 });
    audit.append('wall-unlocked');
    audit.close();
    expect(entryOf(linesOf(dir, next)[0]!)).toMatchObject({ seq: 9, prev: sha256(linesOf(dir, files.at(-1)).at(-1)!) });
    expect(verifyAuditDir(dir)).toMatchObject({ ok: true, entries: 9 });
  });

  it('records a head that disagrees with the files as an audit-head-mismatch entry', () => {
    const dir = tempDir();
    writeEntries(dir, 3);
    const lines = linesOf(dir);
    writeLines(dir, lines.slice(0, 2));
    const { audit, logs } = openAudit(dir);
    expect(logs).toEqual([['warn', 'audit log: head says seq 3, file ends at 2: the log was changed while the wall was stopped']]);
    audit.close();
    const after = linesOf(dir);
    expect(after).toHaveLength(3);
    expect(entryOf(after[2]!)).toEqual({ seq: 3, at: T0 + 1000, action: 'audit-head-mismatch', head_seq: 3, file_seq: 2, prev: sha256(lines[1]!) });
    expect(verifyAuditDir(dir).ok).toBe(true);
  });

  it('records a removed head file, but not a head one entry behind (stopped between a line and its head)', () => {
    const dir = tempDir();
    writeEntries(dir, 2);
    const headAfterTwo = readFileSync(join(dir, 'audit.head'));
    writeEntries(dir, 1);
    writeFileSync(join(dir, 'audit.head'), headAfterTwo);
    const first = openAudit(dir);
    first.audit.close();
    expect(first.logs).toEqual([]);
    expect(linesOf(dir)).toHaveLength(3);

    rmSync(join(dir, 'audit.head'));
    const second = openAudit(dir);
    second.audit.close();
    expect(second.logs).toEqual([['warn', expect.stringMatching(/^audit log: the head file is missing, file ends at 3: /u)]]);
    expect(entryOf(linesOf(dir)[3]!)).toMatchObject({ seq: 4, action: 'audit-head-mismatch', head_seq: null, file_seq: 3 });
  });
});

describe('AuditLog: I/O failures', () => {
  it('never throws at the wall: a folder it cannot create is counted, logged once, and tried again at each append', () => {
    const parent = tempDir();
    const blocker = join(parent, 'not-a-folder');
    writeFileSync(blocker, '');
    const dir = join(blocker, 'audit');
    let opened: Opened | undefined;
    expect(() => (opened = openAudit(dir))).not.toThrow();
    const { audit, logs } = opened!;
    expect(() => audit.append('wall-locked')).not.toThrow();
    expect(() => audit.append('wall-unlocked')).not.toThrow();
    expect(audit.status()).toEqual({ dir, seq: 0, appended: 0, failed: 2, lastError: expect.stringMatching(/ENOTDIR/u) as unknown });
    expect(logs).toEqual([['warn', expect.stringMatching(/^audit log: cannot open the audit log in .*ENOTDIR/u)]]);

    // The disk is back: the next append works.
    rmSync(blocker);
    audit.append('alarm-shelved', { alarm: 'a-3' });
    audit.close();
    expect(audit.status()).toMatchObject({ seq: 1, appended: 1, failed: 2 });
    expect(logs[1]).toEqual(['info', 'audit log: writing again (2 entries were not recorded)']);
    expect(verifyAuditDir(dir)).toMatchObject({ ok: true, entries: 1 });
  });

  it('ignores appends after close', () => {
    const dir = tempDir();
    const { audit } = openAudit(dir);
    audit.append('wall-locked');
    audit.close();
    audit.append('wall-unlocked');
    expect(audit.status()).toMatchObject({ seq: 1, appended: 1, failed: 0 });
    expect(linesOf(dir)).toHaveLength(1);
  });
});

describe('npm run audit:verify', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

  it('exits 0 with a summary for an intact log, 1 with each break for a tampered one, 2 for a missing folder', () => {
    const dir = tempDir();
    writeEntries(dir, 5);
    const intact = run(dir);
    expect([intact.status, intact.stdout, intact.stderr]).toEqual([0, `audit log ${dir}: 1 file, 5 entries (seq 1…5): chain intact\n`, '']);

    writeLines(dir, linesOf(dir).filter((_, i) => i !== 2));
    const broken = run(dir);
    expect(broken.status).toBe(1);
    expect(broken.stdout.split('\n')).toEqual([
      `audit log ${dir}: 1 file, 4 entries (seq 1…5): 2 breaks`,
      expect.stringMatching(/^audit\.1\.jsonl line 3 \(seq 4\): line 3 does not follow line 2: /u),
      'audit.1.jsonl line 3 (seq 4): seq 4 after seq 2: 1 entry missing',
      '',
    ]);

    const missing = run(join(dir, 'nowhere'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such folder/u);
    expect(run().status).toBe(2);
  }, 60_000);
});
