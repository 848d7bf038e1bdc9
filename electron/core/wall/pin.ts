// The kiosk PIN is kept only as a salted scrypt hash: "scrypt$N$r$p$salt$hash" (base64url).
// Checking it is asynchronous: scrypt runs on libuv's thread pool, so the 33–44 ms of each
// check never block the main process (frames, IPC, the browser host) — see pin-guard.ts
// for how often anyone may try.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

export function isValidPin(pin: string): boolean {
  return /^\d{4,12}$/u.test(pin);
}

/** Synchronous: only the command-line tool and tests make hashes. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!isValidPin(pin)) throw new Error('A kiosk PIN is 4 to 12 digits.');
  const key = scryptSync(pin, salt, KEY_LEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  salt: Buffer;
  expected: Buffer;
  options: ScryptOptions;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p || n > 1_048_576 || r > 32 || p > 16) return null;
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LEN) return null;
  return { salt: Buffer.from(parts[4]!, 'base64url'), expected, options: { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 } };
}

/** True when `pin` is the PIN of `stored`; false for a wrong PIN or a malformed hash. Off the main thread. */
export function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return Promise.resolve(false);
  return new Promise((resolve) => {
    scrypt(pin, parsed.salt, KEY_LEN, parsed.options, (err, key) => resolve(!err && timingSafeEqual(key, parsed.expected)));
  });
}
