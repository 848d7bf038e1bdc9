// The wall's state machine, owned by the main process: presets, rotation, focus, help,
// language, kiosk lock. A key pressed on any window lands here and every window renders
// the one resulting state.
import type {
  KeyPress,
  Language,
  LinkState,
  LayoutDef,
  RotationHold,
  ToastMessage,
  WallActionName,
  WallCommand,
  WallConfig,
  WallState,
} from '../../contract/index.js';
import type { PersistedWallState, WallStatePersistence } from '../wall-core-api.js';
import { Keymap } from './keymap.js';
import { PinGuard } from './pin-guard.js';
import type { WallLog } from '../log/wall-log.js';

export interface WallControllerOptions {
  config: WallConfig;
  language?: Language;
  persistence?: WallStatePersistence;
  pinHash?: string | null;
  now?: () => number;
  log?: WallLog;
  /** Counts a refused command by reason (shown in /metrics): `unlock_wrong_pin`, `unlock_refused`. */
  countRejected?: (reason: string) => void;
}

export class WallController {
  private state: WallState;
  private config: WallConfig;
  private keymap: Keymap;
  private readonly listeners = new Set<(s: WallState) => void>();
  private readonly now: () => number;
  private switchTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private playlistIndex = 0;
  private toastId = 0;
  /** Failed unlocks per client and their back-off; the scrypt check runs off the main thread. */
  private readonly pinGuard: PinGuard;
  /** Preset on screen when the outage preset took over, and whether a hand choice since overrides it. */
  private presetBeforeOutage: number | null = null;
  private handChoiceDuringOutage = false;
  /** The last link the ingest announced, and the timer that fires at its outage threshold. */
  private lastLink: Pick<LinkState, 'status' | 'since'> | null = null;
  private outageTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WallControllerOptions) {
    this.now = options.now ?? Date.now;
    this.config = options.config;
    this.keymap = new Keymap(options.config.keys);
    this.pinGuard = new PinGuard({ pinHash: options.pinHash ?? null, now: this.now });
    const saved = safeLoad(options.persistence, options.log);
    const presets = this.presetNumbers();
    const playlist = this.playlist();
    const preset = saved?.preset !== undefined && presets.includes(saved.preset) ? saved.preset : (playlist[0]?.preset ?? presets[0] ?? 1);
    const available = playlist.length >= 2;
    const enabled = available && (saved?.rotationEnabled ?? this.config.profile.rotation?.autostart ?? true);
    this.state = {
      rev: 0,
      language: saved?.language ?? options.language ?? 'vi',
      preset,
      rotation: { available, enabled, hold: 'none', nextSwitchAt: null },
      focus: null,
      help: false,
      locked: false,
      unlockPrompt: null,
      toast: null,
      outage: { active: false, since: null },
    };
    this.playlistIndex = Math.max(0, playlist.findIndex((e) => e.preset === preset));
    if (enabled) this.scheduleSwitch();
  }

  get(): WallState {
    return this.state;
  }

  subscribe(listener: (s: WallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private presetNumbers(): number[] {
    return Object.keys(this.config.profile.presets)
      .map(Number)
      .sort((a, b) => a - b);
  }

  private playlist(): { preset: number; dwell_s: number }[] {
    const presets = new Set(this.presetNumbers());
    return (this.config.profile.rotation?.playlist ?? []).filter((e) => presets.has(e.preset));
  }

  private presetName(n: number) {
    return this.config.profile.presets[String(n)]?.name ?? {};
  }

  /** The layout a screen shows in the current preset (for focus cycling). */
  private layoutOf(screen: string): LayoutDef | null {
    const a = this.config.profile.presets[String(this.state.preset)]?.screens[screen];
    if (a === undefined) return null;
    return this.config.layouts[typeof a === 'string' ? a : a.layout] ?? null;
  }

  private set(patch: Partial<WallState>, toast?: ToastMessage): void {
    const next: WallState = { ...this.state, ...patch, rev: this.state.rev + 1 };
    if (toast) next.toast = { id: ++this.toastId, message: toast, at: this.now() };
    const persistedBefore = persisted(this.state);
    this.state = next;
    const persistedAfter = persisted(next);
    if (JSON.stringify(persistedBefore) !== JSON.stringify(persistedAfter)) {
      try {
        this.options.persistence?.save(persistedAfter);
      } catch (err) {
        this.options.log?.('warn', `could not save the wall state: ${(err as Error).message}`);
      }
    }
    for (const l of this.listeners) l(next);
  }

  private rotationPatch(enabled: boolean, hold: RotationHold, nextSwitchAt: number | null): Pick<WallState, 'rotation'> {
    return { rotation: { available: this.state.rotation.available, enabled, hold, nextSwitchAt } };
  }

  // ---- rotation -------------------------------------------------------------

  private clearTimers(): void {
    if (this.switchTimer) clearTimeout(this.switchTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.switchTimer = null;
    this.idleTimer = null;
  }

  /** Schedules the next automatic switch after the dwell of the current playlist entry. */
  private scheduleSwitch(): void {
    if (this.switchTimer) clearTimeout(this.switchTimer);
    const entry = this.playlist()[this.playlistIndex];
    if (!entry) return;
    const at = this.now() + entry.dwell_s * 1000;
    this.switchTimer = setTimeout(() => this.advanceRotation(), entry.dwell_s * 1000);
    this.switchTimer.unref?.();
    this.set(this.rotationPatch(true, 'none', at));
  }

  private advanceRotation(): void {
    this.switchTimer = null;
    const playlist = this.playlist();
    if (playlist.length < 2 || !this.state.rotation.enabled || this.state.rotation.hold !== 'none') return;
    this.playlistIndex = (this.playlistIndex + 1) % playlist.length;
    const preset = playlist[this.playlistIndex]!.preset;
    this.set({ preset, focus: null }, { kind: 'preset', preset, name: this.presetName(preset) });
    this.scheduleSwitch();
  }

  /** A shift lead is pressing keys: hold rotation until they have been idle for a while. */
  private noteActivity(): void {
    const r = this.state.rotation;
    if (!r.enabled || r.hold === 'hand-preset' || r.hold === 'outage') return;
    if (this.switchTimer) clearTimeout(this.switchTimer);
    this.switchTimer = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const idleMs = (this.config.profile.rotation?.idle_resume_s ?? 120) * 1000;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.state.rotation.enabled && this.state.rotation.hold === 'activity') this.scheduleSwitch();
    }, idleMs);
    this.idleTimer.unref?.();
    if (r.hold !== 'activity') this.set(this.rotationPatch(true, 'activity', null));
  }

  // ---- commands -------------------------------------------------------------

  /** Returns true when the key is a wall key. */
  handleKey(press: KeyPress, screen: string): boolean {
    // While the PIN prompt is open, Escape cancels it; other keys belong to the prompt.
    if (this.state.unlockPrompt !== null) {
      if (press.key === 'Escape' || press.key === 'Esc') {
        this.command({ type: 'cancel-unlock' });
        return true;
      }
      return false;
    }
    const action = this.keymap.actionFor(press);
    if (!action) return false;
    this.runAction(action, screen);
    return true;
  }

  /** `client`: who sent it (PIN failures are counted per client). */
  command(command: WallCommand, client = 'local'): void {
    switch (command.type) {
      case 'toggle-language':
        this.runAction('toggle-language', '');
        return;
      case 'set-language':
        if (command.language !== this.state.language) this.set({ language: command.language }, { kind: 'language' });
        return;
      case 'key':
        this.handleKey(command.key, command.screen);
        return;
      case 'action':
        this.runAction(command.action, command.screen);
        return;
      case 'unlock':
        this.unlock(command.pin, client);
        return;
      case 'cancel-unlock':
        if (this.state.unlockPrompt !== null) this.set({ unlockPrompt: null });
        return;
    }
  }

  private runAction(action: WallActionName, screen: string): void {
    if (action !== 'toggle-rotation') this.noteActivity();
    if (action.startsWith('preset:')) {
      this.choosePreset(Number(action.slice(7)));
      return;
    }
    switch (action) {
      case 'next-preset':
      case 'previous-preset': {
        const presets = this.presetNumbers();
        const i = presets.indexOf(this.state.preset);
        const step = action === 'next-preset' ? 1 : -1;
        this.choosePreset(presets[(i + step + presets.length) % presets.length]!);
        return;
      }
      case 'toggle-rotation':
        this.toggleRotation();
        return;
      case 'focus-next': {
        // The header is chrome, not content: F cycles through the other panels.
        const focusable = (this.layoutOf(screen)?.panels ?? []).flatMap((p, i) => (p.panel === 'header' ? [] : [i]));
        if (focusable.length === 0) return;
        const current = this.state.focus?.screen === screen ? focusable.indexOf(this.state.focus.panel) : -1;
        this.set({ focus: { screen, panel: focusable[(current + 1) % focusable.length]! }, help: false });
        return;
      }
      case 'unfocus':
        if (this.state.help) this.set({ help: false });
        else if (this.state.focus) this.set({ focus: null });
        return;
      case 'toggle-help':
        this.set({ help: !this.state.help });
        return;
      case 'toggle-language':
        this.set({ language: this.state.language === 'vi' ? 'en' : 'vi' }, { kind: 'language' });
        return;
      case 'toggle-lock':
        if (this.state.locked) this.set({ unlockPrompt: screen || (this.config.profile.screens[0]?.id ?? '') });
        else if (!this.options.pinHash) this.set({}, { kind: 'lock-unavailable' });
        else this.set({ locked: true }, { kind: 'locked' });
        return;
    }
  }

  /**
   * The broker link, announced by the ingest on every change. After the link has been down
   * for the profile's `outage.after_s` (one timer, armed at the change), the wall goes to the
   * outage preset; when it returns, back to the preset it showed, unless a shift lead chose one
   * meanwhile. Announcing the same link again changes nothing.
   */
  noteLink(link: Pick<LinkState, 'status' | 'since'>): void {
    this.lastLink = { status: link.status, since: link.since };
    if (this.outageTimer) clearTimeout(this.outageTimer);
    this.outageTimer = null;
    if (link.status === 'connected') {
      if (this.state.outage.active) this.leaveOutage();
      return;
    }
    if (this.state.outage.active) return;
    const wait = link.since + (this.config.profile.outage?.after_s ?? 60) * 1000 - this.now();
    if (wait <= 0) return this.enterOutage(link.since);
    this.outageTimer = setTimeout(() => {
      this.outageTimer = null;
      this.enterOutage(link.since);
    }, wait);
    this.outageTimer.unref?.();
  }

  private enterOutage(since: number): void {
    const outage = this.config.profile.outage;
    this.presetBeforeOutage = this.state.preset;
    this.handChoiceDuringOutage = false;
    const target = outage && this.config.profile.presets[String(outage.preset)] ? outage.preset : null;
    if (this.switchTimer) clearTimeout(this.switchTimer);
    this.switchTimer = null;
    this.set(
      {
        outage: { active: true, since },
        ...(target !== null ? { preset: target, focus: null, rotation: { ...this.state.rotation, hold: 'outage', nextSwitchAt: null } } : {}),
      },
      { kind: 'outage', active: true },
    );
    this.options.log?.('warn', `broker link down since ${new Date(since).toISOString()}: outage mode${target !== null ? ` (preset ${target})` : ''}`);
  }

  private leaveOutage(): void {
    const outage = this.config.profile.outage;
    const back = outage && !this.handChoiceDuringOutage && this.presetBeforeOutage !== null ? this.presetBeforeOutage : null;
    const hold = this.state.rotation.hold === 'outage' ? 'none' : this.state.rotation.hold;
    this.set(
      {
        outage: { active: false, since: null },
        ...(back !== null ? { preset: back, focus: null } : {}),
        rotation: { ...this.state.rotation, hold, nextSwitchAt: null },
      },
      { kind: 'outage', active: false },
    );
    this.options.log?.('info', 'broker link back: outage mode ended');
    this.presetBeforeOutage = null;
    if (this.state.rotation.enabled && hold === 'none') this.scheduleSwitch();
  }

  /** A preset chosen by hand is kept until the shift lead changes it (or resumes rotation). */
  private choosePreset(preset: number): void {
    if (!this.config.profile.presets[String(preset)]) return;
    if (this.state.outage.active) this.handChoiceDuringOutage = true;
    if (this.switchTimer) clearTimeout(this.switchTimer);
    this.switchTimer = null;
    const r = this.state.rotation;
    const i = this.playlist().findIndex((e) => e.preset === preset);
    if (i >= 0) this.playlistIndex = i;
    this.set(
      { preset, focus: null, ...(r.enabled ? this.rotationPatch(true, 'hand-preset', null) : {}) },
      { kind: 'preset', preset, name: this.presetName(preset) },
    );
  }

  private toggleRotation(): void {
    const r = this.state.rotation;
    if (!r.available) return;
    this.clearTimers();
    if (r.enabled && r.hold !== 'hand-preset') {
      this.set(this.rotationPatch(false, 'none', null), { kind: 'rotation', running: false });
    } else {
      this.set(this.rotationPatch(true, 'none', null), { kind: 'rotation', running: true });
      this.scheduleSwitch();
    }
  }

  private unlock(pin: string, client: string): void {
    if (!this.state.locked) return;
    void this.pinGuard.attempt(pin, client).then((verdict) => {
      if (!this.state.locked) return;
      if (verdict !== 'unlocked') {
        this.options.countRejected?.(verdict === 'wrong' ? 'unlock_wrong_pin' : 'unlock_refused');
        this.options.log?.('warn', verdict === 'wrong' ? 'kiosk unlock refused: wrong PIN' : 'kiosk unlock refused: too many wrong PINs, try again later');
        this.set({}, { kind: 'unlock-failed' });
        return;
      }
      this.set({ locked: false, unlockPrompt: null }, { kind: 'unlocked' });
    });
  }

  /** A new valid configuration: keep the preset if it still exists, refresh keys and rotation. */
  applyConfig(config: WallConfig): void {
    this.config = config;
    this.keymap = new Keymap(config.keys);
    const presets = this.presetNumbers();
    const playlist = this.playlist();
    const available = playlist.length >= 2;
    const preset = presets.includes(this.state.preset) ? this.state.preset : (presets[0] ?? 1);
    const enabled = available && this.state.rotation.enabled;
    this.playlistIndex = Math.min(this.playlistIndex, Math.max(0, playlist.length - 1));
    this.set({
      preset,
      focus: this.state.focus && this.layoutOf(this.state.focus.screen) ? this.state.focus : null,
      rotation: { ...this.state.rotation, available, enabled, nextSwitchAt: enabled ? this.state.rotation.nextSwitchAt : null },
    });
    if (!enabled) this.clearTimers();
    else if (this.state.rotation.hold === 'none' && !this.switchTimer) this.scheduleSwitch();
    // The outage threshold may have changed: re-arm it for the link as it is.
    if (this.lastLink) this.noteLink(this.lastLink);
  }

  stop(): void {
    this.clearTimers();
    if (this.outageTimer) clearTimeout(this.outageTimer);
    this.outageTimer = null;
  }
}

function persisted(s: WallState): PersistedWallState {
  return { preset: s.preset, rotationEnabled: s.rotation.enabled, language: s.language };
}

function safeLoad(p: WallStatePersistence | undefined, log: WallControllerOptions['log']): Partial<PersistedWallState> | null {
  try {
    return p?.load() ?? null;
  } catch (err) {
    log?.('warn', `could not read the saved wall state, starting fresh: ${(err as Error).message}`);
    return null;
  }
}
