// The wall state that survives a restart, in electron-store (userData/wall-state.json, key
// `wallState`). A failing disk never stops the wall: it logs and carries on.
import type Store from 'electron-store';
import type { PersistedWallState, WallStatePersistence } from '../core/wall-core-api.js';
import { parsePersistedState, samePersistedState, WALL_STATE_KEY } from './state-persistence-model.js';
import type { WallLog } from '../core/log/wall-log.js';
import { electronStore } from './settings-store.js';

export function createStatePersistence(log: WallLog): WallStatePersistence {
  let store: Store<Record<string, unknown>> | null = null;
  try {
    store = new (electronStore())<Record<string, unknown>>({ name: 'wall-state', clearInvalidConfig: true });
  } catch (err) {
    log('error', `wall state store unavailable, the preset will not survive a restart: ${err instanceof Error ? err.message : String(err)}`);
  }
  let last: PersistedWallState | null = null;
  return {
    load() {
      const loaded = parsePersistedState(store?.get(WALL_STATE_KEY));
      if (loaded !== null) log('info', `restored wall state: ${JSON.stringify(loaded)}`);
      return loaded;
    },
    save(state) {
      if (store === null || samePersistedState(last, state)) return; // writes only on a change
      try {
        store.set(WALL_STATE_KEY, { preset: state.preset, rotationEnabled: state.rotationEnabled, language: state.language });
        last = { ...state };
      } catch (err) {
        log('error', `wall state not saved: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}
