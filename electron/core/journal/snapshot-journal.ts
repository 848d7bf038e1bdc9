// The wall's last state in one file, written atomically: a temporary file in the same
// folder, fsync, rename over `state.json`, fsync the folder. A reader sees the old file or
// the new one, never a mix, even after a power cut.
//
// Format: one header line, then the JSON body.
//   SOCWALL-JOURNAL v1 <sha256 of the body, 64 lowercase hex> <body length in bytes>\n
//   {...}
// `load()` checks the version, the length and the checksum. A file that fails any check
// (cut short, bytes flipped, unknown version, empty) is renamed `state.json.corrupt-<time>`
// (the newest few are kept) and the caller starts clean; a missing file is a clean start.
// Nothing here throws for a file-system error: results carry `{ ok: false, reason }`.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open as openAsync, rename as renameAsync, unlink as unlinkAsync } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFsError, errnoCode, fsyncDirSync, setAsideSync } from './fs-status.js';

export const JOURNAL_MAGIC = 'SOCWALL-JOURNAL';
export const JOURNAL_VERSION = 'v1';
export const DEFAULT_MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;
/** Corrupt files set aside that are kept for a post-mortem (older ones are deleted). */
export const CORRUPT_FILES_KEPT = 5;
const MAX_HEADER = 128;

export type WriteStatus =
  | { ok: true; bytes: number; durationMs: number; at: number }
  | { ok: false; reason: string; code: string | null; bytes: number; durationMs: number; at: number };

export type LoadResult =
  | { kind: 'loaded'; body: unknown; bytes: number }
  | { kind: 'missing' }
  | { kind: 'corrupt'; reason: string; movedTo: string | null };

export interface SnapshotJournalOptions {
  dir: string;
  /** File name in `dir`. Default `state.json`. */
  file?: string;
  /** Bodies larger than this are refused (the previous file stays). Default 16 MiB. */
  maxBytes?: number;
  now?: () => number;
}

export class SnapshotJournal {
  readonly dir: string;
  readonly path: string;
  readonly maxBytes: number;
  private readonly file: string;
  private readonly now: () => number;
  private tmpCounter = 0;

  constructor(options: SnapshotJournalOptions) {
    this.dir = options.dir;
    this.file = options.file ?? 'state.json';
    this.path = join(this.dir, this.file);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES;
    this.now = options.now ?? Date.now;
  }

  /** Header + body, or a reason it cannot be written (too large). */
  encode(value: unknown): { ok: true; data: Buffer } | { ok: false; reason: string; tooLarge: boolean } {
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch (err) {
      return { ok: false, reason: `state is not serialisable: ${(err as Error).message}`, tooLarge: false };
    }
    const body = Buffer.from(json, 'utf8');
    if (body.length > this.maxBytes) {
      return { ok: false, reason: `state is ${body.length} bytes, over the journal limit of ${this.maxBytes} bytes: not written (the previous journal is kept)`, tooLarge: true };
    }
    const sha = createHash('sha256').update(body).digest('hex');
    const header = Buffer.from(`${JOURNAL_MAGIC} ${JOURNAL_VERSION} ${sha} ${body.length}\n`, 'ascii');
    return { ok: true, data: Buffer.concat([header, body]) };
  }

  /** Parses file contents. Returns the body or why it is not a valid journal. */
  static decode(data: Buffer): { ok: true; body: unknown } | { ok: false; reason: string } {
    if (data.length === 0) return { ok: false, reason: 'empty file' };
    const nl = data.indexOf(0x0a);
    if (nl < 0 || nl > MAX_HEADER) return { ok: false, reason: 'no header line' };
    const parts = data.subarray(0, nl).toString('latin1').split(' ');
    if (parts[0] !== JOURNAL_MAGIC) return { ok: false, reason: 'not a SOC Wall journal (bad magic)' };
    if (parts[1] !== JOURNAL_VERSION) return { ok: false, reason: `unknown journal version ${JSON.stringify(parts[1] ?? '')} (this build reads ${JOURNAL_VERSION})` };
    if (parts.length !== 4 || !/^[0-9a-f]{64}$/u.test(parts[2]!) || !/^[0-9]{1,10}$/u.test(parts[3]!)) {
      return { ok: false, reason: 'malformed header line' };
    }
    const declared = Number(parts[3]);
    const body = data.subarray(nl + 1);
    if (body.length < declared) return { ok: false, reason: `truncated: body is ${body.length} of ${declared} bytes` };
    if (body.length > declared) return { ok: false, reason: `${body.length - declared} bytes after the declared body of ${declared} bytes` };
    const sha = createHash('sha256').update(body).digest('hex');
    if (sha !== parts[2]) return { ok: false, reason: 'checksum mismatch (sha256 of the body differs from the header)' };
    try {
      return { ok: true, body: JSON.parse(body.toString('utf8')) as unknown };
    } catch (err) {
      // Only reachable if the writer itself wrote bad JSON: still not a crash.
      return { ok: false, reason: `body is not JSON: ${(err as Error).message}` };
    }
  }

  /** Reads and checks `state.json`; a bad file is set aside. Never throws. */
  load(): LoadResult {
    this.removeStaleTemporaries();
    let data: Buffer;
    try {
      data = readBounded(this.path, this.maxBytes + MAX_HEADER);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') {
        // A link to a file that is gone (a moved data disk, a deleted target) is not a first
        // start: say so, and keep the link aside rather than silently replacing it.
        const target = danglingLinkTarget(this.path);
        return target === null ? { kind: 'missing' } : this.setAside(`it is a symbolic link to ${target}, which does not exist`);
      }
      if (err instanceof TooLarge) return this.setAside(`file is ${err.size} bytes, over the journal limit`);
      // Unreadable (EACCES, EIO, a folder in its place): set it aside if we can.
      return this.setAside(describeFsError('read', this.path, err));
    }
    const r = SnapshotJournal.decode(data);
    if (!r.ok) return this.setAside(r.reason);
    return { kind: 'loaded', body: r.body, bytes: data.length };
  }

  /** Sets the current file aside as corrupt (also used when its body fails the state checks). */
  setAside(reason: string): { kind: 'corrupt'; reason: string; movedTo: string | null } {
    const r = setAsideSync(this.path, this.now());
    if ('error' in r) return { kind: 'corrupt', reason: `${reason}; and it could not be set aside: ${r.error}`, movedTo: null };
    this.pruneCorrupt();
    return { kind: 'corrupt', reason, movedTo: r.movedTo };
  }

  /** Synchronous atomic write (start-up, shutdown, tests). Never throws. */
  writeSync(value: unknown): WriteStatus {
    const t0 = performance.now();
    const at = this.now();
    const enc = this.encode(value);
    if (!enc.ok) return { ok: false, reason: enc.reason, code: 'E2BIG', bytes: 0, durationMs: performance.now() - t0, at };
    return this.writeDataSync(enc.data, t0, at);
  }

  writeDataSync(data: Buffer, t0 = performance.now(), at = this.now()): WriteStatus {
    const tmp = this.tmpPath();
    let fd: number | null = null;
    let step = 'create the folder';
    let stepPath = this.dir;
    try {
      mkdirSync(this.dir, { recursive: true });
      step = 'write';
      stepPath = tmp;
      fd = openSync(tmp, 'w', 0o600);
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      step = 'rename into';
      stepPath = this.path;
      renameSync(tmp, this.path);
      step = 'fsync the folder';
      stepPath = this.dir;
      fsyncDirSync(this.dir);
      return { ok: true, bytes: data.length, durationMs: performance.now() - t0, at };
    } catch (err) {
      if (fd !== null) closeQuiet(fd);
      unlinkQuiet(tmp);
      return { ok: false, reason: describeFsError(step, stepPath, err), code: errnoCode(err), bytes: data.length, durationMs: performance.now() - t0, at };
    }
  }

  /**
   * Asynchronous atomic write of already encoded data (the periodic path: serialising is
   * done by the caller on the main thread, the I/O and fsyncs off it). Never rejects.
   */
  async writeData(data: Buffer, t0 = performance.now(), at = this.now()): Promise<WriteStatus> {
    const tmp = this.tmpPath();
    let step = 'create the folder';
    let stepPath = this.dir;
    let handle: Awaited<ReturnType<typeof openAsync>> | null = null;
    try {
      mkdirSync(this.dir, { recursive: true });
      step = 'write';
      stepPath = tmp;
      handle = await openAsync(tmp, 'w', 0o600);
      await handle.writeFile(data);
      await handle.sync();
      await handle.close();
      handle = null;
      step = 'rename into';
      stepPath = this.path;
      await renameAsync(tmp, this.path);
      step = 'fsync the folder';
      stepPath = this.dir;
      await fsyncDirAsync(this.dir);
      return { ok: true, bytes: data.length, durationMs: performance.now() - t0, at };
    } catch (err) {
      if (handle) await handle.close().catch(() => undefined);
      await unlinkAsync(tmp).catch(() => undefined);
      return { ok: false, reason: describeFsError(step, stepPath, err), code: errnoCode(err), bytes: data.length, durationMs: performance.now() - t0, at };
    }
  }

  private tmpPath(): string {
    return join(this.dir, `${this.file}.tmp-${process.pid}-${++this.tmpCounter}`);
  }

  /** Temporary files of a writer that died mid-write. */
  private removeStaleTemporaries(): void {
    for (const name of listQuiet(this.dir)) {
      if (name.startsWith(`${this.file}.tmp-`)) unlinkQuiet(join(this.dir, name));
    }
  }

  private pruneCorrupt(): void {
    pruneSetAside(this.dir, (n) => n.startsWith(`${this.file}.corrupt-`));
  }
}

/** The target of `path` when it is a symbolic link whose target does not exist, else null. */
function danglingLinkTarget(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch {
    return null;
  }
}

class TooLarge extends Error {
  constructor(readonly size: number) {
    super(`file is ${size} bytes`);
  }
}

function readBounded(path: string, max: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > max) throw new TooLarge(size);
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

async function fsyncDirAsync(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const h = await openAsync(dir, 'r');
  try {
    await h.sync().catch((err: unknown) => {
      const code = errnoCode(err);
      if (code !== 'EINVAL' && code !== 'EISDIR') throw err;
    });
  } finally {
    await h.close();
  }
}

/** Keeps the newest `keep` files set aside (`….corrupt-<time>`) among those `isOurs` picks. */
export function pruneSetAside(dir: string, isOurs: (name: string) => boolean, keep = CORRUPT_FILES_KEPT): void {
  const stampOf = (n: string) => n.slice(n.lastIndexOf('.corrupt-'));
  const aside = listQuiet(dir)
    .filter((n) => isOurs(n) && n.includes('.corrupt-'))
    .sort((a, b) => (stampOf(a) < stampOf(b) ? -1 : stampOf(a) > stampOf(b) ? 1 : a < b ? -1 : 1));
  for (const name of aside.slice(0, Math.max(0, aside.length - keep))) unlinkQuiet(join(dir, name));
}

export function listQuiet(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function unlinkQuiet(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

function closeQuiet(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

