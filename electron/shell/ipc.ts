// The one validated IPC wrapper: known channel, main frame of app://wall, a window the
// shell made, then the contract's schema. One handler per entry of the method table
// (contract/wall-api.ts). Rejects are counted by reason, never thrown.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { parseCallArgs, WALL_METHOD_NAMES, WALL_METHODS } from '../contract/wall-api.js';
import { runCall, wallMethodHandlers } from '../core/api/wall-methods.js';
import type { WallCoreHandle } from '../core/wall-core-api.js';
import { checkSender } from './sender-check.js';

/** The wall's own windows: failed PIN attempts count against the wall itself. */
const LOCAL = { client: 'local', control: true } as const;

export function registerIpc(core: WallCoreHandle, wallWindowIds: () => ReadonlySet<number>): () => void {
  const handlers = wallMethodHandlers(core);
  for (const method of WALL_METHOD_NAMES) {
    const { channel } = WALL_METHODS[method];
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const verdict = checkSender({
        channel,
        frame: frame === null ? null : { url: frame.url, isMainFrame: frame.parent === null },
        webContentsId: event.sender.id,
        wallWindowIds: wallWindowIds(),
      });
      if (!verdict.ok) return core.countRejectedCall(`ipc:${verdict.reason}`);
      const call = parseCallArgs(method, args);
      if (!call) return core.countRejectedCall('ipc:bad-arguments');
      return runCall(handlers, call, LOCAL);
    });
  }
  return () => {
    for (const method of WALL_METHOD_NAMES) ipcMain.removeHandler(WALL_METHODS[method].channel);
  };
}
