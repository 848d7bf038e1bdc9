import { describe, expect, it } from 'vitest';
import { decideKey, keyPressOf, type KeyInput } from '../../../electron/shell/key-input.js';

const input = (key: string, extra: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key, control: false, shift: false, alt: false, meta: false, ...extra });

describe('keyPressOf', () => {
  it('maps a press to the contract KeyPress', () => {
    expect(keyPressOf(input('2', { control: true }))).toEqual({ key: '2', ctrl: true, shift: false, alt: false, meta: false });
    expect(keyPressOf(input('K', { control: true, shift: true }))).toEqual({ key: 'K', ctrl: true, shift: true, alt: false, meta: false });
    expect(keyPressOf(input(' '))).toEqual({ key: ' ', ctrl: false, shift: false, alt: false, meta: false });
  });

  it('takes keyDown and rawKeyDown, never keyUp, char or auto-repeat', () => {
    expect(keyPressOf(input('l', { type: 'rawKeyDown' }))).not.toBeNull();
    expect(keyPressOf(input('l', { type: 'keyUp' }))).toBeNull();
    expect(keyPressOf(input('l', { type: 'char' }))).toBeNull();
    expect(keyPressOf(input('l', { isAutoRepeat: true }))).toBeNull();
  });

  it('drops keys the contract cannot carry', () => {
    expect(keyPressOf(input(''))).toBeNull();
    expect(keyPressOf(input('Unidentified'))).toBeNull();
    expect(keyPressOf(input('x'.repeat(33)))).toBeNull();
  });
});

describe('decideKey', () => {
  it('swallows keys that leave the wall only while locked', () => {
    const quit = input('q', { control: true });
    expect(decideKey(quit, false).swallow).toBe(false);
    expect(decideKey(quit, true).swallow).toBe(true);
    expect(decideKey(input('F5', { type: 'keyUp' }), true)).toEqual({ press: null, swallow: true });
    expect(decideKey(input('2', { control: true }), true).swallow).toBe(false);
  });

  it('still gives every press to the core while locked (unlock needs Ctrl+Shift+K)', () => {
    expect(decideKey(input('K', { control: true, shift: true }), true).press).toEqual({ key: 'K', ctrl: true, shift: true, alt: false, meta: false });
  });
});
