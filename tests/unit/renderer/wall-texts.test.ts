import { describe, expect, it } from 'vitest';
import type { ToastMessage, WallConfig } from '../../../electron/contract/index.js';
import { translator } from './translator.js';
import {
  TOAST_MS,
  actionText,
  errorLine,
  capLabel,
  keyCaps,
  localText,
  rotationStatus,
  toastRemainingMs,
  toastText,
} from '../../../renderer/src/wall/texts.js';
import { keyPressOf, preventsDefault } from '../../../renderer/src/wall/keys.js';
import { shownCategories } from '../../../renderer/src/wall/panel-options.js';
import { timelineGrids } from '../../../renderer/src/wall/timeline-grids.js';

const vi = translator('vi');
const en = translator('en');

const profile = {
  presets: { '3': { name: { vi: 'Diễn biến 24 giờ', en: '24-hour trends' }, screens: {} }, '4': { name: { vi: 'Chỉ tiếng Việt' }, screens: {} } },
} as unknown as WallConfig['profile'];

describe('local text', () => {
  it('falls back to the other language', () => {
    expect(localText({ vi: 'A', en: 'B' }, 'en')).toBe('B');
    expect(localText({ vi: 'A' }, 'en')).toBe('A');
    expect(localText({ en: ' ' }, 'vi')).toBeUndefined();
    expect(localText(undefined, 'vi')).toBeUndefined();
  });
});

describe('toasts', () => {
  const preset: ToastMessage = { kind: 'preset', preset: 3, name: { vi: 'Diễn biến 24 giờ', en: '24-hour trends' } };
  it('names the preset in the current language', () => {
    expect(toastText(preset, 'vi', vi)).toBe('Bộ hiển thị 3 — Diễn biến 24 giờ');
    expect(toastText(preset, 'en', en)).toBe('Preset 3 — 24-hour trends');
    expect(toastText({ kind: 'preset', preset: 5, name: {} }, 'en', en)).toBe('Preset 5');
  });
  it('says every other kind in both languages', () => {
    const kinds: ToastMessage[] = [
      { kind: 'rotation', running: true },
      { kind: 'rotation', running: false },
      { kind: 'language' },
      { kind: 'locked' },
      { kind: 'unlocked' },
      { kind: 'unlock-failed' },
      { kind: 'lock-unavailable' },
      { kind: 'config-applied', file: 'layouts/trends.yaml' },
      { kind: 'config-rejected', file: 'layouts/trends.yaml' },
    ];
    for (const k of kinds) {
      const a = toastText(k, 'vi', vi);
      const b = toastText(k, 'en', en);
      expect(a).not.toMatch(/^(wall|actions)\./);
      expect(b).not.toMatch(/^(wall|actions)\./);
      expect(a).not.toBe(b);
    }
    expect(toastText({ kind: 'rotation', running: false }, 'vi', vi)).toBe('Đã tạm dừng xoay vòng');
    expect(toastText({ kind: 'rotation', running: false }, 'en', en)).toBe('Rotation paused');
    expect(toastText({ kind: 'locked' }, 'vi', vi)).toBe('Đã khoá kiosk');
    expect(toastText({ kind: 'config-rejected', file: 'x.yaml' }, 'en', en)).toContain('x.yaml');
  });
  it('shows a live toast 2.5 s, one found on reconnect only for what is left', () => {
    expect(toastRemainingMs(0, 10_000_000, true)).toBe(TOAST_MS);
    expect(toastRemainingMs(1000, 2000, false)).toBe(1500);
    expect(toastRemainingMs(1000, 9000, false)).toBe(0);
    expect(toastRemainingMs(9000, 1000, false)).toBe(TOAST_MS);
  });
});

describe('help texts', () => {
  it('describes every action in both languages, presets with their names', () => {
    expect(actionText('preset:3', { profile }, 'vi', vi)).toBe('Chuyển cả tường sang bộ hiển thị 3 — Diễn biến 24 giờ');
    expect(actionText('preset:3', { profile }, 'en', en)).toBe('Whole wall to preset 3 — 24-hour trends');
    expect(actionText('preset:4', { profile }, 'en', en)).toBe('Whole wall to preset 4 — Chỉ tiếng Việt');
    expect(actionText('preset:9', { profile }, 'en', en)).toBe('Whole wall to preset 9');
    for (const a of ['next-preset', 'previous-preset', 'toggle-rotation', 'focus-next', 'unfocus', 'toggle-help', 'toggle-language', 'toggle-lock'] as const) {
      expect(actionText(a, null, 'vi', vi)).not.toBe(`actions.${a}`);
      expect(actionText(a, null, 'en', en)).not.toBe(`actions.${a}`);
    }
  });
  it('splits combinations into key caps', () => {
    expect(keyCaps('Ctrl+PageDown')).toEqual(['Ctrl', 'PageDown']);
    expect(keyCaps('Shift+?')).toEqual(['Shift', '?']);
    expect(keyCaps('Ctrl++')).toEqual(['Ctrl', '+']);
    expect(keyCaps('Space')).toEqual(['Space']);
  });
  it('labels caps short enough to fit one (the combination itself is unchanged)', () => {
    expect(keyCaps('Ctrl+PageDown').map(capLabel)).toEqual(['Ctrl', 'PgDn']);
    expect(['ArrowDown', 'ArrowUp', 'Escape', 'F9', 'A'].map(capLabel)).toEqual(['↓', '↑', 'Esc', 'F9', 'A']);
  });
  it('writes errors as file:line:column', () => {
    expect(errorLine({ file: 'layouts/a.yaml', line: 4, column: 9 }).where).toBe('layouts/a.yaml:4:9');
    expect(errorLine({ file: 'layouts/a.yaml', line: null, column: null }).where).toBe('layouts/a.yaml');
  });
});

describe('rotation status', () => {
  const base = { available: true, enabled: true, hold: 'none' as const, nextSwitchAt: 61_000 };
  it('running with seconds to the next switch', () => {
    expect(rotationStatus(base, 30_500, en)).toEqual({ mode: 'running', label: 'Rotating', reason: '', seconds: 31 });
  });
  it('paused with the hold reason', () => {
    expect(rotationStatus({ ...base, hold: 'activity' }, 0, vi)).toMatchObject({ mode: 'paused', reason: 'đang thao tác phím' });
    expect(rotationStatus({ ...base, enabled: false, nextSwitchAt: null }, 0, en)).toMatchObject({ mode: 'paused', reason: 'Space to start', seconds: null });
    expect(rotationStatus({ ...base, available: false }, 0, en).mode).toBe('off');
  });
});

describe('keys', () => {
  const ev = (key: string, o: Partial<KeyboardEvent> = {}) =>
    ({ key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, repeat: false, isComposing: false, ...o }) as KeyboardEvent;
  it('forwards presses uninterpreted, not repeats or lone modifiers', () => {
    expect(keyPressOf(ev('3', { ctrlKey: true }))).toEqual({ key: '3', ctrl: true, shift: false, alt: false, meta: false });
    expect(keyPressOf(ev('l'))).toEqual({ key: 'l', ctrl: false, shift: false, alt: false, meta: false });
    expect(keyPressOf(ev('F', { repeat: true }))).toBeNull();
    expect(keyPressOf(ev('Control', { ctrlKey: true }))).toBeNull();
  });
  it('keeps the browser from scrolling or acting on wall keys', () => {
    const k = (key: string, ctrl = false) => ({ key, ctrl, shift: false, alt: false, meta: false });
    for (const x of [k(' '), k('f'), k('F'), k('?'), k('Escape'), k('PageDown', true), k('PageUp'), k('1', true), k('9', true)]) {
      expect(preventsDefault(x)).toBe(true);
    }
    for (const x of [k('l'), k('1'), k('F5'), k('f', true)]) expect(preventsDefault(x)).toBe(false);
    // The effective keymap counts: a key the profile binds (here F5) no longer does its browser thing.
    expect(preventsDefault(k('F5'), [{ combo: 'F5', action: 'next-preset' }])).toBe(true);
    expect(preventsDefault(k('l'), [{ combo: 'F5', action: 'next-preset' }])).toBe(false);
  });
});

describe('panel options', () => {
  it('shows the chosen categories in the wall order, all when none', () => {
    expect(shownCategories({ categories: ['targeted', 'malware'] })).toEqual(['malware', 'targeted']);
    expect(shownCategories(undefined)).toHaveLength(7);
  });
  it('stacks one or two timeline grids inside the chart', () => {
    // Room for the caption (1.9 lines) and the time axis (1.35 lines) of the reading size.
    expect(timelineGrids(1, 300)).toEqual([{ top: 36, height: 238 }]);
    const two = timelineGrids(2, 304);
    expect(two).toEqual([{ top: 36, height: 88 }, { top: 190, height: 88 }]);
    // It grows with the reading size (39 px at 5 m): lines of it, not pixels.
    expect(timelineGrids(1, 600, 39)).toEqual([{ top: 74, height: 473 }]);
  });
});
