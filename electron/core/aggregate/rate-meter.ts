// Arrival rate over the last few whole seconds, by receive time (not event time, so a
// catch-up burst after an outage shows as the burst it is). O(1) per event.
import { countArray, decodeHead, encodeHead, int, obj } from './state-codec.js';

export interface RateMeterState {
  head: number | null;
  slots: number[];
}

export class RateMeter {
  private readonly slots: Float64Array;
  private head = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowSeconds = 5) {
    this.slots = new Float64Array(windowSeconds + 1);
  }

  private advance(second: number): void {
    if (second <= this.head) return;
    const n = this.slots.length;
    if (this.head === Number.NEGATIVE_INFINITY || second - this.head >= n) this.slots.fill(0);
    else for (let s = this.head + 1; s <= second; s++) this.slots[s % n] = 0;
    this.head = second;
  }

  add(nowMs: number, count: number): void {
    const second = Math.floor(nowMs / 1000);
    this.advance(second);
    if (second > this.head - this.slots.length) this.slots[second % this.slots.length]! += count;
  }

  /** Mean per second over the last `windowSeconds` complete seconds. */
  perSecond(nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    this.advance(second);
    let sum = 0;
    for (let s = second - this.windowSeconds; s < second; s++) sum += this.slots[((s % this.slots.length) + this.slots.length) % this.slots.length]!;
    return sum / this.windowSeconds;
  }

  exportState(): RateMeterState {
    return { head: encodeHead(this.head), slots: Array.from(this.slots) };
  }

  static parseState(x: unknown, path: string): RateMeterState {
    const o = obj(x, path);
    return { head: o.head === null ? null : int(o.head, `${path}.head`), slots: countArray(o.slots, `${path}.slots`) };
  }

  importState(s: RateMeterState): void {
    this.slots.fill(0);
    this.head = Number.NEGATIVE_INFINITY;
    if (s.slots.length !== this.slots.length) return; // another window: start from zero
    this.slots.set(s.slots);
    this.head = decodeHead(s.head);
  }
}
