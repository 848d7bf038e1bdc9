// What the forwarder counts, per destination (event topic) and in total: lines read (taken
// into the queue), published (acknowledged by the broker), dropped by reason. The heartbeat
// sends each site/sensor its own; the minute log line the totals.
export type DropReason = 'too_long' | 'queue_full' | 'unrouted' | 'bad_frame' | 'connections_refused';

export interface Counts {
  read: number;
  published: number;
  dropped: number;
  droppedByReason: Partial<Record<DropReason, number>>;
}

const empty = (): Counts => ({ read: 0, published: 0, dropped: 0, droppedByReason: {} });

export class ForwarderStats {
  readonly total: Counts = empty();
  private readonly byTopic = new Map<string, Counts>();

  /** The counts of one destination (zeros when it has none yet). */
  of(topic: string): Counts {
    return this.byTopic.get(topic) ?? empty();
  }

  read(topic: string, n = 1): void {
    this.total.read += n;
    this.counts(topic).read += n;
  }

  published(topic: string, n = 1): void {
    this.total.published += n;
    this.counts(topic).published += n;
  }

  /** `topic` null: a drop no destination is known for (an unrouted sender, a refused connection). */
  dropped(topic: string | null, reason: DropReason, n = 1): void {
    add(this.total, reason, n);
    if (topic !== null) add(this.counts(topic), reason, n);
  }

  private counts(topic: string): Counts {
    let c = this.byTopic.get(topic);
    if (c === undefined) {
      c = empty();
      this.byTopic.set(topic, c);
    }
    return c;
  }
}

function add(c: Counts, reason: DropReason, n: number): void {
  c.dropped += n;
  c.droppedByReason[reason] = (c.droppedByReason[reason] ?? 0) + n;
}
