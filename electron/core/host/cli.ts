// `npm run serve -- [--broker URL] [--demo] [--host 127.0.0.1] [--host-name NAME] [--port N] [--speed N]`
// The token and the control token come from the environment or a file only (SOCWALL_TOKEN /
// SOCWALL_TOKEN_FILE, SOCWALL_CONTROL_TOKEN / SOCWALL_CONTROL_TOKEN_FILE): a command line
// shows in `ps`, and the token is never printed.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JsonStateFile, stableClientId } from '../config/json-state-file.js';
import { consoleLog, logDirOf, openWallLoggerOrWarn } from '../log/wall-log.js';
import { startWallCore } from '../wall-core.js';
import { startBrowserHost } from './browser-host.js';
import { hostCommandLine, USAGE } from './cli-options.js';
import { checkSecret, secretFromEnv } from './host-secret.js';

async function main(): Promise<void> {
  const options = hostCommandLine(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { dataDir, port } = options;
  // With a data folder, the log is also kept as rotating JSON lines in <data-dir>/logs.
  const logger = dataDir ? await openWallLoggerOrWarn(logDirOf(dataDir)) : null;
  const log = logger?.log ?? consoleLog;
  for (const note of options.notes) log('warn', note);
  const rendererDir = resolve(process.env.SOCWALL_RENDERER_DIR ?? 'dist/renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run "npx vite build" first (npm run serve does it for you).`);
  }
  const token = secretFromEnv(process.env, 'SOCWALL_TOKEN');
  const controlToken = secretFromEnv(process.env, 'SOCWALL_CONTROL_TOKEN');
  // Refused before the core starts.
  if (token !== null) checkSecret(token, 'token (SOCWALL_TOKEN)');
  if (controlToken !== null) checkSecret(controlToken, 'control token (SOCWALL_CONTROL_TOKEN)');
  const core = await startWallCore({
    ...options.core,
    clientId: options.core.clientId ?? (dataDir ? stableClientId(dataDir, log) : undefined),
    log,
    persistence: dataDir ? new JsonStateFile(join(dataDir, 'wall-state.json')) : undefined,
  });
  const host = await startBrowserHost({
    core,
    rendererDir,
    host: options.host,
    port,
    token,
    controlToken,
    hostNames: options.hostNames,
  });
  // The token is never printed: whoever started the host has it.
  console.log(`SOC Wall browser host: ${host.url}${token ? ' (open it once with ?token=<your token>)' : ''}${controlToken ? '; commands need the control token' : ''}`);
  const shutdown = async () => {
    await host.close();
    await core.stop();
    await logger?.close();
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
