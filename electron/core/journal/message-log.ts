// Write-ahead log of accepted MQTT messages, so the wall counts exactly across a SIGKILL.
//
// Each message is appended with one `writeSync` BEFORE it is applied and acknowledged: once
// in the OS page cache it survives the death of the process; the file is fdatasync'ed every
// second (power loss). A snapshot of the aggregates records the log generation it covers;
// at each snapshot the active log is sealed (renamed `messages.log.<generation>`) and a new
// generation begins, and sealed logs are deleted once a snapshot covering them is durable.
//
// File: a 16-byte header, then records.
//   header  "SOCWLOG1" | u32 generation | u32 crc32(first 12 bytes)        (little-endian)
//   record  u32 bodyLength | u32 crc32(body) | body
//   body    f64 receivedAt | u16 topicBytes | topic (UTF-8) | payload
// A reader skips what is short or fails its CRC and resynchronises on the next record that
// checks out (a torn tail from a crash is normal; a flipped byte costs one record, not the
// rest of the log); every complete record is exact.
import { closeSync, fdatasync, close as closeCb, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describeFsError, setAsideSync } from './fs-status.js';

export const LOG_FILE = 'messages.log';
export const LOG_MAGIC = 'SOCWLOG1';
export const LOG_HEADER_BYTES = 16;
const RECORD_HEAD = 8;
const BODY_FIXED = 10;
const MAX_TOPIC_BYTES = 65_535;
/**
 * Payloads longer than this are logged cut to this length + 1 byte: the decoder rejects
 * them as `too_large` either way (its limit is 64 KiB), so replay counts them the same,
 * and a hostile 200 MB message cannot fill the disk.
 */
export const DEFAULT_MAX_LOGGED_PAYLOAD = 1024 * 1024;

export type RecordSink = (topic: string, payload: Buffer, receivedAt: number) => void;

export interface LogReadResult {
  /** Generation from the header; null when the header itself is missing or damaged. */
  generation: number | null;
  records: number;
  /** Bytes up to the end of the last complete record (what a repair of a torn tail truncates to). */
  goodLength: number;
  fileLength: number;
  /** The first thing wrong with the file (damage or a torn tail), or null. */
  problem: string | null;
  /** Bytes skipped between damage and the next record that checks out. */
  skippedBytes: number;
  /**
   * True when the file holds more than a torn tail: a bad header, a damaged region that
   * records follow, or a tail that fails its checks (rather than merely ending early).
   * Such a file is set aside for a post-mortem instead of being deleted.
   */
  damaged: boolean;
}

export function encodeLogHeader(generation: number): Buffer {
  const h = Buffer.alloc(LOG_HEADER_BYTES);
  h.write(LOG_MAGIC, 0, 'latin1');
  h.writeUInt32LE(generation >>> 0, 8);
  h.writeUInt32LE(crc32(h.subarray(0, 12)), 12);
  return h;
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Why the bytes at an offset are not a record (negative) — a record's total length otherwise. */
const TORN_HEAD = -1;
const BAD_LENGTH = -2;
const TORN_BODY = -3;
const BAD_CRC = -4;
const BAD_TOPIC_LENGTH = -5;
const BAD_TIME = -6;
/** Enough for a resync to cross any realistic damage; bounds the work of a hostile log. */
const MIN_RESYNC_CRC_BUDGET = 64 * 1024 * 1024;

function inspectRecord(data: Buffer, off: number, maxRecordBytes: number): number {
  if (data.length - off < RECORD_HEAD) return TORN_HEAD;
  const len = data.readUInt32LE(off);
  if (len < BODY_FIXED || len > maxRecordBytes) return BAD_LENGTH;
  if (data.length - off - RECORD_HEAD < len) return TORN_BODY;
  // Cheap checks before the CRC: a resync tries every offset.
  if (BODY_FIXED + data.readUInt16LE(off + RECORD_HEAD + 8) > len) return BAD_TOPIC_LENGTH;
  if (!Number.isFinite(data.readDoubleLE(off + RECORD_HEAD))) return BAD_TIME;
  return RECORD_HEAD + len;
}

function crcMatches(data: Buffer, off: number, total: number): boolean {
  return crc32(data.subarray(off + RECORD_HEAD, off + total)) === data.readUInt32LE(off + 4);
}

function describeProblem(code: number, data: Buffer, off: number): string {
  switch (code) {
    case TORN_HEAD:
      return `torn record head at byte ${off}`;
    case BAD_LENGTH:
      return `bad record length ${data.readUInt32LE(off)} at byte ${off}`;
    case TORN_BODY:
      return `torn record at byte ${off} (${data.length - off - RECORD_HEAD} of ${data.readUInt32LE(off)} bytes)`;
    case BAD_CRC:
      return `CRC mismatch in the record at byte ${off}`;
    case BAD_TOPIC_LENGTH:
      return `bad topic length in the record at byte ${off}`;
    default:
      return `bad receive time in the record at byte ${off}`;
  }
}

/**
 * Walks the records of a log file's contents, calling `sink` for each complete one.
 * Damage does not end the walk: from the damaged byte on, every offset is tried until a
 * record's length, fields and CRC check out, and replay resumes there. Every record after
 * a flipped byte was acknowledged to the broker; only the damaged one is lost. (A CRC-32
 * passing by chance on garbage is about 1 in 4·10⁹ per offset that also passes the length
 * and field checks.)
 */
export function parseLog(data: Buffer, sink: RecordSink | null, maxRecordBytes = DEFAULT_MAX_LOGGED_PAYLOAD + 1 + MAX_TOPIC_BYTES + BODY_FIXED): LogReadResult {
  const out: LogReadResult = { generation: null, records: 0, goodLength: 0, fileLength: data.length, problem: null, skippedBytes: 0, damaged: false };
  if (data.length < LOG_HEADER_BYTES) {
    out.problem = data.length === 0 ? 'empty log' : 'log header cut short';
    out.damaged = data.length > 0;
    return out;
  }
  if (data.toString('latin1', 0, 8) !== LOG_MAGIC || data.readUInt32LE(12) !== crc32(data.subarray(0, 12))) {
    // The records may still be whole: read them, and let the caller decide what they cover.
    out.problem = 'not a message log (bad header)';
    out.damaged = true;
  } else {
    out.generation = data.readUInt32LE(8);
  }
  let off = LOG_HEADER_BYTES;
  out.goodLength = off;
  /** Start of the damaged region being crossed, or -1. */
  let damagedFrom = -1;
  let damageCode = 0;
  let crcBudget = Math.max(MIN_RESYNC_CRC_BUDGET, 8 * data.length);
  while (off < data.length) {
    let code = inspectRecord(data, off, maxRecordBytes);
    if (code > 0) {
      if (damagedFrom >= 0) {
        if (crcBudget <= 0) break;
        crcBudget -= code;
      }
      if (!crcMatches(data, off, code)) code = BAD_CRC;
    }
    if (code < 0) {
      if (damagedFrom < 0) {
        damagedFrom = off;
        damageCode = code;
        out.problem ??= describeProblem(code, data, off);
      }
      off++;
      continue;
    }
    if (damagedFrom >= 0) {
      out.skippedBytes += off - damagedFrom;
      out.damaged = true;
      damagedFrom = -1;
    }
    const body = data.subarray(off + RECORD_HEAD, off + code);
    const topicLen = body.readUInt16LE(8);
    off += code;
    out.goodLength = off;
    out.records++;
    if (sink) sink(body.toString('utf8', BODY_FIXED, BODY_FIXED + topicLen), body.subarray(BODY_FIXED + topicLen), body.readDoubleLE(0));
  }
  if (damagedFrom >= 0) {
    // Nothing checked out after it. A write cut short (torn), or the zeros a power cut
    // leaves past the end, is a normal end of log; a record that fails its checks is damage.
    const zeros = damageCode === BAD_LENGTH && data.readUInt32LE(damagedFrom) === 0;
    if (!(damageCode === TORN_HEAD || damageCode === TORN_BODY || zeros)) out.damaged = true;
    if (off < data.length) out.problem = `${out.problem ?? ''}; gave up resynchronising at byte ${off} (work bound reached)`;
  }
  return out;
}

/** Reads a whole log file and replays its records into `sink`. Throws only for I/O errors. */
export function readLogFile(path: string, sink: RecordSink | null): LogReadResult {
  return parseLog(readFileSync(path), sink);
}

/** Generation in a log's header, or null when the header is missing or damaged. */
export function peekLogGeneration(data: Buffer): number | null {
  if (data.length < LOG_HEADER_BYTES) return null;
  if (data.toString('latin1', 0, 8) !== LOG_MAGIC || data.readUInt32LE(12) !== crc32(data.subarray(0, 12))) return null;
  return data.readUInt32LE(8);
}

/** Sealed log file name of a generation. */
export function sealedLogName(generation: number): string {
  return `${LOG_FILE}.${generation}`;
}

export function parseSealedLogName(name: string): number | null {
  const m = /^messages\.log\.([0-9]{1,10})$/u.exec(name);
  return m ? Number(m[1]) : null;
}

export interface MessageLogOptions {
  dir: string;
  maxPayloadBytes?: number;
  /** Appends are refused beyond this size (exact counting across a crash pauses until the next snapshot). Default 256 MiB. */
  hardMaxBytes?: number;
}

export interface MessageLogStatus {
  generation: number | null;
  bytes: number;
  records: number;
  failedAppends: number;
  lastError: string | null;
}

/** The active log: appends, periodic fdatasync, rotation. Never throws. */
export class MessageLog {
  readonly dir: string;
  readonly path: string;
  private readonly maxPayloadBytes: number;
  private readonly hardMaxBytes: number;
  private fd: number | null = null;
  private gen: number | null = null;
  private offset = 0;
  private recordCount = 0;
  private dirty = false;
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private failed = 0;
  private lastError: string | null = null;
  /** fds with an fdatasync in flight, and whether they should be closed after it. */
  private readonly syncing = new Map<number, boolean>();

  constructor(options: MessageLogOptions) {
    this.dir = options.dir;
    this.path = join(this.dir, LOG_FILE);
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_LOGGED_PAYLOAD;
    this.hardMaxBytes = options.hardMaxBytes ?? 256 * 1024 * 1024;
  }

  get generation(): number | null {
    return this.gen;
  }

  /** Size of the active log in bytes (0 when none is open). */
  get bytes(): number {
    return this.fd === null ? 0 : this.offset;
  }

  /** Records appended to the active generation. */
  get records(): number {
    return this.recordCount;
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }

  status(): MessageLogStatus {
    return { generation: this.gen, bytes: this.bytes, records: this.recordCount, failedAppends: this.failed, lastError: this.lastError };
  }

  /**
   * Starts generation `generation` in a new `messages.log`. The file is created exclusively:
   * an existing log (not yet sealed or replayed) is never overwritten. Returns null or the
   * reason it failed.
   */
  openNew(generation: number): string | null {
    this.gen = generation;
    this.offset = 0;
    this.recordCount = 0;
    this.fd = null;
    let created = false;
    try {
      mkdirSync(this.dir, { recursive: true });
      const fd = openSync(this.path, 'wx', 0o600);
      created = true;
      try {
        writeSync(fd, encodeLogHeader(generation), 0, LOG_HEADER_BYTES, 0);
      } catch (err) {
        closeSync(fd);
        throw err;
      }
      this.fd = fd;
      this.offset = LOG_HEADER_BYTES;
      this.dirty = true;
      this.lastError = null;
      return null;
    } catch (err) {
      if (created) unlinkQuiet(this.path);
      this.lastError = describeFsError('start the message log', this.path, err);
      return this.lastError;
    }
  }

  /**
   * A `messages.log` left behind with no open fd (a rename that failed at start, a header
   * write that failed): sealed under its own generation so a new log can start. Everything
   * in it has been applied, and the snapshot about to be written covers it.
   */
  private sealStray(): void {
    let gen: number | null = null;
    try {
      const fd = openSync(this.path, 'r');
      try {
        const head = Buffer.alloc(LOG_HEADER_BYTES);
        const n = readSync(fd, head, 0, LOG_HEADER_BYTES, 0);
        gen = peekLogGeneration(head.subarray(0, n));
      } finally {
        closeSync(fd);
      }
      // Without a readable header its generation is unknown: kept aside, never deleted.
      if (gen === null) setAsideSync(this.path, Date.now());
      else renameSync(this.path, join(this.dir, sealedLogName(gen)));
    } catch {
      // none there, or still stuck: openNew reports it
    }
  }

  /**
   * Appends one message. Synchronous on purpose: when it returns true the record is in the
   * page cache, so the caller may apply and acknowledge the message. Returns false (and
   * counts the failure) when the log is unavailable or the disk refuses the write.
   */
  append(topic: string, payload: Uint8Array, receivedAt: number): boolean {
    const fd = this.fd;
    if (fd === null) {
      this.failed++;
      return false;
    }
    const topicLen = Buffer.byteLength(topic, 'utf8');
    if (topicLen > MAX_TOPIC_BYTES) {
      // MQTT topics cannot be this long; nothing to replay (the decoder rejects it anyway).
      this.failed++;
      this.lastError = `topic of ${topicLen} bytes not logged`;
      return false;
    }
    const payloadLen = Math.min(payload.byteLength, this.maxPayloadBytes + 1);
    const bodyLen = BODY_FIXED + topicLen + payloadLen;
    const total = RECORD_HEAD + bodyLen;
    if (this.offset + total > this.hardMaxBytes) {
      this.failed++;
      this.lastError = `message log reached its limit of ${this.hardMaxBytes} bytes: messages are not logged until a snapshot succeeds`;
      return false;
    }
    if (this.scratch.length < total) this.scratch = Buffer.allocUnsafe(Math.max(total, this.scratch.length * 2));
    const b = this.scratch;
    b.writeUInt32LE(bodyLen, 0);
    b.writeDoubleLE(receivedAt, RECORD_HEAD);
    b.writeUInt16LE(topicLen, RECORD_HEAD + 8);
    b.write(topic, RECORD_HEAD + BODY_FIXED, topicLen, 'utf8');
    b.set(payloadLen === payload.byteLength ? payload : payload.subarray(0, payloadLen), RECORD_HEAD + BODY_FIXED + topicLen);
    b.writeUInt32LE(crc32(b.subarray(RECORD_HEAD, total)), 4);
    try {
      let done = 0;
      while (done < total) done += writeSync(fd, b, done, total - done, this.offset + done);
    } catch (err) {
      this.failed++;
      this.lastError = describeFsError('append to', this.path, err);
      // Do not leave half a record in front of the next one.
      try {
        ftruncateSync(fd, this.offset);
      } catch {
        this.releaseFd(fd, false);
        this.fd = null;
      }
      return false;
    }
    this.offset += total;
    this.recordCount++;
    this.dirty = true;
    return true;
  }

  /** fdatasync of the active log if anything was appended since the last one (off the main thread). */
  syncAsync(): Promise<void> {
    const fd = this.fd;
    if (fd === null || !this.dirty || this.syncing.has(fd)) return Promise.resolve();
    this.dirty = false;
    this.syncing.set(fd, false);
    return new Promise((resolve) => {
      fdatasync(fd, (err) => {
        if (err) this.lastError = describeFsError('fdatasync', this.path, err);
        const closeAfter = this.syncing.get(fd) ?? false;
        this.syncing.delete(fd);
        if (closeAfter) closeCb(fd, () => undefined);
        resolve();
      });
    });
  }

  /**
   * Seals the active log as `messages.log.<generation>` and starts `nextGeneration`.
   * `sealed` is true when no record of the previous generation can follow (so a snapshot
   * taken now covers it); when false the log could not be renamed and keeps its generation.
   * `error` says why the new generation could not start (appends fail until a rotation works).
   */
  rotate(nextGeneration: number): { sealed: boolean; error: string | null } {
    const fd = this.fd;
    const gen = this.gen;
    if (fd !== null && gen !== null) {
      try {
        renameSync(this.path, join(this.dir, sealedLogName(gen)));
      } catch (err) {
        // Keep appending to the current generation: nothing is lost, the log just grows.
        this.lastError = describeFsError('seal', this.path, err);
        return { sealed: false, error: this.lastError };
      }
      this.fd = null;
      // The sealed log's data reaches the disk off the main thread, then its fd is closed.
      this.releaseFd(fd, true);
    } else {
      this.sealStray();
    }
    return { sealed: true, error: this.openNew(nextGeneration) };
  }

  /** Flushes and closes the active log (shutdown). */
  closeSync(): void {
    const fd = this.fd;
    this.fd = null;
    if (fd === null) return;
    try {
      fdatasyncSync(fd);
    } catch (err) {
      this.lastError = describeFsError('fdatasync', this.path, err);
    }
    this.releaseFd(fd, false);
  }

  private releaseFd(fd: number, syncFirst: boolean): void {
    if (this.syncing.has(fd)) {
      this.syncing.set(fd, true);
      return;
    }
    if (!syncFirst) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      return;
    }
    this.syncing.set(fd, true);
    fdatasync(fd, () => {
      this.syncing.delete(fd);
      closeCb(fd, () => undefined);
    });
  }
}

