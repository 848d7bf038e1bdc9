// The browser host: the same wall over HTTP + WebSocket for a supervisor's laptop and for
// end-to-end tests in real Chromium. Bound to loopback unless told otherwise; any other
// address requires a token. Who may read and who may command is decided in host-access.ts;
// what each client may cost is bounded by host-limits.ts (README, "Security").
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import * as v from 'valibot';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, type HostToClientMessage } from '../../contract/api.js';
import { tileOriginOf, wallCsp, withMetaCsp } from '../../contract/csp.js';
import { ClientToHostSchema, parseCallArgs, WALL_METHODS, type WallMethodName } from '../../contract/wall-api.js';
import { forwardPushes, runCall, wallMethodHandlers, wallPushSources } from '../api/wall-methods.js';
import type { WallCoreHandle } from '../wall-core-api.js';
import { ClientSession } from './client-session.js';
import {
  CONTROL_COOKIE,
  CONTROL_PARAM,
  TOKEN_COOKIE,
  TOKEN_PARAM,
  hostKind,
  hostNames,
  isLoopback,
  presentsControl,
  presentsToken,
  wsAccess,
  type AccessRules,
} from './host-access.js';
import { DEFAULT_HOST_LIMITS, serverTimeouts, type HostLimits } from './host-limits.js';
import { HostSecret } from './host-secret.js';
import { isReportPath, reportAnswer } from './report-routes.js';
import { SharedMessage } from './shared-message.js';
import { TokenBucket } from './token-bucket.js';
import { readStatic } from './static-files.js';

export { isLoopback } from './host-access.js';

export interface BrowserHostOptions {
  core: WallCoreHandle;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Required for non-loopback hosts: every reader presents it (`Authorization: Bearer`, `?token=` once, then a cookie). */
  token?: string | null;
  /** When set, commands are taken only from clients presenting it (`X-SocWall-Control`, `?control=` once, then a cookie). */
  controlToken?: string | null;
  /** Host names the host answers to besides 127.0.0.1, localhost and [::1] (e.g. `wall.soc.lan`, a proxy's name). */
  hostNames?: readonly string[];
  limits?: Partial<HostLimits>;
}

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const REASON_TEXT: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request', 503: 'Service Unavailable' };

/** A refusal written straight on the socket of an upgrade request. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status} ${REASON_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** The id of a request we will not parse in full (over its rate), so the client still learns why. */
function requestIdOf(text: string): number | null {
  const m = /"id"\s*:\s*(\d{1,15})\b/u.exec(text);
  return m ? Number(m[1]) : null;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const token = options.token === undefined || options.token === null ? null : new HostSecret(options.token, 'token', TOKEN_COOKIE);
  const controlToken =
    options.controlToken === undefined || options.controlToken === null ? null : new HostSecret(options.controlToken, 'control token', CONTROL_COOKIE);
  if (!isLoopback(host) && !token) {
    throw new Error(`Refusing to serve the wall on ${host} without a token: set SOCWALL_TOKEN_FILE (or SOCWALL_TOKEN).`);
  }
  const { core } = options;
  const count = (reason: string) => core.countRejectedCall(reason);
  const securityHeaders = (policy: string) => ({
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  });
  const currentCsp = () => wallCsp({ tileOrigin: tileOriginOf(core.getConfig().profile.map?.tiles?.url) });
  // Known once listening (port 0 picks one).
  let rules: AccessRules = { names: hostNames(0, []), token, controlToken };

  const snapshot = new SharedMessage(() => core.snapshot());
  const config = new SharedMessage(() => core.getConfig());
  const sessions = new Set<ClientSession>();
  let connections = 0;
  // Per keep-alive connection, and for the API over all of them (/metrics stays outside the latter).
  const connectionBuckets = new WeakMap<object, TokenBucket>();
  const apiBucket = new TokenBucket(limits.apiRequestsPerSecond, limits.apiRequestBurst);

  const server = createServer(
    serverTimeouts(limits),
    (req: IncomingMessage, res: ServerResponse) => {
      const policy = currentCsp();
      const send = (status: number, type: string, body: string | Buffer, extra: Record<string, string | string[]> = {}) => {
        res.writeHead(status, { ...securityHeaders(policy), 'Content-Type': type, ...extra });
        res.end(body);
      };
      const kind = hostKind(rules.names, req.headers.host);
      if (kind === null) {
        count('http_bad_host');
        return send(421, 'text/plain', 'Misdirected request: this host answers to 127.0.0.1, localhost, [::1] and its configured names only.\n');
      }
      const url = new URL(req.url ?? '/', 'http://wall.invalid');
      const isApi = url.pathname.startsWith('/api/') || url.pathname === '/metrics';
      let bucket = connectionBuckets.get(req.socket);
      if (!bucket) connectionBuckets.set(req.socket, (bucket = new TokenBucket(limits.httpRequestsPerSecond, limits.httpRequestBurst)));
      if (!bucket.take() || (url.pathname.startsWith('/api/') && !apiBucket.take())) {
        count('http_rate_limited');
        return send(429, 'text/plain', 'Too many requests: try again in a second.\n', { 'Retry-After': '1' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        count('http_bad_method');
        return send(405, 'text/plain', 'Method not allowed: the browser host is read-only.\n');
      }
      if (!isApi && (url.searchParams.has(TOKEN_PARAM) || url.searchParams.has(CONTROL_PARAM))) return movePageTokenToCookie(url, send);
      if (isApi) {
        if (token && !presentsToken(token, req, url) && !(controlToken && presentsControl(controlToken, req, url))) {
          count('http_bad_token');
          return send(401, 'text/plain', 'Token required: open the page once with ?token=…, or send an Authorization: Bearer header.\n');
        }
        if (url.pathname === '/api/snapshot') return send(200, 'application/json', snapshot.get());
        if (url.pathname === '/api/state') return send(200, 'application/json', JSON.stringify(core.getState()));
        if (url.pathname === '/api/config') return send(200, 'application/json', config.get());
        if (url.pathname === '/metrics') return send(200, 'text/plain; version=0.0.4; charset=utf-8', core.metrics() + hostMetrics());
        if (isReportPath(url.pathname)) {
          void reportAnswer(core.reports, url.pathname).then(
            (a) => send(a.status, a.type, a.body, a.headers),
            () => send(500, 'text/plain', 'The report could not be read.\n'),
          );
          return;
        }
        return send(404, 'text/plain', 'Unknown API path.\n');
      }
      if (url.pathname === '/healthz') return send(200, 'text/plain', 'ok\n');
      void readStatic(options.rendererDir, url.pathname).then((file) => {
        if (!file) return send(404, 'text/plain', 'Not found.\n');
        // The page's <meta> policy is the header's, tile server included.
        send(200, file.type, file.type.startsWith('text/html') ? withMetaCsp(file.body.toString('utf8'), policy) : file.body);
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on('drop', () => count('http_too_many_connections'));
  server.on('connection', (socket: Socket) => {
    connections++;
    socket.once('close', () => connections--);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (err.code !== 'ECONNRESET') count(timedOut ? 'http_timeout' : 'http_bad_request');
    if (socket.writable) socket.end(`HTTP/1.1 ${timedOut ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    socket.destroy();
  });

  /**
   * A page opened with ?token= (or ?control=): the secret moves to an HttpOnly, SameSite=Strict
   * cookie and the browser is sent to the same URL without it, so it stays out of the address
   * bar, the history and any Referer.
   */
  function movePageTokenToCookie(url: URL, send: (status: number, type: string, body: string, extra?: Record<string, string | string[]>) => void): void {
    const cookies: string[] = [];
    for (const [param, secret] of [
      [TOKEN_PARAM, token],
      [CONTROL_PARAM, controlToken],
    ] as const) {
      const given = url.searchParams.get(param);
      if (given === null) continue;
      if (!secret?.matches(given)) {
        count('http_bad_token');
        return send(401, 'text/plain', `Wrong or unexpected ?${param}=.\n`);
      }
      cookies.push(`${secret.cookieName}=${secret.cookieValue}; Path=/; HttpOnly; SameSite=Strict`);
      url.searchParams.delete(param);
    }
    const search = url.searchParams.toString();
    // One leading slash: '//other.example' would send the browser to another host.
    const path = `/${url.pathname.replace(/^\/+/u, '')}`;
    send(303, 'text/plain', 'See the clean URL.\n', { Location: `${path}${search ? `?${search}` : ''}`, 'Set-Cookie': cookies });
  }

  function hostMetrics(): string {
    return (
      '# HELP socwall_host_ws_clients WebSocket clients of the browser host.\n# TYPE socwall_host_ws_clients gauge\n' +
      `socwall_host_ws_clients ${sessions.size}\n` +
      '# HELP socwall_host_connections Open TCP connections to the browser host.\n# TYPE socwall_host_connections gauge\n' +
      `socwall_host_connections ${connections}\n` +
      '# HELP socwall_host_snapshot_builds_total Snapshots built for browser clients (one per frame at most, shared).\n# TYPE socwall_host_snapshot_builds_total counter\n' +
      `socwall_host_snapshot_builds_total ${snapshot.builds}\n`
    );
  }

  // One subscription per push for all clients: each frame, state and configuration is serialised once.
  const offPushes = forwardPushes(wallPushSources(core), (push, payload) => {
    if (push === 'frame') snapshot.invalidate();
    if (push === 'config') config.invalidate();
    if (sessions.size === 0) return;
    // `push` and `payload` come from the same source (forwardPushes pairs them).
    const buf = Buffer.from(JSON.stringify({ t: 'push', push, payload } as HostToClientMessage));
    for (const s of sessions) s.push(buf);
  });
  const handlers = wallMethodHandlers(core);
  // Results every client shares (one buffer per frame or config change) are sent without copying.
  const sharedResults: Partial<Record<WallMethodName, SharedMessage>> = { getSnapshot: snapshot, getConfig: config };

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxClientMessageBytes, perMessageDeflate: false });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://wall.invalid');
    if (url.pathname !== WS_PATH) {
      count('ws_bad_path');
      return refuseUpgrade(socket, 404, 'Not found.');
    }
    const access = wsAccess(rules, req, url);
    if (!access.ok) {
      count(access.reason);
      return refuseUpgrade(socket, access.status, access.message);
    }
    if (sessions.size >= limits.maxClients) {
      count('ws_too_many_clients');
      return refuseUpgrade(socket, 503, `Too many clients (${limits.maxClients}): try again later.`);
    }
    const clientKey = `host:${(req.socket.remoteAddress ?? '').replace(/^::ffff:/u, '')}`;
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, access.control, clientKey));
  });

  function attachClient(ws: WebSocket, control: boolean, clientKey: string): void {
    const session = new ClientSession(ws, control, clientKey, limits, count);
    sessions.add(session);
    ws.on('message', (data, isBinary) => {
      if (session.isClosed) return;
      const text = isBinary ? null : data.toString();
      if (!session.admitRequest()) {
        count('ws_rate_limited');
        if (session.refused()) return;
        const id = text === null ? null : requestIdOf(text);
        if (id !== null) session.reply(id, false, `Rate limit: ${limits.requestsPerSecond} requests per second.`);
        return;
      }
      let parsed: unknown;
      try {
        parsed = text === null ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const envelope = v.safeParse(ClientToHostSchema, parsed);
      const call = envelope.success ? parseCallArgs(envelope.output.method, envelope.output.args) : null;
      if (!envelope.success || !call) {
        count('ws_bad_message');
        if (envelope.success && !session.busy) session.reply(envelope.output.id, false, `Bad arguments for ${envelope.output.method}.`);
        return;
      }
      const id = envelope.output.id;
      const repeatSnapshot = call.method === 'getSnapshot' && session.lastSnapshotGeneration === snapshot.generation;
      if (session.busy || repeatSnapshot) {
        count('ws_busy');
        if (session.refused()) return;
        session.reply(
          id,
          false,
          repeatSnapshot ? 'Busy: this frame’s snapshot was already sent; ask again after the next frame.' : `Busy: at most ${limits.maxInFlightPerClient} replies may wait for this client.`,
        );
        return;
      }
      session.answered();
      if (WALL_METHODS[call.method].control && !session.control) {
        count('ws_read_only');
        session.reply(id, false, 'This is a read-only view: commands come from the wall’s own screens (see README, Security).');
        return;
      }
      if (call.method === 'getSnapshot') session.lastSnapshotGeneration = snapshot.generation;
      const shared = sharedResults[call.method];
      if (shared) session.replyShared(id, shared.get());
      else session.reply(id, true, runCall(handlers, call, { client: session.clientKey, control: session.control }) ?? null);
    });
    ws.on('close', () => sessions.delete(session));
    ws.on('error', () => ws.terminate());
  }

  const heartbeat = setInterval(() => {
    for (const s of sessions) s.heartbeat();
  }, limits.heartbeatMs);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  rules = { names: hostNames(port, [host, ...(options.hostNames ?? [])]), token, controlToken };
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: async () => {
      clearInterval(heartbeat);
      offPushes();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
