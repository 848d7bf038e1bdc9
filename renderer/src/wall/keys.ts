// Key presses as the browser host forwards them. The keymap itself lives in the main
// process: the renderer never interprets a key, it only forwards it.
import type { KeyBinding, KeyPress } from '../../../electron/contract/index.js';
import { comboOf } from '../../../electron/contract/common/key-combo.js';

const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'NumLock', 'OS', 'Hyper', 'Super', 'Fn']);

/** The key press to forward, or null (auto-repeat, a lone modifier, an IME composition). */
export function keyPressOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey' | 'repeat' | 'isComposing'>,
): KeyPress | null {
  if (e.repeat || e.isComposing || !e.key || e.key === 'Unidentified' || e.key === 'Dead' || MODIFIERS.has(e.key)) return null;
  return { key: e.key, ctrl: e.ctrlKey, shift: e.shiftKey, alt: e.altKey, meta: e.metaKey };
}

/**
 * Keys whose browser default (scrolling, find, tab switching, reload…) must not happen on the
 * wall: every combination the effective keymap binds (the profile's remaps included, so a key
 * remapped to F5 does not also reload the page), and the wall's fixed ones.
 */
export function preventsDefault(k: KeyPress, bindings: readonly KeyBinding[] = []): boolean {
  if (bindings.length > 0) {
    const combo = comboOf(k);
    if (bindings.some((b) => b.combo === combo)) return true;
  }
  if (k.key === ' ' || k.key === 'Spacebar' || k.key === 'Escape' || k.key === '?') return true;
  if ((k.key === 'f' || k.key === 'F') && !k.ctrl && !k.alt && !k.meta) return true;
  if (k.key === 'PageUp' || k.key === 'PageDown') return true;
  if (k.ctrl && /^[0-9]$/.test(k.key)) return true;
  return false;
}
