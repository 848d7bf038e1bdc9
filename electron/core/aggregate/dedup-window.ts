// Bounded memory of recently seen message identities, to drop QoS 1 redeliveries.
// Rule: a key seen among the last `capacity` keyed messages is a duplicate. Messages
// without an identity (no id in the payload) are never de-duplicated.
// Across a restart the journal keeps the newest keys (DEDUP_KEYS_SAVED): what a broker
// redelivers after the wall was killed is the handful of messages in flight at that moment.
// Keys are built from wire text (an event id of up to 128 characters, a Suricata anomaly
// text of up to 512): a key longer than MAX_KEY_CHARS or with characters JSON must escape is
// kept as its SHA-256 instead, so 100,000 keys stay under 20 MB in memory and 20,000 saved keys
// at most 3.3 MB in the journal.
import { createHash } from 'node:crypto';
import { strArray } from './state-codec.js';

export const DEDUP_KEYS_SAVED = 20_000;
export const MAX_KEY_CHARS = 160;

/** The key as remembered: itself when short plain ASCII, else `#` + its SHA-256 (base64url, 43 chars). */
export function boundedKey(key: string): string {
  const n = key.length;
  if (n <= MAX_KEY_CHARS) {
    let plain = true;
    for (let i = 0; i < n; i++) {
      const c = key.charCodeAt(i);
      // Printable ASCII without the two characters JSON escapes (" and \). A hashed key is
      // plain too, so this is idempotent (saved keys pass through it again on import); a wire
      // key equal to another key's hash would need a SHA-256 preimage.
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        plain = false;
        break;
      }
    }
    if (plain) return key;
  }
  return `#${createHash('sha256').update(key).digest('base64url')}`;
}

export class DedupWindow {
  private readonly seen = new Set<string>();

  constructor(readonly capacity: number) {}

  /** True when the key was seen recently (a duplicate); records it otherwise. */
  isDuplicate(wireKey: string): boolean {
    const key = boundedKey(wireKey);
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
    for (let i = Math.max(0, keys.length - this.capacity); i < keys.length; i++) this.seen.add(boundedKey(keys[i]!));
  }
}
