// The kiosk PIN is kept only as a salted scrypt hash: "scrypt$N$r$p$salt$hash" (base64url).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

export function isValidPin(pin: string): boolean {
  return /^\d{4,12}$/u.test(pin);
}

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!isValidPin(pin)) throw new Error('A kiosk PIN is 4 to 12 digits.');
  const key = scryptSync(pin, salt, KEY_LEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p || n > 1_048_576) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LEN) return false;
  const key = scryptSync(pin, salt, KEY_LEN, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(key, expected);
}
