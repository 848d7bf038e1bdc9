// The Electron wall's /metrics on a loopback port, so the centre's Prometheus (or a node
// exporter's textfile relay on the same machine) can scrape the wall it depends on. It serves
// the same text as the browser host's /metrics and nothing else: no snapshot, no config, no
// commands. Loopback only; a Host header that is not a loopback name of this port gets 421
// (DNS rebinding); every connection and request is bounded like the browser host's.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hostKind, hostNames, isLoopback } from './host-access.js';
import { DEFAULT_HOST_LIMITS, serverTimeouts } from './host-limits.js';
import { TokenBucket } from './token-bucket.js';

export const METRICS_PATH = '/metrics';

export interface MetricsEndpointOptions {
  /** The Prometheus text (the core's metrics). */
  metrics: () => string;
  /** Counts a refused request by reason (the core's `socwall_rejected_calls_total`). */
  countRejected?: (reason: string) => void;
  port: number;
  /** A loopback address (default 127.0.0.1); anything else is refused. */
  host?: string;
  limits?: Partial<MetricsEndpointLimits>;
}

export interface MetricsEndpointLimits {
  maxConnections: number;
  /** Requests per second on one connection, and at once. */
  requestsPerSecond: number;
  requestBurst: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

// A scraper asks every 15–60 s; a person with curl a few times. Far above either, far below harm.
export const DEFAULT_METRICS_LIMITS: Readonly<MetricsEndpointLimits> = {
  maxConnections: 16,
  requestsPerSecond: 10,
  requestBurst: 20,
  headersTimeoutMs: DEFAULT_HOST_LIMITS.headersTimeoutMs,
  requestTimeoutMs: DEFAULT_HOST_LIMITS.requestTimeoutMs,
  keepAliveTimeoutMs: DEFAULT_HOST_LIMITS.keepAliveTimeoutMs,
};

export interface MetricsEndpoint {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' } as const;

export async function startMetricsEndpoint(options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`Refusing to serve /metrics on ${host}: the wall's metrics port is loopback only (127.0.0.1, ::1).`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) throw new Error(`metrics port ${options.port} is not a TCP port (0-65535)`);
  const limits = { ...DEFAULT_METRICS_LIMITS, ...options.limits };
  const count = (reason: string) => options.countRejected?.(reason);
  // Known once listening (port 0 picks one).
  let names = hostNames(0, []);
  let listening = 0;
  const buckets = new WeakMap<Socket, TokenBucket>();

  const server = createServer(
    serverTimeouts(limits),
    (req: IncomingMessage, res: ServerResponse) => {
      const send = (status: number, body: string, extra: Record<string, string> = {}) => {
        res.writeHead(status, { ...HEADERS, 'Content-Type': status === 200 ? 'text/plain; version=0.0.4; charset=utf-8' : 'text/plain; charset=utf-8', ...extra });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (hostKind(names, req.headers.host) === null) {
        count('metrics_bad_host');
        return send(421, `Misdirected request: this port answers to 127.0.0.1:${listening}, localhost:${listening} and [::1]:${listening} only.\n`);
      }
      let bucket = buckets.get(req.socket);
      if (!bucket) buckets.set(req.socket, (bucket = new TokenBucket(limits.requestsPerSecond, limits.requestBurst)));
      if (!bucket.take()) {
        count('metrics_rate_limited');
        return send(429, 'Too many requests: try again in a second.\n', { 'Retry-After': '1' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        count('metrics_bad_method');
        return send(405, 'Method not allowed: this port serves GET /metrics only.\n', { Allow: 'GET, HEAD' });
      }
      const path = (req.url ?? '/').split('?')[0];
      if (path !== METRICS_PATH) {
        count('metrics_not_found');
        return send(404, 'Not found: this port serves /metrics only.\n');
      }
      return send(200, options.metrics());
    },
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  names = hostNames(port, []);
  listening = port;
  const hostInUrl = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}${METRICS_PATH}`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
