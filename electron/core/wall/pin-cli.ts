// npx tsx electron/core/wall/pin-cli.ts 1234  → prints the hash to put in the settings
// (kioskPinHash) or in SOCWALL_KIOSK_PIN_HASH. The PIN itself is never stored.
import { hashPin, isValidPin } from './pin.js';

const pin = process.argv[2] ?? '';
if (!isValidPin(pin)) {
  console.error('usage: npx tsx electron/core/wall/pin-cli.ts <PIN of 4 to 12 digits>');
  process.exit(2);
}
console.log(hashPin(pin));
