// npm run replay -- FILE --broker URL --site ID [--sensor ID] [--rate N] [--keep-time]
import { parseArgs } from 'node:util';
import { replayEveFile } from './replay.js';

const USAGE = 'usage: npm run replay -- FILE --broker mqtt://127.0.0.1:1883 --site SITE_ID [--sensor ID] [--rate 50] [--keep-time]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    broker: { type: 'string' },
    site: { type: 'string' },
    sensor: { type: 'string' },
    rate: { type: 'string', default: '50' },
    'keep-time': { type: 'boolean' },
  },
});
const file = positionals[0];
if (!file || !values.broker || !values.site) {
  console.error(USAGE);
  process.exit(2);
}
replayEveFile({
  file,
  broker: values.broker,
  siteId: values.site,
  sensorId: values.sensor,
  rate: Number(values.rate),
  keepTime: values['keep-time'] ?? false,
  log: (l) => console.log(l),
}).catch((err: unknown) => {
  console.error(`replay failed: ${(err as Error).message}`);
  process.exit(1);
});
