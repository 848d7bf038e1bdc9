// The preload: exposes the typed WallApi on `window.wall` and nothing else. Fixed
// channels only (the method table's); listeners receive the payload, never the
// IpcRendererEvent. Bundled into ONE CommonJS file (sandboxed preloads cannot load ES modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { wallApiMembers, type WallTransport } from './contract/common/wall-api-client.js';
import { WALL_METHOD_NAMES, WALL_METHODS, WALL_PUSH_NAMES, WALL_PUSHES } from './contract/wall-api.js';

const ipc: WallTransport = {
  call: (method, args) => ipcRenderer.invoke(WALL_METHODS[method].channel, ...args),
  subscribe: (push, listener) => {
    const channel = WALL_PUSHES[push].channel;
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('wall', wallApiMembers(ipc, WALL_METHOD_NAMES, WALL_PUSH_NAMES));
