import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, verifyPin } from '../../../electron/core/wall/pin.js';

describe('kiosk PIN', () => {
  it('verifies the right PIN only, and never stores it in clear', async () => {
    const h = hashPin('482913');
    expect(h).not.toContain('482913');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(await verifyPin('482913', h)).toBe(true);
    expect(await verifyPin('482914', h)).toBe(false);
    expect(await verifyPin('', h)).toBe(false);
  });
  it('rejects malformed hashes and PINs', async () => {
    expect(await verifyPin('1234', 'plain-text')).toBe(false);
    expect(await verifyPin('1234', 'scrypt$1$1$1$AAAA$BBBB')).toBe(false);
    expect(await verifyPin('1234', `scrypt$16384$8$1$AAAA$${Buffer.alloc(32).toString('base64url')}`)).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
    expect(() => hashPin('12')).toThrow(/4 to 12 digits/u);
  });
  it('checks off the main thread: the call returns at once and timers keep firing meanwhile', async () => {
    const h = hashPin('482913');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const t0 = performance.now();
    const check = verifyPin('000000', h);
    const blockedMs = performance.now() - t0;
    const checks = await Promise.all([check, ...Array.from({ length: 3 }, () => verifyPin('482913', h))]);
    clearInterval(timer);
    expect(checks).toEqual([false, true, true, true]);
    // scryptSync held the thread 33-44 ms per check; the asynchronous call returns in well under that.
    expect(blockedMs).toBeLessThan(10);
    expect(ticks).toBeGreaterThan(0);
  });
});
