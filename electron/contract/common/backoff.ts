// Reconnect delay: exponential backoff with full jitter (AWS architecture blog's
// "full jitter"), so a fleet of walls does not reconnect in lockstep after a broker restart,
// nor a room of browser-host pages after a host restart. One formula for the MQTT ingest and
// the renderer's WebSocket (contract/common: both sides import it).
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Random source in [0, 1), injectable for tests. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };
/** The renderer's WebSocket to its own host: a host back from a restart is on the wall within 10 s. */
export const WS_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000 };

export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const cap = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const r = (options.random ?? Math.random)();
  // Never less than the initial delay: avoid hammering a broker that just refused us.
  return Math.round(options.initialMs + r * Math.max(0, cap - options.initialMs));
}
