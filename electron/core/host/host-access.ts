// Who may read and who may command the browser host (README, "Security"). Decided from what
// the request says (its Host, Origin, token and control token), never from the peer address:
// behind a reverse proxy or a tunnel on the same box every remote user would look local.
import type { IncomingMessage } from 'node:http';
import type { HostSecret } from './host-secret.js';

export const TOKEN_COOKIE = 'socwall_token';
export const CONTROL_COOKIE = 'socwall_control';
export const TOKEN_PARAM = 'token';
export const CONTROL_PARAM = 'control';
/** A non-browser client presents the control token in this header (browsers: the cookie). */
export const CONTROL_HEADER = 'x-socwall-control';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/u.test(host);
}

/** `::1` → `[::1]`: how an IPv6 address appears in a Host header or an origin (`name:port` stays as it is). */
function hostForm(name: string): string {
  return (name.match(/:/gu)?.length ?? 0) >= 2 && !name.startsWith('[') ? `[${name}]` : name;
}

export interface HostNames {
  /** Host header values that are the host's loopback names (with the port). */
  readonly loopback: ReadonlySet<string>;
  /** Host header values of the configured names (with the port, or none behind a proxy on a default port). */
  readonly configured: ReadonlySet<string>;
}

/**
 * The Host header values the host answers to: 127.0.0.1, localhost and [::1] with its port,
 * and each configured name (the address it listens on when that is a specific one, and
 * `--host-name`). Anything else is a DNS-rebinding page or a misdirected request: 421.
 */
export function hostNames(port: number, configured: readonly string[]): HostNames {
  const loopback = new Set(LOOPBACK_NAMES.map((n) => `${n}:${port}`));
  const names = new Set<string>();
  for (const raw of configured) {
    const name = hostForm(raw.trim().toLowerCase());
    // Wildcards name no host; the loopback names are already there (with the port only).
    if (name === '' || name === '0.0.0.0' || name === '[::]' || (LOOPBACK_NAMES as readonly string[]).includes(name)) continue;
    if (/:\d+$/u.test(name.replace(/^\[[^\]]*\]/u, ''))) names.add(name);
    else names.add(name).add(`${name}:${port}`);
  }
  for (const n of loopback) names.delete(n);
  return { loopback, configured: names };
}

export type HostKind = 'loopback' | 'configured' | null;

export function hostKind(names: HostNames, hostHeader: string | undefined): HostKind {
  const host = hostHeader?.toLowerCase();
  if (host === undefined) return null;
  if (names.loopback.has(host)) return 'loopback';
  if (names.configured.has(host)) return 'configured';
  return null;
}

/**
 * A browser's Origin is the host's own when it names the very Host the request was sent to
 * (https too for a configured name, behind a TLS-terminating proxy). Absent: not a browser.
 */
export function originVerdict(req: IncomingMessage, kind: Exclude<HostKind, null>): 'own' | 'absent' | 'foreign' {
  const origin = req.headers.origin;
  if (origin === undefined) return 'absent';
  const own = `http://${req.headers.host!.toLowerCase()}`;
  const o = origin.toLowerCase();
  if (o === own || (kind === 'configured' && o === `https://${req.headers.host!.toLowerCase()}`)) return 'own';
  return 'foreign';
}

/** True when a relay says it forwarded the request: such a request is never "the wall's own page". */
export function isRelayed(req: IncomingMessage): boolean {
  const h = req.headers;
  return h.forwarded !== undefined || h['x-forwarded-for'] !== undefined || h['x-forwarded-host'] !== undefined || h['x-real-ip'] !== undefined || h.via !== undefined;
}

export function cookieOf(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function bearerOf(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : null;
}

/** The read token presented by a request: `Authorization: Bearer`, the page's cookie, or `?token=`. */
export function presentsToken(secret: HostSecret, req: IncomingMessage, url: URL): boolean {
  return secret.matches(bearerOf(req)) || secret.matchesCookie(cookieOf(req, TOKEN_COOKIE)) || secret.matches(url.searchParams.get(TOKEN_PARAM));
}

/** The control token presented by a request: the `X-SocWall-Control` header, the page's cookie, or `?control=`. */
export function presentsControl(secret: HostSecret, req: IncomingMessage, url: URL): boolean {
  const header = req.headers[CONTROL_HEADER];
  return (
    secret.matches(typeof header === 'string' ? header : null) || secret.matchesCookie(cookieOf(req, CONTROL_COOKIE)) || secret.matches(url.searchParams.get(CONTROL_PARAM))
  );
}

export interface AccessRules {
  names: HostNames;
  /** Required of every reader when set. */
  token: HostSecret | null;
  /** When set, the only way to the control right. */
  controlToken: HostSecret | null;
}

export type WsAccess = { ok: true; control: boolean } | { ok: false; status: 401 | 403 | 421; reason: string; message: string };

/**
 * The rights of a WebSocket client (README "Security"):
 * - read: its Host is one of the host's names; a browser (Origin present) comes from the
 *   host's own origin; with a token configured it presents the token (or the control token);
 * - command: it presents the control token when one is configured; without any token, a
 *   page of the wall's own loopback origin (Origin http://127.0.0.1:PORT, localhost, [::1])
 *   that no relay forwarded. Everyone else reads only.
 */
export function wsAccess(rules: AccessRules, req: IncomingMessage, url: URL): WsAccess {
  const kind = hostKind(rules.names, req.headers.host);
  if (kind === null) return { ok: false, status: 421, reason: 'ws_bad_host', message: 'Misdirected request: unknown Host.' };
  const origin = originVerdict(req, kind);
  if (origin === 'foreign') return { ok: false, status: 403, reason: 'ws_bad_origin', message: 'Forbidden: the WebSocket is only for the wall’s own pages.' };
  const control = rules.controlToken !== null && presentsControl(rules.controlToken, req, url);
  if (rules.token && !control && !presentsToken(rules.token, req, url)) {
    return { ok: false, status: 401, reason: 'ws_bad_token', message: 'Token required.' };
  }
  if (rules.controlToken !== null) return { ok: true, control };
  const ownLoopbackPage = origin === 'own' && kind === 'loopback' && !isRelayed(req);
  return { ok: true, control: rules.token === null && ownLoopbackPage };
}
