// What the browser host lets any one client, and all of them together, cost it. Sized so a
// wall of a few screens and a handful of supervisors never meet a limit, while the audit's
// loads (issue 8) leave the host answering /metrics within 100 ms.

export interface HostLimits {
  /** WebSocket clients at once; the next gets 503. */
  maxClients: number;
  /** TCP connections at once (HTTP and WebSocket); the kernel's next ones are dropped. */
  maxConnections: number;
  /** Replies not yet written to a client's socket; a request beyond gets a "busy" error. */
  maxInFlightPerClient: number;
  /** Sustained requests per second per client (token bucket refill). */
  requestsPerSecond: number;
  /** Requests a client may send at once before the rate applies (token bucket size). */
  requestBurst: number;
  /** A client with more than this waiting in its send buffer is cut off (it reconnects and gets a snapshot). */
  maxBufferedBytes: number;
  /** Ping every this long; a client that has not answered the previous ping is cut off. */
  heartbeatMs: number;
  /** Whole request headers within this long (Slowloris). */
  headersTimeoutMs: number;
  /** Whole request within this long. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Largest WebSocket message a client may send. */
  maxClientMessageBytes: number;
  /** HTTP requests per second on one connection (token bucket), and at once (a page load fetches its files). */
  httpRequestsPerSecond: number;
  httpRequestBurst: number;
  /** `/api/*` requests per second over all connections together (/metrics and /healthz are not counted here). */
  apiRequestsPerSecond: number;
  apiRequestBurst: number;
}

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = {
  maxClients: 64,
  maxConnections: 256,
  maxInFlightPerClient: 4,
  requestsPerSecond: 20,
  requestBurst: 40,
  maxBufferedBytes: 8 * 1024 * 1024,
  heartbeatMs: 20_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxClientMessageBytes: 4096,
  httpRequestsPerSecond: 50,
  httpRequestBurst: 100,
  apiRequestsPerSecond: 200,
  apiRequestBurst: 400,
};

/** The node:http server options that enforce the header, request and keep-alive timeouts above. */
export function serverTimeouts(limits: Pick<HostLimits, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for connections past the two timeouts above (default 30 s).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
}
