// Wall keys through before-input-event (never globalShortcut): the pure keymap decides,
// the main process executes, handled keys are swallowed.
import type { WebContents } from 'electron';
import type { WallCommand } from '../contract/api.js';
import { keymap } from './keymap.js';

export function bindWallKeys(contents: WebContents, run: (command: WallCommand) => void): void {
  contents.on('before-input-event', (event, input) => {
    const command = keymap(input);
    if (command === null) return;
    event.preventDefault();
    run(command);
  });
}
