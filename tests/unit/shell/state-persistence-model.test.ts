import { describe, expect, it } from 'vitest';
import { parsePersistedState, samePersistedState, WALL_STATE_KEY } from '../../../electron/shell/state-persistence-model.js';

describe('persisted wall state', () => {
  it('is stored under wallState', () => {
    expect(WALL_STATE_KEY).toBe('wallState');
  });

  it('reads back a saved state', () => {
    expect(parsePersistedState({ preset: 3, rotationEnabled: false, language: 'en' })).toEqual({ preset: 3, rotationEnabled: false, language: 'en' });
  });

  it('keeps the valid fields of a hand-edited or older value, drops the rest', () => {
    expect(parsePersistedState({ preset: 12, rotationEnabled: 'yes', language: 'en', extra: 1 })).toEqual({ language: 'en' });
    expect(parsePersistedState({ preset: 2.5, language: 'fr' })).toBeNull();
    expect(parsePersistedState({ preset: 9 })).toEqual({ preset: 9 });
  });

  it('reads nothing from a missing or malformed value', () => {
    for (const v of [undefined, null, 'preset 3', 3, [], [3]]) expect(parsePersistedState(v)).toBeNull();
  });

  it('compares states to skip writes that change nothing', () => {
    const s = { preset: 1, rotationEnabled: true, language: 'vi' } as const;
    expect(samePersistedState(null, s)).toBe(false);
    expect(samePersistedState({ ...s }, s)).toBe(true);
    expect(samePersistedState({ ...s, preset: 2 }, s)).toBe(false);
  });
});
