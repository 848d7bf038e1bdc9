// `npm run serve -- [--broker URL] [--demo] [--host 127.0.0.1] [--host-name NAME] [--port N] [--speed N]`
// The token and the control token come from the environment or a file only (SOCWALL_TOKEN /
// SOCWALL_TOKEN_FILE, SOCWALL_CONTROL_TOKEN / SOCWALL_CONTROL_TOKEN_FILE): a command line
// shows in `ps`, and the token is never printed.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JsonStateFile, stableClientId } from '../config/json-state-file.js';
import { parseArgs } from 'node:util';
import { startWallCore } from '../wall-core.js';
import { startBrowserHost } from './browser-host.js';
import { checkSecret, secretFromEnv } from './host-secret.js';

const USAGE = 'usage: npm run serve -- [--broker mqtt://host:1883] [--demo] [--host 127.0.0.1] [--host-name NAME] [--port 8417] [--speed 10] [--config DIR] [--profile single|wall-2x2] [--data-dir DIR] [--sensor-timeout SECONDS] [--ca FILE --cert FILE --key FILE] [--username U] (password: SOCWALL_MQTT_PASSWORD; token: SOCWALL_TOKEN_FILE or SOCWALL_TOKEN; control token: SOCWALL_CONTROL_TOKEN_FILE or SOCWALL_CONTROL_TOKEN)';

async function main(): Promise<void> {
  if (process.argv.some((a) => a === '--token' || a.startsWith('--token=') || a === '--control-token' || a.startsWith('--control-token='))) {
    // Said before anything else, and without repeating the value.
    throw new Error('The token is never taken from the command line (it shows in ps): use SOCWALL_TOKEN_FILE=<file> or SOCWALL_TOKEN.');
  }
  const { values } = parseArgs({
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
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const brokers = (values.broker ?? (process.env.SOCWALL_BROKER ? [process.env.SOCWALL_BROKER] : []))
    .flatMap((b) => b.split(','))
    .map((b) => b.trim())
    .filter(Boolean);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : null;
  const rendererDir = resolve(process.env.SOCWALL_RENDERER_DIR ?? 'dist/renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run "npx vite build" first (npm run serve does it for you).`);
  }
  const token = secretFromEnv(process.env, 'SOCWALL_TOKEN');
  const controlToken = secretFromEnv(process.env, 'SOCWALL_CONTROL_TOKEN');
  // Refused before the core starts.
  if (token !== null) checkSecret(token, 'token (SOCWALL_TOKEN)');
  if (controlToken !== null) checkSecret(controlToken, 'control token (SOCWALL_CONTROL_TOKEN)');
  const hostNames = [...(values['host-name'] ?? []), ...(process.env.SOCWALL_HOST_NAME ?? '').split(',')].map((n) => n.trim()).filter(Boolean);
  const core = await startWallCore({
    brokerUrls: brokers,
    demo: values.demo ? true : brokers.length === 0 ? true : undefined,
    demoSpeed: values.speed ? Number(values.speed) : undefined,
    frameHz: values.hz ? Number(values.hz) : undefined,
    clientId: process.env.SOCWALL_CLIENT_ID ?? (dataDir ? stableClientId(dataDir) : undefined),
    journalDir: dataDir ? join(dataDir, 'journal') : undefined,
    sensorTimeoutMs: values['sensor-timeout'] ? Number(values['sensor-timeout']) * 1000 : undefined,
    configDir: values.config ? resolve(values.config) : process.env.SOCWALL_CONFIG_DIR,
    profile: values.profile ?? process.env.SOCWALL_PROFILE,
    persistence: dataDir ? new JsonStateFile(join(dataDir, 'wall-state.json')) : undefined,
    pinHash: process.env.SOCWALL_KIOSK_PIN_HASH ?? null,
    mqtt: {
      caFile: values.ca ?? process.env.SOCWALL_MQTT_CA,
      certFile: values.cert ?? process.env.SOCWALL_MQTT_CERT,
      keyFile: values.key ?? process.env.SOCWALL_MQTT_KEY,
      username: values.username ?? process.env.SOCWALL_MQTT_USERNAME,
      // From the environment only: a password on the command line shows in `ps`.
      password: process.env.SOCWALL_MQTT_PASSWORD,
    },
  });
  const host = await startBrowserHost({
    core,
    rendererDir,
    host: values.host,
    port,
    token,
    controlToken,
    hostNames,
  });
  // The token is never printed: whoever started the host has it.
  console.log(`SOC Wall browser host: ${host.url}${token ? ' (open it once with ?token=<your token>)' : ''}${controlToken ? '; commands need the control token' : ''}`);
  const shutdown = async () => {
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(`SOC Wall: ${(err as Error).message}`);
  console.error(USAGE);
  process.exit(1);
});
