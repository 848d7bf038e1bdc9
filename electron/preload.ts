// The preload: exposes the typed WallApi on `window.wall` and nothing else. Fixed
// channels only; listeners receive the payload, never the IpcRendererEvent.
// Bundled into ONE CommonJS file (sandboxed preloads cannot load ES modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { WALL_CHANNELS, type Unsubscribe, type WallApi, type WallCommand, type WallState } from './contract/api.js';
import type { WallFrame } from './contract/frame.js';
import type { WallConfig } from './contract/wall-config.js';

function subscribe<T>(channel: string, listener: (payload: T) => void): Unsubscribe {
  const handler = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const api: WallApi = {
  getSnapshot: () => ipcRenderer.invoke(WALL_CHANNELS.getSnapshot) as Promise<WallFrame>,
  onFrame: (listener) => subscribe<WallFrame>(WALL_CHANNELS.frame, listener),
  getState: () => ipcRenderer.invoke(WALL_CHANNELS.getState) as Promise<WallState>,
  onState: (listener) => subscribe<WallState>(WALL_CHANNELS.state, listener),
  command: async (command: WallCommand) => {
    await ipcRenderer.invoke(WALL_CHANNELS.command, command);
  },
  getConfig: () => ipcRenderer.invoke(WALL_CHANNELS.getConfig) as Promise<WallConfig>,
  onConfig: (listener) => subscribe<WallConfig>(WALL_CHANNELS.config, listener),
};

contextBridge.exposeInMainWorld('wall', api);
