// Bounded memory of recently seen message identities, to drop QoS 1 redeliveries.
// Rule: a key seen among the last `capacity` keyed messages is a duplicate. Messages
// without an identity (no id in the payload) are never de-duplicated.
// Across a restart the journal keeps the newest keys (DEDUP_KEYS_SAVED): what a broker
// redelivers after the wall was killed is the handful of messages in flight at that moment.
import { strArray } from './state-codec.js';

export const DEDUP_KEYS_SAVED = 20_000;

export class DedupWindow {
  private readonly seen = new Set<string>();

  constructor(readonly capacity: number) {}

  /** True when the key was seen recently (a duplicate); records it otherwise. */
  isDuplicate(key: string): boolean {
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    if (this.seen.size > this.capacity) {
      // Sets iterate in insertion order: the first key is the oldest.
      const oldest = this.seen.values().next().value as string;
      this.seen.delete(oldest);
    }
    return false;
  }

  get size(): number {
    return this.seen.size;
  }

  /** The newest `max` keys, oldest first. */
  exportState(max = DEDUP_KEYS_SAVED): string[] {
    const skip = this.seen.size - max;
    const out: string[] = [];
    let i = 0;
    for (const k of this.seen) if (i++ >= skip) out.push(k);
    return out;
  }

  static parseState(x: unknown, path: string): string[] {
    return strArray(x, path);
  }

  /** Replaces the memory with saved keys (oldest first); keeps the newest `capacity`. */
  importState(keys: readonly string[]): void {
    this.seen.clear();
    for (let i = Math.max(0, keys.length - this.capacity); i < keys.length; i++) this.seen.add(keys[i]!);
  }
}
