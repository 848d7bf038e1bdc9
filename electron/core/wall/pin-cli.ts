// printf '%s\n' 1234 | npx tsx electron/core/wall/pin-cli.ts  → prints the hash to put in the
// settings (kioskPinHash) or in SOCWALL_KIOSK_PIN_HASH. At a terminal it asks for the PIN
// without echoing it. Never on the command line: that shows in `ps` and the shell history.
// The PIN itself is never stored.
import { hashPin, isValidPin } from './pin.js';

const USAGE = 'usage: npx tsx electron/core/wall/pin-cli.ts, then type the PIN (4 to 12 digits), or pipe it on standard input';

/** The first line of standard input; at a terminal, read key by key without echo. */
function readPin(): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let text = '';
    const tty = input.isTTY === true;
    if (tty) {
      process.stderr.write('Kiosk PIN: ');
      input.setRawMode(true);
    }
    input.setEncoding('utf8');
    const done = (value: string) => {
      if (tty) {
        input.setRawMode(false);
        process.stderr.write('\n');
      }
      input.pause();
      resolve(value);
    };
    input.on('data', (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') return reject(new Error('cancelled'));
        if (ch === '\r' || ch === '\n') return done(text);
        text += ch;
      }
    });
    input.on('end', () => done(text));
  });
}

if (process.argv.length > 2) {
  console.error(`The PIN is not taken from the command line (it would show in ps and the shell history).\n${USAGE}`);
  process.exit(2);
}
const pin = (await readPin()).trim();
if (!isValidPin(pin)) {
  console.error(USAGE);
  process.exit(2);
}
console.log(hashPin(pin));
