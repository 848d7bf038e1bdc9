// The wall store: frames in a shallowRef (never deep-reactive), merged by the pure
// functions of frame-merge.ts. The transport (preload or WebSocket) is injected once.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type {
  KeyPress,
  Language,
  ToastMessage,
  WallActionName,
  WallConfig,
  WallFrame,
  WallState,
} from '../../../electron/contract/index.js';
import type { WallClient } from '../api/index.js';
import { mergeFrame, type WallView } from './frame-merge.js';
import { toastRemainingMs } from '../wall/texts.js';

/**
 * Runs `fn` once, at the next animation frame, or after 100 ms where there is none (a hidden
 * window gets no frames; Node in unit tests has no requestAnimationFrame).
 */
function atNextFrame(fn: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (frame !== null) cancelAnimationFrame(frame);
    fn();
  };
  const timer = setTimeout(run, 100);
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : null;
}

export interface ShownToast {
  id: number;
  message: ToastMessage;
}

export const useWallStore = defineStore('wall', () => {
  const view = shallowRef<Readonly<WallView> | null>(null);
  /** Local clock (ms) when the current view's frame arrived: ages are measured against it. */
  const receivedAt = ref(0);
  const hostConnected = ref(false);
  /** Local clock (ms) when the host connection went down (or the page started without it); null while up. */
  const hostDownSince = ref<number | null>(Date.now());
  /** The link's reconnect count when this window saw it drop (attempts in this outage are counted from it). */
  const reconnectBaseline = ref<number | null>(null);
  const language = ref<Language>('vi');
  const stateRev = ref(-1);
  /** The wall state owned by the main process (null until the host answered). */
  const state = shallowRef<Readonly<WallState> | null>(null);
  /** The wall configuration (profile, layouts, keys, errors); null until the host answered. */
  const config = shallowRef<Readonly<WallConfig> | null>(null);
  /** This window may command the wall (and so sound its alarms): the host says so. */
  const control = ref(false);
  /** The toast on screen now (the host's `state.toast` for 2.5 s). */
  const toast = shallowRef<ShownToast | null>(null);
  let toastTimer: ReturnType<typeof setTimeout> | null = null;
  let configRev = -1;

  /** The newest pushed state not yet on screen (see receiveState). */
  let pendingState: WallState | null = null;
  let flushScheduled = false;

  let api: WallClient | null = null;
  let snapshotInFlight = false;
  let snapshotRetry: ReturnType<typeof setTimeout> | null = null;

  function accept(frame: WallFrame): void {
    const r = mergeFrame(view.value, frame);
    if (r.view && r.view !== view.value) {
      const before = view.value?.link ?? null;
      const after = r.view.link;
      if (after.status === 'connected') reconnectBaseline.value = null;
      else if (before?.status === 'connected') reconnectBaseline.value = after.reconnects;
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

  /**
   * A pushed state is put on screen at the next frame, newest wins. A preset switch can take
   * a second to lay out on a busy page (a merged 2×2 wall, a map across four screens); a
   * shift lead pressing Ctrl+PageDown five times meanwhile should see the fifth preset next,
   * not the four before it laid out one after another.
   */
  function receiveState(next: WallState): void {
    if (pendingState && next.rev < pendingState.rev) return;
    pendingState = next;
    if (flushScheduled) return;
    flushScheduled = true;
    atNextFrame(() => {
      flushScheduled = false;
      const s = pendingState;
      pendingState = null;
      if (s) applyState(s);
    });
  }

  function applyState(next: WallState): void {
    if (next.rev < stateRev.value) return;
    const first = stateRev.value < 0;
    stateRev.value = next.rev;
    const previousToast = state.value?.toast?.id ?? null;
    state.value = markRaw(next);
    if (next.language !== language.value) language.value = next.language;
    const tst = next.toast;
    if (tst && tst.id !== previousToast) showToast(tst, !first);
  }

  function showToast(tst: NonNullable<WallState['toast']>, live: boolean): void {
    const ms = toastRemainingMs(tst.at, Date.now(), live);
    if (ms <= 0) return;
    toast.value = markRaw({ id: tst.id, message: tst.message });
    if (toastTimer) clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      toastTimer = null;
      toast.value = null;
    }, ms);
  }

  function applyConfig(next: WallConfig): void {
    if (next.rev < configRev) return;
    configRev = next.rev;
    config.value = markRaw(next);
  }

  function connect(client: WallClient): void {
    api = client;
    client.onFrame(accept);
    client.onState(receiveState);
    client.onConfig(applyConfig);
    client.onHostConnection((up) => {
      hostConnected.value = up;
      if (!up) {
        hostDownSince.value ??= Date.now();
        return;
      }
      hostDownSince.value = null;
      // (Re)connected: the host may have restarted (revisions start again), so take its word.
      stateRev.value = -1;
      configRev = -1;
      pendingState = null; // revisions of the host before the reconnect mean nothing now
      // The host's full state and configuration, then pushes on top of them.
      requestSnapshot();
      client.getState().then(applyState, () => undefined);
      client.getConfig().then(applyConfig, () => undefined);
      client.getAccess().then((a) => (control.value = a.control), () => (control.value = false));
    });
  }

  function send(command: Parameters<WallClient['command']>[0]): void {
    api?.command(command).catch(() => undefined);
  }

  function sendKey(key: KeyPress, screen: string): void {
    send({ type: 'key', key, screen });
  }

  function sendAction(action: WallActionName, screen: string): void {
    send({ type: 'action', action, screen });
  }

  function unlock(pin: string, screen: string): void {
    send({ type: 'unlock', pin, screen });
  }

  function cancelUnlock(): void {
    send({ type: 'cancel-unlock' });
  }

  /** The host's clock now, skew-corrected through the newest frame's time. */
  function hostNow(localNow: number): number {
    const v = view.value;
    return v ? v.at + (localNow - receivedAt.value) : localNow;
  }

  return {
    view,
    receivedAt,
    hostConnected,
    control,
    hostDownSince,
    reconnectBaseline,
    language,
    state,
    config,
    toast,
    connect,
    sendKey,
    sendAction,
    unlock,
    cancelUnlock,
    hostNow,
  };
});
