import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../../../electron/contract/index.js';
import { comboOf, defaultBindings, effectiveBindings, Keymap, normaliseCombo } from '../../../electron/core/wall/keymap.js';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrl: false, shift: false, alt: false, meta: false, ...mods });

describe('keymap', () => {
  const km = new Keymap(defaultBindings());

  it('maps every default key of DESIGN.md', () => {
    for (let n = 1; n <= 9; n++) expect(km.actionFor(press(String(n), { ctrl: true }))).toBe(`preset:${n}`);
    expect(km.actionFor(press('PageDown', { ctrl: true }))).toBe('next-preset');
    expect(km.actionFor(press('PageUp', { ctrl: true }))).toBe('previous-preset');
    expect(km.actionFor(press(' '))).toBe('toggle-rotation');
    expect(km.actionFor(press('f'))).toBe('focus-next');
    expect(km.actionFor(press('F'))).toBe('focus-next');
    expect(km.actionFor(press('Escape'))).toBe('unfocus');
    expect(km.actionFor(press('?', { shift: true }))).toBe('toggle-help');
    expect(km.actionFor(press('l'))).toBe('toggle-language');
    expect(km.actionFor(press('K', { ctrl: true, shift: true }))).toBe('toggle-lock');
  });

  it('leaves other keys alone', () => {
    expect(km.actionFor(press('1'))).toBeNull();
    expect(km.actionFor(press('l', { ctrl: true }))).toBeNull();
    expect(km.actionFor(press('q', { ctrl: true }))).toBeNull();
    expect(km.actionFor(press('F5'))).toBeNull();
  });

  it('normalises written combinations', () => {
    expect(normaliseCombo('ctrl+pagedown')).toBe('Ctrl+PageDown');
    expect(normaliseCombo('Shift+Ctrl+k')).toBe('Ctrl+Shift+K');
    expect(normaliseCombo('f9')).toBe('F9');
    expect(normaliseCombo('space')).toBe('Space');
    expect(normaliseCombo('Hyper+X')).toBeNull();
    expect(comboOf(press('?', { shift: true }))).toBe('?');
  });

  it('applies profile remaps: add, override, unbind, and reports nonsense', () => {
    const { bindings, problems } = effectiveBindings({ F10: 'next-preset', Space: null, 'Ctrl+1': 'preset:5', 'Wat+Q': 'toggle-help' });
    const m = new Keymap(bindings);
    expect(m.actionFor(press('F10'))).toBe('next-preset');
    expect(m.actionFor(press(' '))).toBeNull();
    expect(m.actionFor(press('1', { ctrl: true }))).toBe('preset:5');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/not a key combination/u);
  });
});
