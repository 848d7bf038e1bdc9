import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPin } from '../../../electron/core/wall/pin.js';
import { WallController } from '../../../electron/core/wall/wall-controller.js';
import type { PersistedWallState } from '../../../electron/core/wall-core-api.js';
import { key, outageWallConfig, wallConfig as config } from '../../helpers/wall-config.js';

describe('WallController', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T03:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('rotates through the playlist with each entry’s dwell time', () => {
    const c = new WallController({ config: config() });
    expect(c.get().preset).toBe(1);
    expect(c.get().rotation).toMatchObject({ enabled: true, hold: 'none' });
    vi.advanceTimersByTime(59_999);
    expect(c.get().preset).toBe(1);
    vi.advanceTimersByTime(1);
    expect(c.get().preset).toBe(2);
    expect(c.get().toast?.message).toEqual({ kind: 'preset', preset: 2, name: { vi: 'Hai', en: 'Two' } });
    vi.advanceTimersByTime(30_000);
    expect(c.get().preset).toBe(3);
    vi.advanceTimersByTime(10_000);
    expect(c.get().preset).toBe(1);
    c.stop();
  });

  it('Space pauses and resumes rotation', () => {
    const c = new WallController({ config: config() });
    expect(c.handleKey(key(' '), 'a')).toBe(true);
    expect(c.get().rotation.enabled).toBe(false);
    expect(c.get().toast?.message).toEqual({ kind: 'rotation', running: false });
    vi.advanceTimersByTime(10 * 60_000);
    expect(c.get().preset).toBe(1);
    c.handleKey(key(' '), 'a');
    expect(c.get().rotation).toMatchObject({ enabled: true, hold: 'none' });
    vi.advanceTimersByTime(60_000);
    expect(c.get().preset).toBe(2);
    c.stop();
  });

  it('pauses itself while keys are pressed and resumes after the idle time', () => {
    const c = new WallController({ config: config() });
    vi.advanceTimersByTime(50_000);
    c.handleKey(key('?'), 'a');
    expect(c.get().rotation.hold).toBe('activity');
    vi.advanceTimersByTime(119_000);
    expect(c.get().preset).toBe(1);
    c.handleKey(key('Escape'), 'a'); // more activity: the idle clock restarts
    vi.advanceTimersByTime(119_000);
    expect(c.get().rotation.hold).toBe('activity');
    vi.advanceTimersByTime(1_000);
    expect(c.get().rotation.hold).toBe('none');
    vi.advanceTimersByTime(60_000);
    expect(c.get().preset).toBe(2);
    c.stop();
  });

  it('keeps a preset chosen by hand until the shift lead changes it', () => {
    const c = new WallController({ config: config() });
    c.handleKey(key('3', { ctrl: true }), 'b');
    expect(c.get().preset).toBe(3);
    expect(c.get().rotation.hold).toBe('hand-preset');
    vi.advanceTimersByTime(60 * 60_000);
    expect(c.get().preset).toBe(3);
    c.handleKey(key('PageDown', { ctrl: true }), 'a');
    expect(c.get().preset).toBe(1);
    c.handleKey(key('PageUp', { ctrl: true }), 'a');
    expect(c.get().preset).toBe(3);
    // Space resumes rotation from the chosen preset.
    c.handleKey(key(' '), 'a');
    vi.advanceTimersByTime(10_000);
    expect(c.get().preset).toBe(1);
    c.stop();
  });

  it('focuses the next panel of the screen where F was pressed, Esc goes back', () => {
    const c = new WallController({ config: config(null) });
    c.handleKey(key('f'), 'a');
    expect(c.get().focus).toEqual({ screen: 'a', panel: 0 });
    c.handleKey(key('f'), 'a');
    c.handleKey(key('f'), 'a');
    c.handleKey(key('f'), 'a');
    expect(c.get().focus).toEqual({ screen: 'a', panel: 0 }); // 3 panels: wraps
    c.handleKey(key('f'), 'b');
    expect(c.get().focus).toEqual({ screen: 'b', panel: 0 });
    c.handleKey(key('Escape'), 'b');
    // A header panel is skipped.
    const cfg = config(null);
    cfg.layouts.x!.panels[0]!.panel = 'header';
    c.applyConfig(cfg);
    c.handleKey(key('f'), 'a');
    expect(c.get().focus).toEqual({ screen: 'a', panel: 1 });
    c.handleKey(key('f'), 'b');
    c.handleKey(key('Escape'), 'b');
    expect(c.get().focus).toBeNull();
  });

  it('help and language toggle; unknown keys pass through', () => {
    const c = new WallController({ config: config(null) });
    c.handleKey(key('?', { shift: true }), 'a');
    expect(c.get().help).toBe(true);
    c.handleKey(key('Escape'), 'a');
    expect(c.get().help).toBe(false);
    c.handleKey(key('l'), 'a');
    expect(c.get().language).toBe('en');
    expect(c.handleKey(key('x'), 'a')).toBe(false);
  });

  it('locks with Ctrl+Shift+K and unlocks only with the PIN (checked asynchronously)', async () => {
    const c = new WallController({ config: config(null), pinHash: hashPin('2468') });
    c.handleKey(key('K', { ctrl: true, shift: true }), 'a');
    expect(c.get().locked).toBe(true);
    // Wall keys still work while locked.
    c.handleKey(key('2', { ctrl: true }), 'a');
    expect(c.get().preset).toBe(2);
    c.handleKey(key('K', { ctrl: true, shift: true }), 'b');
    expect(c.get().unlockPrompt).toBe('b');
    c.command({ type: 'unlock', pin: '0000', screen: 'b' });
    await vi.waitFor(() => expect(c.get().toast?.message.kind).toBe('unlock-failed'), { timeout: 5_000 });
    expect(c.get()).toMatchObject({ locked: true });
    // Escape cancels the prompt and is not treated as "unfocus".
    expect(c.handleKey(key('Escape'), 'b')).toBe(true);
    expect(c.get().unlockPrompt).toBeNull();
    c.handleKey(key('K', { ctrl: true, shift: true }), 'b');
    // The same client waits 1 s after its wrong PIN, then the right one unlocks.
    c.command({ type: 'unlock', pin: '2468', screen: 'b' });
    await vi.waitFor(() => expect(c.get()).toMatchObject({ locked: false, unlockPrompt: null }), { timeout: 5_000 });
  });

  it('counts failed unlocks per client: a guessing browser client does not slow the wall’s own keyboard', async () => {
    const refused: string[] = [];
    const c = new WallController({ config: config(null), pinHash: hashPin('2468'), countRejected: (r) => refused.push(r) });
    c.command({ type: 'action', action: 'toggle-lock', screen: 'a' });
    c.command({ type: 'unlock', pin: '1111', screen: 'a' }, 'host:127.0.0.1');
    await vi.waitFor(() => expect(c.get().toast?.message.kind).toBe('unlock-failed'), { timeout: 5_000 });
    expect(refused).toEqual(['unlock_wrong_pin']);
    const t0 = Date.now();
    c.command({ type: 'unlock', pin: '2468', screen: 'a' });
    await vi.waitFor(() => expect(c.get().locked).toBe(false), { timeout: 5_000 });
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('without a PIN configured, the lock says it is unavailable', () => {
    const c = new WallController({ config: config(null) });
    c.handleKey(key('K', { ctrl: true, shift: true }), 'a');
    expect(c.get().locked).toBe(false);
    expect(c.get().toast?.message.kind).toBe('lock-unavailable');
  });

  it('persists preset, rotation and language, and restores them', () => {
    let saved: PersistedWallState | null = null;
    const persistence = { load: () => saved, save: (s: PersistedWallState) => void (saved = s) };
    const c = new WallController({ config: config(), persistence });
    c.handleKey(key('3', { ctrl: true }), 'a');
    c.handleKey(key(' '), 'a'); // resume (hand-preset → running)
    c.handleKey(key(' '), 'a'); // pause
    c.handleKey(key('l'), 'a');
    c.stop();
    expect(saved).toEqual({ preset: 3, rotationEnabled: false, language: 'en' });
    const again = new WallController({ config: config(), persistence });
    expect(again.get()).toMatchObject({ preset: 3, language: 'en', rotation: { enabled: false } });
  });

  it('keeps the preset across a config change when it still exists, else falls back', () => {
    const c = new WallController({ config: config(null) });
    c.handleKey(key('3', { ctrl: true }), 'a');
    const cfg = config(null);
    c.applyConfig(cfg);
    expect(c.get().preset).toBe(3);
    delete cfg.profile.presets['3'];
    c.applyConfig({ ...cfg, rev: 2 });
    expect(c.get().preset).toBe(1);
  });

  it('keeps one timer, for the earliest deadline, whatever rotation, idle resume and the outage have armed', () => {
    const cfg = outageWallConfig();
    cfg.profile.rotation = { playlist: [{ preset: 1, dwell_s: 60 }, { preset: 2, dwell_s: 60 }], idle_resume_s: 30, autostart: true };
    const c = new WallController({ config: cfg });
    expect(vi.getTimerCount()).toBe(1);
    c.noteLink({ status: 'offline', since: Date.now() }); // outage at 60 s, switch at 60 s
    c.handleKey(key('F'), 'a'); // idle resume at 30 s instead of the switch
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(30_000);
    expect(c.get().rotation).toMatchObject({ hold: 'none', nextSwitchAt: Date.now() + 60_000 });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(30_000);
    expect(c.get()).toMatchObject({ preset: 3, outage: { active: true } });
    expect(vi.getTimerCount()).toBe(0); // rotation holds for the outage: nothing left to wait for
    c.stop();
  });

  it('a wall clock set back does not stretch the dwell: rotation keeps its cadence', () => {
    const c = new WallController({ config: config() });
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(60_000);
    expect(c.get().preset).toBe(2);
    vi.advanceTimersByTime(30_000);
    expect(c.get().preset).toBe(3);
    c.handleKey(key(' '), 'a'); // pause and resume: a full dwell from here
    c.handleKey(key(' '), 'a');
    vi.advanceTimersByTime(10_000);
    expect(c.get().preset).toBe(1);
    c.stop();
  });

  it('a wall clock set back does not delay the outage armed before it', () => {
    const cfg = outageWallConfig();
    cfg.profile.rotation = { playlist: [{ preset: 1, dwell_s: 20 }, { preset: 2, dwell_s: 20 }], idle_resume_s: 30, autostart: true };
    const c = new WallController({ config: cfg });
    c.noteLink({ status: 'offline', since: Date.now() }); // outage due in 60 s
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(5_000);
    c.handleKey(key('F'), 'a'); // re-arms the timer: from a clock an hour behind, the outage would wait an hour
    vi.advanceTimersByTime(54_999);
    expect(c.get().outage.active).toBe(false);
    // The wall's clock stood still for the 5 s between the set-back and the key: that late, no later.
    vi.advanceTimersByTime(5_001);
    expect(c.get()).toMatchObject({ preset: 3, outage: { active: true } });
    c.stop();
  });

  it('tells windows only when the state changed, and nothing after stop', () => {
    const c = new WallController({ config: config(null) });
    const seen: number[] = [];
    c.subscribe((s) => seen.push(s.rev));
    c.handleKey(key('Escape'), 'a'); // nothing to close
    c.command({ type: 'set-language', language: 'vi' });
    expect(seen).toEqual([]);
    c.handleKey(key('?'), 'a');
    expect(seen).toEqual([1]);
    c.stop();
    c.handleKey(key('?'), 'a');
    expect(seen).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  describe('outage preset', () => {
    const outageConfig = outageWallConfig;
    const T = () => Date.now();

    it('switches after the link has been down for after_s, and back when it returns', () => {
      const c = new WallController({ config: outageConfig() });
      c.handleKey(key('2', { ctrl: true }), 'a');
      const downAt = T();
      c.noteLink({ status: 'reconnecting', since: downAt });
      vi.advanceTimersByTime(59_000);
      c.noteLink({ status: 'reconnecting', since: downAt });
      expect(c.get().outage.active).toBe(false);
      vi.advanceTimersByTime(1_000);
      c.noteLink({ status: 'reconnecting', since: downAt });
      expect(c.get()).toMatchObject({ preset: 3, outage: { active: true, since: downAt } });
      expect(c.get().toast?.message).toEqual({ kind: 'outage', active: true });
      c.noteLink({ status: 'connected', since: T() });
      expect(c.get()).toMatchObject({ preset: 2, outage: { active: false, since: null } });
    });

    it('needs one announcement of the link going down: its own timer switches at after_s, and a changed after_s re-arms it', () => {
      const c = new WallController({ config: outageConfig() });
      c.handleKey(key('2', { ctrl: true }), 'a');
      c.noteLink({ status: 'reconnecting', since: T() });
      vi.advanceTimersByTime(59_999);
      expect(c.get().outage.active).toBe(false);
      vi.advanceTimersByTime(1);
      expect(c.get()).toMatchObject({ preset: 3, outage: { active: true } });
      const rev = c.get().rev;
      c.noteLink({ status: 'offline', since: T() }); // still down: nothing changes
      expect(c.get().rev).toBe(rev);
      c.noteLink({ status: 'connected', since: T() });
      expect(c.get()).toMatchObject({ preset: 2, outage: { active: false } });

      // Down again, and the profile now says 10 s: the pending switch comes at 10 s, not 60.
      c.noteLink({ status: 'reconnecting', since: T() });
      vi.advanceTimersByTime(5_000);
      const shorter = outageConfig();
      shorter.profile.outage = { preset: 3, after_s: 10 };
      c.applyConfig({ ...shorter, rev: 2 });
      vi.advanceTimersByTime(4_999);
      expect(c.get().outage.active).toBe(false);
      vi.advanceTimersByTime(1);
      expect(c.get().outage.active).toBe(true);
      // Back before the threshold: the timer is cancelled.
      c.noteLink({ status: 'connected', since: T() });
      c.noteLink({ status: 'reconnecting', since: T() });
      c.noteLink({ status: 'connected', since: T() });
      vi.advanceTimersByTime(120_000);
      expect(c.get().outage.active).toBe(false);
      c.stop();
    });

    it('stays on a preset the shift lead chose during the outage', () => {
      const c = new WallController({ config: outageConfig() });
      const downAt = T();
      vi.advanceTimersByTime(61_000);
      c.noteLink({ status: 'offline', since: downAt });
      expect(c.get().preset).toBe(3);
      c.handleKey(key('2', { ctrl: true }), 'a');
      c.noteLink({ status: 'connected', since: T() });
      expect(c.get()).toMatchObject({ preset: 2, outage: { active: false } });
    });

    it('rotation does not rotate away from the outage preset, and resumes after', () => {
      const cfg = outageConfig();
      cfg.profile.rotation = { playlist: [{ preset: 1, dwell_s: 10 }, { preset: 2, dwell_s: 10 }], idle_resume_s: 30, autostart: true };
      const c = new WallController({ config: cfg });
      const downAt = T();
      vi.advanceTimersByTime(5_000);
      vi.setSystemTime(downAt + 60_000);
      c.noteLink({ status: 'reconnecting', since: downAt });
      expect(c.get().preset).toBe(3);
      vi.advanceTimersByTime(120_000);
      expect(c.get().preset).toBe(3);
      c.noteLink({ status: 'connected', since: T() });
      expect(c.get().preset).toBe(1);
      vi.advanceTimersByTime(10_000);
      expect(c.get().preset).toBe(2);
      c.stop();
    });
  });
});
