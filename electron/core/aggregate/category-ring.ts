// Per-category counts in fixed time buckets over a sliding window, in one ring buffer.
// Adding an event is O(1) (amortised: advancing the window zeroes each bucket once).
import type { Category } from '../../contract/index.js';
import { CATEGORIES } from '../../contract/index.js';
import type { TimelineSeries } from '../../contract/index.js';
import { StateError, countArray, decodeHead, encodeHead, int, nonNegInt, obj } from './state-codec.js';

/** A ring as plain JSON: bucket slots in ring order (slot = bucket % length), categories inner. */
export interface CategoryRingState {
  length: number;
  stepSeconds: number;
  /** Absolute number of the newest bucket, or null before the first use. */
  head: number | null;
  /** length × categories numbers. */
  counts: number[];
}

const N_CAT = CATEGORIES.length;

export class CategoryRing {
  private readonly counts: Float64Array;
  /** Absolute bucket number (time / step) of the newest bucket; -Infinity before the first use. */
  private head = Number.NEGATIVE_INFINITY;
  /** Oldest absolute bucket changed since the last delta (Infinity: nothing). */
  private dirtyFrom = Number.POSITIVE_INFINITY;

  constructor(
    readonly length: number,
    /** Bucket width in seconds. */
    readonly stepSeconds: number,
  ) {
    this.counts = new Float64Array(length * N_CAT);
  }

  exportState(): CategoryRingState {
    return { length: this.length, stepSeconds: this.stepSeconds, head: encodeHead(this.head), counts: Array.from(this.counts) };
  }

  /** Checks a ring state saved with `nCat` categories. Throws StateError. */
  static parseState(x: unknown, path: string, nCat: number): CategoryRingState {
    const o = obj(x, path);
    const length = nonNegInt(o.length, `${path}.length`);
    const stepSeconds = nonNegInt(o.stepSeconds, `${path}.stepSeconds`);
    const head = o.head === null ? null : int(o.head, `${path}.head`);
    const counts = countArray(o.counts, `${path}.counts`, length * nCat);
    if (length === 0 || stepSeconds === 0) throw new StateError(path, 'a ring of at least one bucket');
    return { length, stepSeconds, head, counts };
  }

  /**
   * Replaces the ring with a saved one. `catMap[c]` is the current index of saved category c
   * (-1: dropped). Returns false (ring left empty) when the window's shape changed.
   * Time passed since the save shows as zeros: the next add/snapshot advances the window.
   */
  importState(s: CategoryRingState, catMap: readonly number[]): boolean {
    this.counts.fill(0);
    this.head = Number.NEGATIVE_INFINITY;
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    if (s.length !== this.length || s.stepSeconds !== this.stepSeconds) return false;
    const nSaved = catMap.length;
    for (let slot = 0; slot < this.length; slot++) {
      for (let c = 0; c < nSaved; c++) {
        const to = catMap[c]!;
        if (to >= 0) this.counts[slot * N_CAT + to] = s.counts[slot * nSaved + c]!;
      }
    }
    this.head = decodeHead(s.head);
    return true;
  }

  bucketOf(timeMs: number): number {
    return Math.floor(timeMs / 1000 / this.stepSeconds);
  }

  /** Moves the window so that `bucket` is the newest one, zeroing the buckets that fall out. */
  advanceTo(bucket: number): void {
    if (bucket <= this.head) return;
    if (this.head === Number.NEGATIVE_INFINITY || bucket - this.head >= this.length) {
      this.counts.fill(0);
    } else {
      for (let b = this.head + 1; b <= bucket; b++) {
        const base = (b % this.length) * N_CAT;
        this.counts.fill(0, base, base + N_CAT);
      }
    }
    this.head = bucket;
  }

  /**
   * Adds `count` to a category at a time. Returns false when the time is older than the
   * window (the caller still counts it in totals) or newer than `newestAllowed`.
   */
  add(timeMs: number, categoryIdx: number, count: number): boolean {
    const bucket = this.bucketOf(timeMs);
    if (bucket > this.head) this.advanceTo(bucket);
    if (bucket <= this.head - this.length) return false;
    this.counts[(bucket % this.length) * N_CAT + categoryIdx]! += count;
    if (bucket < this.dirtyFrom) this.dirtyFrom = bucket;
    return true;
  }

  get(bucket: number, categoryIdx: number): number {
    if (bucket > this.head || bucket <= this.head - this.length) return 0;
    return this.counts[(bucket % this.length) * N_CAT + categoryIdx]!;
  }

  /** Sum over all categories of the `n` buckets ending at `lastBucket` (inclusive). */
  sumRange(lastBucket: number, n: number): number {
    let sum = 0;
    for (let b = lastBucket - n + 1; b <= lastBucket; b++) {
      if (b > this.head || b <= this.head - this.length) continue;
      const base = (b % this.length) * N_CAT;
      for (let c = 0; c < N_CAT; c++) sum += this.counts[base + c]!;
    }
    return sum;
  }

  /** The buckets from `from` to `to` (inclusive) as a TimelineSeries. */
  series(from: number, to: number): TimelineSeries {
    const n = Math.max(0, to - from + 1);
    const values = {} as Record<Category, number[]>;
    CATEGORIES.forEach((cat, c) => {
      const arr = new Array<number>(n);
      for (let i = 0; i < n; i++) arr[i] = this.get(from + i, c);
      values[cat] = arr;
    });
    return { step: this.stepSeconds, start: from * this.stepSeconds, values };
  }

  /** Whole window ending at `nowBucket`. Does not clear the dirty mark. */
  snapshot(nowBucket: number): TimelineSeries {
    this.advanceTo(nowBucket);
    return this.series(nowBucket - this.length + 1, nowBucket);
  }

  /**
   * Buckets changed since the previous delta, plus every bucket the window advanced over
   * since `lastSentBucket` (so a renderer sees zeros where time passed without events).
   */
  delta(nowBucket: number, lastSentBucket: number): TimelineSeries {
    this.advanceTo(nowBucket);
    let from = Math.min(this.dirtyFrom, lastSentBucket + 1, nowBucket);
    from = Math.max(from, nowBucket - this.length + 1);
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    return this.series(from, nowBucket);
  }
}
