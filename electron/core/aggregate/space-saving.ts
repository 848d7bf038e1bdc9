// Top-k heavy hitters in bounded memory: the space-saving sketch (Metwally et al., 2005)
// over a min-heap, so each update is O(log k) with k fixed, whatever the key churn.

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
