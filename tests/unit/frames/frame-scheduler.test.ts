// The frame scheduler: one delta per tick at a fixed cadence whatever the message rate, the
// same frame object to every subscriber, and a failing subscriber never stops the others.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WallFrame } from '../../../electron/contract/index.js';
import { FrameScheduler } from '../../../electron/core/frames/frame-scheduler.js';

const fakeFrame = (seq: number) => ({ kind: 'delta', seq }) as unknown as WallFrame;

describe('frame scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('builds one frame per tick at its rate, however often nothing or everything changed', () => {
    vi.useFakeTimers();
    let built = 0;
    const s = new FrameScheduler(() => fakeFrame(++built), 4);
    const seen: number[] = [];
    s.subscribe((f) => seen.push(f.seq));
    s.start();
    s.start(); // a second start does not double the cadence
    vi.advanceTimersByTime(1000);
    expect(built).toBe(4);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(s.framesTotal).toBe(4);
    s.stop();
    vi.advanceTimersByTime(1000);
    expect(built).toBe(4);
  });

  it('hands the same frame object to every subscriber, and one that throws does not stop the rest', () => {
    const s = new FrameScheduler(() => fakeFrame(1), 4);
    const got: WallFrame[] = [];
    s.subscribe((f) => got.push(f));
    s.subscribe(() => {
      throw new Error('a closed window');
    });
    const off = s.subscribe((f) => got.push(f));
    const frame = s.tick();
    expect(got).toEqual([frame, frame]);
    expect(got[0]).toBe(got[1]);
    off();
    expect(s.listenerCount).toBe(2);
    s.tick();
    expect(got).toHaveLength(3);
  });

  it('refuses a rate outside (0, 60] Hz', () => {
    for (const hz of [0, -1, 61, Number.NaN]) expect(() => new FrameScheduler(() => fakeFrame(0), hz), String(hz)).toThrow(/frame rate/u);
  });
});
