// The forwarder's small state files (ack pointer, positions, boot counter, lock): each written
// whole to a temporary file and renamed over the old one, so a kill at any moment leaves the old
// file or the new one, never half of either.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Files this small are all the forwarder ever writes besides the queue; a bigger one is damage. */
const MAX_STATE_FILE_BYTES = 4 * 1024 * 1024;

/** fsync a folder, so a rename in it reaches the disk (best effort: Windows cannot open a folder to fsync it). */
export function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}

/**
 * Writes `value` as JSON to `file` atomically; `durable` also fsyncs it before the rename and
 * its folder after, so a power cut leaves the old file or the new one, never an empty one.
 */
export function writeJsonAtomic(file: string, value: unknown, durable = false): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  if (durable) {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(value));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } else {
    writeFileSync(tmp, JSON.stringify(value));
  }
  renameSync(tmp, file);
  if (durable) syncFolder(dirname(file));
}

/** The parsed JSON of `file`; null when it does not exist. Throws, naming the file, when it is unreadable or not JSON. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_STATE_FILE_BYTES) throw new Error(`${bytes.length} bytes, more than a state file ever holds`);
    text = bytes.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** True when a process with this id runs (signal 0 tests without sending anything). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This boot of the machine (Linux), or '' where the system does not say. */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 64);
  } catch {
    return '';
  }
}

interface LockHolder {
  pid: number;
  boot: string;
}

function readLockHolder(file: string): LockHolder | null {
  try {
    const text = readFileSync(file, 'utf8');
    const saved = JSON.parse(text) as Partial<LockHolder>;
    if (typeof saved.pid === 'number' && Number.isInteger(saved.pid) && saved.pid > 0) return { pid: saved.pid, boot: typeof saved.boot === 'string' ? saved.boot : '' };
  } catch {
    // unreadable or not ours: treated as stale
  }
  return null;
}

/**
 * Takes `<state>/lock` for this process: two forwarders on one state folder would interleave
 * their queue writes. A lock left by a process that is gone (killed), or by an earlier boot of
 * the machine (a power cut: its pid may now belong to anything), is taken over.
 * Returns the release function.
 */
export function lockStateDir(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true });
  const boot = bootId();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify({ pid: process.pid, boot })}\n`, { flag: 'wx' });
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create the lock ${file}: ${(err as Error).message}`, { cause: err });
    }
    const holder = readLockHolder(file);
    // Our own pid: a restart in a fresh PID namespace (a container) can get the old pid back.
    if (holder !== null && holder.boot === boot && holder.pid !== process.pid && processAlive(holder.pid)) {
      throw new Error(`another forwarder (pid ${holder.pid}) uses the state folder ${dirname(file)}: give each forwarder its own --state-dir`);
    }
    try {
      unlinkSync(file);
    } catch {
      // raced with another start: the next attempt says who holds it
    }
  }
  throw new Error(`cannot take the lock ${file}`);
}

/**
 * A number that grows at every start and survives restarts, for ids that must never repeat
 * (the syslog boot id). At least the current Unix second, so even a lost file (state folder
 * wiped, a power cut before the write reached the disk) cannot give an old value back.
 */
export function nextBootNumber(file: string, nowMs: number): number {
  let previous = 0;
  let saved: unknown = null;
  try {
    saved = readJsonFile(file);
  } catch {
    // damaged: the current second alone still gives a number no earlier start had
  }
  if (typeof saved === 'object' && saved !== null && typeof (saved as { boot?: unknown }).boot === 'number') {
    previous = (saved as { boot: number }).boot;
  }
  const boot = Math.max(previous + 1, Math.floor(nowMs / 1000));
  writeJsonAtomic(file, { boot }, true);
  return boot;
}
