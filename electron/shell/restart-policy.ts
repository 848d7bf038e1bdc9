// What to do when a wall window's renderer dies or hangs. Pure.

export interface RestartPolicyOptions {
  /** Crashes within `windowMs` after which the window stops retrying. */
  maxCrashes: number;
  windowMs: number;
  /** First reload delay; doubles per recent crash, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  maxCrashes: 3,
  windowMs: 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

export type RestartDecision =
  | { action: 'reload'; delayMs: number }
  /** The renderer ran out of memory: a fresh window is safer than a reload. */
  | { action: 'recreate'; delayMs: number }
  /** Too many crashes: show the static error page, stop retrying. */
  | { action: 'give-up' };

export interface CrashRecord {
  /** Epoch ms of the recent crashes of this window (oldest first), including none. */
  history: readonly number[];
}

/** Decides after a crash at `now`; returns the decision and the history to keep. */
export function decideRestart(
  record: CrashRecord,
  reason: string,
  now: number,
  options: RestartPolicyOptions = DEFAULT_RESTART_POLICY,
): { decision: RestartDecision; history: number[] } {
  const history = [...record.history.filter((t) => now - t < options.windowMs), now];
  if (history.length >= options.maxCrashes) return { decision: { action: 'give-up' }, history };
  const delayMs = Math.min(options.baseDelayMs * 2 ** (history.length - 1), options.maxDelayMs);
  const action = reason === 'oom' ? 'recreate' : 'reload';
  return { decision: { action, delayMs }, history };
}

/** How long a renderer may stay unresponsive before it is killed and reloaded. */
export const UNRESPONSIVE_GRACE_MS = 10_000;
