// The WallApi over a transport, for both clients: the Electron preload (which holds the
// method table, contract/wall-api.ts) and the renderer's WebSocket client (which may import
// only types of the contract, so it turns each name it is asked for into a call).
import type { Unsubscribe, WallApi } from '../api.js';
import type { WallMethodName, WallPushName } from '../wall-api.js';

/** What a transport provides: one way to call, one way to listen. */
export interface WallTransport {
  call(method: WallMethodName, args: readonly unknown[]): Promise<unknown>;
  subscribe(push: WallPushName, listener: (payload: unknown) => void): Unsubscribe;
}

/** `frame` → `onFrame`: the WallApi member that subscribes to a push. */
export function pushListenerName<P extends WallPushName>(push: P): `on${Capitalize<P>}` {
  return `on${push.charAt(0).toUpperCase()}${push.slice(1)}` as `on${Capitalize<P>}`;
}

/** `onFrame` → `frame`; null for a name that is not a listener's. */
export function pushOfListenerName(name: string): string | null {
  return /^on[A-Z]/u.test(name) ? `${name.charAt(2).toLowerCase()}${name.slice(3)}` : null;
}

/** The members for the names given: a call per method, a subscription per push. */
export function wallApiMembers(transport: WallTransport, methods: readonly WallMethodName[], pushes: readonly WallPushName[]): WallApi {
  const api: Record<string, unknown> = {};
  for (const method of methods) api[method] = (...args: unknown[]) => transport.call(method, args);
  for (const push of pushes) api[pushListenerName(push)] = (listener: (payload: unknown) => void) => transport.subscribe(push, listener);
  // The names come from the table the WallApi type is mapped from.
  return api as unknown as WallApi;
}

/** Names a proxy never answers: a promise's `then`, JSON's `toJSON`. */
const NOT_MEMBERS: ReadonlySet<string> = new Set(['then', 'toJSON']);

/**
 * The WallApi for a side without the table: a member is made the first time its name is read
 * (`onX` subscribes to push `x`, any other name calls the method of that name; the host
 * refuses a name that is not in its table). Not thenable, so it can be returned from async code.
 */
export function wallApiProxy(transport: WallTransport): WallApi {
  const made = new Map<string, unknown>();
  return new Proxy(Object.create(null) as WallApi, {
    get(_target, key) {
      // Not a method: symbols, `then` (so it is no thenable), `toJSON`, Object.prototype's names, Vue's `__v_` flags.
      if (typeof key !== 'string' || NOT_MEMBERS.has(key) || key in Object.prototype || !/^[a-z][A-Za-z]*$/u.test(key)) return undefined;
      let member = made.get(key);
      if (member === undefined) {
        const push = pushOfListenerName(key);
        // The typed WallApi only lets its own names through; the host checks them again.
        member = push
          ? (listener: (payload: unknown) => void) => transport.subscribe(push as WallPushName, listener)
          : (...args: unknown[]) => transport.call(key as WallMethodName, args);
        made.set(key, member);
      }
      return member;
    },
  });
}
