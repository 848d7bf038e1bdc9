// The wall store: frames in a shallowRef (never deep-reactive), merged by the pure
// functions of frame-merge.ts. The transport (preload or WebSocket) is injected once.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { Language, WallFrame, WallState } from '../../../electron/contract/index.js';
import type { WallClient } from '../api/index.js';
import { mergeFrame, type WallView } from './frame-merge.js';

export const useWallStore = defineStore('wall', () => {
  const view = shallowRef<Readonly<WallView> | null>(null);
  /** Local clock (ms) when the current view's frame arrived: ages are measured against it. */
  const receivedAt = ref(0);
  const hostConnected = ref(false);
  const language = ref<Language>('vi');
  const stateRev = ref(-1);
  /** Bumps on every language change pushed by the host after the first one (drives the toast). */
  const languageChanges = ref(0);

  let api: WallClient | null = null;
  let snapshotInFlight = false;
  let snapshotRetry: ReturnType<typeof setTimeout> | null = null;

  function accept(frame: WallFrame): void {
    const r = mergeFrame(view.value, frame);
    if (r.view && r.view !== view.value) {
      view.value = markRaw(r.view);
      receivedAt.value = Date.now();
    }
    if (r.needSnapshot) requestSnapshot();
  }

  function requestSnapshot(): void {
    if (!api || snapshotInFlight || !hostConnected.value) return;
    snapshotInFlight = true;
    api
      .getSnapshot()
      .then((frame) => accept(frame))
      .catch(() => {
        if (!snapshotRetry) snapshotRetry = setTimeout(() => ((snapshotRetry = null), requestSnapshot()), 1000);
      })
      .finally(() => {
        snapshotInFlight = false;
      });
  }

  function applyState(state: WallState): void {
    if (state.rev < stateRev.value) return;
    const first = stateRev.value < 0;
    stateRev.value = state.rev;
    if (state.language !== language.value) {
      language.value = state.language;
      if (!first) languageChanges.value++;
    }
  }

  function connect(client: WallClient): void {
    api = client;
    client.onFrame(accept);
    client.onState(applyState);
    client.onHostConnection((up) => {
      hostConnected.value = up;
      if (!up) return;
      // (Re)connected: the host's full state, then deltas on top of it.
      requestSnapshot();
      client.getState().then(applyState, () => undefined);
    });
  }

  function toggleLanguage(): void {
    api?.command({ type: 'toggle-language' }).catch(() => undefined);
  }

  return { view, receivedAt, hostConnected, language, languageChanges, connect, toggleLanguage };
});
