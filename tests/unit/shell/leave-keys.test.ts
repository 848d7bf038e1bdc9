import { describe, expect, it } from 'vitest';
import { isLeaveKey, type LeaveKeyInput } from '../../../electron/shell/leave-keys.js';

/** "Ctrl+Shift+I" → input (key as Electron reports it: Shift gives an upper-case letter). */
function combo(text: string, code?: string): LeaveKeyInput {
  const parts = text.split('+');
  const key = parts.pop()!;
  const has = (m: string) => parts.includes(m);
  return { key, ...(code ? { code } : {}), control: has('Ctrl'), shift: has('Shift'), alt: has('Alt'), meta: has('Meta') };
}

describe('isLeaveKey', () => {
  it.each([
    'Ctrl+q',
    'Ctrl+w',
    'Ctrl+Shift+W',
    'Alt+F4',
    'F11',
    'F12',
    'Ctrl+Shift+I',
    'Ctrl+Shift+J',
    'Ctrl+Shift+C',
    'Ctrl+r',
    'Ctrl+Shift+R',
    'F5',
    'Ctrl+F5',
    'Shift+F5',
    'Ctrl+p',
    'Ctrl+s',
    'Ctrl+o',
    'Ctrl+n',
    'Ctrl+t',
    'Ctrl+Shift+Q',
    'Meta+q',
    'Meta+Alt+i',
    'Ctrl+F4',
  ])('%s leaves the wall', (text) => {
    expect(isLeaveKey(combo(text))).toBe(true);
  });

  it('finds the letter by its physical key when the layout gives another character', () => {
    expect(isLeaveKey(combo('Ctrl+й', 'KeyQ'))).toBe(true);
    expect(isLeaveKey(combo('Ctrl+Q'))).toBe(true); // Caps Lock
  });

  it.each(['q', 'w', 'Shift+Q', 'Alt+q', 'Ctrl+c', 'Ctrl+v', 'Ctrl+a', 'Ctrl+1', 'Ctrl+PageDown', 'Ctrl+Shift+K', 'F4', 'F1', 'Escape', ' ', 'l', '?', 'Ctrl+Alt+Delete'])(
    '%s does not',
    (text) => {
      expect(isLeaveKey(combo(text))).toBe(false);
    },
  );
});
