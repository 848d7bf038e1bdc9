// Counts per key over the last hour (60 one-minute buckets) and the last 24 hours (24 one-hour
// buckets), for a bounded number of keys. Adding is O(1) (a bucket advance clears at most the
// buckets that passed); reading advances every key to "now" and forgets keys whose day is
// empty, so a key seen once leaves after 24 h. Past `capacity` keys a new key is refused and
// counted (`refused`): what is tracked keeps counting.
import { StateError, arr, countArray, int } from './state-codec.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

interface Entry {
  readonly minutes: Float64Array;
  readonly hours: Float64Array;
  /** Absolute minute / hour index of the newest bucket. */
  minuteHead: number;
  hourHead: number;
  hour: number;
  day: number;
}

export interface WindowedCount<K> {
  key: K;
  hour: number;
  day: number;
}

/** Saved form: `[key, minuteHead, hourHead, minutes, hours]` per key. */
export type WindowedCountsState<K> = [K, number, number, number[], number[]][];

export class WindowedCounts<K extends string | number> {
  private readonly entries = new Map<K, Entry>();
  refused = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Counts `n` at `time` (epoch ms). False when the key was refused at the bound. */
  add(key: K, time: number, n: number): boolean {
    let e = this.entries.get(key);
    const m = Math.floor(time / MINUTE);
    const h = Math.floor(time / HOUR);
    if (e === undefined) {
      if (this.entries.size >= this.capacity) {
        this.refused++;
        return false;
      }
      e = { minutes: new Float64Array(60), hours: new Float64Array(24), minuteHead: m, hourHead: h, hour: 0, day: 0 };
      this.entries.set(key, e);
    }
    advance(e, m, h);
    // An event older than a window is not in it (late events still count where they fall).
    if (m > e.minuteHead - 60) {
      e.minutes[m % 60]! += n;
      e.hour += n;
    }
    if (h > e.hourHead - 24) {
      e.hours[h % 24]! += n;
      e.day += n;
    }
    return true;
  }

  /** Every key with a count in the last 24 h at `now`; keys with none are forgotten. O(keys). */
  read(now: number): WindowedCount<K>[] {
    const m = Math.floor(now / MINUTE);
    const h = Math.floor(now / HOUR);
    const out: WindowedCount<K>[] = [];
    for (const [key, e] of this.entries) {
      advance(e, m, h);
      if (e.day <= 0 && e.hour <= 0) this.entries.delete(key);
      else out.push({ key, hour: e.hour, day: e.day });
    }
    return out;
  }

  /** The last-hour count of one key at `now` (0 when absent). */
  hourOf(key: K, now: number): number {
    const e = this.entries.get(key);
    if (e === undefined) return 0;
    advance(e, Math.floor(now / MINUTE), Math.floor(now / HOUR));
    return e.hour;
  }

  exportState(): WindowedCountsState<K> {
    return [...this.entries].map(([key, e]) => [key, e.minuteHead, e.hourHead, Array.from(e.minutes), Array.from(e.hours)]);
  }

  importState(rows: WindowedCountsState<K>): void {
    this.entries.clear();
    for (const [key, minuteHead, hourHead, minutes, hours] of rows) {
      if (this.entries.size >= this.capacity) break;
      const e: Entry = { minutes: Float64Array.from(minutes), hours: Float64Array.from(hours), minuteHead, hourHead, hour: 0, day: 0 };
      for (const v of minutes) e.hour += v;
      for (const v of hours) e.day += v;
      this.entries.set(key, e);
    }
  }

  /** Checks a saved state (keys by `key`, which throws StateError for a bad one). */
  static parseState<K extends string | number>(x: unknown, path: string, key: (k: unknown, path: string) => K, maxRows: number): WindowedCountsState<K> {
    const rows = arr(x, path);
    if (rows.length > maxRows) throw new StateError(path, `at most ${maxRows} keys`);
    return rows.map((row, i) => {
      const p = `${path}[${i}]`;
      const r = arr(row, p, 5);
      return [key(r[0], `${p}[0]`), int(r[1], `${p}[1]`), int(r[2], `${p}[2]`), countArray(r[3], `${p}[3]`, 60), countArray(r[4], `${p}[4]`, 24)];
    });
  }
}

/** Moves an entry's newest buckets to minute `m` / hour `h`, clearing the buckets that passed. */
function advance(e: Entry, m: number, h: number): void {
  if (m > e.minuteHead) {
    const steps = Math.min(m - e.minuteHead, 60);
    for (let k = 1; k <= steps; k++) {
      const slot = (e.minuteHead + k) % 60;
      e.hour -= e.minutes[slot]!;
      e.minutes[slot] = 0;
    }
    e.minuteHead = m;
    if (steps === 60) e.hour = 0;
  }
  if (h > e.hourHead) {
    const steps = Math.min(h - e.hourHead, 24);
    for (let k = 1; k <= steps; k++) {
      const slot = (e.hourHead + k) % 24;
      e.day -= e.hours[slot]!;
      e.hours[slot] = 0;
    }
    e.hourHead = h;
    if (steps === 24) e.day = 0;
  }
}

/** Key checkers for parseState. */
export function stringKey(max: number, pattern?: RegExp): (k: unknown, path: string) => string {
  return (k, path) => {
    if (typeof k !== 'string' || k.length === 0 || k.length > max || (pattern !== undefined && !pattern.test(k))) throw new StateError(path, 'a valid key');
    return k;
  };
}

export function numberKey(k: unknown, path: string): number {
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) throw new StateError(path, 'a non-negative integer key');
  return k;
}
