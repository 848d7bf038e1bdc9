import type { WallApi } from '../../../electron/contract/index.js';
import { wallApiProxy } from '../../../electron/contract/common/wall-api-client.js';
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

/** The browser host's WebSocket: the same WallApi, each method a call the host checks against its table. */
export function fromHostSocket(transport: WebSocketTransport): WallClient {
  const client: Pick<WallClient, 'onHostConnection' | 'sendsKeys'> = { onHostConnection: (l) => transport.onHostConnection(l), sendsKeys: true };
  // Its own members first; every other name falls through to the proxy's.
  return Object.assign(Object.create(wallApiProxy(transport)) as WallClient, client);
}

/** `window.wall` when the Electron preload exposed it, otherwise the browser host's WebSocket. */
export function createWallApi(): WallClient {
  if (window.wall) return fromPreload(window.wall);
  return fromHostSocket(new WebSocketTransport(hostSocketUrl(window.location)));
}
