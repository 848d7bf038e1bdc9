// What survives a restart (preset, rotation, language), checked when read back: a file
// edited by hand or written by another version never breaks the start. Pure.
import { LANGUAGES } from '../contract/api.js';
import type { PersistedWallState } from '../core/wall-core-api.js';

/** electron-store key of the persisted wall state. */
export const WALL_STATE_KEY = 'wallState';

/** The valid fields of a stored value (others dropped), or null when nothing is usable. */
export function parsePersistedState(value: unknown): Partial<PersistedWallState> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const out: Partial<PersistedWallState> = {};
  if (typeof v.preset === 'number' && Number.isInteger(v.preset) && v.preset >= 1 && v.preset <= 9) out.preset = v.preset;
  if (typeof v.rotationEnabled === 'boolean') out.rotationEnabled = v.rotationEnabled;
  if (typeof v.language === 'string' && (LANGUAGES as readonly string[]).includes(v.language)) out.language = v.language as PersistedWallState['language'];
  return Object.keys(out).length > 0 ? out : null;
}

export function samePersistedState(a: PersistedWallState | null, b: PersistedWallState): boolean {
  return a !== null && a.preset === b.preset && a.rotationEnabled === b.rotationEnabled && a.language === b.language;
}
