// The WallApi: one interface, two transports (Electron preload IPC, WebSocket).
import type { WallFrame } from './frame.js';
import type { LocalText, WallActionName, WallConfig } from './wall-config.js';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Why rotation is not advancing. */
export type RotationHold = 'none' | 'activity' | 'hand-preset' | 'outage';

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
  | { kind: 'config-rejected'; file: string };

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

export interface WallApi {
  /** A full frame for a window that (re)connects. */
  getSnapshot(): Promise<WallFrame>;
  /** Frames at the wall's cadence. The first frame after subscribing may be a delta. */
  onFrame(listener: (frame: WallFrame) => void): Unsubscribe;
  getState(): Promise<WallState>;
  onState(listener: (state: WallState) => void): Unsubscribe;
  command(command: WallCommand): Promise<void>;
  getConfig(): Promise<WallConfig>;
  onConfig(listener: (config: WallConfig) => void): Unsubscribe;
}

/** IPC channel names (Electron transport). Every channel starts with `wall:`. */
export const WALL_CHANNELS = {
  getSnapshot: 'wall:get-snapshot',
  getState: 'wall:get-state',
  command: 'wall:command',
  getConfig: 'wall:get-config',
  frame: 'wall:frame',
  state: 'wall:state',
  config: 'wall:config',
} as const;

/** WebSocket messages (browser host transport). */
export type HostToClientMessage =
  | { t: 'frame'; frame: WallFrame }
  | { t: 'state'; state: WallState }
  | { t: 'config'; config: WallConfig }
  | { t: 'reply'; id: number; ok: true; result: unknown }
  | { t: 'reply'; id: number; ok: false; error: string };

export type ClientToHostMessage =
  | { t: 'get-snapshot'; id: number }
  | { t: 'get-state'; id: number }
  | { t: 'get-config'; id: number }
  | { t: 'command'; id: number; command: WallCommand };

export { WS_PATH } from './common/paths.js';
