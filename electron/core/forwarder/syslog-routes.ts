// Which site/sensor a syslog sender publishes as: `--route KEY=site/sensor` and `--routes FILE`
// (`{"10.0.0.5": "ubnd-an-bien/fortigate-1", "pfsense-rach-gia": "sxd-rach-gia/pfsense"}`).
// KEY is the sender's IP address (IPv4-mapped IPv6 is its IPv4 address) or the HOSTNAME of its
// syslog header (case-insensitive). An address route wins over a hostname route (a hostname is
// the sender's own claim); an unrouted sender takes the default (`--site/--sensor`) or is dropped.
import { readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { isValidId } from '../telemetry/topics.js';
import { isHeaderFault, parseSyslogHeader } from '../telemetry/lines/syslog-header.js';

export interface RouteTarget {
  site: string;
  sensor: string;
}

export const ROUTES_FILE_MAX_BYTES = 1024 * 1024;
export const ROUTES_MAX = 10_000;
const HOSTNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,253}$/u;
const ID_RULE = 'lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters';

/** The HOSTNAME of a syslog header (RFC 5424 or 3164, the wall's own parser), or null when it has none. */
export function syslogHostname(text: string): string | null {
  const header = parseSyslogHeader(text);
  return header === 'none' || isHeaderFault(header) ? null : header.host;
}

/** The address as routes and `peer` name it: lower case, IPv6 compressed, IPv4-mapped IPv6 as IPv4. */
export function normaliseAddress(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  if (isIP(a) !== 6) return a;
  try {
    // The WHATWG URL parser writes IPv6 in its canonical form (RFC 5952).
    a = new URL(`http://[${a}]/`).hostname.slice(1, -1);
  } catch {
    return a;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/u.exec(a);
  if (mapped) {
    const hi = Number.parseInt(mapped[1]!, 16);
    const lo = Number.parseInt(mapped[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return a;
}

/** `site/sensor`, both valid ids; throws naming `where` otherwise. */
export function parseTarget(text: string, where: string): RouteTarget {
  const parts = text.split('/');
  if (parts.length !== 2) throw new Error(`${where}: expected site/sensor, got "${text.slice(0, 80)}"`);
  const [site, sensor] = parts as [string, string];
  if (!isValidId(site)) throw new Error(`${where}: the site id "${site.slice(0, 80)}" is not valid (${ID_RULE})`);
  if (!isValidId(sensor)) throw new Error(`${where}: the sensor id "${sensor.slice(0, 80)}" is not valid (${ID_RULE})`);
  return { site, sensor };
}

export type RouteKey = { kind: 'address' | 'hostname'; key: string };

/** An IP address or a host name; throws naming `where` otherwise. */
export function parseRouteKey(text: string, where: string): RouteKey {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIP(bare) !== 0) return { kind: 'address', key: normaliseAddress(bare) };
  if (HOSTNAME_PATTERN.test(text)) return { kind: 'hostname', key: text.toLowerCase() };
  throw new Error(`${where}: "${text.slice(0, 80)}" is neither an IP address nor a host name`);
}

/** `--route KEY=site/sensor`. */
export function parseRouteFlag(spec: string): [RouteKey, RouteTarget] {
  const eq = spec.lastIndexOf('=');
  if (eq <= 0) throw new Error(`--route ${spec.slice(0, 80)}: expected KEY=site/sensor (KEY an IP address or a syslog host name)`);
  const where = `--route ${spec.slice(0, 120)}`;
  return [parseRouteKey(spec.slice(0, eq), where), parseTarget(spec.slice(eq + 1), where)];
}

/** The routes of a JSON file `{KEY: "site/sensor", …}`, bounded in size and entries. */
export function readRoutesFile(path: string): [RouteKey, RouteTarget][] {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > ROUTES_FILE_MAX_BYTES) throw new Error(`${size} bytes, more than the ${ROUTES_FILE_MAX_BYTES} allowed`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`--routes ${path}: ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`--routes ${path}: not JSON (${(err as Error).message})`, { cause: err });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`--routes ${path}: expected an object {"KEY": "site/sensor", …}`);
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length > ROUTES_MAX) throw new Error(`--routes ${path}: ${entries.length} routes, more than the ${ROUTES_MAX} allowed`);
  return entries.map(([key, value]) => {
    const where = `--routes ${path}, "${key.slice(0, 80)}"`;
    if (typeof value !== 'string') throw new Error(`${where}: expected "site/sensor"`);
    return [parseRouteKey(key, where), parseTarget(value, where)];
  });
}

export class SyslogRoutes {
  private readonly byAddress = new Map<string, RouteTarget>();
  private readonly byHostname = new Map<string, RouteTarget>();

  /** Later routes replace earlier ones with the same key (the command line after the file). */
  constructor(
    routes: readonly [RouteKey, RouteTarget][],
    private readonly fallback: RouteTarget | null,
  ) {
    for (const [k, target] of routes) (k.kind === 'address' ? this.byAddress : this.byHostname).set(k.key, target);
  }

  get size(): number {
    return this.byAddress.size + this.byHostname.size;
  }

  /** Where a message from `peer` goes; null: unrouted (dropped). The hostname is parsed only when needed. */
  resolve(peer: string, text: string): RouteTarget | null {
    const byAddress = this.byAddress.get(peer);
    if (byAddress) return byAddress;
    if (this.byHostname.size > 0) {
      const host = syslogHostname(text);
      const byHost = host === null ? undefined : this.byHostname.get(host.toLowerCase());
      if (byHost) return byHost;
    }
    return this.fallback;
  }

  /** Every site/sensor a message may go to (the heartbeat's list). */
  targets(): RouteTarget[] {
    const all = [...this.byAddress.values(), ...this.byHostname.values(), ...(this.fallback ? [this.fallback] : [])];
    const seen = new Map(all.map((t) => [`${t.site}/${t.sensor}`, t]));
    return [...seen.values()];
  }
}
