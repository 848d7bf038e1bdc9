// The canonical name of a key combination ("Ctrl+Shift+K", "Ctrl+PageDown", "?", "Space"),
// shared by the main process (the keymap) and the renderer (which browser defaults to stop).
// Pure and dependency-free: the renderer may import values from contract/common.
import type { KeyPress } from '../api.js';

const KEY_ALIASES: Readonly<Record<string, string>> = {
  ' ': 'Space',
  spacebar: 'Space',
  space: 'Space',
  esc: 'Escape',
  escape: 'Escape',
  pagedown: 'PageDown',
  pageup: 'PageUp',
  pgdn: 'PageDown',
  pgup: 'PageUp',
  enter: 'Enter',
  return: 'Enter',
  tab: 'Tab',
};

/** Symbols typed with Shift on common layouts: Shift is part of the character, not a modifier. */
const SHIFTED_SYMBOLS = new Set(['?', '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '{', '}', '|', ':', '"', '<', '>', '~']);

function normaliseKeyName(key: string): string {
  const alias = KEY_ALIASES[key.toLowerCase()];
  if (alias) return alias;
  if (key.length === 1) return key.toUpperCase();
  if (/^f\d{1,2}$/iu.test(key)) return key.toUpperCase();
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** Canonical combination of a key press: "Ctrl+Shift+K", "Ctrl+PageDown", "?", "Space". */
export function comboOf(press: KeyPress): string {
  const key = normaliseKeyName(press.key);
  const parts: string[] = [];
  if (press.ctrl) parts.push('Ctrl');
  if (press.alt) parts.push('Alt');
  if (press.shift && !SHIFTED_SYMBOLS.has(key)) parts.push('Shift');
  if (press.meta) parts.push('Meta');
  // With Shift held, digits arrive as symbols on some layouts; Ctrl+Shift+1 stays "1" through `code` upstream.
  parts.push(key);
  return parts.join('+');
}

