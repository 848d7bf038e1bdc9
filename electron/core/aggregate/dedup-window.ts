// Bounded memory of recently seen message identities, to drop QoS 1 redeliveries.
// Rule: a key seen among the last `capacity` keyed messages is a duplicate. Messages
// without an identity (no id in the payload) are never de-duplicated.
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
}
