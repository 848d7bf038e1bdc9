// The wall's alarm keys, alarm selection, mute and alarm preset, checked on the pure reducer with
// explicit times (no timers, no I/O); the last block drives the same rules through WallController
// with fake timers and a fake alarm desk.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WallConfig, WallProfileDef, WallState } from '../../../electron/contract/index.js';
import { PRIORITY_RANK } from '../../../electron/contract/common/alarm-order.js';
import type { AlarmView } from '../../../electron/core/alarms/alarm-book.js';
import { WallController, type AlarmDeskPort } from '../../../electron/core/wall/wall-controller.js';
import {
  MUTE_MS,
  initialControllerState,
  nextDeadline,
  reduce,
  type AlarmOutcome,
  type ControllerEffect,
  type ControllerEvent,
  type ControllerState,
  type Reduced,
} from '../../../electron/core/wall/wall-reducer.js';
import { DEFAULT_ROTATION, key, outageWallConfig, wallConfig, runEvents as run } from '../../helpers/wall-config.js';

const T0 = Date.parse('2026-11-25T03:00:00Z');
const HOLD_MS = 30_000;
const TIMEOUT_MS = 600_000;

type Shown = AlarmView['shown'][number];
type Priority = Shown['priority'];

/** The test wall (presets 1–3) with the alarm preset 3; `rotation` null: no rotation. */
function alarmConfig(rotation: WallProfileDef['rotation'] | null = null, alarm: WallProfileDef['alarm'] = { preset: 3, hold_s: 30, timeout_s: 600 }): WallConfig {
  const c = wallConfig(rotation);
  c.profile.alarm = alarm;
  return c;
}

function start(config: WallConfig = alarmConfig(), alarms?: AlarmView, lockAvailable = false): ControllerState {
  return initialControllerState({ config, saved: null, lockAvailable, ...(alarms ? { alarms } : {}) }, T0);
}

const shown = (id: number, priority: Priority = 'critical', unacknowledged = true, siteId = `site-${id}`): Shown => ({ id, unacknowledged, priority, siteId });
const acked = (id: number, priority: Priority = 'critical'): Shown => shown(id, priority, false);

/** A view of these alarms in this order; newestId defaults to the highest id shown. */
function view(list: Shown[], over: Partial<AlarmView> = {}): AlarmView {
  return { shown: list, newestId: Math.max(0, ...list.map((a) => a.id)), flood: false, ...over };
}

const press = (k: string, mods: Parameters<typeof key>[1] = {}): ControllerEvent => ({ type: 'key', press: key(k, mods), screen: 'a' });
const alarms = (v: AlarmView): ControllerEvent => ({ type: 'alarms', view: v });
const outcome = (o: AlarmOutcome, v: AlarmView): ControllerEvent => ({ type: 'alarm-outcome', outcome: o, view: v });
const tick: ControllerEvent = { type: 'tick' };


const last = (steps: Reduced[]): Reduced => steps[steps.length - 1]!;
const audits = (effects: readonly ControllerEffect[]) => effects.filter((e) => e.type === 'audit');

describe('alarm selection', () => {
  it('starts on the first unacknowledged alarm of the list the core restored, in list order', () => {
    // List order is the core's: the reducer must not re-sort it (5 before 3).
    const s = start(alarmConfig(), view([acked(1), shown(5, 'high'), shown(3, 'high')]));
    expect(s.wall.selectedAlarm).toBe(5);
    expect(start().wall.selectedAlarm).toBeNull();
  });

  it('falls back to the first shown alarm when all are acknowledged, and to null when none is shown', () => {
    const [allAcked, none] = run(start(), [
      [T0, alarms(view([acked(4, 'high'), acked(2, 'low')]))],
      [T0 + 1, alarms(view([], { newestId: 4 }))],
    ]);
    expect(allAcked!.state.wall.selectedAlarm).toBe(4);
    expect(none!.state.wall.selectedAlarm).toBeNull();
    expect(none!.state.wall.rev).toBe(allAcked!.state.wall.rev + 1);
  });

  it('ArrowDown and ArrowUp move the selection along the list and stop at both ends', () => {
    const s0 = reduce(start(), alarms(view([shown(1, 'high'), shown(2, 'high'), shown(3, 'low')])), T0).state;
    expect(s0.wall.selectedAlarm).toBe(1);
    const steps = run(s0, [
      [T0 + 1, press('ArrowDown')],
      [T0 + 2, press('ArrowDown')],
      [T0 + 3, press('ArrowDown')], // already the last
      [T0 + 4, press('ArrowUp')],
      [T0 + 5, press('ArrowUp')],
      [T0 + 6, press('ArrowUp')], // already the first
    ]);
    expect(steps.map((r) => r.state.wall.selectedAlarm)).toEqual([2, 3, 3, 2, 1, 1]);
    expect(steps.map((r) => r.state.chosenAlarm)).toEqual([2, 3, 3, 2, 1, 1]);
    // Moving the selection is no command: no effect, no toast.
    expect(steps.flatMap((r) => r.effects)).toEqual([]);
    expect(steps[5]!.state.wall.toast).toBeNull();
    // Clamped at an end: nothing the windows see changed (no rev without rotation).
    expect(steps[2]!.state.wall).toBe(steps[1]!.state.wall);
    expect(steps[5]!.state.wall).toBe(steps[4]!.state.wall);
  });

  it('ArrowDown with no alarm shown changes nothing', () => {
    const s0 = start();
    const r = reduce(s0, press('ArrowDown'), T0);
    expect(r.state.wall).toBe(s0.wall);
    expect(r.state.chosenAlarm).toBeNull();
    expect(r.effects).toEqual([]);
  });

  it('keeps the chosen alarm while it is shown, even when alarms arrive before it in the list', () => {
    const s0 = reduce(start(), alarms(view([shown(1, 'high'), shown(2, 'high')])), T0).state;
    const [down, added] = run(s0, [
      [T0 + 1, press('ArrowDown')],
      [T0 + 2, alarms(view([shown(3, 'high'), shown(1, 'high'), shown(2, 'high')]))],
    ]);
    expect(down!.state.wall.selectedAlarm).toBe(2);
    expect(added!.state.wall.selectedAlarm).toBe(2);
    expect(added!.state.chosenAlarm).toBe(2);
  });

  it('a chosen alarm that leaves the list gives the selection back to the default one', () => {
    const s0 = reduce(start(), alarms(view([acked(1, 'high'), shown(2, 'high'), shown(3, 'low')])), T0).state;
    expect(s0.wall.selectedAlarm).toBe(2);
    const [down, gone] = run(s0, [
      [T0 + 1, press('ArrowDown')],
      [T0 + 2, alarms(view([acked(1, 'high'), shown(2, 'high')], { newestId: 3 }))],
    ]);
    expect(down!.state.wall.selectedAlarm).toBe(3);
    expect(gone!.state.chosenAlarm).toBeNull();
    expect(gone!.state.wall.selectedAlarm).toBe(2);
    // The default is the first *unacknowledged* one, so the next new alarm ahead of it takes over.
    const ahead = reduce(gone!.state, alarms(view([shown(4, 'high'), acked(1, 'high'), shown(2, 'high')])), T0 + 3);
    expect(ahead.state.wall.selectedAlarm).toBe(4);
  });
});

describe('alarm keys', () => {
  const listed = view([acked(1, 'high'), shown(5, 'high'), shown(3, 'low'), acked(2, 'low')]);
  const s0 = () => reduce(start(), alarms(listed), T0).state;

  it('A asks the core to acknowledge the selected alarm, and changes nothing on screen itself', () => {
    const before = s0();
    const r = reduce(before, press('a'), T0 + 1);
    expect(r.effects).toEqual([{ type: 'alarm-acknowledge', ids: [5], client: 'local' }]);
    expect(r.state.wall).toBe(before.wall);
  });

  it('A after moving the selection acknowledges the chosen alarm; a remote client is named as itself', () => {
    const [, viaKey] = run(s0(), [
      [T0 + 1, press('ArrowDown')],
      [T0 + 2, press('a')],
    ]);
    expect(viaKey!.effects).toEqual([{ type: 'alarm-acknowledge', ids: [3], client: 'local' }]);
    const remote = reduce(s0(), { type: 'command', command: { type: 'key', key: key('a'), screen: 'b' }, client: 'viewer-7' }, T0 + 1);
    expect(remote.effects).toEqual([{ type: 'alarm-acknowledge', ids: [5], client: 'viewer-7' }]);
    const action = reduce(s0(), { type: 'command', command: { type: 'action', action: 'alarm-shelve', screen: 'b' }, client: 'viewer-7' }, T0 + 1);
    expect(action.effects).toEqual([{ type: 'alarm-shelve', id: 5, client: 'viewer-7' }]);
  });

  it('Shift+A acknowledges every shown unacknowledged alarm at once, in list order', () => {
    const r = reduce(s0(), press('A', { shift: true }), T0 + 1);
    expect(r.effects).toEqual([{ type: 'alarm-acknowledge', ids: [5, 3], client: 'local' }]);
  });

  it('S asks the core to shelve the selected alarm', () => {
    const [, r] = run(s0(), [
      [T0 + 1, press('ArrowUp')],
      [T0 + 2, press('s')],
    ]);
    expect(r!.effects).toEqual([{ type: 'alarm-shelve', id: 1, client: 'local' }]);
  });

  it('A, Shift+A and S without an alarm to act on say so and ask nothing of the core', () => {
    const empty = start();
    const [a, shiftA, s] = run(empty, [
      [T0 + 1, press('a')],
      [T0 + 2, press('A', { shift: true })],
      [T0 + 3, press('s')],
    ]);
    for (const [r, at] of [
      [a!, T0 + 1],
      [shiftA!, T0 + 2],
      [s!, T0 + 3],
    ] as const) {
      expect(r.effects).toEqual([]);
      expect(r.state.wall.toast).toMatchObject({ message: { kind: 'no-alarm' }, at });
    }
    expect([a!, shiftA!, s!].map((r) => r.state.wall.toast?.id)).toEqual([1, 2, 3]);
    // Shift+A with alarms shown but all acknowledged: nothing to acknowledge either.
    const allAcked = reduce(reduce(start(), alarms(view([acked(1), acked(2, 'low')])), T0).state, press('A', { shift: true }), T0 + 1);
    expect(allAcked.effects).toEqual([]);
    expect(allAcked.state.wall.toast?.message).toEqual({ kind: 'no-alarm' });
  });

  it('M mutes for MUTE_MS, M again unmutes; both are audited and the deadline follows', () => {
    const [mute, unmute] = run(start(), [
      [T0 + 1000, press('m')],
      [T0 + 2000, press('m')],
    ]);
    expect(MUTE_MS).toBe(300_000);
    expect(mute!.state.wall.mutedUntil).toBe(T0 + 1000 + MUTE_MS);
    expect(mute!.state.wall.toast).toEqual({ id: 1, message: { kind: 'muted', until: T0 + 1000 + MUTE_MS }, at: T0 + 1000 });
    expect(mute!.state.deadlines.unmuteAt).toBe(T0 + 1000 + MUTE_MS);
    expect(nextDeadline(mute!.state)).toBe(T0 + 1000 + MUTE_MS);
    expect(mute!.effects).toEqual([{ type: 'audit', action: 'mute', fields: { client: 'local', until: T0 + 1000 + MUTE_MS } }]);

    expect(unmute!.state.wall.mutedUntil).toBeNull();
    expect(unmute!.state.wall.toast).toEqual({ id: 2, message: { kind: 'muted', until: null }, at: T0 + 2000 });
    expect(unmute!.state.deadlines.unmuteAt).toBeNull();
    expect(nextDeadline(unmute!.state)).toBeNull();
    expect(unmute!.effects).toEqual([{ type: 'audit', action: 'unmute', fields: { client: 'local', until: null } }]);
  });

  it('H asks the core for the hand-over report; its answer is confirmed on the wall, a failure as a warning', () => {
    const asked = reduce(start(), press('h'), T0);
    expect(asked.effects).toEqual([{ type: 'write-report', client: 'local' }]);
    expect(asked.state.wall.toast).toBeNull();
    const written = reduce(asked.state, { type: 'report-outcome', file: 'handover-2026-11-25-day-20261125T030000000Z-now.pdf' }, T0 + 500);
    expect(written.state.wall.toast).toEqual({ id: 1, message: { kind: 'report-written', file: 'handover-2026-11-25-day-20261125T030000000Z-now.pdf' }, at: T0 + 500 });
    const failed = reduce(written.state, { type: 'report-outcome', file: null }, T0 + 900);
    expect(failed.state.wall.toast).toEqual({ id: 2, message: { kind: 'report-failed' }, at: T0 + 900 });
    expect(failed.effects).toEqual([]);
  });

  it('the sound comes back by itself on the tick at the unmute deadline, not before', () => {
    const muted = reduce(start(), press('m'), T0).state;
    const early = reduce(muted, tick, T0 + MUTE_MS - 1);
    expect(early.state.wall).toBe(muted.wall);
    expect(early.effects).toEqual([]);
    const due = reduce(early.state, tick, T0 + MUTE_MS);
    expect(due.state.wall.mutedUntil).toBeNull();
    expect(due.state.wall.toast).toEqual({ id: 2, message: { kind: 'muted', until: null }, at: T0 + MUTE_MS });
    expect(due.state.deadlines.unmuteAt).toBeNull();
    expect(due.effects).toEqual([]);
    // Once only: the next tick has nothing to do.
    expect(reduce(due.state, tick, T0 + MUTE_MS + 5000).state.wall).toBe(due.state.wall);
  });
});

describe('alarm outcomes', () => {
  const three = view([shown(1, 'high'), shown(2, 'high'), shown(3, 'high')]);

  it('acknowledged: says how many, forgets the hand-moved selection and moves to the next unacknowledged', () => {
    const s0 = reduce(start(), alarms(three), T0).state;
    const [down, ack] = run(s0, [
      [T0 + 1, press('ArrowDown')],
      [T0 + 2, press('a')],
    ]);
    expect(down!.state.chosenAlarm).toBe(2);
    expect(ack!.effects).toEqual([{ type: 'alarm-acknowledge', ids: [2], client: 'local' }]);
    const done = reduce(ack!.state, outcome({ kind: 'acknowledged', count: 1 }, view([shown(1, 'high'), shown(3, 'high'), acked(2, 'high')])), T0 + 3);
    expect(done.state.wall.toast).toEqual({ id: 1, message: { kind: 'alarms-acknowledged', count: 1 }, at: T0 + 3 });
    expect(done.state.chosenAlarm).toBeNull();
    expect(done.state.wall.selectedAlarm).toBe(1);
    expect(done.state.alarms.shown.map((a) => a.id)).toEqual([1, 3, 2]);
    expect(done.effects).toEqual([]);
  });

  it('shelved: says until when; the shelved alarm leaves the list and the selection with it', () => {
    const s0 = reduce(start(), alarms(three), T0).state;
    const [down] = run(s0, [[T0 + 1, press('ArrowDown')]]);
    const until = T0 + 3_600_000;
    const r = reduce(down!.state, outcome({ kind: 'shelved', id: 2, until }, view([shown(1, 'high'), shown(3, 'high')], { newestId: 3 })), T0 + 2);
    expect(r.state.wall.toast).toEqual({ id: 1, message: { kind: 'alarm-shelved', id: 2, until }, at: T0 + 2 });
    expect(r.state.chosenAlarm).toBeNull();
    expect(r.state.wall.selectedAlarm).toBe(1);
  });

  it('shelved keeps a chosen alarm that is still shown', () => {
    const s0 = reduce(start(), alarms(three), T0).state;
    const [chose2] = run(s0, [[T0 + 1, press('ArrowDown')]]);
    const r = reduce(chose2!.state, outcome({ kind: 'shelved', id: 1, until: T0 + 60_000 }, view([shown(2, 'high'), shown(3, 'high')], { newestId: 3 })), T0 + 5);
    expect(r.state.chosenAlarm).toBe(2);
    expect(r.state.wall.selectedAlarm).toBe(2);
    // Down from the chosen one, in the new list.
    expect(reduce(r.state, press('ArrowDown'), T0 + 6).state.wall.selectedAlarm).toBe(3);
  });

  it('none: says there was no alarm to act on and takes the view as it is', () => {
    const s0 = reduce(start(), alarms(three), T0).state;
    const r = reduce(s0, outcome({ kind: 'none' }, view([shown(3, 'high')])), T0 + 1);
    expect(r.state.wall.toast).toEqual({ id: 1, message: { kind: 'no-alarm' }, at: T0 + 1 });
    expect(r.state.wall.selectedAlarm).toBe(3);
    expect(r.effects).toEqual([]);
  });
});

describe('alarm preset', () => {
  /** Rotation running on preset 1 (dwell 60 s), then critical alarm 7 at T0 + 5 s. */
  function entered(config = alarmConfig(DEFAULT_ROTATION)): { before: ControllerState; r: Reduced } {
    const before = reduce(start(config), alarms(view([shown(2, 'low')])), T0).state;
    const r = reduce(before, alarms(view([shown(7, 'critical', true, 'ubnd-tinh'), shown(2, 'low')])), T0 + 5000);
    return { before, r };
  }

  it('a new unacknowledged critical alarm takes the wall to the alarm preset and holds rotation', () => {
    const { before, r } = entered();
    expect(before.wall).toMatchObject({ preset: 1, alarm: null, rotation: { enabled: true, hold: 'none', nextSwitchAt: T0 + 60_000 } });
    expect(r.state.wall).toMatchObject({
      preset: 3,
      alarm: { id: 7, siteId: 'ubnd-tinh', since: T0 + 5000 },
      focus: null,
      selectedAlarm: 7,
      rotation: { available: true, enabled: true, hold: 'alarm', nextSwitchAt: null },
    });
    expect(r.state.presetBeforeAlarm).toBe(1);
    expect(r.state.deadlines).toMatchObject({ switchAt: null, alarmReturnAt: T0 + 5000 + TIMEOUT_MS });
    expect(nextDeadline(r.state)).toBe(T0 + 5000 + TIMEOUT_MS);
    expect(r.effects.filter((e) => e.type !== 'persist')).toEqual([
      { type: 'log', level: 'warn', message: 'critical alarm 7 at ubnd-tinh: alarm preset 3' },
      { type: 'audit', action: 'alarm-preset', fields: { alarm: 7, site: 'ubnd-tinh', preset: 3 } },
    ]);
    // Rotation does not move the alarm preset while it is held.
    expect(reduce(r.state, tick, T0 + 60_000).state.wall.preset).toBe(3);
  });

  it('of several new critical alarms in one view, the newest is shown', () => {
    const r = reduce(start(), alarms(view([shown(4), shown(9), shown(6)])), T0);
    expect(r.state.wall.alarm).toEqual({ id: 9, siteId: 'site-9', since: T0 });
    expect(r.state.wall.preset).toBe(3);
  });

  it('does not switch for an old, acknowledged or lower-priority alarm, nor without an alarm preset', () => {
    // Restored at start: what was already there is not news. 5 is the newest (shelved, not shown).
    const s0 = { state: start(alarmConfig(), view([shown(3)], { newestId: 5 })) };
    expect(s0.state.wall).toMatchObject({ preset: 1, alarm: null, selectedAlarm: 3 });
    expect(s0.state.deadlines.alarmReturnAt).toBeNull();
    const cases: AlarmView[] = [
      view([shown(3)], { newestId: 5 }),
      view([acked(6), shown(3)]),
      view([shown(6, 'high'), shown(3)]),
    ];
    for (const v of cases) {
      const r = reduce(s0.state, alarms(v), T0 + 1);
      expect(r.state.wall).toMatchObject({ preset: 1, alarm: null });
      expect(r.state.deadlines.alarmReturnAt).toBeNull();
      expect(audits(r.effects)).toEqual([]);
    }
    const noPreset = wallConfig(null);
    const missing = alarmConfig(null, { preset: 9 });
    for (const config of [noPreset, missing]) {
      const r = reduce(start(config), alarms(view([shown(1)])), T0);
      expect(r.state.wall).toMatchObject({ preset: 1, alarm: null });
      expect(r.effects).toEqual([]);
    }
  });

  it('a newer critical alarm takes the focus; the wall still returns to the preset from before the first', () => {
    const { r } = entered();
    const second = reduce(r.state, alarms(view([shown(8, 'critical', true, 'so-y-te'), shown(7, 'critical', true, 'ubnd-tinh'), shown(2, 'low')])), T0 + 20_000);
    expect(second.state.wall.alarm).toEqual({ id: 8, siteId: 'so-y-te', since: T0 + 20_000 });
    expect(second.state.presetBeforeAlarm).toBe(1);
    expect(second.state.deadlines.alarmReturnAt).toBe(T0 + 20_000 + TIMEOUT_MS);
  });

  it('when the focused alarm is acknowledged, another unacknowledged critical takes its place', () => {
    const s0 = reduce(start(), alarms(view([shown(7), shown(8)])), T0).state;
    expect(s0.wall.alarm?.id).toBe(8);
    const r = reduce(s0, outcome({ kind: 'acknowledged', count: 1 }, view([shown(7), acked(8)])), T0 + 10_000);
    expect(r.state.wall.alarm).toEqual({ id: 7, siteId: 'site-7', since: T0 + 10_000 });
    expect(r.state.wall.preset).toBe(3);
    // No hold return armed: the new focus waits for its own acknowledgement, up to its own timeout.
    expect(r.state.deadlines.alarmReturnAt).toBe(T0 + 10_000 + TIMEOUT_MS);
  });

  it('acknowledged and no other critical waiting: the wall returns after hold_s, and rotation resumes', () => {
    const { r } = entered();
    const ackAt = T0 + 50_000;
    const ack = reduce(r.state, outcome({ kind: 'acknowledged', count: 1 }, view([acked(7), shown(2, 'low')])), ackAt);
    // The low alarm still waiting does not keep the alarm preset.
    expect(ack.state.wall).toMatchObject({ preset: 3, alarm: { id: 7 } });
    expect(ack.state.deadlines.alarmReturnAt).toBe(ackAt + HOLD_MS);
    expect(nextDeadline(ack.state)).toBe(ackAt + HOLD_MS);
    const early = reduce(ack.state, tick, ackAt + HOLD_MS - 1);
    expect(early.state.wall).toBe(ack.state.wall);
    const back = reduce(early.state, tick, ackAt + HOLD_MS);
    expect(back.state.wall).toMatchObject({ preset: 1, alarm: null, rotation: { enabled: true, hold: 'none', nextSwitchAt: ackAt + HOLD_MS + 60_000 } });
    expect(back.state.presetBeforeAlarm).toBeNull();
    expect(back.state.deadlines).toMatchObject({ alarmReturnAt: null, switchAt: ackAt + HOLD_MS + 60_000 });
    // Preset 1 was what a restart would show throughout: the alarm preset is never saved.
    expect(back.effects).toEqual([]);
  });

  it('the focused alarm leaving the list (shelved, cleared) also starts the hold', () => {
    const { r } = entered(alarmConfig(null));
    const gone = reduce(r.state, alarms(view([shown(2, 'low')], { newestId: 7 })), T0 + 8000);
    expect(gone.state.deadlines.alarmReturnAt).toBe(T0 + 8000 + HOLD_MS);
    const back = reduce(gone.state, tick, T0 + 8000 + HOLD_MS);
    expect(back.state.wall).toMatchObject({ preset: 1, alarm: null, rotation: { enabled: false, hold: 'none', nextSwitchAt: null } });
    expect(back.state.deadlines.switchAt).toBeNull();
  });

  it('the hold never postpones an earlier timeout, and a later view does not restart the hold', () => {
    // Timeout 20 s: acknowledged 15 s in, the hold (30 s) would end after the timeout.
    const { r } = entered(alarmConfig(null, { preset: 3, hold_s: 30, timeout_s: 20 }));
    expect(r.state.deadlines.alarmReturnAt).toBe(T0 + 25_000);
    const ack = reduce(r.state, alarms(view([acked(7), shown(2, 'low')])), T0 + 20_000);
    expect(ack.state.deadlines.alarmReturnAt).toBe(T0 + 25_000);
    // Hold 30 s of the default config: a second view 10 s after the acknowledgement keeps the first hold.
    const { r: r2 } = entered(alarmConfig(null));
    const ack2 = reduce(r2.state, alarms(view([acked(7)], { newestId: 7 })), T0 + 10_000);
    const again = reduce(ack2.state, alarms(view([acked(7), shown(2, 'low')])), T0 + 20_000);
    expect(again.state.deadlines.alarmReturnAt).toBe(T0 + 10_000 + HOLD_MS);
  });

  it('an unacknowledged alarm gives the wall back after timeout_s, and does not take it again', () => {
    const { r } = entered();
    const back = reduce(r.state, tick, T0 + 5000 + TIMEOUT_MS);
    expect(back.state.wall).toMatchObject({ preset: 1, alarm: null, rotation: { hold: 'none', nextSwitchAt: T0 + 5000 + TIMEOUT_MS + 60_000 } });
    // The same alarm, still waiting, in the next view: not new, no jump.
    const later = reduce(back.state, alarms(view([shown(7, 'critical', true, 'ubnd-tinh'), shown(2, 'low')])), T0 + 5000 + TIMEOUT_MS + 1);
    expect(later.state.wall).toMatchObject({ preset: 1, alarm: null });
    expect(later.state.deadlines.alarmReturnAt).toBeNull();
  });

  it('a preset chosen by hand ends the alarm preset and stays (no return, no rotation)', () => {
    const { r } = entered();
    const hand = reduce(r.state, press('2', { ctrl: true }), T0 + 9000);
    expect(hand.state.wall).toMatchObject({ preset: 2, alarm: null, rotation: { enabled: true, hold: 'hand-preset', nextSwitchAt: null } });
    expect(hand.state.wall.toast?.message).toEqual({ kind: 'preset', preset: 2, name: { vi: 'Hai', en: 'Two' } });
    expect(hand.state.presetBeforeAlarm).toBeNull();
    expect(hand.state.deadlines).toMatchObject({ alarmReturnAt: null, switchAt: null });
    expect(audits(hand.effects)).toEqual([{ type: 'audit', action: 'preset', fields: { preset: 2, client: 'local' } }]);
    const after = run(hand.state, [
      [T0 + 10_000, outcome({ kind: 'acknowledged', count: 1 }, view([acked(7), shown(2, 'low')]))],
      [T0 + 10_000 + HOLD_MS, tick],
      [T0 + 5000 + TIMEOUT_MS, tick],
      [T0 + 3_600_000, tick],
    ]);
    expect(after[0]!.state.deadlines.alarmReturnAt).toBeNull();
    expect(last(after).state.wall).toMatchObject({ preset: 2, alarm: null, rotation: { hold: 'hand-preset' } });
  });

  it('a preset chosen by hand on a wall without rotation stays too', () => {
    const { r } = entered(alarmConfig(null));
    const hand = reduce(r.state, press('1', { ctrl: true }), T0 + 9000);
    expect(hand.state.wall).toMatchObject({ preset: 1, alarm: null, rotation: { enabled: false, hold: 'none' } });
    expect(reduce(hand.state, tick, T0 + 5000 + TIMEOUT_MS).state.wall.preset).toBe(1);
  });

  it('a flood never switches presets, not even when it is over', () => {
    const s0 = start(alarmConfig(DEFAULT_ROTATION));
    const [flood, over] = run(s0, [
      [T0 + 1000, alarms(view([shown(11), shown(12), shown(13)], { flood: true }))],
      [T0 + 2000, alarms(view([shown(11), shown(12), shown(13)], { flood: false }))],
    ]);
    for (const r of [flood!, over!]) {
      expect(r.state.wall).toMatchObject({ preset: 1, alarm: null, rotation: { hold: 'none' } });
      expect(r.state.deadlines.alarmReturnAt).toBeNull();
      expect(r.effects).toEqual([]);
    }
    expect(flood!.state.wall.selectedAlarm).toBe(11);
    // A new critical after the flood is news again.
    const next = reduce(over!.state, alarms(view([shown(14), shown(11), shown(12), shown(13)])), T0 + 3000);
    expect(next.state.wall).toMatchObject({ preset: 3, alarm: { id: 14 } });
  });

  /** Outage preset 2 after 60 s down, alarm preset 3, no rotation. */
  function outageAlarmConfig(): WallConfig {
    const c = outageWallConfig();
    c.profile.outage = { preset: 2, after_s: 60 };
    c.profile.alarm = { preset: 3, hold_s: 30, timeout_s: 600 };
    return c;
  }

  it('does not switch during an outage: the outage preset stays', () => {
    const down = reduce(start(outageAlarmConfig()), { type: 'link', link: { status: 'offline', since: T0 - 120_000 } }, T0);
    expect(down.state.wall).toMatchObject({ preset: 2, outage: { active: true } });
    const r = reduce(down.state, alarms(view([shown(5)])), T0 + 1000);
    expect(r.state.wall).toMatchObject({ preset: 2, alarm: null, rotation: { hold: 'outage' }, selectedAlarm: 5 });
    expect(r.state.deadlines.alarmReturnAt).toBeNull();
    expect(r.effects).toEqual([]);
  });

  it('an outage during the alarm preset takes over, and gives back the preset from before the alarm', () => {
    const s0 = reduce(start(outageAlarmConfig()), alarms(view([shown(5)])), T0).state;
    expect(s0.wall).toMatchObject({ preset: 3, alarm: { id: 5 } });
    const [down, up] = run(s0, [
      [T0 + 1000, { type: 'link', link: { status: 'offline', since: T0 - 120_000 } }],
      [T0 + 2000, { type: 'link', link: { status: 'connected', since: T0 + 2000 } }],
    ]);
    expect(down!.state.wall).toMatchObject({ preset: 2, alarm: null, outage: { active: true } });
    expect(down!.state.presetBeforeOutage).toBe(1);
    expect(down!.state.deadlines.alarmReturnAt).toBeNull();
    expect(up!.state.wall).toMatchObject({ preset: 1, alarm: null, outage: { active: false } });
  });

  it('a preset chosen by hand before the alarm is where the wall returns, still held by hand', () => {
    const s0 = start(alarmConfig(DEFAULT_ROTATION), view([], { newestId: 5 }));
    const steps = run(s0, [
      [T0 + 1000, press('2', { ctrl: true })],
      [T0 + 2000, alarms(view([shown(7)]))],
      [T0 + 3000, alarms(view([acked(7)]))],
      [T0 + 3000 + HOLD_MS, tick],
    ]);
    expect(steps[0]!.state.wall.rotation.hold).toBe('hand-preset');
    expect(steps[1]!.state.wall).toMatchObject({ preset: 3, rotation: { hold: 'alarm' } });
    expect(last(steps).state.wall).toMatchObject({ preset: 2, alarm: null, rotation: { enabled: true, hold: 'hand-preset', nextSwitchAt: null } });
    expect(last(steps).state.deadlines.switchAt).toBeNull();
    // A restart meanwhile would have come back on preset 2, never on the alarm preset.
    expect(steps.flatMap((st) => st.effects).filter((e) => e.type === 'persist')).toEqual([{ type: 'persist', state: { preset: 2, rotationEnabled: true, language: 'vi' } }]);
  });

  // Found by this suite: an older critical back from the shelf took the focus during the hold,
  // but the hold's return stayed armed and the wall left while it was unacknowledged.
  it('a critical alarm that takes the focus during the hold keeps the alarm preset past the hold', () => {
    const s0 = start(alarmConfig(), view([], { newestId: 5 }));
    const steps = run(s0, [
      [T0 + 1000, alarms(view([shown(7)]))],
      [T0 + 2000, alarms(view([acked(7)]))], // hold armed: T0 + 32 s
      [T0 + 3000, alarms(view([shown(4), acked(7)], { newestId: 7 }))], // 4 back from the shelf
      [T0 + 2000 + HOLD_MS, tick],
    ]);
    expect(steps[1]!.state.deadlines.alarmReturnAt).toBe(T0 + 2000 + HOLD_MS);
    expect(steps[2]!.state.wall.alarm).toEqual({ id: 4, siteId: 'site-4', since: T0 + 3000 });
    expect(last(steps).state.wall).toMatchObject({ preset: 3, alarm: { id: 4 } });
  });

  // Found by this suite: any key turned the 'alarm' hold into 'activity', and idle resume then
  // rotated the wall off the alarm preset with the critical alarm still unacknowledged.
  it('a key pressed during the alarm preset (e.g. moving the selection) keeps the alarm hold', () => {
    const { r } = entered();
    const down = reduce(r.state, press('ArrowDown'), T0 + 6000);
    expect(down.state.wall.rotation.hold).toBe('alarm');
    const later = run(down.state, [
      [T0 + 6000 + 120_000, tick], // idle resume would be due
      [T0 + 6000 + 180_000, tick], // and a dwell after it
    ]);
    expect(last(later).state.wall).toMatchObject({ preset: 3, alarm: { id: 7 }, rotation: { hold: 'alarm' } });
  });
});

describe('audit effects of wall actions', () => {
  it('audits preset choices, rotation toggles, lock, unlock and a failed unlock', () => {
    const s0 = start(alarmConfig(DEFAULT_ROTATION), undefined, true);
    const steps = run(s0, [
      [T0 + 1, press('2', { ctrl: true })],
      [T0 + 2, press('PageDown', { ctrl: true })],
      [T0 + 3, press('9', { ctrl: true })], // no preset 9: nothing to audit
      [T0 + 4, press(' ')],
      [T0 + 5, press(' ')],
      [T0 + 6, press('K', { ctrl: true, shift: true })],
      [T0 + 7, { type: 'unlock-verdict', verdict: 'wrong', client: 'c1' }],
      [T0 + 8, { type: 'unlock-verdict', verdict: 'unlocked', client: 'c2' }],
      [T0 + 9, { type: 'unlock-verdict', verdict: 'refused', client: 'c3' }], // unlocked already: ignored
    ]);
    expect(steps.map((r) => audits(r.effects))).toEqual([
      [{ type: 'audit', action: 'preset', fields: { preset: 2, client: 'local' } }],
      [{ type: 'audit', action: 'preset', fields: { preset: 3, client: 'local' } }],
      [],
      [{ type: 'audit', action: 'rotation', fields: { running: true, client: 'local' } }], // hand-preset → running
      [{ type: 'audit', action: 'rotation', fields: { running: false, client: 'local' } }],
      [{ type: 'audit', action: 'lock', fields: { client: 'local' } }],
      [{ type: 'audit', action: 'unlock-failed', fields: { client: 'c1', reason: 'wrong' } }],
      [{ type: 'audit', action: 'unlock', fields: { client: 'c2' } }],
      [],
    ]);
    expect(steps[6]!.effects).toContainEqual({ type: 'count-rejected', reason: 'unlock_wrong_pin' });
    expect(steps[7]!.state.wall.locked).toBe(false);
  });

  it('audits the outage coming and going with its preset', () => {
    const c = outageWallConfig();
    const [down, up] = run(start(c), [
      [T0, { type: 'link', link: { status: 'offline', since: T0 - 90_000 } }],
      [T0 + 5000, { type: 'link', link: { status: 'connected', since: T0 + 5000 } }],
    ]);
    expect(audits(down!.effects)).toEqual([{ type: 'audit', action: 'outage', fields: { active: true, since: T0 - 90_000, preset: 3 } }]);
    expect(audits(up!.effects)).toEqual([{ type: 'audit', action: 'outage', fields: { active: false, since: null, preset: 1 } }]);
  });
});

// ---- the driver ---------------------------------------------------------------------------------

interface DeskAlarm extends Shown {
  shelvedUntil: number | null;
}

/** An alarm desk in memory, listing in the core's order (priority, unacknowledged first, oldest first). */
class FakeDesk implements AlarmDeskPort {
  readonly list: DeskAlarm[] = [];
  readonly acknowledgeCalls: [number[], string][] = [];
  readonly shelveCalls: [number, string][] = [];

  add(a: Shown): this {
    this.list.push({ ...a, shelvedUntil: null });
    return this;
  }

  view(): AlarmView {
    const shownNow = this.list
      .filter((a) => a.shelvedUntil === null)
      .sort((a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || Number(b.unacknowledged) - Number(a.unacknowledged) || a.id - b.id)
      .map(({ id, unacknowledged, priority, siteId }) => ({ id, unacknowledged, priority, siteId }));
    return { shown: shownNow, newestId: Math.max(0, ...this.list.map((a) => a.id)), flood: false };
  }

  acknowledge(ids: readonly number[], client: string): number {
    this.acknowledgeCalls.push([[...ids], client]);
    let n = 0;
    for (const a of this.list) {
      if (ids.includes(a.id) && a.unacknowledged) {
        a.unacknowledged = false;
        n++;
      }
    }
    return n;
  }

  shelve(id: number, client: string): { until: number } | null {
    this.shelveCalls.push([id, client]);
    const a = this.list.find((x) => x.id === id && x.shelvedUntil === null);
    if (!a) return null;
    a.shelvedUntil = Date.now() + 3_600_000;
    return { until: a.shelvedUntil };
  }
}

describe('WallController with an alarm desk', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(T0));
  });
  afterEach(() => vi.useRealTimers());

  it('A acknowledges the selected alarm at the desk, then toasts the outcome; windows are told once per event', () => {
    const desk = new FakeDesk().add(shown(1, 'high')).add(shown(2, 'high'));
    const audit = vi.fn();
    const c = new WallController({ config: alarmConfig(DEFAULT_ROTATION), alarms: desk, audit });
    expect(c.get().selectedAlarm).toBe(1);
    const seen: WallState[] = [];
    c.subscribe((s) => seen.push(s));
    const rev = c.get().rev;

    expect(c.handleKey(key('a'), 'a')).toBe(true);
    expect(desk.acknowledgeCalls).toEqual([[[1], 'local']]);
    // Two events (the key, then its outcome), each told once and in order: the key's state first.
    expect(seen.map((s) => s.rev)).toEqual([rev + 1, rev + 2]);
    expect(seen[0]!.toast).toBeNull();
    expect(seen[0]!.rotation.hold).toBe('activity');
    expect(seen[1]!.toast).toMatchObject({ message: { kind: 'alarms-acknowledged', count: 1 }, at: T0 });
    expect(c.get().selectedAlarm).toBe(2);
    expect(audit).not.toHaveBeenCalled();

    // From a remote client: the desk is told who; once all are acknowledged, A acts on the first
    // shown and the desk acknowledges nothing: the outcome is "no alarm".
    c.command({ type: 'action', action: 'alarm-acknowledge', screen: 'a' }, 'viewer-3');
    expect(desk.acknowledgeCalls[1]).toEqual([[2], 'viewer-3']);
    c.command({ type: 'action', action: 'alarm-acknowledge', screen: 'a' }, 'viewer-3');
    expect(desk.acknowledgeCalls[2]).toEqual([[1], 'viewer-3']); // all acknowledged: the first shown
    expect(c.get().toast?.message).toEqual({ kind: 'no-alarm' });
    c.stop();
  });

  it('S shelves the selected alarm at the desk and toasts until when', () => {
    const desk = new FakeDesk().add(shown(1, 'high')).add(shown(2, 'low'));
    const c = new WallController({ config: alarmConfig(null), alarms: desk });
    const seen: WallState[] = [];
    c.subscribe((s) => seen.push(s));
    c.handleKey(key('ArrowDown'), 'a');
    expect(c.get().selectedAlarm).toBe(2);
    c.handleKey(key('s'), 'b');
    expect(desk.shelveCalls).toEqual([[2, 'local']]);
    expect(c.get().toast?.message).toEqual({ kind: 'alarm-shelved', id: 2, until: T0 + 3_600_000 });
    expect(c.get().selectedAlarm).toBe(1);
    // ArrowDown and the outcome changed the wall; the S key itself did not.
    expect(seen).toHaveLength(2);
    c.stop();
  });

  it('after the focused alarm is acknowledged, the timer gives the wall back after hold_s', () => {
    const desk = new FakeDesk().add(shown(1, 'low'));
    const audit = vi.fn();
    const c = new WallController({ config: alarmConfig(null), alarms: desk, audit });
    expect(c.get()).toMatchObject({ preset: 1, alarm: null });

    vi.advanceTimersByTime(1000);
    desk.add(shown(2, 'critical', true, 'ubnd-tinh'));
    c.noteAlarms(desk.view());
    expect(c.get()).toMatchObject({ preset: 3, alarm: { id: 2, siteId: 'ubnd-tinh', since: T0 + 1000 }, selectedAlarm: 2 });
    expect(audit).toHaveBeenCalledWith('alarm-preset', { alarm: 2, site: 'ubnd-tinh', preset: 3 });

    vi.advanceTimersByTime(4000);
    c.handleKey(key('a'), 'a');
    expect(desk.acknowledgeCalls).toEqual([[[2], 'local']]);
    expect(c.get()).toMatchObject({ preset: 3, alarm: { id: 2 }, selectedAlarm: 1 });

    vi.advanceTimersByTime(HOLD_MS - 1);
    expect(c.get().preset).toBe(3);
    vi.advanceTimersByTime(1);
    expect(c.get()).toMatchObject({ preset: 1, alarm: null, rotation: { hold: 'none' } });
    // Nothing left armed: the timeout does not switch anything later.
    vi.advanceTimersByTime(TIMEOUT_MS);
    expect(c.get().preset).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    c.stop();
  });

  it('H runs the report writer with who pressed it, and confirms its answer; without a writer it says it could not', async () => {
    const asked: string[] = [];
    let answer: { ok: true; entry: { pdf: string } } | { ok: false; reason: string } = { ok: true, entry: { pdf: 'r.pdf' } };
    const c = new WallController({ config: alarmConfig(null), reports: { writeNow: (client) => (asked.push(client), Promise.resolve(answer)) } });
    c.handleKey(key('h'), 'a');
    c.command({ type: 'action', action: 'write-report', screen: 'a' }, 'host:lead');
    expect(asked).toEqual(['local', 'host:lead']);
    await vi.waitFor(() => expect(c.get().toast?.id).toBe(2));
    expect(c.get().toast?.message).toEqual({ kind: 'report-written', file: 'r.pdf' });
    answer = { ok: false, reason: 'disk full' };
    c.handleKey(key('h'), 'a');
    await vi.waitFor(() => expect(c.get().toast?.message).toEqual({ kind: 'report-failed' }));
    c.stop();
    const none = new WallController({ config: alarmConfig(null) });
    none.handleKey(key('h'), 'a');
    expect(none.get().toast?.message).toEqual({ kind: 'report-failed' });
    none.stop();
  });

  it('without an alarm desk the alarm keys find no alarm', () => {
    const c = new WallController({ config: alarmConfig(null) });
    c.handleKey(key('a'), 'a');
    expect(c.get().toast?.message).toEqual({ kind: 'no-alarm' });
    c.handleKey(key('s'), 'a');
    expect(c.get().toast).toMatchObject({ id: 2, message: { kind: 'no-alarm' } });
    c.stop();
  });
});
