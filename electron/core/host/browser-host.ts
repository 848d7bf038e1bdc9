// The browser host: the same wall over HTTP + WebSocket for a supervisor's laptop and for
// end-to-end tests in real Chromium. Bound to loopback unless told otherwise; any other
// address requires a token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HostToClientMessage } from '../../contract/api.js';
import { WS_PATH } from '../../contract/api.js';
import { tileOriginOf, wallCsp } from '../../contract/csp.js';
import { ClientToHostSchema } from '../../contract/schemas.js';
import type { WallCoreHandle } from '../wall-core-api.js';
import { readStatic } from './static-files.js';
import { timingSafeEqual } from 'node:crypto';

export interface BrowserHostOptions {
  core: WallCoreHandle;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Required for non-loopback hosts: clients pass `?token=` or `Authorization: Bearer`. */
  token?: string | null;
}

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A client this far behind is dropped; it reconnects and gets a fresh snapshot. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const MAX_CLIENT_MESSAGE_BYTES = 4096;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/u.test(host);
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requestToken(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return url.searchParams.get('token');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? null;
  if (!isLoopback(host) && !token) {
    throw new Error(`Refusing to serve the wall on ${host} without a token: pass --token (or SOCWALL_TOKEN).`);
  }
  const { core } = options;
  const securityHeaders = () => ({
    'Content-Security-Policy': wallCsp({ webSocket: true, tileOrigin: tileOriginOf(core.getConfig().profile.map?.tiles?.url) }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  });
  const authorised = (req: IncomingMessage, url: URL) => token === null || tokenMatches(token, requestToken(req, url));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://wall.invalid');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { ...securityHeaders(), 'Content-Type': type });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'Method not allowed: the browser host is read-only.\n');
    if (url.pathname.startsWith('/api/') || url.pathname === '/metrics') {
      if (!authorised(req, url)) return send(401, 'text/plain', 'Token required: add ?token=… or an Authorization: Bearer header.\n');
      if (url.pathname === '/api/snapshot') return send(200, 'application/json', JSON.stringify(core.snapshot()));
      if (url.pathname === '/api/state') return send(200, 'application/json', JSON.stringify(core.getState()));
      if (url.pathname === '/api/config') return send(200, 'application/json', JSON.stringify(core.getConfig()));
      if (url.pathname === '/metrics') return send(200, 'text/plain; version=0.0.4; charset=utf-8', core.metrics());
      return send(404, 'text/plain', 'Unknown API path.\n');
    }
    if (url.pathname === '/healthz') return send(200, 'text/plain', 'ok\n');
    void readStatic(options.rendererDir, url.pathname).then((file) => {
      if (file) send(200, file.type, file.body);
      else send(404, 'text/plain', 'Not found.\n');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://wall.invalid');
    if (url.pathname !== WS_PATH || !authorised(req, url)) {
      core.countRejectedCall(url.pathname !== WS_PATH ? 'ws_bad_path' : 'ws_bad_token');
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    // A browser on another machine (a supervisor's laptop) gets a read-only view.
    const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/u, '');
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, !isLoopback(remote)));
  });

  function attachClient(ws: WebSocket, readOnly: boolean): void {
    const post = (msg: HostToClientMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'client too slow; reconnect for a snapshot');
        return;
      }
      ws.send(JSON.stringify(msg));
    };
    const offFrame = core.onFrame((frame) => post({ t: 'frame', frame }));
    const offState = core.onState((state) => post({ t: 'state', state }));
    const offConfig = core.onConfig((config) => post({ t: 'config', config }));
    ws.on('message', (data, isBinary) => {
      let parsed: unknown;
      try {
        parsed = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        parsed = undefined;
      }
      const result = v.safeParse(ClientToHostSchema, parsed);
      if (!result.success) {
        core.countRejectedCall('ws_bad_message');
        return;
      }
      const msg = result.output;
      if (msg.t === 'get-snapshot') post({ t: 'reply', id: msg.id, ok: true, result: core.snapshot() });
      else if (msg.t === 'get-state') post({ t: 'reply', id: msg.id, ok: true, result: core.getState() });
      else if (msg.t === 'get-config') post({ t: 'reply', id: msg.id, ok: true, result: core.getConfig() });
      else if (readOnly) {
        core.countRejectedCall('ws_read_only');
        post({ t: 'reply', id: msg.id, ok: false, error: 'This is a read-only view: the wall is driven from its own screens.' });
      } else {
        core.command(msg.command);
        post({ t: 'reply', id: msg.id, ok: true, result: null });
      }
    });
    ws.on('close', () => {
      offFrame();
      offState();
      offConfig();
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
