// The one validated IPC wrapper: known channel, main frame of app://wall, a window the
// shell made, then the contract's schema. Rejects are counted by reason, never thrown.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import * as v from 'valibot';
import { WALL_CHANNELS } from '../contract/api.js';
import { WallCommandSchema } from '../contract/schemas.js';
import type { WallCoreHandle } from '../core/wall-core-api.js';
import { checkSender } from './sender-check.js';

type Args = v.GenericSchema<unknown[]>;

export function registerIpc(core: WallCoreHandle, wallWindowIds: () => ReadonlySet<number>): () => void {
  function handle<S extends Args>(channel: string, schema: S, run: (args: v.InferOutput<S>) => unknown): void {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const verdict = checkSender({
        channel,
        frame: frame === null ? null : { url: frame.url, isMainFrame: frame.parent === null },
        webContentsId: event.sender.id,
        wallWindowIds: wallWindowIds(),
      });
      if (!verdict.ok) return core.countRejectedCall(`ipc:${verdict.reason}`);
      const parsed = v.safeParse(schema, args);
      if (!parsed.success) return core.countRejectedCall('ipc:bad-arguments');
      return run(parsed.output);
    });
  }
  handle(WALL_CHANNELS.getSnapshot, v.strictTuple([]), () => core.snapshot());
  handle(WALL_CHANNELS.getState, v.strictTuple([]), () => core.getState());
  handle(WALL_CHANNELS.getConfig, v.strictTuple([]), () => core.getConfig());
  handle(WALL_CHANNELS.command, v.strictTuple([WallCommandSchema]), ([command]) => core.command(command));
  return () => {
    for (const channel of [WALL_CHANNELS.getSnapshot, WALL_CHANNELS.getState, WALL_CHANNELS.getConfig, WALL_CHANNELS.command]) ipcMain.removeHandler(channel);
  };
}
