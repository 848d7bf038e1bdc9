// The forwarder's heartbeat on `{prefix}/{site}/{sensor}/heartbeat` for every site/sensor it
// publishes for, every `interval_s` and at each (re)connection. Sent directly (QoS 0, not
// retained), never through the disk queue: a heartbeat replayed after an outage, or kept by
// the broker for a wall that starts later, would say the sensor was alive when it was not.
// The wall's HeartbeatSchema reads time/status/interval_s and lets the `forwarder` key through.
import type { Counts } from './forwarder-stats.js';

export type HeartbeatStatus = 'ok' | 'degraded' | 'stopping';

export interface HeartbeatTarget {
  site: string;
  sensor: string;
  eventTopic: string;
  heartbeatTopic: string;
}

export interface ForwarderHeartbeatBody {
  time: string;
  status: HeartbeatStatus;
  interval_s: number;
  forwarder: { read: number; published: number; queued: number; dropped: number; dropped_by_reason: Counts['droppedByReason'] };
}

export function heartbeatBody(now: number, status: HeartbeatStatus, intervalS: number, counts: Counts, queued: number): ForwarderHeartbeatBody {
  return {
    time: new Date(now).toISOString(),
    status,
    interval_s: intervalS,
    forwarder: { read: counts.read, published: counts.published, queued, dropped: counts.dropped, dropped_by_reason: { ...counts.droppedByReason } },
  };
}

export interface ForwarderHeartbeatOptions {
  targets: readonly HeartbeatTarget[];
  intervalS: number;
  /** Sends now or not at all (false: not connected). */
  publish: (topic: string, payload: string) => boolean;
  status: (target: HeartbeatTarget) => HeartbeatStatus;
  counts: (target: HeartbeatTarget) => Counts;
  queued: (target: HeartbeatTarget) => number;
  now?: () => number;
}

export class ForwarderHeartbeat {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: ForwarderHeartbeatOptions) {}

  start(): void {
    this.timer = setInterval(() => this.beat(), this.o.intervalS * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One heartbeat for every target; `status` overrides (the last one says `stopping`). */
  beat(status?: HeartbeatStatus): void {
    const now = (this.o.now ?? Date.now)();
    for (const t of this.o.targets) {
      const body = heartbeatBody(now, status ?? this.o.status(t), this.o.intervalS, this.o.counts(t), this.o.queued(t));
      if (!this.o.publish(t.heartbeatTopic, JSON.stringify(body))) return;
    }
  }
}
