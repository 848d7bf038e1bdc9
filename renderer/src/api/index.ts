import type { WallApi } from '../../../electron/contract/index.js';
import { wallApiClient } from '../../../electron/contract/common/wall-methods.js';
import type { WallClient } from './types.js';
import { WebSocketTransport, hostSocketUrl } from './ws-wall-api.js';

export type { WallClient } from './types.js';

/** Electron preload bridge: the host is the main process, always reachable. */
function fromPreload(wall: WallApi): WallClient {
  return {
    ...wall,
    onHostConnection: (l) => {
      l(true);
      return () => undefined;
    },
    sendsKeys: false,
  };
}

/** The browser host's WebSocket: the same WallApi, built from the same method table. */
export function fromHostSocket(transport: WebSocketTransport): WallClient {
  return { ...wallApiClient(transport), onHostConnection: (l) => transport.onHostConnection(l), sendsKeys: true };
}

/** `window.wall` when the Electron preload exposed it, otherwise the browser host's WebSocket. */
export function createWallApi(): WallClient {
  if (window.wall) return fromPreload(window.wall);
  return fromHostSocket(new WebSocketTransport(hostSocketUrl(window.location)));
}
