// The forwarder's command line (and the environment it shares with the wall: SOCWALL_BROKER,
// SOCWALL_MQTT_CA/_CERT/_KEY/_USERNAME/_PASSWORD, read by config/env-options.ts). Pure: reads
// nothing but the routes file, and every mistake is an error naming the option.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { envOptions, isBrokerUrl, type Env } from '../config/env-options.js';
import { TOPIC_PREFIX_PATTERN } from '../../contract/wall-config-schemas.js';
import { DEFAULT_PREFIX, isValidId } from '../telemetry/topics.js';
import type { MqttSecurityOptions } from '../ingest/mqtt-security.js';
import type { SyslogEndpoint } from './syslog-listener.js';
import { parseRouteFlag, readRoutesFile, type RouteKey, type RouteTarget } from './syslog-routes.js';

export const FORWARDER_USAGE =
  'usage: npm run forward -- --broker mqtt://host:1883 [--file PATH]... [--from-start] [--site SITE --sensor SENSOR] [--syslog udp://ADDR:PORT|tcp://ADDR:PORT]... [--route KEY=site/sensor]... [--routes FILE.json] [--prefix soc/v1] [--client-id ID] [--state-dir ./forwarder-state] [--queue-max-mb 256] [--heartbeat-s 30] [--ca FILE --cert FILE --key FILE] [--username U] (password: SOCWALL_MQTT_PASSWORD)';

export interface ForwarderOptions {
  help: boolean;
  brokerUrl: string;
  clientId: string;
  prefix: string;
  stateDir: string;
  queueMaxBytes: number;
  heartbeatS: number;
  /** Absolute paths. */
  files: string[];
  fromStart: boolean;
  /** `--site/--sensor`: the files' destination, and unrouted syslog senders'. */
  target: RouteTarget | null;
  syslog: SyslogEndpoint[];
  /** The routes file's, then the command line's (a later one with the same key wins). */
  routes: [RouteKey, RouteTarget][];
  mqtt: MqttSecurityOptions;
}

const CLIENT_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/u;
const MAX_FILES = 64;
const MAX_SYSLOG = 16;

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}, got "${text.slice(0, 32)}"`);
  return n;
}

/** `udp://ADDR:PORT` or `tcp://ADDR:PORT` (IPv6 in brackets). */
export function parseSyslogUrl(text: string): SyslogEndpoint {
  const where = `--syslog ${text.slice(0, 120)}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${where}: expected udp://ADDR:PORT or tcp://ADDR:PORT`);
  }
  const transport = url.protocol === 'udp:' ? 'udp' : url.protocol === 'tcp:' ? 'tcp' : null;
  if (transport === null) throw new Error(`${where}: the scheme must be udp:// or tcp://`);
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.username !== '') throw new Error(`${where}: expected nothing after ADDR:PORT`);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') throw new Error(`${where}: the address is missing (0.0.0.0 or [::] listens on every interface)`);
  if (isIP(host) === 0 && host !== 'localhost') throw new Error(`${where}: the address must be an IP address (or localhost)`);
  if (url.port === '') throw new Error(`${where}: the port is missing (syslog's usual one is 514, which needs privileges; e.g. 5514)`);
  return { transport, host, port: integer(where, url.port, 1, 65535) };
}

/** `soc/v1`: a topic prefix the wall can subscribe under (its profile's rule; a trailing `/` is dropped). */
export function parsePrefix(text: string): string {
  const p = text.replace(/\/+$/u, '');
  if (p.length > 128 || !TOPIC_PREFIX_PATTERN.test(p)) {
    throw new Error(`--prefix must be topic levels of a-z 0-9 . _ - separated by /, without wildcards or empty levels (like soc/v1), got "${text.slice(0, 80)}"`);
  }
  return p;
}

export function forwarderOptions(argv: readonly string[], env: Env): ForwarderOptions {
  if (argv.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new Error('The MQTT password is never taken from the command line (it shows in ps): set SOCWALL_MQTT_PASSWORD.');
  }
  // parseArgs throws "Unknown option '--x'" or "Option '--file <value>' argument missing" (the CLI prints it).
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      broker: { type: 'string' },
      'client-id': { type: 'string' },
      prefix: { type: 'string' },
      'state-dir': { type: 'string' },
      'queue-max-mb': { type: 'string' },
      'heartbeat-s': { type: 'string' },
      file: { type: 'string', multiple: true },
      'from-start': { type: 'boolean' },
      site: { type: 'string' },
      sensor: { type: 'string' },
      syslog: { type: 'string', multiple: true },
      route: { type: 'string', multiple: true },
      routes: { type: 'string' },
      ca: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      username: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const fromEnv = envOptions(env);
  const help = values.help === true;
  const mqtt: MqttSecurityOptions = {
    caFile: values.ca ?? fromEnv.mqtt.caFile,
    certFile: values.cert ?? fromEnv.mqtt.certFile,
    keyFile: values.key ?? fromEnv.mqtt.keyFile,
    username: values.username ?? fromEnv.mqtt.username,
    // From the environment only: a password on the command line shows in `ps`.
    password: fromEnv.mqtt.password,
  };
  if ((mqtt.certFile === undefined) !== (mqtt.keyFile === undefined)) throw new Error('--cert and --key go together (a client certificate and its key)');

  const brokerUrl = values.broker ?? fromEnv.brokerUrls?.[0];
  if (brokerUrl === undefined && !help) throw new Error('--broker is required (or SOCWALL_BROKER), e.g. --broker mqtts://wall.example:8883');
  if (brokerUrl !== undefined && !isBrokerUrl(brokerUrl)) throw new Error(`--broker: not a broker URL (mqtt://, mqtts://, ws://, wss://): ${brokerUrl.slice(0, 80)}`);
  const clientId = values['client-id'] ?? `socwall-fwd-${randomUUID().slice(0, 8)}`;
  if (!CLIENT_ID_PATTERN.test(clientId)) throw new Error('--client-id must be 1-128 of A-Z a-z 0-9 . _ -');

  if ((values.site === undefined) !== (values.sensor === undefined)) throw new Error('--site and --sensor go together');
  let target: RouteTarget | null = null;
  if (values.site !== undefined && values.sensor !== undefined) {
    if (!isValidId(values.site)) throw new Error(`--site "${values.site.slice(0, 80)}" is not a valid site id (lower-case letters, digits, ".", "_", "-"; at most 64)`);
    if (!isValidId(values.sensor)) throw new Error(`--sensor "${values.sensor.slice(0, 80)}" is not a valid sensor id (lower-case letters, digits, ".", "_", "-"; at most 64)`);
    target = { site: values.site, sensor: values.sensor };
  }

  const files = (values.file ?? []).map((f) => resolve(f));
  if (files.length > MAX_FILES) throw new Error(`at most ${MAX_FILES} --file options`);
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup !== undefined) throw new Error(`--file ${dup} is given twice`);
  if (files.length > 0 && target === null) throw new Error('--file needs --site and --sensor (the site/sensor its lines are published as)');
  if (values['from-start'] && files.length === 0) throw new Error('--from-start applies to --file sources only');

  const syslog = (values.syslog ?? []).map(parseSyslogUrl);
  if (syslog.length > MAX_SYSLOG) throw new Error(`at most ${MAX_SYSLOG} --syslog options`);
  const routes: [RouteKey, RouteTarget][] = [];
  if (values.routes !== undefined) routes.push(...readRoutesFile(resolve(values.routes)));
  const flagKeys = new Set<string>();
  for (const spec of values.route ?? []) {
    const route = parseRouteFlag(spec);
    const key = `${route[0].kind}:${route[0].key}`;
    if (flagKeys.has(key)) throw new Error(`--route ${route[0].key} is given twice`);
    flagKeys.add(key);
    routes.push(route);
  }
  if (routes.length > 0 && syslog.length === 0) throw new Error('--route and --routes apply to --syslog sources: add --syslog udp://0.0.0.0:5514 (or tcp://)');
  if (syslog.length > 0 && routes.length === 0 && target === null) throw new Error('--syslog needs --route/--routes or a default --site/--sensor: every sender would be dropped as unrouted');
  if (files.length === 0 && syslog.length === 0 && !help) throw new Error('nothing to forward: give --file PATH and/or --syslog udp://ADDR:PORT');

  return {
    help,
    brokerUrl: brokerUrl ?? '',
    clientId,
    prefix: parsePrefix(values.prefix ?? DEFAULT_PREFIX),
    stateDir: resolve(values['state-dir'] ?? 'forwarder-state'),
    queueMaxBytes: integer('--queue-max-mb', values['queue-max-mb'] ?? '256', 1, 65_536) * 1024 * 1024,
    heartbeatS: integer('--heartbeat-s', values['heartbeat-s'] ?? '30', 1, 3600),
    files,
    fromStart: values['from-start'] === true,
    target,
    syslog,
    routes,
    mqtt,
  };
}
