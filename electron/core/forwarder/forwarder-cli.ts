// `npm run forward -- --broker mqtt://wall:1883 --file /var/log/suricata/eve.json --site s --sensor n`
// (built, with its libraries inlined, as dist-forwarder/soc-wall-forwarder.mjs: `node
// soc-wall-forwarder.mjs …` on any host with Node 20). Options: forwarder-options.ts; the
// guarantees and the service setup: README, "The forwarder".
import { forwarderOptions, FORWARDER_USAGE, type ForwarderOptions } from './forwarder-options.js';
import { startForwarder } from './forwarder.js';
import { stderrLog } from './forwarder-log.js';

async function main(): Promise<void> {
  let options: ForwarderOptions;
  try {
    options = forwarderOptions(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`soc-wall-forwarder: ${(err as Error).message}`);
    console.error(FORWARDER_USAGE);
    process.exit(2);
  }
  if (options.help) {
    console.log(FORWARDER_USAGE);
    return;
  }
  const log = stderrLog();
  // A fault nothing handled: said, and the process ends (the service manager starts it again).
  // The disk queue and the positions are what a restart resumes from, as after a SIGKILL.
  process.on('uncaughtException', (err) => {
    log('error', `uncaught: ${err.stack ?? err.message}`);
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    log('error', `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    process.exit(1);
  });
  const forwarder = await startForwarder(options, log);
  const shutdown = (signal: string) => {
    log('info', `${signal}: stopping`);
    forwarder.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log('error', `stopping failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`soc-wall-forwarder: ${(err as Error).message}`);
  process.exit(1);
});
