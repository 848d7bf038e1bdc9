import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, verifyPin } from '../../../electron/core/wall/pin.js';

describe('kiosk PIN', () => {
  it('verifies the right PIN only, and never stores it in clear', () => {
    const h = hashPin('482913');
    expect(h).not.toContain('482913');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(verifyPin('482913', h)).toBe(true);
    expect(verifyPin('482914', h)).toBe(false);
    expect(verifyPin('', h)).toBe(false);
  });
  it('rejects malformed hashes and PINs', () => {
    expect(verifyPin('1234', 'plain-text')).toBe(false);
    expect(verifyPin('1234', 'scrypt$1$1$1$AAAA$BBBB')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
    expect(() => hashPin('12')).toThrow(/4 to 12 digits/u);
  });
});
