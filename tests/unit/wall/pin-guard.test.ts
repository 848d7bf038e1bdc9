import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PinGuard, type PinGuardOptions } from '../../../electron/core/wall/pin-guard.js';

const RIGHT = '2468';
/** A PIN check that takes 5 ms of (fake) time, like scrypt off the main thread. */
const verify = (pin: string) => new Promise<boolean>((resolve) => setTimeout(() => resolve(pin === RIGHT), 5));

function guard(o: Partial<PinGuardOptions> = {}): PinGuard {
  return new PinGuard({ pinHash: 'scrypt$test', verify, ...o });
}

/** Runs an attempt to its verdict, letting fake time pass; returns the verdict and the time it took. */
async function attempt(g: PinGuard, pin: string, client: string): Promise<{ verdict: string; ms: number }> {
  const t0 = Date.now();
  let verdict: string | null = null;
  void g.attempt(pin, client).then((v) => (verdict = v));
  while (verdict === null) await vi.advanceTimersByTimeAsync(50);
  return { verdict, ms: Date.now() - t0 };
}

describe('PinGuard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T03:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('makes a client wait after each wrong PIN: 1 s, 2 s, 4 s, … up to the bound', async () => {
    const g = guard({ globalMaxFailures: 1000, maxDelayMs: 8_000 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { verdict, ms } = await attempt(g, '1111', 'host:10.0.0.9');
      expect(verdict).toBe('wrong');
      waits.push(Math.round(ms / 1000));
    }
    expect(waits).toEqual([0, 1, 2, 4, 8, 8]);
    expect(g.failuresOf('host:10.0.0.9')).toBe(6);
    // The right PIN still waits its turn, then unlocks and clears the count.
    const right = await attempt(g, RIGHT, 'host:10.0.0.9');
    expect(right.verdict).toBe('unlocked');
    expect(right.ms).toBeGreaterThanOrEqual(8_000);
    expect(g.failuresOf('host:10.0.0.9')).toBe(0);
  });

  it('counts per client: another client is not slowed by one guessing', async () => {
    const g = guard();
    for (let i = 0; i < 3; i++) await attempt(g, '1111', 'host:127.0.0.5');
    const other = await attempt(g, RIGHT, 'local');
    expect(other).toEqual({ verdict: 'unlocked', ms: expect.any(Number) as number });
    expect(other.ms).toBeLessThan(100);
    expect(g.failuresOf('host:127.0.0.5')).toBe(3);
  });

  it('takes one attempt at a time per client: one sent while the last waits is refused', async () => {
    const g = guard();
    await attempt(g, '1111', 'a');
    const waiting = g.attempt('2222', 'a');
    expect(await g.attempt(RIGHT, 'a')).toBe('refused');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(await waiting).toBe('wrong');
  });

  it('refuses everyone, right PIN included, after 5 wrong PINs a minute from any clients', async () => {
    const g = guard();
    for (let i = 0; i < 5; i++) expect((await attempt(g, '1111', `host:127.0.0.${i + 2}`)).verdict).toBe('wrong');
    expect((await attempt(g, RIGHT, 'local')).verdict).toBe('refused');
    await vi.advanceTimersByTimeAsync(61_000);
    expect((await attempt(g, RIGHT, 'local')).verdict).toBe('unlocked');
  });

  it('remembers a bounded number of clients and forgets old failures', async () => {
    const g = guard({ maxClients: 3, globalMaxFailures: 1000, forgetAfterMs: 60_000 });
    for (const c of ['a', 'b', 'c', 'd']) await attempt(g, '1111', c);
    expect(g.failuresOf('a')).toBe(0);
    expect(g.failuresOf('d')).toBe(1);
    await vi.advanceTimersByTimeAsync(61_000);
    expect((await attempt(g, '1111', 'd')).ms).toBeLessThan(100);
    expect(g.failuresOf('d')).toBe(1);
  });

  it('refuses when no PIN is configured', async () => {
    expect(await new PinGuard({ pinHash: null }).attempt(RIGHT, 'local')).toBe('refused');
  });
});
