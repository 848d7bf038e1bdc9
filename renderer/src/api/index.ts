import type { WallApi } from '../../../electron/contract/index.js';
import type { WallClient } from './types.js';
import { WebSocketWallApi, hostSocketUrl } from './ws-wall-api.js';

export type { WallClient } from './types.js';

/** Electron preload bridge: the host is the main process, always reachable. */
function fromPreload(wall: WallApi): WallClient {
  return {
    getSnapshot: () => wall.getSnapshot(),
    onFrame: (l) => wall.onFrame(l),
    getState: () => wall.getState(),
    onState: (l) => wall.onState(l),
    command: (c) => wall.command(c),
    getConfig: () => wall.getConfig(),
    onConfig: (l) => wall.onConfig(l),
    onHostConnection: (l) => {
      l(true);
      return () => undefined;
    },
    sendsKeys: false,
  };
}

/** `window.wall` when the Electron preload exposed it, otherwise the browser host's WebSocket. */
export function createWallApi(): WallClient {
  if (window.wall) return fromPreload(window.wall);
  return new WebSocketWallApi(hostSocketUrl(window.location));
}
