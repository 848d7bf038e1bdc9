// Top-k heavy hitters in bounded memory: the space-saving sketch (Metwally et al., 2005)
// over a min-heap, so each update is O(log k) with k fixed, whatever the key churn.
import { StateError, arr, count, obj, strArray } from './state-codec.js';

/** Entries in heap order (so a restored sketch evicts exactly as the saved one would). */
export interface SpaceSavingState {
  keys: string[];
  counts: number[];
  errors: number[];
}

interface Entry {
  key: string;
  count: number;
  /** Over-estimation bound inherited from the evicted entry. */
  error: number;
  heapIndex: number;
}

export class SpaceSavingSketch {
  private readonly heap: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new Error('SpaceSavingSketch capacity must be at least 1');
  }

  add(key: string, count = 1): void {
    const found = this.byKey.get(key);
    if (found) {
      found.count += count;
      this.siftDown(found.heapIndex);
      return;
    }
    if (this.heap.length < this.capacity) {
      const entry: Entry = { key, count, error: 0, heapIndex: this.heap.length };
      this.heap.push(entry);
      this.byKey.set(key, entry);
      this.siftUp(entry.heapIndex);
      return;
    }
    // Replace the minimum: the newcomer inherits its count as the error bound.
    const min = this.heap[0]!;
    this.byKey.delete(min.key);
    min.error = min.count;
    min.count += count;
    min.key = key;
    this.byKey.set(key, min);
    this.siftDown(0);
  }

  /** The `n` largest entries, largest first. O(k log k); called per frame, not per event. */
  top(n: number): { key: string; count: number; error: number }[] {
    return this.heap
      .map((e) => ({ key: e.key, count: e.count, error: e.error }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, n);
  }

  exportState(): SpaceSavingState {
    return { keys: this.heap.map((e) => e.key), counts: this.heap.map((e) => e.count), errors: this.heap.map((e) => e.error) };
  }

  static parseState(x: unknown, path: string): SpaceSavingState {
    const o = obj(x, path);
    const keys = strArray(o.keys, `${path}.keys`);
    const counts = arr(o.counts, `${path}.counts`, keys.length).map((v, i) => count(v, `${path}.counts[${i}]`));
    const errors = arr(o.errors, `${path}.errors`, keys.length).map((v, i) => count(v, `${path}.errors[${i}]`));
    if (new Set(keys).size !== keys.length) throw new StateError(`${path}.keys`, 'distinct keys');
    return { keys, counts, errors };
  }

  importState(s: SpaceSavingState): void {
    this.heap.length = 0;
    this.byKey.clear();
    let order = s.keys.map((_, i) => i);
    // A smaller capacity than when saved: keep the largest entries.
    if (order.length > this.capacity) order = order.sort((a, b) => s.counts[b]! - s.counts[a]!).slice(0, this.capacity);
    for (const i of order) {
      const entry: Entry = { key: s.keys[i]!, count: s.counts[i]!, error: s.errors[i]!, heapIndex: this.heap.length };
      this.heap.push(entry);
      this.byKey.set(entry.key, entry);
      this.siftUp(entry.heapIndex); // no-op for a heap saved in heap order
    }
  }

  get size(): number {
    return this.heap.length;
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    this.heap[i] = b;
    this.heap[j] = a;
    a.heapIndex = j;
    b.heapIndex = i;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.heap[parent]!.count <= this.heap[i]!.count) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.heap[l]!.count < this.heap[smallest]!.count) smallest = l;
      if (r < n && this.heap[r]!.count < this.heap[smallest]!.count) smallest = r;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
