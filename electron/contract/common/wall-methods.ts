// The one table of the WallApi: every method a window may call and every event the main
// process pushes, with their IPC channels. Both transports are built from it: the Electron
// preload and IPC handlers, and the browser host's WebSocket server and client. Adding a
// method is one entry here and in `WallMethods` (api.ts), its argument schema
// (schemas.ts: WALL_METHOD_ARGS) and its implementation (core/api/wall-methods.ts); the
// compiler points at whichever is missing.
import type { Unsubscribe, WallApi, WallMethods, WallPushes } from '../api.js';

export type WallMethodName = keyof WallMethods;
export type WallPushName = keyof WallPushes;

export interface WallMethodEntry {
  /** Electron IPC channel (ipcRenderer.invoke). Every channel starts with `wall:`. */
  channel: `wall:${string}`;
  /** True when the call changes the wall: the browser host takes it only from control clients. */
  control: boolean;
}

export const WALL_METHODS = {
  getSnapshot: { channel: 'wall:get-snapshot', control: false },
  getState: { channel: 'wall:get-state', control: false },
  getConfig: { channel: 'wall:get-config', control: false },
  command: { channel: 'wall:command', control: true },
} as const satisfies Record<WallMethodName, WallMethodEntry>;

/** Pushed events and their IPC channels (webContents.send). */
export const WALL_PUSHES = {
  frame: 'wall:frame',
  state: 'wall:state',
  config: 'wall:config',
} as const satisfies Record<WallPushName, `wall:${string}`>;

export const WALL_METHOD_NAMES = Object.keys(WALL_METHODS) as WallMethodName[];
export const WALL_PUSH_NAMES = Object.keys(WALL_PUSHES) as WallPushName[];

/** Every IPC channel of the API (the shell refuses any other). */
export const WALL_CHANNEL_SET: ReadonlySet<string> = new Set([...Object.values(WALL_METHODS).map((m) => m.channel), ...Object.values(WALL_PUSHES)]);

export function isWallMethod(name: unknown): name is WallMethodName {
  return typeof name === 'string' && Object.hasOwn(WALL_METHODS, name);
}

/** `frame` → `onFrame`: the WallApi member that subscribes to a push. */
export function pushListenerName<P extends WallPushName>(push: P): `on${Capitalize<P>}` {
  return `on${push.charAt(0).toUpperCase()}${push.slice(1)}` as `on${Capitalize<P>}`;
}

/** What a transport provides: one way to call, one way to listen. */
export interface WallTransport {
  call(method: WallMethodName, args: readonly unknown[]): Promise<unknown>;
  subscribe(push: WallPushName, listener: (payload: unknown) => void): Unsubscribe;
}

/** The typed WallApi over a transport: one function per entry of the tables. */
export function wallApiClient(transport: WallTransport): WallApi {
  const api: Record<string, unknown> = {};
  for (const method of WALL_METHOD_NAMES) api[method] = (...args: unknown[]) => transport.call(method, args);
  for (const push of WALL_PUSH_NAMES) api[pushListenerName(push)] = (listener: (payload: unknown) => void) => transport.subscribe(push, listener);
  // The members are built from the same tables the WallApi type is mapped from.
  return api as unknown as WallApi;
}
