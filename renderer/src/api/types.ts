import type { Unsubscribe, WallApi } from '../../../electron/contract/index.js';

/** The WallApi plus the state of the transport to the host (always up in Electron). */
export interface WallClient extends WallApi {
  /** Called now and on every change: true while the renderer can reach its host. */
  onHostConnection(listener: (up: boolean) => void): Unsubscribe;
  /** True in the browser host: the renderer forwards key presses itself (Electron: the main process catches them). */
  readonly sendsKeys?: boolean;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge. */
    wall?: WallApi;
  }
}
