// The WallApi: one interface, two transports (Electron preload IPC, WebSocket).
import type { WallFrame } from './frame.js';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Wall-wide state owned by the main process; windows render it and never own it. */
export interface WallState {
  language: Language;
  /** Monotonic revision, +1 per change. */
  rev: number;
}

export type WallCommand = { type: 'toggle-language' } | { type: 'set-language'; language: Language };

export type Unsubscribe = () => void;

export interface WallApi {
  /** A full frame for a window that (re)connects. */
  getSnapshot(): Promise<WallFrame>;
  /** Frames at the wall's cadence. The first frame after subscribing may be a delta. */
  onFrame(listener: (frame: WallFrame) => void): Unsubscribe;
  getState(): Promise<WallState>;
  onState(listener: (state: WallState) => void): Unsubscribe;
  command(command: WallCommand): Promise<void>;
}

/** IPC channel names (Electron transport). Every channel starts with `wall:`. */
export const WALL_CHANNELS = {
  getSnapshot: 'wall:get-snapshot',
  getState: 'wall:get-state',
  command: 'wall:command',
  frame: 'wall:frame',
  state: 'wall:state',
} as const;

/** WebSocket messages (browser host transport). */
export type HostToClientMessage =
  | { t: 'frame'; frame: WallFrame }
  | { t: 'state'; state: WallState }
  | { t: 'reply'; id: number; ok: true; result: unknown }
  | { t: 'reply'; id: number; ok: false; error: string };

export type ClientToHostMessage =
  | { t: 'get-snapshot'; id: number }
  | { t: 'get-state'; id: number }
  | { t: 'command'; id: number; command: WallCommand };

export const WS_PATH = '/api/ws';
