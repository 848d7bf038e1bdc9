// The wall's keyboard (DESIGN.md "Keyboard"), one map for both hosts: Electron's
// before-input-event and the browser host's forwarded keydowns both end here.
import type { KeyBinding, KeyPress, WallActionName } from '../../contract/index.js';
import { comboOf } from '../../contract/common/key-combo.js';

export { comboOf } from '../../contract/common/key-combo.js';

/** Default bindings; a wall profile can add, override or unbind (null) combinations. */
export function defaultBindings(): KeyBinding[] {
  const out: KeyBinding[] = [];
  for (let n = 1; n <= 9; n++) out.push({ combo: `Ctrl+${n}`, action: `preset:${n}` });
  out.push(
    { combo: 'Ctrl+PageDown', action: 'next-preset' },
    { combo: 'Ctrl+PageUp', action: 'previous-preset' },
    { combo: 'Space', action: 'toggle-rotation' },
    { combo: 'F', action: 'focus-next' },
    { combo: 'Escape', action: 'unfocus' },
    { combo: '?', action: 'toggle-help' },
    { combo: 'L', action: 'toggle-language' },
    { combo: 'Ctrl+Shift+K', action: 'toggle-lock' },
    { combo: 'A', action: 'alarm-acknowledge' },
    { combo: 'Shift+A', action: 'alarm-acknowledge-shown' },
    { combo: 'ArrowDown', action: 'alarm-select-next' },
    { combo: 'ArrowUp', action: 'alarm-select-previous' },
    { combo: 'S', action: 'alarm-shelve' },
    { combo: 'M', action: 'toggle-mute' },
    { combo: 'H', action: 'write-report' },
  );
  return out;
}

/** Canonical form of a combination written in a profile ("ctrl+pagedown" → "Ctrl+PageDown"). */
export function normaliseCombo(text: string): string | null {
  const raw = text.split('+').map((p) => p.trim());
  // "Ctrl++" means Ctrl and the plus key.
  if (text.endsWith('++')) raw.splice(raw.length - 2, 2, '+');
  const key = raw.pop();
  if (!key) return null;
  const mods = new Set(raw.map((m) => m.toLowerCase()));
  for (const m of mods) if (!['ctrl', 'control', 'alt', 'shift', 'meta', 'cmd', 'super'].includes(m)) return null;
  return comboOf({
    key,
    ctrl: mods.has('ctrl') || mods.has('control'),
    alt: mods.has('alt'),
    shift: mods.has('shift'),
    meta: mods.has('meta') || mods.has('cmd') || mods.has('super'),
  });
}

/**
 * Defaults overlaid with the profile's remaps. Returns the bindings and, for each
 * combination the profile wrote that cannot be understood, a reason.
 */
export function effectiveBindings(remaps: Readonly<Record<string, WallActionName | null>> | undefined): {
  bindings: KeyBinding[];
  problems: { combo: string; reason: string }[];
} {
  const map = new Map<string, WallActionName>(defaultBindings().map((b) => [b.combo, b.action]));
  const problems: { combo: string; reason: string }[] = [];
  for (const [written, action] of Object.entries(remaps ?? {})) {
    const combo = normaliseCombo(written);
    if (combo === null) {
      problems.push({ combo: written, reason: `"${written}" is not a key combination (e.g. "Ctrl+Shift+1", "F9", "Space")` });
      continue;
    }
    if (action === null) map.delete(combo);
    else map.set(combo, action);
  }
  return { bindings: [...map].map(([combo, action]) => ({ combo, action })), problems };
}

export class Keymap {
  private readonly byCombo: ReadonlyMap<string, WallActionName>;

  constructor(readonly bindings: readonly KeyBinding[]) {
    this.byCombo = new Map(bindings.map((b) => [b.combo, b.action]));
  }

  actionFor(press: KeyPress): WallActionName | null {
    return this.byCombo.get(comboOf(press)) ?? null;
  }
}
