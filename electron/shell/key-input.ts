// From Electron's before-input-event `input` to the contract's KeyPress, and what the
// shell does with it. Pure; keys.ts is the adapter. The keymap itself lives in the core.
import type { KeyPress } from '../contract/api.js';
import { isLeaveKey, type LeaveKeyInput } from './leave-keys.js';

export interface KeyInput extends LeaveKeyInput {
  type: string;
  isAutoRepeat?: boolean;
}

/** A fresh press (keyDown, or rawKeyDown from synthetic input), never keyUp, char or auto-repeat. */
export function keyPressOf(input: KeyInput): KeyPress | null {
  if ((input.type !== 'keyDown' && input.type !== 'rawKeyDown') || input.isAutoRepeat === true) return null;
  if (input.key === '' || input.key === 'Unidentified' || input.key.length > 32) return null;
  return { key: input.key, ctrl: input.control, shift: input.shift, alt: input.alt, meta: input.meta };
}

export interface KeyDecision {
  /** Give this press to the core (`handleKey`). */
  press: KeyPress | null;
  /** Swallow the key whatever the core says (locked and a key that leaves the wall). */
  swallow: boolean;
}

export function decideKey(input: KeyInput, locked: boolean): KeyDecision {
  return { press: keyPressOf(input), swallow: locked && isLeaveKey(input) };
}
