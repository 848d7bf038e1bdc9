// Keyboard of the wall (DESIGN.md "Keyboard"): a pure map from Electron's
// before-input-event `input` to a command. Keys not in the map return null and pass through.
import type { WallCommand } from '../contract/api.js';

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
  isAutoRepeat?: boolean;
}

export function keymap(input: KeyInput): WallCommand | null {
  // Electron reports a press as 'keyDown'; synthetic input (sendInputEvent, CDP) may say 'rawKeyDown'.
  // One press never yields both; 'char' and 'keyUp' are ignored.
  if ((input.type !== 'keyDown' && input.type !== 'rawKeyDown') || input.isAutoRepeat === true) return null;
  const modifiers = input.control || input.shift || input.alt || input.meta;
  // 'L' (Caps Lock) and 'l' are the same key; Shift+L is not bound.
  if (!modifiers && input.key.toLowerCase() === 'l') return { type: 'toggle-language' };
  return null;
}
