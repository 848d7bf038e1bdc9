// The wall's durable state: a snapshot of the aggregates every few seconds plus a
// write-ahead log of every message since, so a wall killed at any instant restarts with
// exactly the counts it had acknowledged to the broker.
//
//   start:    load state.json → aggregator.importState → replay every logged message of a
//             generation ≥ the snapshot's `replayFrom` (same decode + apply path) → seal the
//             old log, start a new generation, write a snapshot covering everything.
//   message:  record() (one writeSync into the page cache) → decode + apply → PUBACK.
//   interval: export (main thread) → seal the log, new generation → write the snapshot
//             (temp file, fsync, rename, fsync folder: off the main thread) → when durable,
//             delete the sealed logs it covers. A failed write keeps them for the next start.
//
// Nothing here throws at the wall: a full disk, a read-only folder or a corrupt file is a
// status and a log line, and the wall keeps running on what it has.
import { closeSync, ftruncateSync, openSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { WallAggregator } from '../aggregate/wall-aggregator.js';
import type { WallLog } from '../log/wall-log.js';
import { describeFsError, setAsideSync } from './fs-status.js';
import {
  LOG_FILE,
  MessageLog,
  parseLog,
  parseSealedLogName,
  peekLogGeneration,
  sealedLogName,
  type MessageLogStatus,
  type RecordSink,
} from './message-log.js';
import { listQuiet, pruneSetAside, SnapshotJournal, unlinkQuiet, type WriteStatus } from './snapshot-journal.js';

export const STATE_FORMAT = 'soc-wall-state';
export const DEFAULT_SNAPSHOT_EVERY_MS = 5000;
export const DEFAULT_FSYNC_EVERY_MS = 1000;
export const DEFAULT_MAX_LOG_BYTES = 64 * 1024 * 1024;


export interface WallJournalOptions {
  /** Folder of the journal (the user-data folder's `journal/`). Created if missing. */
  dir: string;
  aggregator: WallAggregator;
  /** Decode + apply one logged message, exactly as the live path does (never record() here). */
  replay: RecordSink;
  log?: WallLog;
  snapshotEveryMs?: number;
  fsyncEveryMs?: number;
  /** Largest snapshot body written (default 16 MiB). */
  maxSnapshotBytes?: number;
  /** A message log above this size forces a snapshot (default 64 MiB). */
  maxLogBytes?: number;
  now?: () => number;
}

export interface RestoreReport {
  /** True when a snapshot was loaded (a replayed log alone is not "restored"). */
  restored: boolean;
  /** Wall-clock time of the loaded snapshot, or null. */
  savedAt: number | null;
  /** Logged messages replayed after the snapshot. */
  replayed: number;
  /** Bytes of torn or damaged log tails that could not be replayed. */
  droppedBytes: number;
  /** One line per problem met (corrupt file set aside, torn tail, I/O error…), for the log. */
  problems: string[];
  /** Newest receive time of the restored data (for "data at hh:mm:ss"), or null. */
  lastReceivedAt: number | null;
  durationMs: number;
}

export interface JournalStatus {
  dir: string;
  lastWrite: WriteStatus | null;
  lastOkAt: number | null;
  writesOk: number;
  writesFailed: number;
  /** Messages applied without being logged (log unavailable): not exact across a crash. */
  notLogged: number;
  log: MessageLogStatus;
  restore: RestoreReport;
}

interface Envelope {
  format: typeof STATE_FORMAT;
  /** Log generations below this are covered by `state`; replay from this one on. */
  replayFrom: number;
  savedAt: number;
  state: unknown;
}

function parseEnvelope(x: unknown): Envelope {
  const o = x as Partial<Envelope> | null;
  if (typeof o !== 'object' || o === null || o.format !== STATE_FORMAT) throw new Error(`not a ${STATE_FORMAT} body`);
  if (!Number.isSafeInteger(o.replayFrom) || (o.replayFrom as number) < 0) throw new Error('bad replayFrom');
  if (typeof o.savedAt !== 'number' || !Number.isFinite(o.savedAt)) throw new Error('bad savedAt');
  return o as Envelope;
}

export class WallJournal {
  readonly restore: RestoreReport;
  private readonly snapshots: SnapshotJournal;
  private readonly messages: MessageLog;
  private readonly aggregator: WallAggregator;
  private readonly log: WallLog;
  private readonly now: () => number;
  private readonly snapshotEveryMs: number;
  private readonly fsyncEveryMs: number;
  private readonly maxLogBytes: number;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private fsyncTimer: NodeJS.Timeout | null = null;
  private writing: Promise<WriteStatus> | null = null;
  private forceScheduled = false;
  private lastForcedAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private lastWrite: WriteStatus | null = null;
  private lastOkAt: number | null = null;
  private writesOk = 0;
  private writesFailed = 0;
  private notLogged = 0;
  private loggingDown = false;
  /** received + rejected at the last durable snapshot: nothing new → no write. */
  private lastMark = -1;
  /** True while snapshots fit only without their dedup keys (said once). */
  private savedWithoutDedup = false;
  /** Sealed logs found damaged at start: set aside, not deleted, once a snapshot covers them. */
  private readonly damagedLogs = new Set<string>();

  private constructor(options: WallJournalOptions) {
    this.aggregator = options.aggregator;
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.snapshotEveryMs = options.snapshotEveryMs ?? DEFAULT_SNAPSHOT_EVERY_MS;
    this.fsyncEveryMs = options.fsyncEveryMs ?? DEFAULT_FSYNC_EVERY_MS;
    this.maxLogBytes = options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
    this.snapshots = new SnapshotJournal({ dir: options.dir, maxBytes: options.maxSnapshotBytes, now: this.now });
    this.messages = new MessageLog({ dir: options.dir, hardMaxBytes: Math.max(4 * this.maxLogBytes, 1024 * 1024) });
    this.restore = this.doRestore(options.replay);
  }

  /**
   * Restores the aggregator from the journal (synchronously: the wall shows its last state
   * before any broker connection), then starts a fresh log generation. Never throws.
   */
  static open(options: WallJournalOptions): WallJournal {
    return new WallJournal(options);
  }

  private doRestore(replay: RecordSink): RestoreReport {
    const t0 = performance.now();
    const problems: string[] = [];
    const dir = this.snapshots.dir;
    let restored = false;
    let savedAt: number | null = null;
    let replayFrom = 0;

    const loaded = this.snapshots.load();
    if (loaded.kind === 'corrupt') {
      problems.push(
        `journal ${this.snapshots.path} is unusable: ${loaded.reason}; ${loaded.movedTo ? `set aside as ${loaded.movedTo}` : 'left in place'}; starting from a clean state`,
      );
    } else if (loaded.kind === 'loaded') {
      try {
        const env = parseEnvelope(loaded.body);
        const notes = this.aggregator.importState(env.state);
        for (const n of notes) problems.push(`journal: ${n}`);
        replayFrom = env.replayFrom;
        savedAt = env.savedAt;
        restored = true;
      } catch (err) {
        // Nothing was applied (the state is checked whole first): the wall starts fresh
        // rather than showing negative or fractional counts.
        const r = this.snapshots.setAside(`its state is refused (damaged, edited, or of another version): ${(err as Error).message}`);
        problems.push(`journal ${this.snapshots.path} is unusable: ${r.reason}; ${r.movedTo ? `set aside as ${r.movedTo}` : 'left in place'}; starting from a clean state`);
      }
    }

    // Every log file: sealed generations and the active one.
    const files: { path: string; data: Buffer; gen: number | null; active: boolean }[] = [];
    for (const name of listQuiet(dir)) {
      const active = name === LOG_FILE;
      const named = parseSealedLogName(name);
      if (!active && named === null) continue;
      const path = join(dir, name);
      try {
        const data = readFileSync(path);
        files.push({ path, data, gen: peekLogGeneration(data) ?? named, active });
      } catch (err) {
        problems.push(`message log: ${describeFsError('read', path, err)}`);
      }
    }
    // In generation order; an active log whose header is damaged is the newest of all.
    const order = (f: { gen: number | null; active: boolean }) => f.gen ?? (f.active ? Number.POSITIVE_INFINITY : -1);
    files.sort((a, b) => order(a) - order(b));

    let replayed = 0;
    let droppedBytes = 0;
    let replayErrors = 0;
    let maxGen = replayFrom - 1;
    const sink: RecordSink = (topic, payload, receivedAt) => {
      try {
        replay(topic, payload, receivedAt);
      } catch {
        replayErrors++;
      }
      replayed++;
    };
    for (const f of files) {
      if (f.gen !== null && f.gen > maxGen) maxGen = f.gen;
      if (f.gen !== null && f.gen < replayFrom) continue; // covered by the snapshot
      const r = parseLog(f.data, sink);
      const dropped = r.fileLength - r.goodLength + r.skippedBytes;
      if (r.problem !== null && !(r.problem === 'empty log' && dropped === 0)) {
        droppedBytes += dropped;
        problems.push(
          `message log ${f.path}: ${r.problem}; replayed ${r.records} complete records, dropped ${dropped} bytes${r.damaged ? ' (damaged: kept as .corrupt-<time> once a snapshot covers it)' : ''}`,
        );
        if (r.damaged) this.damagedLogs.add(f.active ? LOG_FILE : basename(f.path));
        // Cut a torn tail so the file is clean if it has to be replayed again; damage stays as it is.
        else if (r.generation !== null && dropped > 0) truncateQuiet(f.path, r.goodLength);
      }
    }
    if (replayErrors > 0) problems.push(`replay: ${replayErrors} logged messages threw while being applied`);

    // The active log is sealed under its generation (one after all when its header is
    // damaged); the new generation starts after all.
    let nextGen = maxGen + 1;
    const active = files.find((f) => f.active);
    if (active) {
      const gen = active.gen ?? nextGen++;
      const sealed = sealedLogName(gen);
      try {
        renameSync(active.path, join(dir, sealed));
        if (this.damagedLogs.delete(LOG_FILE)) this.damagedLogs.add(sealed);
      } catch (err) {
        // Never overwritten (the new log is created exclusively); sealed at the next snapshot.
        problems.push(`message log: ${describeFsError('seal', active.path, err)}`);
      }
    }
    const openErr = this.messages.openNew(nextGen);
    if (openErr) problems.push(`message log: ${openErr}; messages are not logged (counts are not exact across a crash until this works)`);

    // A snapshot covering everything so far (makes the old logs unnecessary).
    const status = this.writeSnapshotSync();
    if (!status.ok) problems.push(`journal: ${status.reason}`);

    const report: RestoreReport = {
      restored,
      savedAt,
      replayed,
      droppedBytes,
      problems,
      lastReceivedAt: this.aggregator.lastReceivedAt,
      durationMs: performance.now() - t0,
    };
    for (const p of problems) this.log('warn', p);
    this.log(
      'info',
      restored
        ? `journal: restored the state saved at ${new Date(savedAt!).toISOString()} and replayed ${replayed} logged messages in ${report.durationMs.toFixed(0)} ms`
        : `journal: no saved state${replayed > 0 ? `, replayed ${replayed} logged messages` : ''}; starting clean`,
    );
    return report;
  }

  /**
   * Logs one message before it is applied (call it, then decode + apply, in the same
   * synchronous block, before mqtt.js acknowledges). Never throws.
   */
  record(topic: string, payload: Uint8Array, receivedAt: number): void {
    if (this.closed) return;
    if (!this.messages.append(topic, payload, receivedAt)) {
      this.notLogged++;
      if (!this.loggingDown) {
        this.loggingDown = true;
        this.log('error', `journal: ${this.messages.status().lastError ?? 'message log unavailable'}; counts are not exact across a crash until it works again`);
      }
    } else if (this.loggingDown) {
      this.loggingDown = false;
      this.log('info', 'journal: messages are logged again');
    }
    if (this.messages.bytes > this.maxLogBytes && !this.forceScheduled && this.now() - this.lastForcedAt >= this.snapshotEveryMs) {
      // Not now: the message being recorded is not applied yet. After this message.
      this.forceScheduled = true;
      this.lastForcedAt = this.now();
      setImmediate(() => {
        this.forceScheduled = false;
        void this.flush();
      });
    }
  }

  /** Starts the periodic snapshot and log fsync. */
  start(): void {
    if (this.closed || this.snapshotTimer) return;
    this.snapshotTimer = setInterval(() => void this.flush(), this.snapshotEveryMs);
    this.snapshotTimer.unref?.();
    this.fsyncTimer = setInterval(() => void this.messages.syncAsync(), this.fsyncEveryMs);
    this.fsyncTimer.unref?.();
  }

  /**
   * Writes a snapshot now (off the main thread after the export) unless nothing changed.
   * Concurrent calls share the write in flight. Never rejects.
   */
  flush(): Promise<WriteStatus> {
    if (this.writing) return this.writing;
    if (this.closed) return Promise.resolve(this.lastWrite ?? notWritten('journal closed', this.now()));
    this.writing = this.snapshotAsync().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private changeMark(): number {
    const s = this.aggregator.ingestStats();
    return s.received + s.rejected;
  }

  /** Export + seal the log (synchronous, consistent), then the file I/O. */
  private prepare(): { data: Buffer; nextGen: number; mark: number; t0: number; at: number } | WriteStatus {
    const t0 = performance.now();
    const at = this.now();
    const nextGen = (this.messages.generation ?? -1) + 1;
    const mark = this.changeMark();
    const encode = (state: unknown) => this.snapshots.encode({ format: STATE_FORMAT, replayFrom: nextGen, savedAt: at, state } satisfies Envelope);
    let enc = encode(this.aggregator.exportState());
    if (!enc.ok && enc.tooLarge) {
      // The bounds keep the state far below the limit (state-bounds.ts); should a smaller
      // limit be configured, the dedup memory (the one part that only saves redeliveries) goes
      // first rather than the whole snapshot, so the log stays short and the start fast.
      enc = encode(this.aggregator.exportState({ dedupKeys: 0 }));
      if (enc.ok && !this.savedWithoutDedup) this.log('warn', `journal: the state is saved without its dedup keys to fit the ${this.snapshots.maxBytes}-byte limit; a redelivery just after a restart may count twice`);
      this.savedWithoutDedup = enc.ok;
    }
    if (!enc.ok) return { ok: false, reason: enc.reason, code: 'E2BIG', bytes: 0, durationMs: performance.now() - t0, at };
    const rot = this.messages.rotate(nextGen);
    if (!rot.sealed) return { ok: false, reason: rot.error ?? 'message log could not be sealed', code: null, bytes: 0, durationMs: performance.now() - t0, at };
    return { data: enc.data, nextGen, mark, t0, at };
  }

  private async snapshotAsync(): Promise<WriteStatus> {
    if (this.lastWrite?.ok && this.messages.isOpen && this.messages.records === 0 && this.changeMark() === this.lastMark) {
      return this.lastWrite;
    }
    const p = this.prepare();
    if ('ok' in p) return this.finish(p, 0, -1);
    const status = await this.snapshots.writeData(p.data, p.t0, p.at);
    return this.finish(status, p.nextGen, p.mark);
  }

  private writeSnapshotSync(): WriteStatus {
    const p = this.prepare();
    if ('ok' in p) return this.finish(p, 0, -1);
    return this.finish(this.snapshots.writeDataSync(p.data, p.t0, p.at), p.nextGen, p.mark);
  }

  private finish(status: WriteStatus, coveredBelow: number, mark: number): WriteStatus {
    const wasOk = this.lastWrite === null || this.lastWrite.ok;
    this.lastWrite = status;
    if (status.ok) {
      this.writesOk++;
      this.lastOkAt = status.at;
      this.lastMark = mark;
      this.deleteSealedBelow(coveredBelow);
      if (!wasOk) this.log('info', `journal: written again (${status.bytes} bytes in ${status.durationMs.toFixed(0)} ms)`);
    } else {
      this.writesFailed++;
      if (wasOk) this.log('error', `journal: ${status.reason}; the wall keeps running and retries every ${this.snapshotEveryMs / 1000} s`);
    }
    return status;
  }

  private deleteSealedBelow(generation: number): void {
    const dir = this.snapshots.dir;
    for (const name of listQuiet(dir)) {
      const g = parseSealedLogName(name);
      if (g === null || g >= generation) continue;
      if (!this.damagedLogs.delete(name)) {
        unlinkQuiet(join(dir, name));
        continue;
      }
      const r = setAsideSync(join(dir, name), this.now());
      if ('error' in r) {
        // Left in place (a covered generation is never replayed); tried again at the next snapshot.
        this.damagedLogs.add(name);
        this.log('warn', `message log: damaged ${name} could not be set aside: ${r.error}`);
        continue;
      }
      this.log('warn', `message log: damaged ${name} is covered by the snapshot; kept as ${r.movedTo}`);
      pruneSetAside(dir, (n) => n.startsWith(`${LOG_FILE}.`));
    }
  }

  status(): JournalStatus {
    return {
      dir: this.snapshots.dir,
      lastWrite: this.lastWrite,
      lastOkAt: this.lastOkAt,
      writesOk: this.writesOk,
      writesFailed: this.writesFailed,
      notLogged: this.notLogged,
      log: this.messages.status(),
      restore: this.restore,
    };
  }

  private stopTimers(): void {
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    if (this.fsyncTimer) clearInterval(this.fsyncTimer);
    this.snapshotTimer = this.fsyncTimer = null;
  }

  /** Final snapshot (after any write in flight), then closes the log. Never rejects. */
  async close(): Promise<WriteStatus> {
    if (this.closed) return this.lastWrite ?? notWritten('journal closed', this.now());
    this.stopTimers();
    if (this.writing) await this.writing;
    const status = await this.snapshotAsync();
    this.closed = true;
    this.messages.closeSync();
    return status;
  }

  /**
   * Synchronous close for exit handlers. The log alone already makes the state durable;
   * the final snapshot (which only shortens the next start) is skipped if a write is in flight.
   */
  closeSync(): WriteStatus | null {
    if (this.closed) return this.lastWrite;
    this.stopTimers();
    const status = this.writing ? null : this.writeSnapshotSync();
    this.closed = true;
    this.messages.closeSync();
    return status;
  }
}

function notWritten(reason: string, at: number): WriteStatus {
  return { ok: false, reason, code: null, bytes: 0, durationMs: 0, at };
}

function truncateQuiet(path: string, length: number): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r+');
    ftruncateSync(fd, length);
  } catch {
    // read-only: the tail is skipped again next time, which is harmless
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
