// Threat context for the wall: origins (origins/origin-tallies.ts) and ATT&CK tactics
// (attack/attack-tallies.ts) folded per event, and their frame part at a bounded cadence:
// every snapshot, and in deltas at most once a second when something changed (or once a
// minute, as the hour windows slide).
import type { SecurityEvent, ThreatsFrame } from '../../contract/index.js';
import type { AttackMapper } from '../attack/attack-map.js';
import { AttackTallies, type AttackTalliesState } from '../attack/attack-tallies.js';
import { StateError, obj } from '../aggregate/state-codec.js';
import { OriginEnricher } from '../origins/origin-enricher.js';
import { OriginTallies, type OriginTalliesState } from '../origins/origin-tallies.js';

/** Deltas carry the threat part at most this often. */
export const THREATS_DELTA_MS = 1000;
/** …and at least this often while anything is counted (the windows slide). */
export const THREATS_REFRESH_MS = 60_000;

export interface ThreatTrackerOptions {
  /** Resolves source addresses; without one every public source is "unknown". */
  enricher?: OriginEnricher;
  /** Tactics for events whose sensor gave none, by wall category. */
  attackMap?: AttackMapper;
  maxSites: number;
}

export interface ThreatTrackerState {
  origins: OriginTalliesState;
  attack: AttackTalliesState;
}

export class ThreatTracker {
  readonly origins: OriginTallies;
  readonly attack: AttackTallies;
  private readonly attackMap: AttackMapper | null;
  private lastDeltaAt = Number.NEGATIVE_INFINITY;

  constructor(options: ThreatTrackerOptions) {
    this.origins = new OriginTallies(options.enricher ?? new OriginEnricher(null));
    this.attack = new AttackTallies(options.maxSites);
    this.attackMap = options.attackMap ?? null;
  }

  /** One accepted event, its time clamped to the receive time. */
  record(event: SecurityEvent, time: number): void {
    this.origins.record(event, time);
    const own = event.attack;
    if (own !== undefined) this.attack.record(event, time, own, own.source === 'sensor' ? 'tagged' : 'mapped');
    else {
      const mapped = this.attackMap?.forCategory(event.category) ?? null;
      if (mapped !== null) this.attack.record(event, time, mapped, 'mapped', false);
    }
  }

  snapshot(now: number): ThreatsFrame {
    // A window connecting must not use up what the next delta owes the windows already open.
    return { origins: this.origins.frame('snapshot', now), attack: this.attack.frame(now, false) };
  }

  /** The threat part of the next delta, or undefined when it has not changed. */
  delta(now: number): ThreatsFrame | undefined {
    const since = now - this.lastDeltaAt;
    if (since < THREATS_DELTA_MS) return undefined;
    if (!this.origins.dirty && !this.attack.dirty && since < THREATS_REFRESH_MS) return undefined;
    this.lastDeltaAt = now;
    return { origins: this.origins.frame('delta', now), attack: this.attack.frame(now) };
  }

  exportState(): ThreatTrackerState {
    return { origins: this.origins.exportState(), attack: this.attack.exportState() };
  }

  importState(s: ThreatTrackerState): void {
    this.origins.importState(s.origins);
    this.attack.importState(s.attack);
  }

  static parseState(x: unknown, path: string): ThreatTrackerState {
    const o = obj(x, path);
    if (o.origins === undefined || o.attack === undefined) throw new StateError(path, 'origins and attack');
    return { origins: OriginTallies.parseState(o.origins, `${path}.origins`), attack: AttackTallies.parseState(o.attack, `${path}.attack`) };
  }
}
