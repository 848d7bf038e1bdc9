// The renderer's wall store with a client that pushes states the way both hosts do: one
// message per change, as fast as a shift lead presses keys.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watch } from 'vue';
import { wallApiProxy } from '../../../electron/contract/common/wall-api-client.js';
import type { WallState } from '../../../electron/contract/index.js';
import type { WallClient } from '../../../renderer/src/api/index.js';
import { useWallStore } from '../../../renderer/src/stores/wall.js';

function state(rev: number, preset: number, toastId: number | null = null): WallState {
  return {
    rev,
    language: 'vi',
    preset,
    rotation: { available: true, enabled: false, hold: 'hand-preset', nextSwitchAt: null },
    focus: null,
    help: false,
    locked: false,
    unlockPrompt: null,
    toast: toastId === null ? null : { id: toastId, message: { kind: 'preset', preset, name: { vi: `Bộ ${preset}` } }, at: Date.now() },
    outage: { active: false, since: null },
    selectedAlarm: null,
    mutedUntil: null,
    alarm: null,
  };
}

/** A client whose pushes the test drives (calls never answer); `connect()` happens while the host is up. */
function fakeClient() {
  let onState: (s: WallState) => void = () => undefined;
  let onHost: (up: boolean) => void = () => undefined;
  // Built from a transport as the renderer builds its own: every method of the table exists.
  const api = wallApiProxy({
    call: (method) => (method === 'command' ? Promise.resolve(undefined) : new Promise(() => undefined)),
    subscribe: (push, listener) => {
      if (push === 'state') onState = listener as (s: WallState) => void;
      return () => undefined;
    },
  });
  const client: WallClient = Object.assign(Object.create(api) as WallClient, {
    onHostConnection: (l: (up: boolean) => void) => ((onHost = l), l(true), () => undefined),
  });
  return { client, push: (s: WallState) => onState(s), host: (up: boolean) => onHost(up) };
}

describe('wall store: pushed states', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  it('puts only the newest of a burst of states on screen, with its confirmation', () => {
    const store = useWallStore();
    const { client, push } = fakeClient();
    store.connect(client);
    const seen: number[] = [];
    // Every state the page would lay out, as it is set.
    watch(
      () => store.state,
      (s) => s && seen.push(s.preset),
      { flush: 'sync' },
    );
    push(state(1, 1));
    vi.advanceTimersByTime(150);
    expect(store.state?.preset).toBe(1);

    // Five Ctrl+PageDown while the page was busy laying out: one layout, the last.
    for (let i = 2; i <= 6; i++) push(state(i, i, i));
    expect(store.state?.preset).toBe(1);
    vi.advanceTimersByTime(150);
    expect(store.state?.preset).toBe(6);
    expect(store.toast?.id).toBe(6);
    expect(seen).toEqual([1, 6]);
  });

  it('never goes back to an older state that arrives late', () => {
    const store = useWallStore();
    const { client, push } = fakeClient();
    store.connect(client);
    push(state(5, 3));
    push(state(4, 2));
    vi.advanceTimersByTime(150);
    expect(store.state?.preset).toBe(3);
    push(state(4, 2));
    vi.advanceTimersByTime(150);
    expect(store.state?.preset).toBe(3);
  });

  it('takes a restarted host at its word: a pending state from before the reconnect is dropped', () => {
    const store = useWallStore();
    const { client, push, host } = fakeClient();
    store.connect(client);
    push(state(40, 4));
    host(false);
    host(true);
    push(state(1, 2)); // the restarted host counts its revisions from 1 again
    vi.advanceTimersByTime(150);
    expect(store.state?.preset).toBe(2);
  });
});
