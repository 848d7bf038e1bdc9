// Wall keys through before-input-event on every wall window (never globalShortcut): the
// core's keymap decides and executes; wall keys, and while locked every key that would
// leave the wall, are swallowed.
import type { WebContents } from 'electron';
import type { WallCoreHandle } from '../core/wall-core-api.js';
import { decideKey } from './key-input.js';

export function bindWallKeys(contents: WebContents, core: WallCoreHandle, screenOf: () => string): void {
  contents.on('before-input-event', (event, input) => {
    const { press, swallow } = decideKey(input, core.getState().locked);
    const handled = press !== null && core.handleKey(press, screenOf());
    if (handled || swallow) event.preventDefault();
  });
}
