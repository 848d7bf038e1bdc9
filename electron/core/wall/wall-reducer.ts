// The wall's state machine as one pure function: reduce(state, event, now) → { state, effects }.
// Presets, rotation, idle resume, focus, help, language, kiosk lock and the outage preset are
// decided here and nowhere else. Time enters only as `now`, timers only as deadlines in the
// state (the driver arms one timer for the earliest and sends `tick`), and everything with a
// side effect (saving, logging, counting, checking a PIN) leaves as an effect for the driver.
import type {
  KeyPress,
  Language,
  LayoutDef,
  LinkState,
  RotationHold,
  ToastMessage,
  WallActionName,
  WallCommand,
  WallConfig,
  WallState,
} from '../../contract/index.js';
import type { PersistedWallState } from '../wall-core-api.js';
import type { AlarmView } from '../alarms/alarm-book.js';
import type { LogLevel } from '../log/wall-log.js';
import { Keymap } from './keymap.js';
import type { UnlockVerdict } from './pin-guard.js';

export type LinkChange = Pick<LinkState, 'status' | 'since'>;

/** Epoch-ms deadlines; null: not armed. */
export interface WallDeadlines {
  /** Rotation moves to the next playlist entry. */
  readonly switchAt: number | null;
  /** A shift lead has been idle long enough: rotation resumes. */
  readonly idleAt: number | null;
  /** The broker link has been down for the profile's outage threshold. */
  readonly outageAt: number | null;
  /** The alarm preset gives the wall back (acknowledged + hold, or its timeout). */
  readonly alarmReturnAt: number | null;
  /** Sound comes back after M. */
  readonly unmuteAt: number | null;
}

export interface ControllerState {
  /** What every window renders. */
  readonly wall: WallState;
  readonly config: WallConfig;
  readonly keymap: Keymap;
  /** A kiosk PIN is configured (without one the lock is refused). */
  readonly lockAvailable: boolean;
  readonly playlistIndex: number;
  readonly toastId: number;
  /** Preset on screen when the outage preset took over, and whether a hand choice since overrides it. */
  readonly presetBeforeOutage: number | null;
  readonly handChoiceDuringOutage: boolean;
  /** The last link the ingest announced (re-examined when the configuration changes). */
  readonly lastLink: LinkChange | null;
  readonly deadlines: WallDeadlines;
  /** The alarms as the core last announced them (shown list in order, newest id). */
  readonly alarms: AlarmView;
  /** The shift lead moved the selection to this alarm (null: the default one). */
  readonly chosenAlarm: number | null;
  /** Preset on screen when the alarm preset took over, and the rotation hold it had then. */
  readonly presetBeforeAlarm: number | null;
  readonly holdBeforeAlarm: RotationHold;
}

export type ControllerEvent =
  | { readonly type: 'key'; readonly press: KeyPress; readonly screen: string }
  /** `client`: who sent it (PIN failures are counted per client). */
  | { readonly type: 'command'; readonly command: WallCommand; readonly client: string }
  | { readonly type: 'link'; readonly link: LinkChange }
  | { readonly type: 'config'; readonly config: WallConfig }
  /** The answer to a `verify-pin` effect. */
  | { readonly type: 'unlock-verdict'; readonly verdict: UnlockVerdict; readonly client: string }
  /** The core's alarms changed (raised, acknowledged, shelved, cleared). */
  | { readonly type: 'alarms'; readonly view: AlarmView }
  /** What the core did with an `alarm-acknowledge` or `alarm-shelve` effect. */
  | { readonly type: 'alarm-outcome'; readonly outcome: AlarmOutcome; readonly view: AlarmView }
  /** What the core did with a `write-report` effect. */
  | { readonly type: 'report-outcome'; readonly file: string | null }
  /** The earliest deadline may have passed. */
  | { readonly type: 'tick' };

export type AlarmOutcome = { readonly kind: 'acknowledged'; readonly count: number } | { readonly kind: 'shelved'; readonly id: number; readonly until: number } | { readonly kind: 'none' };

export type ControllerEffect =
  | { readonly type: 'persist'; readonly state: PersistedWallState }
  | { readonly type: 'verify-pin'; readonly pin: string; readonly client: string }
  | { readonly type: 'count-rejected'; readonly reason: 'unlock_wrong_pin' | 'unlock_refused' }
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string }
  /** Acknowledge these alarms / shelve this one (the core decides, records and answers with `alarm-outcome`). */
  | { readonly type: 'alarm-acknowledge'; readonly ids: readonly number[]; readonly client: string }
  | { readonly type: 'alarm-shelve'; readonly id: number; readonly client: string }
  /** Write the hand-over report now (the core answers with `report-outcome`). */
  | { readonly type: 'write-report'; readonly client: string }
  /** A wall action for the audit log. */
  | { readonly type: 'audit'; readonly action: string; readonly fields: Readonly<Record<string, string | number | boolean | null>> };

export interface Reduced {
  readonly state: ControllerState;
  readonly effects: readonly ControllerEffect[];
}

export interface InitialOptions {
  config: WallConfig;
  /** What the last run saved (already validated as readable; unknown presets are ignored). */
  saved: Partial<PersistedWallState> | null;
  /** Language when nothing was saved (default Vietnamese). */
  language?: Language;
  lockAvailable: boolean;
  /** The alarms at start (restored from the journal). */
  alarms?: AlarmView;
}

const NO_DEADLINES: WallDeadlines = { switchAt: null, idleAt: null, outageAt: null, alarmReturnAt: null, unmuteAt: null };
export const NO_ALARMS: AlarmView = { shown: [], newestId: 0, flood: false };
/** M mutes the sound this long. */
export const MUTE_MS = 5 * 60_000;

/** The state a wall starts in: the saved preset and rotation if they still exist. */
export function initialControllerState(o: InitialOptions, now: number): ControllerState {
  const presets = presetNumbers(o.config);
  const list = playlist(o.config);
  const preset = o.saved?.preset !== undefined && presets.includes(o.saved.preset) ? o.saved.preset : (list[0]?.preset ?? presets[0] ?? 1);
  const available = list.length >= 2;
  const enabled = available && (o.saved?.rotationEnabled ?? o.config.profile.rotation?.autostart ?? true);
  const draft = new Draft(
    {
      wall: {
        rev: 0,
        language: o.saved?.language ?? o.language ?? 'vi',
        preset,
        rotation: { available, enabled, hold: 'none', nextSwitchAt: null },
        focus: null,
        help: false,
        locked: false,
        unlockPrompt: null,
        toast: null,
        outage: { active: false, since: null },
        selectedAlarm: null,
        mutedUntil: null,
        alarm: null,
      },
      config: o.config,
      keymap: new Keymap(o.config.keys),
      lockAvailable: o.lockAvailable,
      playlistIndex: Math.max(0, list.findIndex((e) => e.preset === preset)),
      toastId: 0,
      presetBeforeOutage: null,
      handChoiceDuringOutage: false,
      lastLink: null,
      deadlines: NO_DEADLINES,
      alarms: o.alarms ?? NO_ALARMS,
      chosenAlarm: null,
      presetBeforeAlarm: null,
      holdBeforeAlarm: 'none',
    },
    now,
  );
  if (enabled) draft.scheduleSwitch();
  draft.selectAlarm();
  return draft.finish().state;
}

export function reduce(state: ControllerState, event: ControllerEvent, now: number): Reduced {
  const d = new Draft(state, now);
  switch (event.type) {
    case 'key':
      d.key(event.press, event.screen, 'local');
      break;
    case 'command':
      d.command(event.command, event.client);
      break;
    case 'link':
      d.link(event.link);
      break;
    case 'config':
      d.applyConfig(event.config);
      break;
    case 'unlock-verdict':
      d.unlockVerdict(event.verdict, event.client);
      break;
    case 'alarms':
      d.alarmsChanged(event.view);
      break;
    case 'alarm-outcome':
      d.alarmOutcome(event.outcome, event.view);
      break;
    case 'report-outcome':
      d.reportOutcome(event.file);
      break;
    case 'tick':
      d.tick();
      break;
  }
  return d.finish();
}

/** Whether a key press is the wall's (the hosts let other keys through to the page). */
export function claimsKey(state: ControllerState, press: KeyPress): boolean {
  // While the PIN prompt is open, Escape cancels it; other keys belong to the prompt.
  if (state.wall.unlockPrompt !== null) return press.key === 'Escape' || press.key === 'Esc';
  return state.keymap.actionFor(press) !== null;
}

/** The earliest armed deadline: the one timer the driver keeps. */
export function nextDeadline(state: ControllerState): number | null {
  let next: number | null = null;
  for (const at of Object.values(state.deadlines) as (number | null)[]) {
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}

/** What survives a restart: the preset the wall shows by choice, not one an alarm or an outage put up. */
export function persistedOf(s: Pick<ControllerState, 'wall' | 'presetBeforeAlarm' | 'presetBeforeOutage' | 'handChoiceDuringOutage'>): PersistedWallState {
  const w = s.wall;
  const byOutage = w.outage.active && !s.handChoiceDuringOutage && s.presetBeforeOutage !== null;
  const preset = w.alarm !== null && s.presetBeforeAlarm !== null ? s.presetBeforeAlarm : byOutage ? s.presetBeforeOutage! : w.preset;
  return { preset, rotationEnabled: w.rotation.enabled, language: w.language };
}

function presetNumbers(config: WallConfig): number[] {
  return Object.keys(config.profile.presets)
    .map(Number)
    .sort((a, b) => a - b);
}

function playlist(config: WallConfig): { preset: number; dwell_s: number }[] {
  const presets = new Set(presetNumbers(config));
  return (config.profile.rotation?.playlist ?? []).filter((e) => presets.has(e.preset));
}

/**
 * One event's work on a private copy: the steps read like the imperative rules they are, and
 * `finish` hands back a new state (one `rev` per event that changed what windows show) and
 * the effects. The input state is never touched.
 */
class Draft {
  private s: { -readonly [K in keyof ControllerState]: ControllerState[K] };
  private wall: WallState;
  private readonly effects: ControllerEffect[] = [];

  constructor(
    private readonly before: ControllerState,
    private readonly now: number,
  ) {
    this.s = { ...before };
    this.wall = before.wall;
  }

  finish(): Reduced {
    const changed = this.wall !== this.before.wall;
    const wall = changed ? { ...this.wall, rev: this.before.wall.rev + 1 } : this.before.wall;
    const saveBefore = persistedOf(this.before);
    const saveAfter = persistedOf({ ...this.s, wall });
    if (saveBefore.preset !== saveAfter.preset || saveBefore.rotationEnabled !== saveAfter.rotationEnabled || saveBefore.language !== saveAfter.language) {
      this.effects.push({ type: 'persist', state: saveAfter });
    }
    return { state: { ...this.s, wall }, effects: this.effects };
  }

  // ---- small helpers ----------------------------------------------------------

  private set(patch: Partial<WallState>, toast?: ToastMessage): void {
    this.wall = { ...this.wall, ...patch };
    if (toast) {
      this.s.toastId += 1;
      this.wall.toast = { id: this.s.toastId, message: toast, at: this.now };
    }
  }

  private deadlines(patch: Partial<WallDeadlines>): void {
    this.s.deadlines = { ...this.s.deadlines, ...patch };
  }

  private log(level: LogLevel, message: string): void {
    this.effects.push({ type: 'log', level, message });
  }

  private rotation(enabled: boolean, hold: RotationHold, nextSwitchAt: number | null): Pick<WallState, 'rotation'> {
    return { rotation: { available: this.wall.rotation.available, enabled, hold, nextSwitchAt } };
  }

  private presetName(n: number) {
    return this.s.config.profile.presets[String(n)]?.name ?? {};
  }

  /** The layout a screen shows in the current preset (for focus cycling). */
  private layoutOf(screen: string): LayoutDef | null {
    const a = this.s.config.profile.presets[String(this.wall.preset)]?.screens[screen];
    if (a === undefined) return null;
    return this.s.config.layouts[typeof a === 'string' ? a : a.layout] ?? null;
  }

  // ---- rotation -----------------------------------------------------------------

  /** Arms the next automatic switch after the dwell of the current playlist entry. */
  scheduleSwitch(): void {
    const entry = playlist(this.s.config)[this.s.playlistIndex];
    if (!entry) {
      this.deadlines({ switchAt: null });
      return;
    }
    const at = this.now + entry.dwell_s * 1000;
    this.deadlines({ switchAt: at });
    this.set(this.rotation(true, 'none', at));
  }

  private advanceRotation(): void {
    this.deadlines({ switchAt: null });
    const list = playlist(this.s.config);
    if (list.length < 2 || !this.wall.rotation.enabled || this.wall.rotation.hold !== 'none') return;
    this.s.playlistIndex = (this.s.playlistIndex + 1) % list.length;
    const preset = list[this.s.playlistIndex]!.preset;
    this.set({ preset, focus: null }, { kind: 'preset', preset, name: this.presetName(preset) });
    this.scheduleSwitch();
  }

  /** A shift lead is pressing keys: hold rotation until they have been idle for a while. */
  private noteActivity(): void {
    const r = this.wall.rotation;
    // Held by a hand choice, an outage or an alarm: a key press does not turn that into an idle wait.
    if (!r.enabled || r.hold === 'hand-preset' || r.hold === 'outage' || r.hold === 'alarm') return;
    const idleMs = (this.s.config.profile.rotation?.idle_resume_s ?? 120) * 1000;
    this.deadlines({ switchAt: null, idleAt: this.now + idleMs });
    if (r.hold !== 'activity') this.set(this.rotation(true, 'activity', null));
  }

  private idleOver(): void {
    this.deadlines({ idleAt: null });
    if (this.wall.rotation.enabled && this.wall.rotation.hold === 'activity') this.scheduleSwitch();
  }

  /** A preset chosen by hand is kept until the shift lead changes it (or resumes rotation). */
  /** True when the preset exists (and is now on screen). */
  private choosePreset(preset: number): boolean {
    if (!this.s.config.profile.presets[String(preset)]) return false;
    if (this.wall.outage.active) this.s.handChoiceDuringOutage = true;
    // The shift lead takes the wall back from the alarm preset: it stays where they put it.
    this.leaveAlarm(false);
    this.deadlines({ switchAt: null });
    const i = playlist(this.s.config).findIndex((e) => e.preset === preset);
    if (i >= 0) this.s.playlistIndex = i;
    this.set(
      { preset, focus: null, ...(this.wall.rotation.enabled ? this.rotation(true, 'hand-preset', null) : {}) },
      { kind: 'preset', preset, name: this.presetName(preset) },
    );
    return true;
  }

  /** True when there is a rotation to toggle. */
  private toggleRotation(): boolean {
    const r = this.wall.rotation;
    if (!r.available) return false;
    this.deadlines({ switchAt: null, idleAt: null });
    if (r.enabled && r.hold !== 'hand-preset') {
      this.set(this.rotation(false, 'none', null), { kind: 'rotation', running: false });
    } else {
      this.set(this.rotation(true, 'none', null), { kind: 'rotation', running: true });
      this.scheduleSwitch();
    }
    return true;
  }

  // ---- keys and commands -----------------------------------------------------------

  key(press: KeyPress, screen: string, client: string): void {
    if (!claimsKey({ ...this.s, wall: this.wall }, press)) return;
    if (this.wall.unlockPrompt !== null) {
      this.set({ unlockPrompt: null });
      return;
    }
    this.action(this.s.keymap.actionFor(press)!, screen, client);
  }

  command(command: WallCommand, client: string): void {
    switch (command.type) {
      case 'toggle-language':
        this.action('toggle-language', '', client);
        return;
      case 'set-language':
        if (command.language !== this.wall.language) this.set({ language: command.language }, { kind: 'language' });
        return;
      case 'key':
        this.key(command.key, command.screen, client);
        return;
      case 'action':
        this.action(command.action, command.screen, client);
        return;
      case 'unlock':
        // The PIN is checked off the main thread; its verdict comes back as an event.
        if (this.wall.locked) this.effects.push({ type: 'verify-pin', pin: command.pin, client });
        return;
      case 'cancel-unlock':
        if (this.wall.unlockPrompt !== null) this.set({ unlockPrompt: null });
        return;
    }
  }

  private action(action: WallActionName, screen: string, client: string): void {
    if (action !== 'toggle-rotation') this.noteActivity();
    if (action.startsWith('preset:')) {
      if (this.choosePreset(Number(action.slice(7)))) this.audit('preset', { preset: this.wall.preset, client });
      return;
    }
    switch (action) {
      case 'next-preset':
      case 'previous-preset': {
        const presets = presetNumbers(this.s.config);
        const i = presets.indexOf(this.wall.preset);
        const step = action === 'next-preset' ? 1 : -1;
        if (this.choosePreset(presets[(i + step + presets.length) % presets.length]!)) this.audit('preset', { preset: this.wall.preset, client });
        return;
      }
      case 'toggle-rotation':
        if (this.toggleRotation()) this.audit('rotation', { running: this.wall.rotation.enabled, client });
        return;
      case 'focus-next': {
        // The header is chrome, not content: F cycles through the other panels.
        const focusable = (this.layoutOf(screen)?.panels ?? []).flatMap((p, i) => (p.panel === 'header' ? [] : [i]));
        if (focusable.length === 0) return;
        const current = this.wall.focus?.screen === screen ? focusable.indexOf(this.wall.focus.panel) : -1;
        this.set({ focus: { screen, panel: focusable[(current + 1) % focusable.length]! }, help: false });
        return;
      }
      case 'unfocus':
        if (this.wall.help) this.set({ help: false });
        else if (this.wall.focus) this.set({ focus: null });
        return;
      case 'toggle-help':
        this.set({ help: !this.wall.help });
        return;
      case 'toggle-language':
        this.set({ language: this.wall.language === 'vi' ? 'en' : 'vi' }, { kind: 'language' });
        return;
      case 'toggle-lock':
        if (this.wall.locked) this.set({ unlockPrompt: screen || (this.s.config.profile.screens[0]?.id ?? '') });
        else if (!this.s.lockAvailable) this.set({}, { kind: 'lock-unavailable' });
        else {
          this.set({ locked: true }, { kind: 'locked' });
          this.audit('lock', { client });
        }
        return;
      case 'alarm-acknowledge': {
        const id = this.wall.selectedAlarm;
        if (id === null) this.set({}, { kind: 'no-alarm' });
        else this.effects.push({ type: 'alarm-acknowledge', ids: [id], client });
        return;
      }
      case 'alarm-acknowledge-shown': {
        const ids = this.s.alarms.shown.filter((a) => a.unacknowledged).map((a) => a.id);
        if (ids.length === 0) this.set({}, { kind: 'no-alarm' });
        else this.effects.push({ type: 'alarm-acknowledge', ids, client });
        return;
      }
      case 'alarm-select-next':
      case 'alarm-select-previous': {
        const shown = this.s.alarms.shown;
        if (shown.length === 0) return;
        const i = Math.max(0, shown.findIndex((a) => a.id === this.wall.selectedAlarm));
        const next = action === 'alarm-select-next' ? Math.min(shown.length - 1, i + 1) : Math.max(0, i - 1);
        this.s.chosenAlarm = shown[next]!.id;
        this.selectAlarm();
        return;
      }
      case 'alarm-shelve': {
        const id = this.wall.selectedAlarm;
        if (id === null) this.set({}, { kind: 'no-alarm' });
        else this.effects.push({ type: 'alarm-shelve', id, client });
        return;
      }
      case 'toggle-mute': {
        const until = this.wall.mutedUntil === null ? this.now + MUTE_MS : null;
        this.set({ mutedUntil: until }, { kind: 'muted', until });
        this.deadlines({ unmuteAt: until });
        this.audit(until === null ? 'unmute' : 'mute', { client, until });
        return;
      }
      case 'write-report':
        this.effects.push({ type: 'write-report', client });
        return;
    }
  }

  private audit(action: string, fields: Readonly<Record<string, string | number | boolean | null>>): void {
    this.effects.push({ type: 'audit', action, fields });
  }

  // ---- alarms ---------------------------------------------------------------------------

  /**
   * The selected alarm: the one the shift lead moved to while it is shown, else the oldest
   * unacknowledged of the highest priority (the first unacknowledged in list order), else the
   * first shown.
   */
  selectAlarm(): void {
    const shown = this.s.alarms.shown;
    if (this.s.chosenAlarm !== null && !shown.some((a) => a.id === this.s.chosenAlarm)) this.s.chosenAlarm = null;
    const id = this.s.chosenAlarm ?? shown.find((a) => a.unacknowledged)?.id ?? shown[0]?.id ?? null;
    if (id !== this.wall.selectedAlarm) this.set({ selectedAlarm: id });
  }

  alarmsChanged(view: AlarmView): void {
    const before = this.s.alarms.newestId;
    this.s.alarms = view;
    // A new critical alarm, not grouped away by a flood: the wall shows it (the newest first).
    const fresh = view.flood ? undefined : view.shown.filter((a) => a.id > before && a.priority === 'critical' && a.unacknowledged).sort((a, b) => b.id - a.id)[0];
    if (fresh) this.enterAlarm(fresh.id, fresh.siteId);
    else this.checkAlarmFocus();
    this.selectAlarm();
  }

  reportOutcome(file: string | null): void {
    this.set({}, file === null ? { kind: 'report-failed' } : { kind: 'report-written', file });
  }

  alarmOutcome(outcome: AlarmOutcome, view: AlarmView): void {
    switch (outcome.kind) {
      case 'acknowledged':
        // The next unacknowledged alarm becomes the default selection.
        this.s.chosenAlarm = null;
        this.set({}, { kind: 'alarms-acknowledged', count: outcome.count });
        break;
      case 'shelved':
        this.set({}, { kind: 'alarm-shelved', id: outcome.id, until: outcome.until });
        break;
      case 'none':
        this.set({}, { kind: 'no-alarm' });
        break;
    }
    this.alarmsChanged(view);
  }

  private enterAlarm(id: number, siteId: string): void {
    const def = this.s.config.profile.alarm;
    if (!def || !this.s.config.profile.presets[String(def.preset)]) return;
    // The outage preset says more than an alarm can while no data arrives.
    if (this.wall.outage.active) return;
    if (this.wall.alarm === null) {
      this.s.presetBeforeAlarm = this.wall.preset;
      this.s.holdBeforeAlarm = this.wall.rotation.hold;
    }
    this.deadlines({ switchAt: null, alarmReturnAt: this.now + (def.timeout_s ?? 600) * 1000 });
    this.set({
      alarm: { id, siteId, since: this.now },
      preset: def.preset,
      focus: null,
      rotation: { ...this.wall.rotation, hold: 'alarm', nextSwitchAt: null },
    });
    this.log('warn', `critical alarm ${id} at ${siteId}: alarm preset ${def.preset}`);
    this.audit('alarm-preset', { alarm: id, site: siteId, preset: def.preset });
  }

  /** The focused alarm acknowledged (or gone): another unacknowledged critical takes its place, else the wall returns after the hold. */
  private checkAlarmFocus(): void {
    const focus = this.wall.alarm;
    if (focus === null) return;
    const still = this.s.alarms.shown.find((a) => a.id === focus.id && a.unacknowledged);
    if (still) return;
    const next = this.s.alarms.shown.find((a) => a.priority === 'critical' && a.unacknowledged);
    if (next) {
      // A new focus waits for its own acknowledgement: no return is due, only its timeout.
      this.set({ alarm: { id: next.id, siteId: next.siteId, since: this.now } });
      this.deadlines({ alarmReturnAt: this.now + (this.s.config.profile.alarm?.timeout_s ?? 600) * 1000 });
      return;
    }
    const hold = (this.s.config.profile.alarm?.hold_s ?? 30) * 1000;
    const returnAt = this.now + hold;
    if (this.s.deadlines.alarmReturnAt === null || this.s.deadlines.alarmReturnAt > returnAt) this.deadlines({ alarmReturnAt: returnAt });
  }

  /** Gives the wall back: to the preset it showed, unless the shift lead chose one (`back` false). */
  private leaveAlarm(back: boolean): void {
    if (this.wall.alarm === null) return;
    const before = this.s.presetBeforeAlarm;
    this.s.presetBeforeAlarm = null;
    this.deadlines({ alarmReturnAt: null });
    // Back where it was, held as it was (a preset chosen by hand stays held); a hand choice now is its own hold.
    const hold = this.wall.rotation.hold !== 'alarm' ? this.wall.rotation.hold : back ? this.s.holdBeforeAlarm : 'none';
    this.set({
      alarm: null,
      ...(back && before !== null ? { preset: before, focus: null } : {}),
      rotation: { ...this.wall.rotation, hold, nextSwitchAt: null },
    });
    if (this.wall.rotation.enabled && hold === 'none') this.scheduleSwitch();
  }

  unlockVerdict(verdict: UnlockVerdict, client: string): void {
    // Unlocked meanwhile (another client's right PIN): nothing to say.
    if (!this.wall.locked) return;
    if (verdict === 'unlocked') {
      this.set({ locked: false, unlockPrompt: null }, { kind: 'unlocked' });
      this.audit('unlock', { client });
      return;
    }
    this.audit('unlock-failed', { client, reason: verdict });
    this.effects.push({ type: 'count-rejected', reason: verdict === 'wrong' ? 'unlock_wrong_pin' : 'unlock_refused' });
    this.log('warn', verdict === 'wrong' ? 'kiosk unlock refused: wrong PIN' : 'kiosk unlock refused: too many wrong PINs, try again later');
    this.set({}, { kind: 'unlock-failed' });
  }

  // ---- the broker link ---------------------------------------------------------------

  /**
   * The broker link, announced by the ingest on every change. After the link has been down
   * for the profile's `outage.after_s`, the wall goes to the outage preset; when it returns,
   * back to the preset it showed, unless a shift lead chose one meanwhile. Announcing the
   * same link again changes nothing.
   */
  link(link: LinkChange): void {
    this.s.lastLink = { status: link.status, since: link.since };
    this.deadlines({ outageAt: null });
    if (link.status === 'connected') {
      if (this.wall.outage.active) this.leaveOutage();
      return;
    }
    if (this.wall.outage.active) return;
    const at = link.since + (this.s.config.profile.outage?.after_s ?? 60) * 1000;
    if (at <= this.now) this.enterOutage(link.since);
    else this.deadlines({ outageAt: at });
  }

  private enterOutage(since: number): void {
    const outage = this.s.config.profile.outage;
    // Without data the alarm preset has nothing to show: the outage takes over from where the wall was.
    const beforeAlarm = this.s.presetBeforeAlarm;
    this.leaveAlarm(false);
    if (beforeAlarm !== null) this.set({ preset: beforeAlarm });
    this.s.presetBeforeOutage = this.wall.preset;
    this.s.handChoiceDuringOutage = false;
    const target = outage && this.s.config.profile.presets[String(outage.preset)] ? outage.preset : null;
    this.deadlines({ switchAt: null, outageAt: null });
    this.set(
      {
        outage: { active: true, since },
        ...(target !== null ? { preset: target, focus: null, rotation: { ...this.wall.rotation, hold: 'outage', nextSwitchAt: null } } : {}),
      },
      { kind: 'outage', active: true },
    );
    this.log('warn', `broker link down since ${new Date(since).toISOString()}: outage mode${target !== null ? ` (preset ${target})` : ''}`);
    this.audit('outage', { active: true, since, preset: target });
  }

  private leaveOutage(): void {
    const outage = this.s.config.profile.outage;
    const back = outage && !this.s.handChoiceDuringOutage && this.s.presetBeforeOutage !== null ? this.s.presetBeforeOutage : null;
    const hold = this.wall.rotation.hold === 'outage' ? 'none' : this.wall.rotation.hold;
    this.set(
      {
        outage: { active: false, since: null },
        ...(back !== null ? { preset: back, focus: null } : {}),
        rotation: { ...this.wall.rotation, hold, nextSwitchAt: null },
      },
      { kind: 'outage', active: false },
    );
    this.log('info', 'broker link back: outage mode ended');
    this.audit('outage', { active: false, since: null, preset: back });
    this.s.presetBeforeOutage = null;
    if (this.wall.rotation.enabled && hold === 'none') this.scheduleSwitch();
  }

  // ---- time and configuration ------------------------------------------------------------

  /** Fires every deadline that has passed, earliest first, each at most once per tick. */
  tick(): void {
    const fire: Record<keyof WallDeadlines, () => void> = {
      switchAt: () => this.advanceRotation(),
      idleAt: () => this.idleOver(),
      outageAt: () => this.outageDue(),
      alarmReturnAt: () => this.leaveAlarm(true),
      unmuteAt: () => {
        this.deadlines({ unmuteAt: null });
        this.set({ mutedUntil: null }, { kind: 'muted', until: null });
      },
    };
    const due = (Object.keys(fire) as (keyof WallDeadlines)[])
      .filter((k) => (this.s.deadlines[k] ?? Infinity) <= this.now)
      .sort((a, b) => this.s.deadlines[a]! - this.s.deadlines[b]!);
    for (const k of due) {
      // An earlier one may have disarmed this deadline (entering the outage stops rotation).
      if ((this.s.deadlines[k] ?? Infinity) <= this.now) fire[k]();
    }
  }

  private outageDue(): void {
    this.deadlines({ outageAt: null });
    const link = this.s.lastLink;
    if (link && link.status !== 'connected' && !this.wall.outage.active) this.enterOutage(link.since);
  }

  /** A new valid configuration: keep the preset if it still exists, refresh keys and rotation. */
  applyConfig(config: WallConfig): void {
    this.s.config = config;
    this.s.keymap = new Keymap(config.keys);
    const presets = presetNumbers(config);
    const list = playlist(config);
    const available = list.length >= 2;
    const preset = presets.includes(this.wall.preset) ? this.wall.preset : (presets[0] ?? 1);
    const enabled = available && this.wall.rotation.enabled;
    this.s.playlistIndex = Math.min(this.s.playlistIndex, Math.max(0, list.length - 1));
    this.set({ preset, rotation: { ...this.wall.rotation, available, enabled, nextSwitchAt: enabled ? this.wall.rotation.nextSwitchAt : null } });
    this.set({ focus: this.wall.focus && this.layoutOf(this.wall.focus.screen) ? this.wall.focus : null });
    if (!enabled) this.deadlines({ switchAt: null, idleAt: null });
    else if (this.wall.rotation.hold === 'none' && this.s.deadlines.switchAt === null) this.scheduleSwitch();
    // The outage threshold may have changed: re-arm it for the link as it is.
    if (this.s.lastLink) this.link(this.s.lastLink);
  }
}
