// The wall's state machine as a pure function: every rule is checked here with explicit
// times, no timers and no I/O; wall-controller.test.ts checks the driver that runs it.
import { describe, expect, it } from 'vitest';
import type { WallConfig } from '../../../electron/contract/index.js';
import {
  claimsKey,
  initialControllerState,
  nextDeadline,
  reduce,
  type ControllerEvent,
  type ControllerState,
} from '../../../electron/core/wall/wall-reducer.js';
import { key, outageWallConfig, wallConfig, runEvents as run } from '../../helpers/wall-config.js';

const T0 = Date.parse('2026-11-25T03:00:00Z');

function start(config: WallConfig = wallConfig(), lockAvailable = false): ControllerState {
  return initialControllerState({ config, saved: null, lockAvailable }, T0);
}


function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const tick: ControllerEvent = { type: 'tick' };

describe('wall reducer', () => {
  it('never changes the state it is given', () => {
    const s0 = deepFreeze(start(outageWallConfig(), true));
    const snapshot = JSON.stringify(s0);
    const events: ControllerEvent[] = [
      { type: 'key', press: key('2', { ctrl: true }), screen: 'a' },
      { type: 'key', press: key('F'), screen: 'a' },
      { type: 'key', press: key('K', { ctrl: true, shift: true }), screen: 'a' },
      { type: 'link', link: { status: 'offline', since: T0 - 120_000 } },
      { type: 'command', command: { type: 'unlock', pin: '1', screen: 'b' }, client: 'x' },
      { type: 'unlock-verdict', verdict: 'unlocked', client: 'c1' },
      { type: 'config', config: outageWallConfig() },
      tick,
    ];
    // Frozen input: any write would throw in strict mode.
    for (const e of events) expect(() => reduce(s0, e, T0 + 1)).not.toThrow();
    expect(JSON.stringify(s0)).toBe(snapshot);
  });

  it('holds time only as deadlines: rotation switches on the tick at its dwell, not before', () => {
    const s0 = start();
    expect(s0.wall.rotation).toMatchObject({ enabled: true, hold: 'none', nextSwitchAt: T0 + 60_000 });
    expect(nextDeadline(s0)).toBe(T0 + 60_000);
    const early = reduce(s0, tick, T0 + 59_999);
    expect(early.state.wall).toBe(s0.wall); // nothing due: same object, no rev, no window told
    expect(early.effects).toEqual([]);
    const due = reduce(early.state, tick, T0 + 60_000);
    expect(due.state.wall).toMatchObject({ preset: 2, rev: s0.wall.rev + 1 });
    expect(due.state.wall.toast?.message).toEqual({ kind: 'preset', preset: 2, name: { vi: 'Hai', en: 'Two' } });
    expect(nextDeadline(due.state)).toBe(T0 + 90_000);
    expect(due.effects).toEqual([{ type: 'persist', state: { preset: 2, rotationEnabled: true, language: 'vi' } }]);
  });

  it('gives one rev per event that changes what windows show, and none otherwise', () => {
    const s0 = start(wallConfig(null));
    const [help, helpOff, unfocusNothing, language] = run(s0, [
      [T0, { type: 'key', press: key('?'), screen: 'a' }],
      [T0, { type: 'key', press: key('Escape'), screen: 'a' }],
      [T0, { type: 'key', press: key('Escape'), screen: 'a' }],
      [T0, { type: 'command', command: { type: 'set-language', language: 'vi' }, client: 'local' }],
    ]);
    expect(help!.state.wall).toMatchObject({ help: true, rev: 1 });
    expect(helpOff!.state.wall).toMatchObject({ help: false, rev: 2 });
    expect(unfocusNothing!.state.wall.rev).toBe(2);
    expect(language!.state.wall.rev).toBe(2);
    // Help is not saved; only preset, rotation and language are.
    expect([help, helpOff].flatMap((r) => r!.effects)).toEqual([]);
  });

  it('a shift lead’s key holds rotation; idle_resume_s after the last key it resumes with a full dwell', () => {
    const [focus, again] = run(start(), [
      [T0 + 10_000, { type: 'key', press: key('F'), screen: 'a' }],
      [T0 + 50_000, { type: 'key', press: key('F'), screen: 'a' }],
    ]);
    expect(focus!.state.wall.rotation).toMatchObject({ hold: 'activity', nextSwitchAt: null });
    expect(focus!.state.deadlines).toMatchObject({ switchAt: null, idleAt: T0 + 130_000, outageAt: null });
    expect(again!.state.deadlines.idleAt).toBe(T0 + 170_000);
    const stillIdle = reduce(again!.state, tick, T0 + 169_999);
    expect(stillIdle.state.wall.rotation.hold).toBe('activity');
    const resumed = reduce(stillIdle.state, tick, T0 + 170_000);
    expect(resumed.state.wall.rotation).toMatchObject({ hold: 'none', nextSwitchAt: T0 + 230_000 });
    expect(resumed.state.wall.preset).toBe(1);
  });

  it('when the outage threshold and a rotation switch fall due in one tick, the earlier wins and rotation does not move the outage preset', () => {
    const cfg = outageWallConfig();
    cfg.profile.rotation = { playlist: [{ preset: 1, dwell_s: 60 }, { preset: 2, dwell_s: 60 }], idle_resume_s: 30, autostart: true };
    const s0 = start(cfg);
    // Down since T0 + 30 s: the outage is due at T0 + 90 s; the switch at T0 + 60 s.
    const down = reduce(s0, { type: 'link', link: { status: 'reconnecting', since: T0 + 30_000 } }, T0 + 30_000);
    expect(down.state.deadlines).toMatchObject({ switchAt: T0 + 60_000, outageAt: T0 + 90_000 });
    // A suspended machine wakes late: both are due. Rotation first (to 2), then the outage (to 3).
    const late = reduce(down.state, tick, T0 + 100_000);
    expect(late.state.wall).toMatchObject({ preset: 3, outage: { active: true, since: T0 + 30_000 }, rotation: { hold: 'outage', nextSwitchAt: null } });
    expect(late.state.presetBeforeOutage).toBe(2);
    expect(nextDeadline(late.state)).toBeNull();
    expect(late.effects).toContainEqual({ type: 'log', level: 'warn', message: `broker link down since ${new Date(T0 + 30_000).toISOString()}: outage mode (preset 3)` });
    const back = reduce(late.state, { type: 'link', link: { status: 'connected', since: T0 + 110_000 } }, T0 + 110_000);
    expect(back.state.wall).toMatchObject({ preset: 2, outage: { active: false }, rotation: { hold: 'none', nextSwitchAt: T0 + 170_000 } });
  });

  it('asks the driver to check a PIN only while locked, and acts on the verdict it returns', () => {
    const s0 = start(wallConfig(null), true);
    expect(reduce(s0, { type: 'command', command: { type: 'unlock', pin: '1234', screen: 'b' }, client: 'c1' }, T0).effects).toEqual([]);
    const [locked, prompt, attempt] = run(s0, [
      [T0, { type: 'key', press: key('K', { ctrl: true, shift: true }), screen: 'b' }],
      [T0, { type: 'key', press: key('K', { ctrl: true, shift: true }), screen: 'b' }],
      [T0, { type: 'command', command: { type: 'unlock', pin: '1234', screen: 'b' }, client: 'c1' }],
    ]);
    expect(locked!.state.wall).toMatchObject({ locked: true, toast: { message: { kind: 'locked' } } });
    expect(prompt!.state.wall.unlockPrompt).toBe('b');
    expect(attempt!.effects).toEqual([{ type: 'verify-pin', pin: '1234', client: 'c1' }]);
    const wrong = reduce(attempt!.state, { type: 'unlock-verdict', verdict: 'wrong', client: 'c1' }, T0);
    expect(wrong.state.wall).toMatchObject({ locked: true, toast: { message: { kind: 'unlock-failed' } } });
    expect(wrong.effects).toEqual([
      { type: 'audit', action: 'unlock-failed', fields: { client: 'c1', reason: 'wrong' } },
      { type: 'count-rejected', reason: 'unlock_wrong_pin' },
      { type: 'log', level: 'warn', message: 'kiosk unlock refused: wrong PIN' },
    ]);
    expect(reduce(attempt!.state, { type: 'unlock-verdict', verdict: 'refused', client: 'c1' }, T0).effects[1]).toEqual({ type: 'count-rejected', reason: 'unlock_refused' });
    const right = reduce(wrong.state, { type: 'unlock-verdict', verdict: 'unlocked', client: 'c1' }, T0);
    expect(right.state.wall).toMatchObject({ locked: false, unlockPrompt: null, toast: { message: { kind: 'unlocked' } } });
    // A verdict arriving after another client unlocked says nothing.
    const stale = reduce(right.state, { type: 'unlock-verdict', verdict: 'wrong', client: 'c1' }, T0);
    expect(stale.state.wall).toBe(right.state.wall);
    expect(stale.effects).toEqual([]);
  });

  it('without a PIN the lock is refused with a toast, and the open prompt claims only Escape', () => {
    const refused = reduce(start(wallConfig(null)), { type: 'key', press: key('K', { ctrl: true, shift: true }), screen: 'a' }, T0);
    expect(refused.state.wall).toMatchObject({ locked: false, toast: { message: { kind: 'lock-unavailable' } } });

    const [, prompt] = run(start(wallConfig(null), true), [
      [T0, { type: 'key', press: key('K', { ctrl: true, shift: true }), screen: 'a' }],
      [T0, { type: 'key', press: key('K', { ctrl: true, shift: true }), screen: 'a' }],
    ]);
    const s = prompt!.state;
    expect(claimsKey(s, key('2', { ctrl: true }))).toBe(false); // typed into the prompt
    expect(claimsKey(s, key('Escape'))).toBe(true);
    expect(reduce(s, { type: 'key', press: key('2', { ctrl: true }), screen: 'a' }, T0).state.wall.preset).toBe(1);
    expect(reduce(s, { type: 'key', press: key('Escape'), screen: 'a' }, T0).state.wall).toMatchObject({ unlockPrompt: null, locked: true });
  });

  it('a new configuration re-arms the outage threshold for the link as it is', () => {
    const down = reduce(start(outageWallConfig()), { type: 'link', link: { status: 'offline', since: T0 } }, T0);
    expect(down.state.deadlines.outageAt).toBe(T0 + 60_000);
    const shorter = outageWallConfig();
    shorter.profile.outage = { preset: 3, after_s: 10 };
    // Already past the new threshold: the outage preset comes at once.
    const applied = reduce(down.state, { type: 'config', config: { ...shorter, rev: 2 } }, T0 + 15_000);
    expect(applied.state.wall).toMatchObject({ preset: 3, outage: { active: true, since: T0 } });
    expect(applied.state.deadlines.outageAt).toBeNull();
  });
});
