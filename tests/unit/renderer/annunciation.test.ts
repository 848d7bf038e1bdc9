// When the wall sounds: decided from the alarms the core sent, with explicit times.
import { describe, expect, it } from 'vitest';
import type { Alarm, AlarmSummary } from '../../../electron/contract/index.js';
import { CRITICAL_REPEAT_MS, QUIET, annunciate, type AnnunciationState, type Tone } from '../../../renderer/src/alarms/annunciation.js';
import { alarm, alarmSummary } from '../../helpers/alarm-fixtures.js';

const T0 = Date.parse('2026-11-25T03:00:00Z');

const book = (...alarms: Alarm[]): ReadonlyMap<number, Alarm> => new Map(alarms.map((a) => [a.id, a]));
const flooding = (): AlarmSummary => alarmSummary({ flood: { active: true, since: T0, rate: 30, threshold: 10, windowS: 600, raised: 30, bySite: [] } });
const calm = alarmSummary();

/** Calls annunciate in order at the given times over the same alarms (unless a step gives its own); returns the tones of each call. */
function sequence(
  start: AnnunciationState,
  steps: { at: number; alarms: ReadonlyMap<number, Alarm>; summary?: AlarmSummary; muted?: boolean; first?: boolean }[],
): { tones: Tone[][]; state: AnnunciationState } {
  let state = start;
  const tones: Tone[][] = [];
  for (const s of steps) {
    const r = annunciate(state, s.alarms, s.summary ?? calm, s.at, s.muted ?? false, s.first ?? false);
    tones.push(r.tones);
    state = r.state;
  }
  return { tones, state };
}

describe('annunciation', () => {
  it('a new alarm sounds its priority once', () => {
    const high = book(alarm(1, { priority: 'high' }));
    const r = sequence(QUIET, [
      { at: T0, alarms: high },
      { at: T0 + 1000, alarms: high },
      { at: T0 + 10 * CRITICAL_REPEAT_MS, alarms: high },
    ]);
    expect(r.tones).toEqual([['high'], [], []]);
    expect([...r.state.seen]).toEqual([1]);
    expect(r.state.criticalAt).toBeNull();
  });

  it('several new alarms at once sound the loudest of them, once', () => {
    const r = annunciate(QUIET, book(alarm(1, { priority: 'low' }), alarm(2, { priority: 'medium' }), alarm(3, { priority: 'high' })), calm, T0, false);
    expect(r.tones).toEqual(['high']);
    expect([...r.state.seen].sort()).toEqual([1, 2, 3]);
  });

  it('only what is new counts: an already seen high alarm does not raise a new low one', () => {
    const first = annunciate(QUIET, book(alarm(1, { priority: 'high' })), calm, T0, false);
    const next = annunciate(first.state, book(alarm(1, { priority: 'high' }), alarm(2, { priority: 'low' })), calm, T0 + 1000, false);
    expect(next.tones).toEqual(['low']);
  });

  it('a standing unacknowledged critical alarm repeats every CRITICAL_REPEAT_MS until acknowledged', () => {
    const crit = book(alarm(1));
    const r = sequence(QUIET, [
      { at: T0, alarms: crit },
      { at: T0 + CRITICAL_REPEAT_MS - 1, alarms: crit },
      { at: T0 + CRITICAL_REPEAT_MS, alarms: crit },
      { at: T0 + CRITICAL_REPEAT_MS + 2000, alarms: crit },
      { at: T0 + 2 * CRITICAL_REPEAT_MS + 500, alarms: crit }, // measured from the last tone, not a grid
      { at: T0 + 2 * CRITICAL_REPEAT_MS + 600, alarms: book(alarm(1, { state: 'active-acknowledged' })) },
      { at: T0 + 10 * CRITICAL_REPEAT_MS, alarms: book(alarm(1, { state: 'active-acknowledged' })) },
    ]);
    expect(CRITICAL_REPEAT_MS).toBe(4000);
    expect(r.tones).toEqual([['critical'], [], ['critical'], [], ['critical'], [], []]);
    expect(r.state.criticalAt).toBeNull();
  });

  it('acknowledged, shelved, suppressed and cleared alarms are silent, new or standing', () => {
    const silent = [
      alarm(1, { state: 'active-acknowledged' }),
      alarm(2, { shelvedUntil: T0 + 3_600_000 }),
      alarm(3, { suppressed: true }),
      alarm(4, { state: 'cleared-unacknowledged', clearedAt: T0 - 1000 }),
    ];
    for (const a of silent) {
      const r = sequence(QUIET, [
        { at: T0, alarms: book(a) },
        { at: T0 + CRITICAL_REPEAT_MS, alarms: book(a) },
      ]);
      expect(r.tones, `alarm ${a.id}`).toEqual([[], []]);
      expect(r.state.criticalAt).toBeNull();
      // Seen nonetheless: it is not news later.
      expect([...r.state.seen]).toEqual([a.id]);
    }
  });

  it('a shelved critical alarm stops the repeat, and an unshelved one it has already announced does not sound as new', () => {
    const r = sequence(QUIET, [
      { at: T0, alarms: book(alarm(1)) },
      { at: T0 + CRITICAL_REPEAT_MS, alarms: book(alarm(1, { shelvedUntil: T0 + 60_000 })) },
      { at: T0 + 2 * CRITICAL_REPEAT_MS, alarms: book(alarm(1, { shelvedUntil: T0 + 60_000 })) },
      { at: T0 + 60_000, alarms: book(alarm(1)) },
      { at: T0 + 60_000 + 1, alarms: book(alarm(1)) },
    ]);
    // Back from the shelf: it sounds at once as the repeat, then waits CRITICAL_REPEAT_MS again.
    expect(r.tones).toEqual([['critical'], [], [], ['critical'], []]);
  });

  it('a flood starting sounds flood once instead of the alarms it brings; grouped alarms after it are silent', () => {
    const r = sequence(QUIET, [
      { at: T0, alarms: book(alarm(1, { priority: 'high' }), alarm(2, { priority: 'high' })), summary: flooding() },
      { at: T0 + 1000, alarms: book(alarm(1, { priority: 'high' }), alarm(2, { priority: 'high' }), alarm(3, { suppressed: true })), summary: flooding() },
      { at: T0 + 2000, alarms: book(alarm(1, { priority: 'high' }), alarm(2, { priority: 'high' })), summary: calm },
      // The next flood is news again.
      { at: T0 + 3000, alarms: book(alarm(1, { priority: 'high' }), alarm(2, { priority: 'high' })), summary: flooding() },
    ]);
    expect(r.tones).toEqual([['flood'], [], [], ['flood']]);
    expect(r.state.flood).toBe(true);
  });

  it('the flood tone stands in for a new critical one too, and the critical repeat counts from it', () => {
    const crit = book(alarm(1));
    const r = sequence(QUIET, [
      { at: T0, alarms: crit, summary: flooding() },
      { at: T0 + CRITICAL_REPEAT_MS - 1, alarms: crit, summary: flooding() },
      { at: T0 + CRITICAL_REPEAT_MS, alarms: crit, summary: flooding() },
    ]);
    expect(r.tones).toEqual([['flood'], [], ['critical']]);
    expect(r.state.criticalAt).toBe(T0 + CRITICAL_REPEAT_MS);
  });

  it('muted: nothing sounds, not even a new critical alarm or a flood; what came meanwhile is not news after', () => {
    const crit = book(alarm(1));
    const r = sequence(QUIET, [
      { at: T0, alarms: crit, muted: true },
      { at: T0 + CRITICAL_REPEAT_MS, alarms: crit, muted: true },
      { at: T0 + 2 * CRITICAL_REPEAT_MS, alarms: book(alarm(1), alarm(2, { priority: 'high' })), summary: flooding(), muted: true },
    ]);
    expect(r.tones).toEqual([[], [], []]);
    expect(r.state).toEqual({ seen: new Set([1, 2]), flood: true, criticalAt: null });
    // Unmuted with the critical alarm still waiting: the repeat sounds, nothing as new.
    const after = annunciate(r.state, book(alarm(1), alarm(2, { priority: 'high' })), flooding(), T0 + 2 * CRITICAL_REPEAT_MS + 1, false);
    expect(after.tones).toEqual(['critical']);
    expect(after.state.criticalAt).toBe(T0 + 2 * CRITICAL_REPEAT_MS + 1);
  });

  it('a window’s first view: what is there is not news, a new alarm after it is', () => {
    const r = sequence(QUIET, [
      { at: T0, alarms: book(alarm(1, { priority: 'high' })), summary: flooding(), first: true },
      { at: T0 + 1000, alarms: book(alarm(1, { priority: 'high' })), summary: flooding() },
      { at: T0 + 2000, alarms: book(alarm(1, { priority: 'high' }), alarm(2, { priority: 'medium' })), summary: flooding() },
    ]);
    expect(r.tones).toEqual([[], [], ['medium']]);
  });

  it('a window’s first view: a standing critical alarm keeps repeating on the later calls', () => {
    const crit = book(alarm(1));
    const r = sequence(QUIET, [
      { at: T0, alarms: crit, first: true },
      { at: T0 + 1000, alarms: crit },
      { at: T0 + 1000 + CRITICAL_REPEAT_MS, alarms: crit },
    ]);
    // Whatever the first call did (see the next test), the repeat goes on from it.
    expect(r.tones.slice(1)).toEqual([[], ['critical']]);
    expect(r.state.criticalAt).toBe(T0 + 1000 + CRITICAL_REPEAT_MS);
  });

  // A window that opens (or reloads) while a critical alarm stands sounds it at once, not 4 s
  // later: what exists is not news, but a critical alarm waiting for its acknowledgement is.
  it('a window’s first view with a standing critical alarm sounds it at once, then every CRITICAL_REPEAT_MS', () => {
    const crit = book(alarm(1));
    const r = sequence(QUIET, [
      { at: T0, alarms: crit, first: true },
      { at: T0 + CRITICAL_REPEAT_MS - 1, alarms: crit },
      { at: T0 + CRITICAL_REPEAT_MS, alarms: crit },
    ]);
    expect(r.tones).toEqual([['critical'], [], ['critical']]);
  });

  it('forgets alarms the core no longer sends', () => {
    const one = annunciate(QUIET, book(alarm(1, { priority: 'low' }), alarm(2, { priority: 'low' })), calm, T0, false);
    const gone = annunciate(one.state, book(alarm(2, { priority: 'low' })), calm, T0 + 1, false);
    expect([...gone.state.seen]).toEqual([2]);
    expect(gone.tones).toEqual([]);
  });

  it('never changes the state it is given', () => {
    const seen = new Set([5]);
    const before: AnnunciationState = { seen, flood: false, criticalAt: T0 - 10_000 };
    const r = annunciate(before, book(alarm(1), alarm(5, { priority: 'low' })), flooding(), T0, false);
    expect(r.tones).toEqual(['flood']);
    expect([...seen]).toEqual([5]);
    expect(before).toEqual({ seen: new Set([5]), flood: false, criticalAt: T0 - 10_000 });
    expect(QUIET).toEqual({ seen: new Set(), flood: false, criticalAt: null });
  });
});
