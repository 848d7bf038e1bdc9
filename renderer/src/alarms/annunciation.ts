// When the wall sounds, decided from what the core sent (never from a guess of the renderer):
// a new alarm sounds its priority's tone once; a standing unacknowledged critical alarm
// repeats until it is acknowledged, shelved or the sound is muted; a flood sounds once and
// then groups its alarms silently. Pure: the Web Audio player (tone-player.ts) plays it.
import type { Alarm, AlarmPriority, AlarmSummary } from '../../../electron/contract/index.js';
import { PRIORITY_RANK } from '../../../electron/contract/common/alarm-order.js';

export type Tone = AlarmPriority | 'flood';

/** A critical alarm waiting for an acknowledgement sounds again after this long. */
export const CRITICAL_REPEAT_MS = 4000;

export interface AnnunciationState {
  /** Alarm ids already announced (bounded by the core's live alarms: pruned to the current ones). */
  readonly seen: ReadonlySet<number>;
  readonly flood: boolean;
  /** When the critical tone last sounded (for its repeat), or null. */
  readonly criticalAt: number | null;
}

export const QUIET: AnnunciationState = { seen: new Set(), flood: false, criticalAt: null };

/**
 * The tones to play now, and the state after. `first`: the window's first view (what is
 * already there when a window opens is not news, but a standing critical alarm still repeats).
 */
export function annunciate(
  state: AnnunciationState,
  alarms: ReadonlyMap<number, Alarm>,
  summary: AlarmSummary,
  now: number,
  muted: boolean,
  first = false,
): { tones: Tone[]; state: AnnunciationState } {
  const tones: Tone[] = [];
  let loudestNew: AlarmPriority | null = null;
  const seen = new Set<number>();
  let criticalStanding = false;
  for (const a of alarms.values()) {
    seen.add(a.id);
    const announced = a.shelvedUntil === null && !a.suppressed && a.state === 'active-unacknowledged';
    if (announced && a.priority === 'critical') criticalStanding = true;
    if (!first && announced && !state.seen.has(a.id) && (loudestNew === null || PRIORITY_RANK[a.priority] > PRIORITY_RANK[loudestNew])) loudestNew = a.priority;
  }
  const floodBegins = summary.flood.active && !state.flood;
  let criticalAt = criticalStanding ? state.criticalAt : null;
  if (!muted) {
    if (floodBegins && !first) tones.push('flood');
    else if (loudestNew !== null) tones.push(loudestNew);
    if (loudestNew === 'critical' || floodBegins) criticalAt = now;
    else if (criticalStanding && (criticalAt === null || now - criticalAt >= CRITICAL_REPEAT_MS)) {
      tones.push('critical');
      criticalAt = now;
    }
  }
  return { tones, state: { seen, flood: summary.flood.active, criticalAt } };
}
