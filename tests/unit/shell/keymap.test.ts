import { describe, expect, it } from 'vitest';
import { keymap, type KeyInput } from '../../../electron/shell/keymap.js';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  shift: false,
  alt: false,
  meta: false,
  ...extra,
});

describe('keymap', () => {
  it('L toggles the language (Caps Lock too)', () => {
    expect(keymap(key('l'))).toEqual({ type: 'toggle-language' });
    expect(keymap(key('L'))).toEqual({ type: 'toggle-language' });
  });

  it('acts on key down only, not on keyUp, char or auto-repeat', () => {
    expect(keymap(key('l', { type: 'rawKeyDown' }))).toEqual({ type: 'toggle-language' });
    expect(keymap(key('l', { type: 'keyUp' }))).toBeNull();
    expect(keymap(key('l', { type: 'char' }))).toBeNull();
    expect(keymap(key('l', { isAutoRepeat: true }))).toBeNull();
  });

  it.each(['control', 'shift', 'alt', 'meta'] as const)('ignores L with %s', (modifier) => {
    expect(keymap(key('l', { [modifier]: true }))).toBeNull();
  });

  it('leaves unbound keys to the page', () => {
    for (const k of ['k', 'Enter', 'Escape', 'F5', ' ', 'Unidentified', '']) expect(keymap(key(k))).toBeNull();
  });
});
