// The one table of the WallApi: every method a window may call (its IPC channel, whether it
// needs the control right, its argument schema and its result type) and every event the main
// process pushes (channel and payload type). Both transports come from it: the Electron
// preload and IPC handlers, the browser host's WebSocket server, and (through the types) the
// renderer's WebSocket client. Adding a method is one entry here plus its implementation in
// electron/core/api/wall-methods.ts; the compiler points at the implementation if it is missing.
import * as v from 'valibot';
import type { WallState } from './api.js';
import type { WallFrame } from './frame.js';
import { WallCommandSchema } from './schemas.js';
import type { WallConfig } from './wall-config.js';

/** A result or payload type, carried by the table for the compiler only (its value is never read). */
export interface Carries<T> {
  readonly carries?: T;
}
const carries = <T>(): Carries<T> => ({});

interface MethodSpec {
  /** Electron IPC channel (ipcRenderer.invoke). Every channel starts with `wall:`. */
  channel: `wall:${string}`;
  /** True when the call changes the wall: the browser host takes it only from control clients. */
  control: boolean;
  /** The arguments as a tuple, checked on the main side before any handler runs. */
  args: v.GenericSchema<unknown, unknown[]>;
  result: Carries<unknown>;
}

export const WALL_METHODS = {
  /** A full frame for a window that (re)connects. */
  getSnapshot: { channel: 'wall:get-snapshot', control: false, args: v.strictTuple([]), result: carries<WallFrame>() },
  getState: { channel: 'wall:get-state', control: false, args: v.strictTuple([]), result: carries<WallState>() },
  /** Profile, layouts, effective keymap and file errors (pushed again on every change). */
  getConfig: { channel: 'wall:get-config', control: false, args: v.strictTuple([]), result: carries<WallConfig>() },
  command: { channel: 'wall:command', control: true, args: v.strictTuple([WallCommandSchema]), result: carries<void>() },
  /** What this window may do: a browser viewer without the control right neither commands nor sounds the alarms. */
  getAccess: { channel: 'wall:get-access', control: false, args: v.strictTuple([]), result: carries<{ control: boolean }>() },
} as const satisfies Record<string, MethodSpec>;

/** What the main process pushes to every window. Frames come at the wall's cadence; the first after subscribing may be a delta. */
export const WALL_PUSHES = {
  frame: { channel: 'wall:frame', payload: carries<WallFrame>() },
  state: { channel: 'wall:state', payload: carries<WallState>() },
  config: { channel: 'wall:config', payload: carries<WallConfig>() },
} as const satisfies Record<string, { channel: `wall:${string}`; payload: Carries<unknown> }>;

type Carried<C> = C extends Carries<infer T> ? T : never;

export type WallMethodName = keyof typeof WALL_METHODS;
export type WallPushName = keyof typeof WALL_PUSHES;

/** Arguments and result per method, read off the table. */
export type WallMethods = {
  [M in WallMethodName]: { args: v.InferOutput<(typeof WALL_METHODS)[M]['args']>; result: Carried<(typeof WALL_METHODS)[M]['result']> };
};
/** Payload per push, read off the table. */
export type WallPushes = { [P in WallPushName]: Carried<(typeof WALL_PUSHES)[P]['payload']> };

export const WALL_METHOD_NAMES = Object.keys(WALL_METHODS) as WallMethodName[];
export const WALL_PUSH_NAMES = Object.keys(WALL_PUSHES) as WallPushName[];

/** Every IPC channel of the API (the shell refuses any other). */
export const WALL_CHANNEL_SET: ReadonlySet<string> = new Set([...Object.values(WALL_METHODS), ...Object.values(WALL_PUSHES)].map((e) => e.channel));

export type ParsedCall = { [M in WallMethodName]: { method: M; args: WallMethods[M]['args'] } }[WallMethodName];

/** A method's arguments checked against its schema, or null. */
export function parseCallArgs(method: WallMethodName, args: unknown): ParsedCall | null {
  const parsed = v.safeParse(WALL_METHODS[method].args, args);
  // The schema was picked by `method`, so its output is that method's arguments.
  return parsed.success ? ({ method, args: parsed.output } as ParsedCall) : null;
}

/** A WebSocket call; its `args` are then checked against the method's own schema. */
export const ClientToHostSchema = v.object({
  t: v.literal('call'),
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  method: v.picklist(WALL_METHOD_NAMES),
  args: v.pipe(v.array(v.unknown()), v.maxLength(8)),
});
