// Keys that would take a shift lead (or a passer-by) off the wall: quit, close, reload,
// DevTools, full screen, print/save/open/new-window dialogs. While the kiosk is locked the
// shell swallows them on every wall window. Pure.

/** The part of Electron's before-input-event `input` this needs. */
export interface LeaveKeyInput {
  key: string;
  /** Physical key ("KeyQ"): used when the layout gives a letter key another character. */
  code?: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

/** Ctrl (Cmd on macOS) + letter: quit, close, reload, print, save, open, new window, new tab. */
const CTRL_LETTERS = new Set(['q', 'w', 'r', 'p', 's', 'o', 'n', 't']);
/** Ctrl+Shift (Cmd+Alt on macOS) + letter: DevTools, console, inspect element. */
const DEVTOOLS_LETTERS = new Set(['i', 'j', 'c']);
/** Function keys that reload (F5), toggle full screen (F11) or DevTools (F12), with any modifier. */
const LEAVE_F_KEYS = new Set(['f5', 'f11', 'f12']);

function letterOf(input: LeaveKeyInput): string {
  const key = input.key.toLowerCase();
  if (/^[a-z]$/u.test(key)) return key;
  const code = /^Key([A-Z])$/u.exec(input.code ?? '');
  return code ? code[1]!.toLowerCase() : key;
}

export function isLeaveKey(input: LeaveKeyInput): boolean {
  const key = input.key.toLowerCase();
  if (LEAVE_F_KEYS.has(key)) return true;
  if (key === 'f4' && (input.alt || input.control)) return true; // Alt+F4 closes, Ctrl+F4 closes a tab
  const letter = letterOf(input);
  const command = input.control || input.meta;
  if (command && !input.alt && CTRL_LETTERS.has(letter)) return true; // with or without Shift
  if (command && (input.shift || input.alt) && DEVTOOLS_LETTERS.has(letter)) return true;
  return false;
}
