// The one method table (contract/wall-api.ts): the WallApi a window gets is built from it on both transports, the
// server checks every call against the method's own schema, and every implemented method is
// reachable. A method added to one place and not the others fails here or in the typecheck.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { pushListenerName, pushOfListenerName, wallApiMembers, wallApiProxy, type WallTransport } from '../../../electron/contract/common/wall-api-client.js';
import type { WallApi, WallConfig, WallFrame, WallState } from '../../../electron/contract/index.js';
import {
  WALL_CHANNEL_SET,
  WALL_METHOD_NAMES,
  WALL_METHODS,
  WALL_PUSH_NAMES,
  WALL_PUSHES,
  ClientToHostSchema,
  parseCallArgs,
  type WallMethodName,
  type WallPushName,
} from '../../../electron/contract/wall-api.js';
import { forwardPushes, runCall, wallMethodHandlers, wallPushSources } from '../../../electron/core/api/wall-methods.js';
import type { WallCoreHandle } from '../../../electron/core/wall-core-api.js';

/** A core that records what reached it. */
function recordingCore() {
  const calls: unknown[][] = [];
  const listeners: Record<string, Set<(p: unknown) => void>> = { frame: new Set(), state: new Set(), config: new Set() };
  const on = (name: string) => (l: (p: never) => void) => {
    const set = listeners[name]!;
    const fn = l as (p: unknown) => void;
    set.add(fn);
    return () => set.delete(fn);
  };
  const core = {
    snapshot: () => ({ kind: 'snapshot-frame' }) as unknown as ReturnType<WallCoreHandle['snapshot']>,
    getState: () => ({ rev: 7 }) as unknown as WallState,
    getConfig: () => ({ profile: 'p' }) as unknown as WallConfig,
    command: (...args: unknown[]) => void calls.push(['command', ...args]),
    onFrame: on('frame'),
    onState: on('state'),
    onConfig: on('config'),
  } as unknown as WallCoreHandle;
  return { core, calls, listeners };
}

describe('the WallApi method table', () => {
  it('names one IPC channel per method and push, all distinct and under wall:', () => {
    const channels = [...WALL_METHOD_NAMES.map((m) => WALL_METHODS[m].channel), ...WALL_PUSH_NAMES.map((p) => WALL_PUSHES[p].channel)];
    expect(new Set(channels).size).toBe(channels.length);
    expect([...WALL_CHANNEL_SET].sort()).toEqual([...channels].sort());
    for (const c of channels) expect(c).toMatch(/^wall:[a-z-]+$/u);
  });

  it('marks only the command as needing the control right', () => {
    expect(WALL_METHOD_NAMES.filter((m) => WALL_METHODS[m].control)).toEqual(['command']);
  });

  /** A transport that records calls and subscriptions and can push. */
  function recordingTransport() {
    const seen: [WallMethodName, readonly unknown[]][] = [];
    const subscribed: WallPushName[] = [];
    const listeners = new Map<WallPushName, (p: unknown) => void>();
    const transport: WallTransport = {
      call: (method, args) => {
        seen.push([method, args]);
        return Promise.resolve(`${method}-result`);
      },
      subscribe: (push, listener) => {
        subscribed.push(push);
        listeners.set(push, listener);
        return () => listeners.delete(push);
      },
    };
    return { transport, seen, subscribed, listeners };
  }

  async function exercise(api: WallApi, t: ReturnType<typeof recordingTransport>) {
    await expect(api.getSnapshot()).resolves.toBe('getSnapshot-result');
    await api.command({ type: 'toggle-language' });
    expect(t.seen).toEqual([
      ['getSnapshot', []],
      ['command', [{ type: 'toggle-language' }]],
    ]);
    const frames: WallFrame[] = [];
    const off = api.onFrame((f) => frames.push(f));
    api.onState(() => undefined);
    api.onConfig(() => undefined);
    expect(t.subscribed).toEqual(['frame', 'state', 'config']);
    t.listeners.get('frame')!({ seq: 1 });
    expect(frames).toEqual([{ seq: 1 }]);
    off();
    expect(t.listeners.has('frame')).toBe(false);
  }

  it('gives the preload a WallApi with one member per entry of the table, over its transport', async () => {
    const t = recordingTransport();
    const api = wallApiMembers(t.transport, WALL_METHOD_NAMES, WALL_PUSH_NAMES);
    expect(Object.keys(api).sort()).toEqual([...WALL_METHOD_NAMES, ...WALL_PUSH_NAMES.map((p) => pushListenerName(p))].sort());
    await exercise(api, t);
  });

  it('gives the renderer the same WallApi without the table: a name read becomes a call or a subscription', async () => {
    const t = recordingTransport();
    const api = wallApiProxy(t.transport);
    await exercise(api, t);
    // The same member each time; never a thenable (an async function may return it); no symbols or odd names.
    expect(api.getState).toBe(api.getState);
    expect((api as unknown as { then?: unknown }).then).toBeUndefined();
    expect((api as unknown as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
    expect((api as unknown as Record<string, unknown>)['__proto__x']).toBeUndefined();
    await expect(Promise.resolve(api)).resolves.toBe(api);
    for (const name of ['toString', 'valueOf', 'constructor', 'hasOwnProperty', 'toJSON', '__v_skip']) expect((api as unknown as Record<string, unknown>)[name], name).toBeUndefined();
    expect(JSON.stringify({ api })).toBe('{"api":{}}');
    expect(t.seen.filter(([m]) => !['getSnapshot', 'command'].includes(m))).toEqual([]);
  });

  it('names listeners and pushes the same way both ways', () => {
    for (const p of WALL_PUSH_NAMES) expect(pushOfListenerName(pushListenerName(p))).toBe(p);
    expect(pushOfListenerName('getState')).toBeNull();
    expect(pushOfListenerName('once')).toBeNull();
  });
});

describe('checking and running a call', () => {
  it('takes on the wire only the names of the table, nothing inherited', () => {
    const call = (method: unknown) => v.safeParse(ClientToHostSchema, { t: 'call', id: 1, method, args: [] }).success;
    expect(call('getSnapshot')).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'get-snapshot', 42, null]) expect(call(name), String(name)).toBe(false);
  });

  it('accepts each method with its own arguments only', () => {
    expect(parseCallArgs('getState', [])).toEqual({ method: 'getState', args: [] });
    expect(parseCallArgs('getState', [1])).toBeNull();
    expect(parseCallArgs('command', [{ type: 'set-language', language: 'en' }])).toEqual({ method: 'command', args: [{ type: 'set-language', language: 'en' }] });
    expect(parseCallArgs('command', [])).toBeNull();
    expect(parseCallArgs('command', [{ type: 'rm -rf' }])).toBeNull();
    expect(parseCallArgs('command', [{ type: 'set-language', language: 'fr' }])).toBeNull();
    expect(parseCallArgs('command', [{ type: 'toggle-language' }, 'extra'])).toBeNull();
    expect(parseCallArgs('getSnapshot', 'not a tuple')).toBeNull();
  });

  it('runs every method of the table on the core, the command with its client', () => {
    const { core, calls } = recordingCore();
    const handlers = wallMethodHandlers(core);
    expect(Object.keys(handlers).sort()).toEqual([...WALL_METHOD_NAMES].sort());
    expect(runCall(handlers, { method: 'getSnapshot', args: [] }, { client: 'local', control: true })).toEqual({ kind: 'snapshot-frame' });
    expect(runCall(handlers, { method: 'getState', args: [] }, { client: 'local', control: true })).toEqual({ rev: 7 });
    expect(runCall(handlers, { method: 'getConfig', args: [] }, { client: 'local', control: true })).toEqual({ profile: 'p' });
    runCall(handlers, { method: 'command', args: [{ type: 'cancel-unlock' }] }, { client: 'host:127.0.0.1', control: true });
    expect(calls).toEqual([['command', { type: 'cancel-unlock' }, 'host:127.0.0.1']]);
    // The caller's own right, as its transport established it.
    expect(runCall(handlers, { method: 'getAccess', args: [] }, { client: 'host:127.0.0.1', control: false })).toEqual({ control: false });
    expect(runCall(handlers, { method: 'getAccess', args: [] }, { client: 'local', control: true })).toEqual({ control: true });
  });

  it('forwards every push with its name until unsubscribed', () => {
    const { core, listeners } = recordingCore();
    const got: [string, unknown][] = [];
    const off = forwardPushes(wallPushSources(core), (push, payload) => got.push([push, payload]));
    for (const p of WALL_PUSH_NAMES) for (const l of listeners[p]!) l(`${p}-payload`);
    expect(got).toEqual(WALL_PUSH_NAMES.map((p) => [p, `${p}-payload`]));
    off();
    for (const p of WALL_PUSH_NAMES) expect(listeners[p]!.size).toBe(0);
  });
});
