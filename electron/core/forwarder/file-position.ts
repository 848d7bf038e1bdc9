// Where a file source stands: which file (device + inode, and a fingerprint of its first bytes),
// which generation of the source, and the byte offset after the last line taken. Carried by
// every queued record of that source and kept in `<state>/positions.json`; the newer of the two
// is where the tail resumes.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { ForwarderLog } from './forwarder-log.js';
import { readJsonFile, writeJsonAtomic } from './state-files.js';

export interface FilePosition {
  /** The source tag (sourceTag of the configured path). */
  t: string;
  /** Generation: grows at every rotation or truncation seen, so `(g, o)` names one line forever. */
  g: number;
  /** Device and inode of the file being read (decimal strings: inodes can pass 2^53). */
  d: string;
  i: string;
  /** Byte offset after the last line taken (the next line starts here). */
  o: number;
  /** crc32 (hex) of the first `hn` bytes of the file: a copytruncated file that regrew is a different file. */
  h?: string;
  hn?: number;
}

/** A short stable name of a configured path, in ids and positions. */
export function sourceTag(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 10);
}

/** The line id: `f.<tag>.<generation>.<start offset>` (base 36). */
export function fileLineId(tag: string, generation: number, start: number): string {
  return `f.${tag}.${generation.toString(36)}.${start.toString(36)}`;
}

/** True when `a` is later in the source than `b` (generations only grow; within one, offsets do). */
export function isNewer(a: FilePosition, b: FilePosition | undefined): boolean {
  if (b === undefined) return true;
  return a.g !== b.g ? a.g > b.g : a.o > b.o;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isDecimal = (v: unknown): v is string => typeof v === 'string' && /^[0-9]{1,24}$/u.test(v);

/** A position read back from disk, or null when it is not one (damage is skipped, never trusted). */
export function readPosition(v: unknown): FilePosition | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Record<string, unknown>;
  if (typeof p.t !== 'string' || !/^[0-9a-f]{10}$/u.test(p.t) || !isCount(p.g) || !isDecimal(p.d) || !isDecimal(p.i) || !isCount(p.o)) return null;
  const out: FilePosition = { t: p.t, g: p.g, d: p.d, i: p.i, o: p.o };
  if (typeof p.h === 'string' && /^[0-9a-f]{8}$/u.test(p.h) && isCount(p.hn) && p.hn > 0) {
    out.h = p.h;
    out.hn = p.hn;
  }
  return out;
}

/** `<state>/positions.json`: the last position of each source, for when the queue holds none. */
export class PositionFile {
  private readonly positions = new Map<string, FilePosition>();
  private dirty = false;

  constructor(
    private readonly file: string,
    log: ForwarderLog = () => undefined,
  ) {
    let saved: unknown = null;
    try {
      saved = readJsonFile(file);
    } catch (err) {
      // Written atomically, so only disk damage gets here: the queue's records still give the
      // position of every source they hold; the file is rewritten at the next save.
      log('warn', `${(err as Error).message}: ignored (positions are taken from the queue)`);
    }
    if (typeof saved === 'object' && saved !== null) {
      for (const v of Object.values(saved as Record<string, unknown>)) {
        const p = readPosition(v);
        if (p !== null) this.positions.set(p.t, p);
      }
    }
  }

  get(tag: string): FilePosition | undefined {
    return this.positions.get(tag);
  }

  all(): FilePosition[] {
    return [...this.positions.values()];
  }

  set(p: FilePosition): void {
    this.positions.set(p.t, { ...p });
    this.dirty = true;
  }

  /** Writes the file if anything changed since the last save. */
  save(): void {
    if (!this.dirty) return;
    // Durable: a positions.json lost to a power cut would make a source with nothing left in the
    // queue look new, and a new source starts at the end of its file (the lines between, skipped).
    writeJsonAtomic(this.file, Object.fromEntries(this.positions), true);
    this.dirty = false;
  }
}
