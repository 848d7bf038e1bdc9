import { describe, expect, it } from 'vitest';
import { decideRestart, DEFAULT_RESTART_POLICY } from '../../../electron/shell/restart-policy.js';

describe('decideRestart', () => {
  it('reloads after a first crash, after a short delay', () => {
    const { decision, history } = decideRestart({ history: [] }, 'crashed', 1_000);
    expect(decision).toEqual({ action: 'reload', delayMs: 1_000 });
    expect(history).toEqual([1_000]);
  });

  it('backs off on the second crash within the window', () => {
    const { decision } = decideRestart({ history: [0] }, 'crashed', 10_000);
    expect(decision).toEqual({ action: 'reload', delayMs: 2_000 });
  });

  it('gives up on the third crash within 60 s', () => {
    const { decision, history } = decideRestart({ history: [0, 20_000] }, 'killed', 59_999);
    expect(decision).toEqual({ action: 'give-up' });
    expect(history).toHaveLength(3);
  });

  it('forgets crashes older than the window', () => {
    const { decision, history } = decideRestart({ history: [0, 20_000] }, 'crashed', 80_000);
    expect(decision.action).toBe('reload');
    expect(history).toEqual([80_000]); // 20 000 is exactly 60 s old: out of the window
  });

  it('keeps retrying a wall that crashes rarely', () => {
    let history: number[] = [];
    for (let t = 0; t < 10 * 3_600_000; t += 600_000) {
      const next = decideRestart({ history }, 'crashed', t);
      expect(next.decision.action).toBe('reload');
      history = next.history;
    }
  });

  it('recreates the window after an out-of-memory exit', () => {
    expect(decideRestart({ history: [] }, 'oom', 0).decision).toEqual({ action: 'recreate', delayMs: 1_000 });
  });

  it('caps the delay', () => {
    const options = { ...DEFAULT_RESTART_POLICY, maxCrashes: 100, windowMs: 1e9 };
    const history = Array.from({ length: 20 }, (_, i) => i);
    const { decision } = decideRestart({ history }, 'crashed', 100, options);
    expect(decision).toEqual({ action: 'reload', delayMs: options.maxDelayMs });
  });

  it('does not mutate the history it was given', () => {
    const history = [0];
    decideRestart({ history }, 'crashed', 1);
    expect(history).toEqual([0]);
  });
});
