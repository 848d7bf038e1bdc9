// Sounds the alarms on the one screen of the profile that has `audio: true`, and only in a
// window that may command the wall (a browser viewer without the control right stays silent).
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useWallStore } from '../stores/wall.js';
import { annunciate, QUIET, type AnnunciationState } from './annunciation.js';
import { createTonePlayer, type TonePlayer } from './tone-player.js';

export function useAnnunciator(windowScreens: Ref<readonly string[]>): { sounds: Ref<boolean>; blocked: Ref<boolean> } {
  const store = useWallStore();
  const audioScreens = computed(() => (store.config?.profile.screens ?? []).filter((s) => s.audio === true).map((s) => s.id));
  const sounds = computed(() => store.control && windowScreens.value.some((id) => audioScreens.value.includes(id)));
  const blocked = ref(false);
  let player: TonePlayer | null = null;
  let state: AnnunciationState = QUIET;
  let first = true;

  const muted = (): boolean => {
    const until = store.state?.mutedUntil ?? null;
    return until !== null && until > store.hostNow(Date.now());
  };

  function step(): void {
    const view = store.view;
    if (!sounds.value || !view) return;
    const r = annunciate(state, view.alarms, view.alarmSummary, Date.now(), muted(), first);
    first = false;
    state = r.state;
    if (r.tones.length === 0) return;
    player ??= createTonePlayer();
    for (const tone of r.tones) player.play(tone);
    blocked.value = player.blocked;
  }

  // Frames come at the wall's cadence: each one may bring a new alarm; the repeat rides on them.
  watch(() => store.view, step);
  watch(sounds, (on) => {
    if (on) return;
    player?.close();
    player = null;
    state = QUIET;
    first = true;
  });
  // A key press is the gesture a browser wants before it plays sound.
  const onGesture = (): void => {
    player?.resume();
    blocked.value = false;
  };
  window.addEventListener('keydown', onGesture);
  window.addEventListener('pointerdown', onGesture);
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onGesture);
    window.removeEventListener('pointerdown', onGesture);
    player?.close();
  });
  return { sounds, blocked };
}
