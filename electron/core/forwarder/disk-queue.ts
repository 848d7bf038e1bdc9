// The forwarder's disk queue: the single source of truth between the sources and the broker.
//
// Append-only segment files `q-<number>.seg` in the state folder, one record a line:
//   topic TAB payload TAB meta LF        meta = {"q": queued at (epoch ms), "c": crc32, "p"?: FilePosition}
// `c` is the CRC-32 of `topic TAB payload`: after a power cut a page of zeros or a flipped bit
// inside a record would otherwise be published (a topic with NUL or `#` makes the broker drop
// the connection, and the same record would be resent at every reconnection, for ever).
// Payloads are JSON (forwardedPayload): raw LFs cannot occur in them, and the meta is found
// after the LAST tab, so a payload may hold raw tabs (JSON whitespace). Each batch is written
// with one writeSync: once in the page cache it survives a SIGKILL; the segment is fdatasync'ed
// at most once a second (`syncEveryMs`), so a power cut may lose up to that much.
//
// `ack.json` holds the acknowledged pointer (segment, offset): every record before it has been
// PUBACKed. Written atomically at most every `ackPersistMs` and on close; after a restart the
// publisher resumes there, so at most the records acknowledged since the last write go again.
// A segment is deleted once the pointer has passed all of it. On open, a torn last record (no
// LF: killed in the middle of a write) is cut off, and every retained record is scanned for the
// newest position of each file source, which, with `positions.json` (written after each sync,
// for positions no record carries), is where the tails resume: a line is in the queue exactly
// once.
import { closeSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { isNewer, PositionFile, readPosition, type FilePosition } from './file-position.js';
import type { ForwarderLog } from './forwarder-log.js';
import { readJsonFile, syncFolder, writeJsonAtomic } from './state-files.js';

export interface QueueInput {
  topic: string;
  payload: string;
  /** The file source's position after this line; null for syslog. */
  position: FilePosition | null;
}

export interface QueuedRecord {
  topic: string;
  payload: string;
  segment: number;
  /** Byte offsets of the record in its segment. */
  start: number;
  end: number;
  /** When it was queued (epoch ms). */
  queuedAt: number;
}

export interface QueueCursor {
  segment: number;
  offset: number;
}

export interface DiskQueueOptions {
  dir: string;
  /** Bytes of unacknowledged records at most (`--queue-max-mb`); beyond it appends are refused. */
  maxBytes: number;
  /** A new segment once the current one holds this many bytes (default 4 MiB). */
  segmentBytes?: number;
  /** The ack pointer is written at most this often (default 100 ms). */
  ackPersistMs?: number;
  /** fdatasync at most this often (default 1000 ms). */
  syncEveryMs?: number;
  log?: ForwarderLog;
  now?: () => number;
}

const SEGMENT_PATTERN = /^q-(\d{12})\.seg$/u;
const segmentName = (n: number) => `q-${String(n).padStart(12, '0')}.seg`;
/** A read covers any valid record (a payload is at most 64 KiB, its topic and meta far less). */
const READ_CHUNK = 256 * 1024;
const LF = 0x0a;

interface DecodedLine {
  topic: string;
  payload: string;
  queuedAt: number;
  position: FilePosition | null;
}

/** One record line, with its LF. */
export function encodeRecord(input: QueueInput, queuedAt: number): string {
  const body = `${input.topic}\t${input.payload}`;
  const c = crc32(body);
  const meta = input.position ? { q: queuedAt, c, p: input.position } : { q: queuedAt, c };
  return `${body}\t${JSON.stringify(meta)}\n`;
}

/** A topic the forwarder publishes on: printable ASCII without MQTT wildcards (what it builds from checked ids). */
function isPublishableTopic(topic: string): boolean {
  for (let i = 0; i < topic.length; i++) {
    const ch = topic.charCodeAt(i);
    if (ch < 0x21 || ch > 0x7e || ch === 0x23 /* # */ || ch === 0x2b /* + */) return false;
  }
  return topic.length > 0;
}

/** One record line (without its LF), or null when it is not one (damaged: its CRC or its topic is wrong). */

export function decodeRecord(line: string): DecodedLine | null {
  const first = line.indexOf('\t');
  const last = line.lastIndexOf('\t');
  if (first <= 0 || last === first) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(line.slice(last + 1));
  } catch {
    return null;
  }
  if (typeof meta !== 'object' || meta === null) return null;
  const m = meta as { q?: unknown; c?: unknown; p?: unknown };
  if (typeof m.q !== 'number' || !Number.isFinite(m.q)) return null;
  if (m.c !== crc32(line.slice(0, last))) return null;
  if (!isPublishableTopic(line.slice(0, first))) return null;
  let position: FilePosition | null = null;
  if (m.p !== undefined) {
    position = readPosition(m.p);
    if (position === null) return null;
  }
  return { topic: line.slice(0, first), payload: line.slice(first + 1, last), queuedAt: m.q, position };
}

export class DiskQueue {
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly segmentBytes: number;
  private readonly log: ForwarderLog;
  private readonly now: () => number;
  private readonly positionFile: PositionFile;
  /** Newest position per source among everything queued (and positions.json). */
  private readonly positions = new Map<string, FilePosition>();
  /** Sizes of the sealed segments (not the one being written). */
  private readonly sealed = new Map<number, number>();
  /** Sealed segments read through: the end of their last valid record (damage after it is not waited for). */
  private readonly validEnd = new Map<number, number>();
  private readonly depth = new Map<string, number>();
  private writeSegment: number;
  private writeFd: number;
  private writeSize: number;
  private unsynced = false;
  private ackPointer: QueueCursor;
  private ackDirty = false;
  private readonly ackEveryMs: number;
  private ackWrittenAt = 0;
  private ackScheduled = false;
  private readCursor: QueueCursor;
  private readFd: number | null = null;
  private readFdSegment = -1;
  private lastValidInRead = 0;
  /** The last bytes read for the publisher: `cacheLength` bytes of `cacheSegment` from `cacheStart`. */
  private readonly chunk = Buffer.allocUnsafe(READ_CHUNK);
  private cacheSegment = -1;
  private cacheStart = 0;
  private cacheLength = 0;
  private pending = 0;
  private pendingRecords = 0;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Records skipped as damaged (reading and scanning). */
  corrupt = 0;
  /** Called after every append (the publisher wakes up). */
  onAppend: (() => void) | null = null;

  constructor(options: DiskQueueOptions) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes;
    this.segmentBytes = options.segmentBytes ?? 4 * 1024 * 1024;
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    mkdirSync(this.dir, { recursive: true });
    this.positionFile = new PositionFile(join(this.dir, 'positions.json'), this.log);
    const segments = readdirSync(this.dir)
      .map((f) => SEGMENT_PATTERN.exec(f))
      .filter((m) => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    this.ackPointer = this.readAckPointer(segments);
    for (const s of segments) {
      if (s < this.ackPointer.segment) this.unlinkSegment(s);
    }
    const kept = segments.filter((s) => s >= this.ackPointer.segment);
    const last = kept.at(-1);
    for (const s of kept) this.scanSegment(s, s === last);
    // positions.json wins where it is newer: a generation bump or dropped lines no record carries,
    // or a source whose records are all acknowledged and deleted.
    for (const saved of this.positionFile.all()) {
      if (isNewer(saved, this.positions.get(saved.t))) this.positions.set(saved.t, saved);
    }
    this.writeSegment = last ?? this.ackPointer.segment;
    if (last !== undefined) this.sealed.delete(last);
    this.writeFd = openSync(join(this.dir, segmentName(this.writeSegment)), 'a');
    this.writeSize = statSync(join(this.dir, segmentName(this.writeSegment))).size;
    if (this.ackPointer.segment > this.writeSegment || (this.ackPointer.segment === this.writeSegment && this.ackPointer.offset > this.writeSize)) {
      this.ackPointer = { segment: this.writeSegment, offset: Math.min(this.ackPointer.offset, this.writeSize) };
    }
    this.readCursor = { ...this.ackPointer };
    this.ackEveryMs = options.ackPersistMs ?? 100;
    const syncEvery = options.syncEveryMs ?? 1000;
    this.timers.push(setInterval(() => this.persistAck(), this.ackEveryMs).unref());
    this.timers.push(setInterval(() => this.sync(), syncEvery).unref());
  }

  /** Bytes of records not yet acknowledged. */
  get pendingBytes(): number {
    return this.pending;
  }

  /** Records not yet acknowledged. */
  get length(): number {
    return this.pendingRecords;
  }

  /** Records not yet acknowledged on this topic. */
  depthOf(topic: string): number {
    return this.depth.get(topic) ?? 0;
  }

  get capacityBytes(): number {
    return this.maxBytes;
  }

  /** The newest position of a file source in the queue or positions.json (where its tail resumes). */
  position(tag: string): FilePosition | undefined {
    return this.positions.get(tag);
  }

  /**
   * A position reached without a record (a generation bump, a dropped or empty line): kept in
   * positions.json so a restart does not go back over it.
   */
  notePosition(p: FilePosition): void {
    if (!isNewer(p, this.positions.get(p.t))) return;
    this.positions.set(p.t, p);
    this.positionFile.set(p);
  }

  get ack(): QueueCursor {
    return { ...this.ackPointer };
  }

  /**
   * Appends a prefix of `inputs` in one write: as many as fit under the bound. Returns how
   * many; 0 when the queue is full or the write failed (the file is cut back: nothing half-written stays).
   */
  append(inputs: readonly QueueInput[]): number {
    if (this.closed) return 0;
    const at = this.now();
    const lines: string[] = [];
    let bytes = 0;
    for (const input of inputs) {
      const line = encodeRecord(input, at);
      const n = Buffer.byteLength(line);
      if (this.pending + bytes + n > this.maxBytes) break;
      lines.push(line);
      bytes += n;
    }
    if (lines.length === 0) return 0;
    if (this.writeSize >= this.segmentBytes && !this.roll()) return 0;
    const buf = Buffer.from(lines.join(''));
    try {
      let written = 0;
      while (written < buf.length) written += writeSync(this.writeFd, buf, written, buf.length - written);
    } catch (err) {
      // Disk full or an I/O error: cut what was written of this batch, so the file stays whole records.
      try {
        ftruncateSync(this.writeFd, this.writeSize);
      } catch {
        // the next open cuts a torn tail anyway
      }
      this.log('error', `queue: cannot write ${segmentName(this.writeSegment)}: ${(err as Error).message}`);
      return 0;
    }
    this.writeSize += buf.length;
    this.pending += bytes;
    this.pendingRecords += lines.length;
    this.unsynced = true;
    for (let i = 0; i < lines.length; i++) {
      const input = inputs[i]!;
      this.depth.set(input.topic, (this.depth.get(input.topic) ?? 0) + 1);
      if (input.position && isNewer(input.position, this.positions.get(input.position.t))) {
        this.positions.set(input.position.t, input.position);
        this.positionFile.set(input.position);
      }
    }
    this.onAppend?.();
    return lines.length;
  }

  /**
   * Up to `max` records after those already read, in order (the publisher's next window). An
   * I/O error ends this read with what it has (said, and tried again at the next pump).
   */
  read(max: number): QueuedRecord[] {
    const out: QueuedRecord[] = [];
    try {
      this.readInto(out, max);
    } catch (err) {
      this.cacheSegment = -1;
      if (this.readFd !== null) {
        try {
          closeSync(this.readFd);
        } catch {
          // already unusable
        }
        this.readFd = null;
      }
      this.log('error', `queue: cannot read ${segmentName(this.readCursor.segment)}: ${(err as Error).message}`);
    }
    return out;
  }

  private readInto(out: QueuedRecord[], max: number): void {
    while (out.length < max && !this.closed) {
      const c = this.readCursor;
      const size = c.segment === this.writeSegment ? this.writeSize : (this.sealed.get(c.segment) ?? 0);
      if (c.offset >= size) {
        if (c.segment >= this.writeSegment) break;
        this.finishReadSegment();
        continue;
      }
      const fd = this.readFdFor(c.segment);
      // The publisher asks for a few records at a time (as acknowledgements free the window):
      // what the last read brought in is parsed on until it holds no whole record.
      let pos = c.offset - this.cacheStart;
      if (this.cacheSegment !== c.segment || pos < 0 || pos >= this.cacheLength || !this.cachedLineAt(pos)) {
        this.cacheLength = readSync(fd, this.chunk, 0, Math.min(READ_CHUNK, size - c.offset), c.offset);
        this.cacheSegment = c.segment;
        this.cacheStart = c.offset;
        pos = 0;
      }
      const n = this.cacheLength;
      let found = false;
      while (out.length < max) {
        const lf = this.chunk.indexOf(LF, pos);
        if (lf < 0 || lf >= n) break;
        found = true;
        const start = this.cacheStart + pos;
        const end = this.cacheStart + lf + 1;
        const rec = decodeRecord(this.chunk.toString('utf8', pos, lf));
        if (rec === null) this.corrupt++;
        else {
          out.push({ topic: rec.topic, payload: rec.payload, segment: c.segment, start, end, queuedAt: rec.queuedAt });
          this.lastValidInRead = end;
        }
        pos = lf + 1;
        c.offset = end;
      }
      if (!found && n > 0) {
        // No LF in a whole chunk, or a sealed segment ending without one: damage (a power cut), skipped.
        const skipTo = this.nextLineStart(fd, c.offset, size);
        this.cacheSegment = -1;
        this.corrupt++;
        this.log('warn', `queue: skipped ${skipTo - c.offset} damaged bytes in ${segmentName(c.segment)} at ${c.offset}`);
        if (skipTo === c.offset) break;
        c.offset = skipTo;
      }
    }
  }

  /** True when the cached bytes hold a whole record from `pos`. */
  private cachedLineAt(pos: number): boolean {
    const lf = this.chunk.indexOf(LF, pos);
    return lf >= 0 && lf < this.cacheLength;
  }

  /**
   * Records up to and including `upTo` (the end of the last of a contiguous acknowledged prefix)
   * are done. `records` are those records, for the counts.
   */
  acknowledge(records: readonly QueuedRecord[]): void {
    if (records.length === 0) return;
    for (const r of records) {
      this.pending -= r.end - r.start;
      this.pendingRecords--;
      const d = (this.depth.get(r.topic) ?? 1) - 1;
      if (d > 0) this.depth.set(r.topic, d);
      else this.depth.delete(r.topic);
    }
    const last = records.at(-1)!;
    this.ackPointer = { segment: last.segment, offset: last.end };
    this.ackDirty = true;
    this.dropDoneSegments();
    // Also here, not only on the timer (a busy event loop delays timers, and every record
    // acknowledged but not written is sent again after a kill); after the rest of this turn's
    // acknowledgements, which arrive in bursts.
    if (!this.ackScheduled && this.now() - this.ackWrittenAt >= this.ackEveryMs) {
      this.ackScheduled = true;
      setImmediate(() => {
        this.ackScheduled = false;
        if (!this.closed) this.persistAck();
      });
    }
  }

  /** fdatasync the segment being written (when anything is new), then write positions.json. */
  sync(): void {
    if (this.closed) return;
    if (this.unsynced) {
      try {
        fdatasyncSync(this.writeFd);
        this.unsynced = false;
      } catch (err) {
        this.log('warn', `queue: fdatasync failed: ${(err as Error).message}`);
      }
    }
    try {
      this.positionFile.save();
    } catch (err) {
      this.log('warn', `queue: cannot write positions.json: ${(err as Error).message}`);
    }
  }

  /** Writes ack.json if the pointer moved since the last write. */
  persistAck(): void {
    if (!this.ackDirty) return;
    try {
      writeJsonAtomic(join(this.dir, 'ack.json'), this.ackPointer);
      this.ackDirty = false;
      this.ackWrittenAt = this.now();
    } catch (err) {
      this.log('warn', `queue: cannot write ack.json: ${(err as Error).message}`);
    }
  }

  close(): void {
    if (this.closed) return;
    for (const t of this.timers) clearInterval(t);
    this.sync();
    this.persistAck();
    this.closed = true;
    closeSync(this.writeFd);
    if (this.readFd !== null) closeSync(this.readFd);
    this.readFd = null;
  }

  private readAckPointer(segments: readonly number[]): QueueCursor {
    const first = segments[0] ?? 1;
    let saved: unknown = null;
    try {
      saved = readJsonFile(join(this.dir, 'ack.json'));
    } catch (err) {
      this.log('warn', `queue: ${(err as Error).message}; resending from the oldest kept record`);
    }
    const s = saved as Partial<QueueCursor> | null;
    if (s && Number.isSafeInteger(s.segment) && Number.isSafeInteger(s.offset) && s.segment! >= 1 && s.offset! >= 0) {
      // Segments before the pointer were done; one after the last kept is an empty queue.
      if (s.segment! >= first) return { segment: s.segment!, offset: s.offset! };
    }
    return { segment: first, offset: 0 };
  }

  /** Counts what is pending, finds the newest positions, and cuts a torn tail off the last segment. */
  private scanSegment(segment: number, last: boolean): void {
    const file = join(this.dir, segmentName(segment));
    const bytes = readFileSync(file);
    let pos = 0;
    for (;;) {
      const lf = bytes.indexOf(LF, pos);
      if (lf < 0) break;
      const rec = decodeRecord(bytes.toString('utf8', pos, lf));
      // A damaged record is counted (and said) when the publisher's read reaches it, once.
      if (rec !== null) {
        const counted = segment > this.ackPointer.segment || pos >= this.ackPointer.offset;
        if (counted) {
          this.pending += lf + 1 - pos;
          this.pendingRecords++;
          this.depth.set(rec.topic, (this.depth.get(rec.topic) ?? 0) + 1);
        }
        if (rec.position && isNewer(rec.position, this.positions.get(rec.position.t))) this.positions.set(rec.position.t, rec.position);
      }
      pos = lf + 1;
    }
    if (pos < bytes.length && last) {
      // Killed in the middle of a write: the torn record was never acknowledged to any source.
      const fd = openSync(file, 'r+');
      try {
        ftruncateSync(fd, pos);
      } finally {
        closeSync(fd);
      }
      this.log('warn', `queue: cut a torn last record (${bytes.length - pos} bytes) off ${segmentName(segment)}`);
    }
    this.sealed.set(segment, last ? pos : bytes.length);
  }

  /**
   * Starts the next segment. The new file is opened before the old one is closed: when it cannot
   * be (disk full, too many open files) the queue goes on in the current segment, and never
   * holds a closed descriptor the system could hand to another file. False when it failed.
   */
  private roll(): boolean {
    let next: number;
    try {
      next = openSync(join(this.dir, segmentName(this.writeSegment + 1)), 'a');
    } catch (err) {
      this.log('error', `queue: cannot start ${segmentName(this.writeSegment + 1)}: ${(err as Error).message}`);
      return false;
    }
    try {
      fdatasyncSync(this.writeFd);
    } catch (err) {
      this.log('warn', `queue: fdatasync failed: ${(err as Error).message}`);
    }
    this.unsynced = false;
    closeSync(this.writeFd);
    this.sealed.set(this.writeSegment, this.writeSize);
    this.writeSegment++;
    this.writeFd = next;
    this.writeSize = 0;
    this.syncDir();
    return true;
  }

  /** The new segment's name reaches the disk. */
  private syncDir(): void {
    syncFolder(this.dir);
  }

  private readFdFor(segment: number): number {
    if (this.readFd !== null && this.readFdSegment === segment) return this.readFd;
    if (this.readFd !== null) closeSync(this.readFd);
    this.readFd = openSync(join(this.dir, segmentName(segment)), 'r');
    this.readFdSegment = segment;
    return this.readFd;
  }

  /** The reader is past a sealed segment: note where its records ended and go on to the next. */
  private finishReadSegment(): void {
    const s = this.readCursor.segment;
    if (this.sealed.has(s)) this.validEnd.set(s, this.lastValidInRead);
    if (this.readFd !== null) closeSync(this.readFd);
    this.readFd = null;
    this.readFdSegment = -1;
    const next = [...this.sealed.keys()].filter((k) => k > s).sort((a, b) => a - b)[0] ?? this.writeSegment;
    this.readCursor = { segment: next, offset: 0 };
    this.lastValidInRead = 0;
    this.dropDoneSegments();
  }

  /** The offset after the next LF at or after `from` (or `size`). */
  private nextLineStart(fd: number, from: number, size: number): number {
    let at = from;
    while (at < size) {
      const n = readSync(fd, this.chunk, 0, Math.min(READ_CHUNK, size - at), at);
      const lf = this.chunk.indexOf(LF);
      if (lf >= 0 && lf < n) return at + lf + 1;
      at += n;
    }
    return size;
  }

  /** Deletes the sealed segments the ack pointer has passed (after a sync: positions.json covers their positions). */
  private dropDoneSegments(): void {
    // Segments wholly before the pointer's.
    const before = [...this.sealed.keys()].filter((s) => s < this.ackPointer.segment);
    if (before.length > 0) {
      this.sync();
      for (const s of before) {
        this.unlinkSegment(s);
        this.sealed.delete(s);
        this.validEnd.delete(s);
      }
    }
    // The pointer's own, once it is past all of it.
    for (;;) {
      const a = this.ackPointer;
      if (a.segment >= this.writeSegment) return;
      const size = this.sealed.get(a.segment) ?? 0;
      // Read past with nothing valid after the pointer: damage at its end is not waited for.
      const validEnd = this.readCursor.segment > a.segment ? this.validEnd.get(a.segment) : undefined;
      if (a.offset < size && (validEnd === undefined || a.offset < validEnd)) return;
      this.sync();
      this.unlinkSegment(a.segment);
      this.sealed.delete(a.segment);
      this.validEnd.delete(a.segment);
      this.ackPointer = { segment: this.nextSegmentAfter(a.segment), offset: 0 };
      this.ackDirty = true;
    }
  }

  private nextSegmentAfter(s: number): number {
    return [...this.sealed.keys(), this.writeSegment].filter((k) => k > s).sort((a, b) => a - b)[0] ?? this.writeSegment;
  }

  private unlinkSegment(s: number): void {
    try {
      unlinkSync(join(this.dir, segmentName(s)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log('warn', `queue: cannot delete ${segmentName(s)}: ${(err as Error).message}`);
    }
  }
}
