// The WallApi: one table of methods and pushes, two transports (Electron preload IPC, WebSocket).
import type { LocalText, WallActionName } from './wall-config.js';
import type { WallMethods, WallPushes } from './wall-api.js';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Why rotation is not advancing. */
export type RotationHold = 'none' | 'activity' | 'hand-preset' | 'outage' | 'alarm';

/** A short confirmation shown on every window after an action, rendered in the current language. */
export type ToastMessage =
  | { kind: 'preset'; preset: number; name: LocalText }
  | { kind: 'rotation'; running: boolean }
  | { kind: 'language' }
  | { kind: 'locked' }
  | { kind: 'unlocked' }
  | { kind: 'unlock-failed' }
  | { kind: 'lock-unavailable' }
  | { kind: 'outage'; active: boolean }
  | { kind: 'config-applied'; file: string }
  | { kind: 'config-rejected'; file: string }
  | { kind: 'alarms-acknowledged'; count: number }
  | { kind: 'alarm-shelved'; id: number; until: number }
  | { kind: 'no-alarm' }
  | { kind: 'muted'; until: number | null }
  /** A hand-over report was written (its PDF's file name), or could not be. */
  | { kind: 'report-written'; file: string }
  | { kind: 'report-failed' };

/** Wall-wide state owned by the main process; windows render it and never own it. */
export interface WallState {
  /** Monotonic revision, +1 per change. */
  rev: number;
  language: Language;
  /** Current preset, 1..9. */
  preset: number;
  rotation: {
    /** A playlist exists (two or more entries). */
    available: boolean;
    /** Rotation is switched on (Space toggles it). */
    enabled: boolean;
    hold: RotationHold;
    /** Epoch ms of the next automatic switch, or null when none is due. */
    nextSwitchAt: number | null;
  };
  /** Panel shown full screen on one screen (F / Esc), or null. */
  focus: { screen: string; panel: number } | null;
  /** Help overlay listing every key. */
  help: boolean;
  /** Kiosk lock: keys that would leave the wall do nothing while locked. */
  locked: boolean;
  /** Screen showing the PIN prompt, or null. */
  unlockPrompt: string | null;
  toast: { id: number; message: ToastMessage; at: number } | null;
  /** The broker link has been down longer than the profile's outage threshold. */
  outage: { active: boolean; since: number | null };
  /** The alarm `A` and `S` act on, highlighted on every window (Up/Down move it), or null without alarms. */
  selectedAlarm: number | null;
  /** Sound muted (M) until this epoch ms, or null. */
  mutedUntil: number | null;
  /** The critical alarm the wall switched to its alarm preset for, or null. */
  alarm: { id: number; siteId: string; since: number } | null;
}

/** A key press as a window saw it (browser host: sent by the renderer; Electron: before-input-event). */
export interface KeyPress {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

export type WallCommand =
  | { type: 'toggle-language' }
  | { type: 'set-language'; language: Language }
  | { type: 'key'; key: KeyPress; screen: string }
  | { type: 'action'; action: WallActionName; screen: string }
  | { type: 'unlock'; pin: string; screen: string }
  | { type: 'cancel-unlock' };

export type Unsubscribe = () => void;

export type { WallMethods, WallPushes } from './wall-api.js';

/** The API a window sees (`window.wall` in Electron, the WebSocket client in a browser): mapped from the two tables. */
export type WallApi = {
  [M in keyof WallMethods]: (...args: WallMethods[M]['args']) => Promise<WallMethods[M]['result']>;
} & {
  [P in keyof WallPushes as `on${Capitalize<P>}`]: (listener: (payload: WallPushes[P]) => void) => Unsubscribe;
};

/** WebSocket messages (browser host transport): a call per method, a push per event, a reply per call. */
export type ClientToHostMessage = {
  [M in keyof WallMethods]: { t: 'call'; id: number; method: M; args: WallMethods[M]['args'] };
}[keyof WallMethods];

export type HostToClientMessage =
  | { [P in keyof WallPushes]: { t: 'push'; push: P; payload: WallPushes[P] } }[keyof WallPushes]
  | { t: 'reply'; id: number; ok: true; result: unknown }
  | { t: 'reply'; id: number; ok: false; error: string };

export { WS_PATH } from './common/paths.js';
