// The wall's audit log: who did what on the wall, in a form where a changed or removed entry shows.
// Files `audit.<N>.jsonl` in one folder (the highest N is written), one JSON object per line:
// {"seq":…,"at":…,"action":…, …the caller's fields…, "prev":"<sha256 hex of the previous line>"}.
// The chain runs across files (the first line ever has 64 zeros); `audit.head` holds the seq and
// hash of the last line, since the chain alone cannot see the last line changed or removed.
// The oldest files are deleted past `maxFiles`; audit-verify.ts checks all of this.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_PATTERN, HEAD_FILE, NEWLINE, ZERO_HASH, listLogFiles, sha256, type LogFile } from './audit-files.js';
import { describeFsError, errnoCode, fsyncDirSync } from '../journal/fs-status.js';
import { consoleLog, type WallLog } from '../log/wall-log.js';

export interface AuditLogOptions {
  /** Folder of the log (created if missing). */
  dir: string;
  /** Start the next file before one would grow past this (default 4 MiB). */
  maxFileBytes?: number;
  /** Files kept, the current one included (default 20); the oldest are deleted. */
  maxFiles?: number;
  now?: () => number;
  log?: WallLog;
}

export interface AuditStatus {
  dir: string;
  /** Seq of the last entry in the log (0 before the first). */
  seq: number;
  /** Entries written since open. */
  appended: number;
  /** Entries that could not be written since open. */
  failed: number;
  /** The last failure, kept after writing works again. */
  lastError: string | null;
}

const MAX_ACTION_CHARS = 64;
const MAX_STRING_CHARS = 500;
const MAX_LINE_BYTES = 4096;
/** A line is at most MAX_LINE_BYTES, so the last complete one always lies in this much of the tail. */
const TAIL_BYTES = 8192;
const RESERVED_FIELDS = new Set(['seq', 'at', 'action', 'prev']);

interface Head {
  seq: number;
  hash: string;
  file: string;
}

/** Where the chain stands: the last complete line of the log. */
interface ChainEnd {
  seq: number;
  hash: string;
  /** The `prev` of that line, to recognise a head one entry behind (stopped between line and head). */
  prev: string | null;
  file: string;
}

type LastLine = { kind: 'empty' } | { kind: 'line'; end: ChainEnd } | { kind: 'foreign'; why: string };



/** Cuts a string to MAX_STRING_CHARS characters, the last being "…" (never half a surrogate pair). */
function cutString(value: string): string {
  let end = MAX_STRING_CHARS - 1;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${value.slice(0, end)}…`;
}

const cutLongStrings = (_key: string, value: unknown): unknown => (typeof value === 'string' && value.length > MAX_STRING_CHARS ? cutString(value) : value);

/** The caller's fields as `,"k":v,…` (empty when none), reserved names dropped, long strings cut. */
function callerFieldsJson(fields: Readonly<Record<string, unknown>>): string {
  // fromEntries defines own properties, so a "__proto__" field stays a field.
  const kept = Object.fromEntries(Object.entries(fields).filter(([key]) => !RESERVED_FIELDS.has(key)));
  let json: string | undefined;
  try {
    json = JSON.stringify(kept, cutLongStrings);
  } catch (err) {
    // A BigInt or a cycle: still record that the action happened.
    json = JSON.stringify({ unserialisable: cutString(err instanceof Error ? err.message : String(err)) });
  }
  return json === undefined || json === '{}' ? '' : `,${json.slice(1, -1)}`;
}

function checkAction(action: unknown): asserts action is string {
  if (typeof action !== 'string' || action.length > MAX_ACTION_CHARS || !ACTION_PATTERN.test(action)) {
    const shown = typeof action === 'string' ? JSON.stringify(action.slice(0, 80)) : typeof action;
    throw new TypeError(`audit action must be 1 to ${MAX_ACTION_CHARS} characters of a-z, 0-9 and "-", starting with a letter: got ${shown}`);
  }
}

function readFullSync(fd: number, buffer: Buffer, position: number): void {
  for (let done = 0; done < buffer.length; ) {
    const n = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (n === 0) throw new Error('the file shrank while it was read');
    done += n;
  }
}

function writeFullSync(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** The seq and prev of a line, when it is an entry (anything else still chains by its hash). */
function seqAndPrev(line: Buffer): { seq: number | null; prev: string | null } {
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    if (typeof value !== 'object' || value === null) return { seq: null, prev: null };
    const { seq, prev } = value as { seq?: unknown; prev?: unknown };
    return {
      seq: typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null,
      prev: typeof prev === 'string' ? prev : null,
    };
  } catch {
    return { seq: null, prev: null };
  }
}

function readHead(dir: string): Head | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(join(dir, HEAD_FILE), 'utf8');
  } catch (err) {
    return errnoCode(err) === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<Head> | null;
    if (typeof value?.seq === 'number' && typeof value.hash === 'string' && typeof value.file === 'string') return { seq: value.seq, hash: value.hash, file: value.file };
  } catch {
    // falls through
  }
  return 'unreadable';
}

export class AuditLog {
  private readonly dir: string;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private readonly now: () => number;
  private readonly log: WallLog;
  /** The file written to and its size; fd null until opened, and again after a failure (reopened by the next append). */
  private file: LogFile = { name: 'audit.1.jsonl', n: 1 };
  private fd: number | null = null;
  private size = 0;
  private seq = 0;
  private hash = ZERO_HASH;
  private appended = 0;
  private failed = 0;
  private lastError: string | null = null;
  /** Entries lost in the current failure streak; the streak is logged once, at its start. */
  private failing = false;
  private lostInStreak = 0;
  private closed = false;

  private constructor(options: AuditLogOptions) {
    const maxFileBytes = options.maxFileBytes ?? 4 * 1024 * 1024;
    const maxFiles = options.maxFiles ?? 20;
    if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 1) throw new TypeError(`audit log maxFileBytes must be a positive integer: got ${maxFileBytes}`);
    if (!Number.isSafeInteger(maxFiles) || maxFiles < 1) throw new TypeError(`audit log maxFiles must be a positive integer: got ${maxFiles}`);
    this.dir = options.dir;
    this.maxFileBytes = maxFileBytes;
    this.maxFiles = maxFiles;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? consoleLog;
  }

  /** Opens the folder and continues its chain. Never throws for I/O: a folder it cannot use is logged and retried at each append. */
  static open(options: AuditLogOptions): AuditLog {
    const audit = new AuditLog(options);
    const mismatch = audit.resume(true);
    if (mismatch) audit.append('audit-head-mismatch', mismatch);
    return audit;
  }

  append(action: string, fields: Readonly<Record<string, unknown>> = {}): void {
    checkAction(action);
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new TypeError('audit fields must be an object');
    if (this.closed) return;
    // Closed after a failure: open again, which also cuts a line the failure left half written.
    if (this.fd === null) this.resume(false);
    let fd = this.fd;
    if (fd === null) {
      this.failed++;
      this.lostInStreak++;
      return;
    }
    const line = this.formatLine(this.seq + 1, action, fields);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      if (this.size > 0 && this.size + bytes.length > this.maxFileBytes) fd = this.rotate();
      writeFullSync(fd, bytes);
      fsyncSync(fd);
    } catch (err) {
      this.dropFd();
      this.failed++;
      this.lostInStreak++;
      this.fail(describeFsError('append to', join(this.dir, this.file.name), err));
      return;
    }
    this.seq += 1;
    this.hash = sha256(line);
    this.size += bytes.length;
    this.appended++;
    if (this.writeHead() && this.failing) {
      const lost = this.lostInStreak === 0 ? '' : ` (${this.lostInStreak} ${this.lostInStreak === 1 ? 'entry was' : 'entries were'} not recorded)`;
      this.log('info', `audit log: writing again${lost}`, { dir: this.dir });
      this.failing = false;
      this.lostInStreak = 0;
    }
  }

  status(): AuditStatus {
    return { dir: this.dir, seq: this.seq, appended: this.appended, failed: this.failed, lastError: this.lastError };
  }

  close(): void {
    this.closed = true;
    this.dropFd();
  }

  private formatLine(seq: number, action: string, fields: Readonly<Record<string, unknown>>): string {
    // Written by hand, not as one object: JSON.stringify would put integer-like field names first.
    const start = `{"seq":${seq},"at":${JSON.stringify(this.now())},"action":${JSON.stringify(action)}`;
    const end = `,"prev":"${this.hash}"}`;
    const body = callerFieldsJson(fields);
    return Buffer.byteLength(start + body + end, 'utf8') > MAX_LINE_BYTES ? `${start},"truncated":true${end}` : start + body + end;
  }

  /**
   * Finds the end of the chain in the folder and opens the newest file for appending. With
   * `checkHead` (at open) compares it with the head file; returns the mismatch entry's fields.
   */
  private resume(checkHead: boolean): Record<string, unknown> | null {
    let files: LogFile[];
    let end: ChainEnd | null = null;
    let foreign: { why: string; newest: boolean } | null = null;
    try {
      mkdirSync(this.dir, { recursive: true });
      files = listLogFiles(this.dir);
      // The newest file may be empty (a rotation just happened, or all it held was a torn line).
      for (let i = files.length - 1; i >= 0 && end === null && foreign === null; i--) {
        const last = this.readLastLine(files[i]!, i === files.length - 1);
        if (last.kind === 'line') end = last.end;
        else if (last.kind === 'foreign') foreign = { why: last.why, newest: i === files.length - 1 };
      }
    } catch (err) {
      this.fail(describeFsError('open the audit log in', this.dir, err));
      return null;
    }
    const head = readHead(this.dir);
    let mismatch: Record<string, unknown> | null = null;
    if (foreign !== null) {
      // Not something this log wrote: leave it for the verifier, start a new file from the head.
      this.log('warn', `audit log: ${foreign.why}; the chain continues from the head file`, { dir: this.dir });
      end = typeof head === 'object' ? { ...head, prev: null } : null;
      const n = (files.at(-1)?.n ?? 0) + 1;
      if (foreign.newest) files.push({ name: `audit.${n}.jsonl`, n });
    } else if (checkHead) {
      mismatch = this.compareHead(head, end);
    }
    this.seq = end?.seq ?? 0;
    this.hash = end?.hash ?? ZERO_HASH;
    this.file = files.at(-1) ?? { name: 'audit.1.jsonl', n: 1 };
    try {
      this.openFile();
      this.prune();
    } catch (err) {
      this.dropFd();
      this.fail(describeFsError('open', join(this.dir, this.file.name), err));
    }
    return mismatch;
  }

  /** The head's disagreement with the log's last line, logged; null when they agree. */
  private compareHead(head: Head | 'missing' | 'unreadable', end: ChainEnd | null): Record<string, unknown> | null {
    if (head === 'missing' && end === null) return null;
    // The wall stopped after writing a line and before its head: the head is one entry behind.
    const oneBehind = end !== null && (head === 'missing' ? end.seq === 1 && end.prev === ZERO_HASH : head !== 'unreadable' && head.seq === end.seq - 1 && head.hash === end.prev);
    if (oneBehind) return null;
    if (typeof head === 'object' && end !== null && head.seq === end.seq && head.hash === end.hash && head.file === end.file) return null;
    const fileSeq = end?.seq ?? 0;
    const said = typeof head === 'object' ? `head says seq ${head.seq}` : `the head file is ${head}`;
    const sameSeq = typeof head === 'object' && head.seq === fileSeq ? ' but not the same last line' : '';
    this.log('warn', `audit log: ${said}, file ends at ${fileSeq}${sameSeq}: the log was changed while the wall was stopped`, { dir: this.dir });
    return { head_seq: typeof head === 'object' ? head.seq : null, file_seq: fileSeq };
  }

  /** The last complete line of a file, read from its tail only; in the newest file a torn line after it is cut away. */
  private readLastLine(file: LogFile, newest: boolean): LastLine {
    const path = join(this.dir, file.name);
    const fd = openSync(path, newest ? 'r+' : 'r');
    try {
      const size = fstatSync(fd).size;
      const tailStart = Math.max(0, size - TAIL_BYTES);
      const tail = Buffer.alloc(size - tailStart);
      readFullSync(fd, tail, tailStart);
      let end = tail.length;
      if (end > 0 && tail[end - 1] !== NEWLINE) {
        const torn = end - (tail.lastIndexOf(NEWLINE) + 1);
        if (torn > MAX_LINE_BYTES) return { kind: 'foreign', why: `${file.name} ends in ${torn} bytes without a newline, more than an entry` };
        end -= torn;
        if (newest) {
          this.log('warn', `audit log: ${file.name} ended in a torn line (${torn} bytes, no newline: the wall stopped while writing it); cut away, the chain continues from the last complete line`, { dir: this.dir });
          ftruncateSync(fd, tailStart + end);
          fsyncSync(fd);
        }
      }
      if (end === 0) return tailStart === 0 ? { kind: 'empty' } : { kind: 'foreign', why: `${file.name} has no complete line in its last ${TAIL_BYTES} bytes` };
      const lineStart = end >= 2 ? tail.lastIndexOf(NEWLINE, end - 2) + 1 : 0;
      if (lineStart === 0 && tailStart > 0) return { kind: 'foreign', why: `the last line of ${file.name} is longer than ${TAIL_BYTES} bytes` };
      const line = tail.subarray(lineStart, end - 1);
      const { seq, prev } = seqAndPrev(line);
      // A last line that is no entry still chains by its hash; its seq then comes from the head, if any.
      const head = seq === null ? readHead(this.dir) : null;
      return { kind: 'line', end: { seq: seq ?? (typeof head === 'object' && head !== null ? head.seq : 0), hash: sha256(line), prev, file: file.name } };
    } finally {
      closeSync(fd);
    }
  }

  private openFile(): number {
    const fd = openSync(join(this.dir, this.file.name), 'a');
    this.fd = fd;
    const size = fstatSync(fd).size;
    // A new file: its name must survive a power cut along with the entry about to go in.
    if (size === 0) fsyncDirSync(this.dir);
    this.size = size;
    return fd;
  }

  private rotate(): number {
    this.dropFd();
    this.file = { name: `audit.${this.file.n + 1}.jsonl`, n: this.file.n + 1 };
    const fd = this.openFile();
    this.prune();
    return fd;
  }

  /** Deletes the oldest files past maxFiles. A file that cannot be deleted costs disk, not entries: logged only. */
  private prune(): void {
    const files = listLogFiles(this.dir).filter((f) => f.n !== this.file.n);
    for (const old of files.slice(0, Math.max(0, files.length + 1 - this.maxFiles))) {
      try {
        unlinkSync(join(this.dir, old.name));
      } catch (err) {
        this.log('warn', `audit log: ${describeFsError('delete the old file', join(this.dir, old.name), err)}`, { dir: this.dir });
      }
    }
  }

  /** Rewrites the head (temp file + rename, so it is whole or the previous one). */
  private writeHead(): boolean {
    const path = join(this.dir, HEAD_FILE);
    const temp = `${path}.tmp`;
    try {
      const fd = openSync(temp, 'w');
      try {
        writeFullSync(fd, Buffer.from(`${JSON.stringify({ seq: this.seq, hash: this.hash, file: this.file.name })}\n`, 'utf8'));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
      return true;
    } catch (err) {
      this.fail(describeFsError('write', path, err));
      return false;
    }
  }

  private fail(message: string): void {
    this.lastError = message;
    if (this.failing) return;
    this.failing = true;
    this.log('warn', `audit log: ${message}; wall actions are not recorded until it works again`, { dir: this.dir });
  }

  private dropFd(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Nothing to do about a close that fails; the next append opens again.
    }
    this.fd = null;
  }
}
