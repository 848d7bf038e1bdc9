// The browser host's command line over the environment both hosts read (config/env-options.ts):
// a flag wins over its variable. Pure (reads and writes nothing), so the two hosts' readings
// are tested side by side.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { envOptions, parseBrokerList, resolveProfile, type Env } from '../config/env-options.js';
import type { WallCoreOptions } from '../wall-core-api.js';

export const USAGE =
  'usage: npm run serve -- [--broker mqtt://host:1883] [--demo] [--host 127.0.0.1] [--host-name NAME] [--port 8417] [--speed 10] [--config DIR] [--profile single|wall-2x2|auto] [--data-dir DIR] [--sensor-timeout SECONDS] [--ca FILE --cert FILE --key FILE] [--username U] (password: SOCWALL_MQTT_PASSWORD; token: SOCWALL_TOKEN_FILE or SOCWALL_TOKEN; control token: SOCWALL_CONTROL_TOKEN_FILE or SOCWALL_CONTROL_TOKEN)';

export interface HostCommandLine {
  help: boolean;
  /** What the core is started with (persistence is made by the caller from `dataDir`). */
  core: Omit<WallCoreOptions, 'persistence' | 'log'>;
  dataDir: string | null;
  host: string;
  port: number;
  hostNames: string[];
  /** What was ignored and why (never a secret). */
  notes: string[];
}

const numberOf = (flag: string, text: string | undefined, ok: (n: number) => boolean): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!ok(n)) throw new Error(`${flag} is out of range: ${text.slice(0, 32)}`);
  return n;
};

export function hostCommandLine(argv: readonly string[], env: Env): HostCommandLine {
  if (argv.some((a) => a === '--token' || a.startsWith('--token=') || a === '--control-token' || a.startsWith('--control-token='))) {
    // Said before anything else, and without repeating the value.
    throw new Error('The token is never taken from the command line (it shows in ps): use SOCWALL_TOKEN_FILE=<file> or SOCWALL_TOKEN.');
  }
  const { values } = parseArgs({
    args: [...argv],
    options: {
      broker: { type: 'string', multiple: true },
      demo: { type: 'boolean' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8417' },
      speed: { type: 'string' },
      'host-name': { type: 'string', multiple: true },
      hz: { type: 'string' },
      config: { type: 'string' },
      'sensor-timeout': { type: 'string' },
      profile: { type: 'string' },
      'data-dir': { type: 'string' },
      ca: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      username: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const fromEnv = envOptions(env);
  const notes = [...fromEnv.notes];
  let brokerUrls = fromEnv.brokerUrls ?? [];
  if (values.broker) {
    const parsed = parseBrokerList(values.broker.join(','));
    if (parsed.invalid.length > 0) throw new Error(`--broker: not a broker URL (mqtt://, mqtts://, ws://, wss://): ${parsed.invalid[0]!.slice(0, 80)}`);
    brokerUrls = parsed.urls;
  }
  const demo = values.demo === true || fromEnv.demo;
  if (fromEnv.demo && brokerUrls.length > 0) notes.push('SOCWALL_DEMO=1: the embedded demo broker and simulator feed the wall');
  const port = numberOf('--port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535)!;
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : null;
  const profile = values.profile ?? fromEnv.profile;
  const core: HostCommandLine['core'] = {
    brokerUrls: fromEnv.demo ? [] : brokerUrls,
    // The browser host has no stored broker list: without one it is the demo.
    demo: demo || brokerUrls.length === 0 ? true : undefined,
    demoSpeed: numberOf('--speed', values.speed, (n) => n > 0 && n <= 100_000),
    frameHz: numberOf('--hz', values.hz, (n) => n > 0 && n <= 60),
    // Without SOCWALL_CLIENT_ID the caller keeps one in the data folder (stableClientId).
    clientId: fromEnv.clientId,
    journalDir: dataDir ? join(dataDir, 'journal') : undefined,
    auditDir: dataDir ? join(dataDir, 'audit') : undefined,
    reportsDir: dataDir ? join(dataDir, 'reports') : undefined,
    geoDir: dataDir ? join(dataDir, 'geo') : undefined,
    sensorTimeoutMs: values['sensor-timeout'] !== undefined ? numberOf('--sensor-timeout', values['sensor-timeout'], (n) => n > 0 && n <= 86_400)! * 1000 : undefined,
    configDir: values.config ? resolve(values.config) : fromEnv.configDir,
    // A browser host has no displays to count: 'auto' is the one-screen wall.
    profile: profile === undefined ? undefined : resolveProfile(profile, 1),
    pinHash: fromEnv.pinHash ?? null,
    mqtt: {
      caFile: values.ca ?? fromEnv.mqtt.caFile,
      certFile: values.cert ?? fromEnv.mqtt.certFile,
      keyFile: values.key ?? fromEnv.mqtt.keyFile,
      username: values.username ?? fromEnv.mqtt.username,
      // From the environment only: a password on the command line shows in `ps`.
      password: fromEnv.mqtt.password,
    },
  };
  const hostNames = [...(values['host-name'] ?? []), ...(env.SOCWALL_HOST_NAME ?? '').split(',')].map((n) => n.trim()).filter(Boolean);
  return { help: values.help === true, core, dataDir, host: values.host ?? '127.0.0.1', port, hostNames, notes };
}
