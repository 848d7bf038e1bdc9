// The map's pulses (a ring widening from a site that has just had a high-severity event), as
// a bounded set driven by one clock: a site pulses at most once at a time (events during its
// ring are absorbed by it, so a site under steady attack beats once per ring rather than
// showing a ring stuck at its start), at most `max` rings live at once, and one callback per
// animation step moves them all. The animation costs the same at 1 event a minute and at 2,000 a second.
// Pure (no Leaflet, no timers): site-map.ts owns the rings and the requestAnimationFrame.

export class Pulses<T> {
  private readonly live = new Map<string, { started: number; item: T }>();

  constructor(
    readonly max: number,
    readonly durationMs: number,
  ) {}

  get size(): number {
    return this.live.size;
  }

  /**
   * Starts the pulse of `key` at `now`. Null when its ring is still running (the event is
   * absorbed by it) or `max` rings are already live (left out, not queued).
   */
  start(key: string, now: number, create: () => T): T | null {
    if (this.live.has(key) || this.live.size >= this.max) return null;
    const item = create();
    this.live.set(key, { started: now, item });
    return item;
  }

  /** Moves every ring to `now`: `step` with its progress in [0, 1), `end` once it is over (then it is gone). */
  advance(now: number, step: (item: T, progress: number) => void, end: (item: T) => void): void {
    for (const [key, p] of this.live) {
      const progress = (now - p.started) / this.durationMs;
      if (progress >= 1) {
        this.live.delete(key);
        end(p.item);
      } else step(p.item, Math.max(0, progress));
    }
  }

  /** Ends every ring at once (the map goes away). */
  clear(end: (item: T) => void): void {
    for (const p of this.live.values()) end(p.item);
    this.live.clear();
  }
}
