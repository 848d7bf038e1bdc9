// The alarm tones, synthesised with Web Audio (nothing fetched, nothing bundled): distinct
// pitch and rhythm per priority, so a shift lead can tell them apart without looking. A
// browser that blocks sound until a gesture keeps the context suspended: `blocked` says so,
// and the next key press resumes it.
import type { Tone } from './annunciation.js';

/** [frequency Hz, start s, length s] of each beep. */
const PATTERNS: Readonly<Record<Tone, readonly (readonly [number, number, number])[]>> = {
  critical: [[880, 0, 0.18], [660, 0.22, 0.18], [880, 0.44, 0.18], [660, 0.66, 0.18]],
  high: [[740, 0, 0.2], [740, 0.3, 0.2]],
  medium: [[587, 0, 0.3]],
  low: [[440, 0, 0.2]],
  flood: [[988, 0, 0.25], [784, 0.3, 0.25], [587, 0.6, 0.4]],
};

export interface TonePlayer {
  play(tone: Tone): void;
  /** True while the browser keeps sound off (no gesture yet). */
  readonly blocked: boolean;
  resume(): void;
  close(): void;
}

export function createTonePlayer(): TonePlayer {
  const Ctx = window.AudioContext;
  let ctx: AudioContext | null = null;
  const context = (): AudioContext => (ctx ??= new Ctx());
  return {
    play(tone) {
      const c = context();
      if (c.state === 'suspended') void c.resume().catch(() => undefined);
      const t0 = c.currentTime + 0.02;
      for (const [freq, at, len] of PATTERNS[tone]) {
        const osc = c.createOscillator();
        const gain = c.createGain();
        osc.type = 'square';
        osc.frequency.value = freq;
        // A short ramp at both ends: a beep, not a click.
        gain.gain.setValueAtTime(0, t0 + at);
        gain.gain.linearRampToValueAtTime(0.25, t0 + at + 0.01);
        gain.gain.setValueAtTime(0.25, t0 + at + len - 0.02);
        gain.gain.linearRampToValueAtTime(0, t0 + at + len);
        osc.connect(gain).connect(c.destination);
        osc.start(t0 + at);
        osc.stop(t0 + at + len);
      }
    },
    get blocked() {
      return ctx !== null && ctx.state === 'suspended';
    },
    resume() {
      if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    },
    close() {
      void ctx?.close().catch(() => undefined);
      ctx = null;
    },
  };
}
