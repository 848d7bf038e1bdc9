// The two Electron sides the method table generates, end to end through a fake `electron`
// module that wires ipcRenderer.invoke to ipcMain.handle as Electron does: the preload's
// `window.wall` calls reach the core through shell/ipc.ts's checks, pushes reach listeners
// as the bare payload (never the IpcRendererEvent), and a call from a foreign sender or with
// bad arguments is refused and counted. (The real runtime is exercised in tests/electron.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WallApi, WallCommand, WallFrame, WallState } from '../../../electron/contract/index.js';
import { WALL_METHOD_NAMES, WALL_METHODS, WALL_PUSHES } from '../../../electron/contract/wall-api.js';
import type { WallCoreHandle } from '../../../electron/core/wall-core-api.js';

const ipc = vi.hoisted(() => {
  type Handler = (event: unknown, ...args: unknown[]) => unknown;
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const state = {
    handlers,
    listeners,
    exposed: null as null | { key: string; api: unknown },
    /** The sender of the next invoke (a wall window of app://wall unless changed). */
    sender: { id: 7, url: 'app://wall/index.html?screen=0', isMainFrame: true },
    /** What webContents.send does: every listener of the channel gets (event, payload). */
    send(channel: string, payload: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc-renderer-event' }, payload);
    },
  };
  return state;
});

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (ipc.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipc.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = ipc.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const s = ipc.sender;
      // Electron passes arguments through structured clone.
      const cloned = structuredClone(args);
      return structuredClone(await handler({ sender: { id: s.id }, senderFrame: { url: s.url, parent: s.isMainFrame ? null : {} } }, ...cloned));
    },
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => {
      if (!ipc.listeners.has(channel)) ipc.listeners.set(channel, new Set());
      ipc.listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: (event: unknown, payload: unknown) => void) => ipc.listeners.get(channel)?.delete(l),
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      ipc.exposed = { key, api };
    },
  },
}));

/** A core that answers from fixed values and records commands and refusals. */
function recordingCore() {
  const commands: [WallCommand, string | undefined][] = [];
  const refused: string[] = [];
  const core = {
    snapshot: () => ({ kind: 'snapshot', seq: 3 }),
    getState: () => ({ rev: 41, language: 'vi' }),
    getConfig: () => ({ rev: 2 }),
    command: (c: WallCommand, client?: string) => void commands.push([c, client]),
    countRejectedCall: (reason: string) => void refused.push(reason),
  } as unknown as WallCoreHandle;
  return { core, commands, refused };
}

describe('the preload and the IPC handlers, generated from the method table', () => {
  const { core, commands, refused } = recordingCore();
  let unregister: () => void;
  let wall: WallApi;

  beforeAll(async () => {
    const { registerIpc } = await import('../../../electron/shell/ipc.js');
    unregister = registerIpc(core, () => new Set([7]));
    await import('../../../electron/preload.js');
    expect(ipc.exposed?.key).toBe('wall');
    wall = ipc.exposed!.api as WallApi;
  });
  afterAll(() => unregister());

  it('registers one handler per method and exposes exactly the table on window.wall', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(WALL_METHOD_NAMES.map((m) => WALL_METHODS[m].channel).sort());
    expect(ipc.handlers.has('wall:get-state')).toBe(true);
    expect(Object.keys(wall).sort()).toEqual([...WALL_METHOD_NAMES, 'onConfig', 'onFrame', 'onState'].sort());
  });

  it('answers every method through the checks, the command counted against the wall itself', async () => {
    await expect(wall.getSnapshot()).resolves.toEqual({ kind: 'snapshot', seq: 3 });
    await expect(wall.getState()).resolves.toEqual({ rev: 41, language: 'vi' });
    await expect(wall.getConfig()).resolves.toEqual({ rev: 2 });
    await expect(wall.command({ type: 'set-language', language: 'en' })).resolves.toBeUndefined();
    expect(commands).toEqual([[{ type: 'set-language', language: 'en' }, 'local']]);
    expect(refused).toEqual([]);
  });

  it('refuses bad arguments and foreign senders without reaching the core, counting each by reason', async () => {
    const before = commands.length;
    await wall.command({ type: 'rm -rf' } as unknown as WallCommand);
    await (wall.getState as (...a: unknown[]) => Promise<WallState>)('extra');
    ipc.sender = { id: 99, url: 'app://wall/index.html', isMainFrame: true };
    await wall.command({ type: 'toggle-language' });
    ipc.sender = { id: 7, url: 'https://evil.example/', isMainFrame: true };
    await wall.command({ type: 'toggle-language' });
    ipc.sender = { id: 7, url: 'app://wall/index.html', isMainFrame: false };
    await wall.command({ type: 'toggle-language' });
    ipc.sender = { id: 7, url: 'app://wall/index.html?screen=0', isMainFrame: true };
    expect(commands.length).toBe(before);
    expect(refused).toEqual(['ipc:bad-arguments', 'ipc:bad-arguments', 'ipc:foreign-window', 'ipc:foreign-origin', 'ipc:sub-frame']);
  });

  it('hands listeners the pushed payload alone, on its own channel, until unsubscribed', () => {
    const frames: WallFrame[] = [];
    const states: WallState[] = [];
    const offFrame = wall.onFrame((f) => frames.push(f));
    wall.onState((s) => states.push(s));
    ipc.send(WALL_PUSHES.frame.channel, { kind: 'delta', seq: 4 });
    ipc.send(WALL_PUSHES.state.channel, { rev: 42 });
    expect(frames).toEqual([{ kind: 'delta', seq: 4 }]);
    expect(states).toEqual([{ rev: 42 }]);
    offFrame();
    ipc.send(WALL_PUSHES.frame.channel, { kind: 'delta', seq: 5 });
    expect(frames).toHaveLength(1);
  });

  it('removes every handler it registered', () => {
    unregister();
    expect(ipc.handlers.size).toBe(0);
    unregister = () => undefined;
  });
});
