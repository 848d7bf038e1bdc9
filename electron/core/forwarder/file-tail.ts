// Follows one log file by polling (fs.stat every `pollMs`: fs.watch misses events across
// rotation and on network file systems) and hands on complete lines with their byte positions.
//
// - Rotation by rename (the path names another device/inode, or nothing): the old file is read
//   on through its descriptor until it has been idle for `rotateGraceMs` (a writer may still
//   append before it reopens), then the new file is read from offset 0 in a new generation.
// - Copytruncate (same inode, smaller than the position; or its first bytes changed, which
//   catches a file truncated and regrown past the position between two polls): read again
//   from 0 in a new generation. Lines written between the copy and the truncation are lost:
//   that race is copytruncate's own.
// - Only complete lines go on; a partial last line waits for its LF (it is read again, never
//   buffered). A line over `maxLineBytes` is dropped whole (`too_long`) and reading resumes
//   after its LF. CR before LF is stripped, empty lines are skipped.
// - The consumer may take fewer lines than offered (its queue is full): the rest is read again
//   at the next poll, so the file itself is the buffer.
// - Start: from the position the queue gives (the newest queued line of this source); without
//   one, at the end of the file (`fromStart`: at 0). A file that appears later is read from 0.
//   A file rotated while the forwarder was stopped is found again by its inode in the same
//   folder (`eve.json.1`) and finished first.
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { fileLineId, type FilePosition } from './file-position.js';
import type { ForwarderLog } from './forwarder-log.js';

export interface TailLine {
  text: string;
  id: string;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Where the source stands after this line. */
  position: FilePosition;
}

export interface FileTailOptions {
  path: string;
  tag: string;
  /** Where the queue says this source stands (undefined: never read before). */
  resume: FilePosition | undefined;
  fromStart?: boolean;
  pollMs?: number;
  /** Longer lines are dropped (default 60 KiB: the envelope around it stays under the wall's 64 KiB). */
  maxLineBytes?: number;
  rotateGraceMs?: number;
  /** The generation of a source never seen before (default: the current Unix second, so ids stay unique even after the state folder is wiped). */
  initialGeneration?: number;
  /** Takes lines in order; returns how many (a prefix) it accepted. The rest is read again later. */
  onLines: (lines: TailLine[]) => number;
  onDrop: (reason: 'too_long') => void;
  /** A position reached without a line (new generation, dropped or empty lines at the end). */
  onPosition: (position: FilePosition) => void;
  log: ForwarderLog;
  now?: () => number;
}

export const DEFAULT_MAX_LINE_BYTES = 60 * 1024;
const READ_CHUNK = 1024 * 1024;
/** Chunks read per poll before yielding to the event loop (MQTT, syslog). */
const CHUNKS_PER_POLL = 4;
const HEAD_BYTES = 64;
/** Rotated siblings looked at when finding a file rotated while the forwarder was stopped. */
const MAX_SIBLINGS = 1000;
const LF = 0x0a;
const CR = 0x0d;

interface OpenFile {
  fd: number;
  dev: string;
  ino: string;
  /** Size at the last poll. */
  size: number;
  /** crc32 of the first `headBytes` bytes (0 bytes: not taken yet). */
  head: string;
  headBytes: number;
}

interface FileIdentity {
  d: string;
  i: string;
}

const crcHex = (b: Buffer) => crc32(b).toString(16).padStart(8, '0');

export class FileTail {
  private readonly o: FileTailOptions;
  private readonly pollMs: number;
  private readonly maxLine: number;
  private readonly graceMs: number;
  private readonly now: () => number;
  private readonly chunk = Buffer.allocUnsafe(READ_CHUNK);
  private file: OpenFile | null = null;
  private generation = 0;
  /** Offset after the last line handed on or dropped. */
  private consumed = 0;
  /** While dropping an over-long line (or aligning a first start to a line): where the search for its LF goes on. */
  private skipping = false;
  private silentSkip = false;
  private scanFrom = 0;
  private lastNoted = -1;
  private draining = false;
  private drainIdleSince = 0;
  /** The file that took the path when the one being finished was rotated (null: none yet). */
  private successor: FileIdentity | null = null;
  private started = false;
  private stopped = false;
  private missingSaid = false;
  private timer: NodeJS.Timeout | null = null;
  /** True while the file does not exist (for the heartbeat's status). */
  missing = false;

  constructor(options: FileTailOptions) {
    this.o = options;
    this.pollMs = options.pollMs ?? 250;
    this.maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.graceMs = options.rotateGraceMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  get path(): string {
    return this.o.path;
  }

  /** Polls now and then every `pollMs` (at once again while a poll stops short of the end). */
  start(): void {
    const tick = () => {
      if (this.stopped) return;
      let more = false;
      try {
        more = this.poll();
      } catch (err) {
        this.o.log('error', `file ${this.o.path}: ${(err as Error).message}`);
      }
      this.timer = more ? setTimeout(tick, 0) : setTimeout(tick, this.pollMs);
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.close();
  }

  /** One poll; true when it stopped short of the end of the file (call again soon). */
  poll(): boolean {
    if (this.stopped) return false;
    if (!this.started) {
      this.started = true;
      this.begin();
      if (!this.started) return false;
    }
    if (this.file === null && !this.openNew()) return false;
    const f = this.file!;
    if (!this.draining) {
      const st = statSync(this.o.path, { bigint: true, throwIfNoEntry: false });
      if (st === undefined || String(st.dev) !== f.dev || String(st.ino) !== f.ino) {
        this.draining = true;
        this.drainIdleSince = this.now();
        this.successor = st === undefined ? null : { d: String(st.dev), i: String(st.ino) };
        this.o.log('info', st === undefined ? `file ${this.o.path} is gone: finishing what was written to it` : `file ${this.o.path} was rotated: finishing the old file, then reading the new one from the start`);
      }
    }
    const size = fstatSync(f.fd).size;
    if (size < Math.max(this.consumed, this.skipping ? this.scanFrom : 0) || (size !== f.size && !this.headUnchanged(f, size))) {
      this.truncated(f);
    }
    if (size !== f.size) this.drainIdleSince = this.now();
    f.size = size;
    this.takeHead(f, size);
    const { more, blocked } = this.readAvailable(f, size);
    if (this.draining && !more && !blocked && this.now() - this.drainIdleSince >= this.graceMs) this.finishDrain(f, size);
    return more;
  }

  /** Where the first poll starts: the queue's position, a rotated file found again, the end, or 0. */
  private begin(): void {
    const p = this.o.resume;
    const st = statSync(this.o.path, { bigint: true, throwIfNoEntry: false });
    if (p === undefined) {
      this.generation = this.o.initialGeneration ?? Math.floor(this.now() / 1000);
      if (st === undefined) return; // read from 0 when it appears
      const f = this.open(this.o.path);
      if (f === null) return this.retryBegin();
      this.file = f;
      const size = fstatSync(f.fd).size;
      f.size = size;
      this.takeHead(f, size);
      if (this.o.fromStart || size === 0) this.consumed = 0;
      else {
        this.consumed = size;
        // Started in the middle of a line (the writer was writing it): skip to its end, silently.
        if (this.byteAt(f, size - 1) !== LF) {
          this.skipping = true;
          this.silentSkip = true;
          this.scanFrom = size;
        }
      }
      this.o.log('info', `file ${this.o.path}: first start, reading from ${this.consumed === 0 ? 'the beginning' : `the end (byte ${this.consumed})`}`);
      this.note(f, this.consumed);
      return;
    }
    this.generation = p.g;
    if (st !== undefined && String(st.dev) === p.d && String(st.ino) === p.i) {
      const f = this.open(this.o.path);
      if (f === null) return this.retryBegin();
      this.file = f;
      this.resumeIn(f, p);
      return;
    }
    // Rotated (or removed) while the forwarder was stopped: finish the old file if it is still there.
    const old = this.findRotated(p);
    if (old !== null) {
      const f = this.open(old);
      if (f !== null && f.dev === p.d && f.ino === p.i) {
        this.file = f;
        this.draining = true;
        this.drainIdleSince = this.now();
        this.o.log('info', `file ${this.o.path} was rotated while the forwarder was stopped: finishing ${old} from byte ${p.o}`);
        this.resumeIn(f, p);
        return;
      }
      if (f !== null) closeSync(f.fd);
    }
    this.o.log('warn', `file ${this.o.path} was rotated while the forwarder was stopped and the old file is not in ${dirname(this.o.path)}: anything written to it after byte ${p.o} is lost; reading the current file from the start`);
    this.generation = p.g + 1;
    // Opened (from 0, this generation) by the first poll, now or when it appears.
  }

  /** The file is there but cannot be opened (permissions): decide where to start once it can be. */
  private retryBegin(): void {
    this.started = false;
  }

  /** Resumes at the saved offset unless the file was truncated or rewritten meanwhile. */
  private resumeIn(f: OpenFile, p: FilePosition): void {
    const size = fstatSync(f.fd).size;
    f.size = size;
    const sameHead = p.h === undefined || p.hn === undefined || (size >= p.hn && this.crcOf(f, p.hn) === p.h);
    if (size >= p.o && sameHead) {
      this.consumed = p.o;
      this.takeHead(f, size);
      this.lastNoted = p.o;
      return;
    }
    this.o.log('warn', `file ${this.o.path} was truncated while the forwarder was stopped: reading it again from the start`);
    this.generation = p.g + 1;
    this.consumed = 0;
    this.takeHead(f, size);
    this.note(f, 0);
  }

  /** Opens the file at the path from 0 in the current generation; false while it does not exist. */
  private openNew(): boolean {
    const f = this.open(this.o.path);
    if (f === null) return false;
    this.file = f;
    this.consumed = 0;
    this.skipping = false;
    this.silentSkip = false;
    this.draining = false;
    f.size = fstatSync(f.fd).size;
    this.takeHead(f, f.size);
    this.note(f, 0);
    return true;
  }

  private open(path: string): OpenFile | null {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.missing = true;
      if (!this.missingSaid) {
        this.missingSaid = true;
        this.o.log('warn', code === 'ENOENT' ? `file ${path} does not exist: waiting for it` : `file ${path} cannot be opened (${code ?? (err as Error).message}): trying again`);
      }
      return null;
    }
    if (this.missingSaid) this.o.log('info', `file ${path} is there: reading it`);
    this.missing = false;
    this.missingSaid = false;
    const st = fstatSync(fd, { bigint: true });
    return { fd, dev: String(st.dev), ino: String(st.ino), size: 0, head: '', headBytes: 0 };
  }

  private close(): void {
    if (this.file) closeSync(this.file.fd);
    this.file = null;
  }

  private truncated(f: OpenFile): void {
    this.o.log('info', `file ${this.o.path} was truncated (copytruncate): reading it again from the start`);
    this.generation++;
    this.consumed = 0;
    this.skipping = false;
    this.silentSkip = false;
    f.head = '';
    f.headBytes = 0;
    this.note(f, 0);
  }

  /** Reads and hands on what is there; `more`: stopped short of the end; `blocked`: the consumer refused lines. */
  private readAvailable(f: OpenFile, size: number): { more: boolean; blocked: boolean } {
    for (let chunks = 0; chunks < CHUNKS_PER_POLL; chunks++) {
      const from = this.skipping ? this.scanFrom : this.consumed;
      if (from >= size) return { more: false, blocked: false };
      const n = readSync(f.fd, this.chunk, 0, Math.min(READ_CHUNK, size - from), from);
      if (n <= 0) return { more: false, blocked: false };
      let p = 0;
      if (this.skipping) {
        const lf = this.chunk.indexOf(LF);
        if (lf < 0 || lf >= n) {
          this.scanFrom = from + n;
          continue;
        }
        this.skipping = false;
        if (!this.silentSkip) this.o.onDrop('too_long');
        this.silentSkip = false;
        this.consumed = from + lf + 1;
        p = lf + 1;
      }
      const lines: TailLine[] = [];
      const drops: number[] = [];
      let lineStart = p;
      for (;;) {
        const lf = this.chunk.indexOf(LF, lineStart);
        if (lf < 0 || lf >= n) break;
        let e = lf;
        if (e > lineStart && this.chunk[e - 1] === CR) e--;
        const len = e - lineStart;
        if (len > this.maxLine) drops.push(from + lineStart);
        else if (len > 0) {
          const start = from + lineStart;
          lines.push({ text: this.chunk.toString('utf8', lineStart, e), id: fileLineId(this.o.tag, this.generation, start), start, position: this.positionAt(f, from + lf + 1) });
        }
        lineStart = lf + 1;
      }
      const accepted = lines.length > 0 ? this.o.onLines(lines) : 0;
      if (accepted < lines.length) {
        const cut = lines[accepted]!.start;
        for (const at of drops) if (at < cut) this.o.onDrop('too_long');
        this.consumed = cut;
        if (accepted > 0) this.lastNoted = lines[accepted - 1]!.position.o;
        this.noteIfAhead(f);
        return { more: false, blocked: true };
      }
      for (let i = 0; i < drops.length; i++) this.o.onDrop('too_long');
      this.consumed = from + lineStart;
      if (lines.length > 0) this.lastNoted = lines.at(-1)!.position.o;
      this.noteIfAhead(f);
      if (n - lineStart > this.maxLine) {
        // The partial line at the end is already too long: drop it, looking for its LF from here.
        this.skipping = true;
        this.scanFrom = from + n;
      }
      if (from + n >= size) return { more: false, blocked: false };
    }
    return { more: true, blocked: false };
  }

  /** The old file has been idle long enough: hand on a last line without LF, then go to the new file. */
  private finishDrain(f: OpenFile, size: number): void {
    if (this.skipping) {
      if (!this.silentSkip) this.o.onDrop('too_long');
      this.skipping = false;
      this.consumed = size;
    } else if (this.consumed < size && size - this.consumed <= this.maxLine) {
      const n = readSync(f.fd, this.chunk, 0, size - this.consumed, this.consumed);
      let e = n;
      if (e > 0 && this.chunk[e - 1] === CR) e--;
      if (e > 0) {
        const at = this.consumed;
        const line: TailLine = { text: this.chunk.toString('utf8', 0, e), id: fileLineId(this.o.tag, this.generation, at), start: at, position: this.positionAt(f, at + n) };
        if (this.o.onLines([line]) < 1) return; // the queue is full: try again later
      }
      this.consumed += n;
    } else if (this.consumed < size) {
      this.o.onDrop('too_long');
      this.consumed = size;
    }
    this.close();
    this.draining = false;
    this.generation++;
    if (!this.followSuccessor()) this.openNew();
  }

  /**
   * The file that followed the one just finished, when the path was rotated again meanwhile
   * (a long drain behind a full queue can outlast a logrotate period): it is now a sibling
   * (`eve.json.1`), found by its inode and finished in turn, so no file in the chain is skipped.
   * False when the path still names it (openNew reads it) or it is gone (said: its lines are lost).
   */
  private followSuccessor(): boolean {
    const next = this.successor;
    this.successor = null;
    if (next === null) return false;
    const st = statSync(this.o.path, { bigint: true, throwIfNoEntry: false });
    if (st !== undefined && String(st.dev) === next.d && String(st.ino) === next.i) return false;
    const moved = this.findRotated(next);
    const f = moved === null ? null : this.open(moved);
    if (f === null || f.dev !== next.d || f.ino !== next.i) {
      if (f !== null) closeSync(f.fd);
      this.o.log('warn', `file ${this.o.path} was rotated again while the previous file was being finished, and the file in between is not in ${dirname(this.o.path)}: its lines are lost`);
      return false;
    }
    this.file = f;
    this.consumed = 0;
    this.skipping = false;
    this.silentSkip = false;
    f.size = fstatSync(f.fd).size;
    this.takeHead(f, f.size);
    this.note(f, 0);
    this.draining = true;
    this.drainIdleSince = this.now();
    this.successor = st === undefined ? null : { d: String(st.dev), i: String(st.ino) };
    this.o.log('info', `file ${this.o.path} was rotated again while the previous file was being finished: finishing ${moved} too`);
    return true;
  }

  /** The position after `offset` in the current file. */
  private positionAt(f: OpenFile, offset: number): FilePosition {
    const p: FilePosition = { t: this.o.tag, g: this.generation, d: f.dev, i: f.ino, o: offset };
    if (f.headBytes > 0) {
      p.h = f.head;
      p.hn = f.headBytes;
    }
    return p;
  }

  private note(f: OpenFile, offset: number): void {
    this.lastNoted = offset;
    this.o.onPosition(this.positionAt(f, offset));
  }

  private noteIfAhead(f: OpenFile): void {
    if (this.consumed > this.lastNoted) this.note(f, this.consumed);
  }

  /** Takes (or extends up to HEAD_BYTES) the fingerprint of the file's first bytes. */
  private takeHead(f: OpenFile, size: number): void {
    if (f.headBytes >= HEAD_BYTES || size <= f.headBytes) return;
    const n = Math.min(HEAD_BYTES, size);
    f.head = this.crcOf(f, n);
    f.headBytes = n;
  }

  /** False when the first bytes the fingerprint covers have changed (truncated and rewritten). */
  private headUnchanged(f: OpenFile, size: number): boolean {
    if (f.headBytes === 0) return true;
    if (size < f.headBytes) return false;
    return this.crcOf(f, f.headBytes) === f.head;
  }

  private crcOf(f: OpenFile, n: number): string {
    const b = Buffer.alloc(n);
    const got = readSync(f.fd, b, 0, n, 0);
    return crcHex(b.subarray(0, got));
  }

  private byteAt(f: OpenFile, offset: number): number {
    const b = Buffer.alloc(1);
    return readSync(f.fd, b, 0, 1, offset) === 1 ? b[0]! : -1;
  }

  /** The file with the saved device and inode among the path's siblings (`eve.json.1`, `alerts.json-20250101`). */
  private findRotated(p: FileIdentity): string | null {
    const dir = dirname(this.o.path);
    const base = basename(this.o.path);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return null;
    }
    let looked = 0;
    for (const name of names) {
      if (!name.startsWith(base) || name === base) continue;
      if (++looked > MAX_SIBLINGS) break;
      const full = join(dir, name);
      const st = statSync(full, { bigint: true, throwIfNoEntry: false });
      if (st !== undefined && st.isFile() && String(st.dev) === p.d && String(st.ino) === p.i) return full;
    }
    return null;
  }
}
