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

/**
 * Membership in a Set, age in a ring of the same keys: evicting the oldest is one array read
 * and one delete. (Taking the oldest as the Set's first value walked over every deleted slot
 * V8 keeps until its next rehash: 73 % of a steady-state wall's pipeline time, issue 9.)
 */
export class DedupWindow {
  private readonly seen = new Set<string>();
  private readonly ring: string[];
  /** Index of the oldest key once the ring is full; keys are written at (head + count) before. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`dedup window capacity must be a positive integer, got ${capacity}`);
    this.ring = new Array<string>(capacity);
  }

  /** True when the key was seen recently (a duplicate); records it otherwise. */
  isDuplicate(wireKey: string): boolean {
    const key = boundedKey(wireKey);
    if (this.seen.has(key)) return true;
    this.remember(key);
    return false;
  }

  private remember(key: string): void {
    if (this.count < this.capacity) {
      this.ring[(this.head + this.count) % this.capacity] = key;
      this.count++;
    } else {
      this.seen.delete(this.ring[this.head]!);
      this.ring[this.head] = key;
      this.head = (this.head + 1) % this.capacity;
    }
    this.seen.add(key);
  }

  get size(): number {
    return this.seen.size;
  }

  /** The newest `max` keys, oldest first. */
  exportState(max = DEDUP_KEYS_SAVED): string[] {
    const n = Math.min(max, this.count);
    const out = new Array<string>(n);
    const first = this.head + this.count - n;
    for (let i = 0; i < n; i++) out[i] = this.ring[(first + i) % this.capacity]!;
    return out;
  }

  static parseState(x: unknown, path: string): string[] {
    return strArray(x, path);
  }

  /**
   * Replaces the memory with saved keys (oldest first), as if they had arrived in that order:
   * the newest `capacity` distinct keys stay (a saved list never repeats a key; an edited one might).
   */
  importState(keys: readonly string[]): void {
    this.seen.clear();
    this.head = 0;
    this.count = 0;
    for (const k of keys) {
      const key = boundedKey(k);
      if (!this.seen.has(key)) this.remember(key);
    }
  }
}
