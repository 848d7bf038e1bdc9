// The WallApi's implementation, once for both transports: the Electron IPC handlers
// (shell/ipc.ts) and the browser host's WebSocket (host/browser-host.ts) dispatch every
// call here after checking its arguments against the contract's schema.
import type { Unsubscribe } from '../../contract/index.js';
import type { ParsedCall, WallMethodName, WallMethods, WallPushName, WallPushes } from '../../contract/wall-api.js';
import type { WallCoreHandle } from '../wall-core-api.js';

export interface CallContext {
  /** Whom the call is counted against (failed PIN attempts): `local` for the wall's own windows. */
  client: string;
  /** The caller may command the wall (the wall's own windows; a browser client with the control token). */
  control: boolean;
}

export type WallMethodHandlers = {
  [M in WallMethodName]: (args: WallMethods[M]['args'], context: CallContext) => WallMethods[M]['result'];
};

export type WallPushSources = {
  [P in WallPushName]: (listener: (payload: WallPushes[P]) => void) => Unsubscribe;
};

export function wallMethodHandlers(core: WallCoreHandle): WallMethodHandlers {
  return {
    getSnapshot: () => core.snapshot(),
    getState: () => core.getState(),
    getConfig: () => core.getConfig(),
    command: ([command], context) => core.command(command, context.client),
    getAccess: (_args, context) => ({ control: context.control }),
  };
}

export function wallPushSources(core: WallCoreHandle): WallPushSources {
  return {
    frame: (listener) => core.onFrame(listener),
    state: (listener) => core.onState(listener),
    config: (listener) => core.onConfig(listener),
  };
}

/** Runs a checked call on its handler. */
export function runCall(handlers: WallMethodHandlers, call: ParsedCall, context: CallContext): unknown {
  // `call` pairs a method with its own arguments (ParsedCall), which TypeScript cannot follow
  // through the indexed handler.
  const handler = handlers[call.method] as (args: ParsedCall['args'], context: CallContext) => unknown;
  return handler(call.args, context);
}

/** Forwards every push to `send` (one subscription per event); returns one unsubscribe. */
export function forwardPushes(sources: WallPushSources, send: <P extends WallPushName>(push: P, payload: WallPushes[P]) => void): Unsubscribe {
  const offs = (Object.keys(sources) as WallPushName[]).map((push) =>
    (sources[push] as (listener: (payload: WallPushes[typeof push]) => void) => Unsubscribe)((payload) => send(push, payload)),
  );
  return () => {
    for (const off of offs) off();
  };
}
