// How many list rows fit the element: a wall shows what fits, never a scrollbar, and never
// smaller type. Rows are sized in em of the list's own font (which follows the viewing
// geometry), so a farther room gets fewer, not smaller, rows. Re-measured when the panel's
// cell changes (layout edits, focus, resize).
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/**
 * Whole rows of `rowEm` em, `gapEm` em apart, that fit `heightPx` of a list whose font is `fontPx`.
 * Half a pixel of slack: a list sized to exactly N rows measures a hair under it in floating point.
 */
export function rowsThatFit(heightPx: number, fontPx: number, rowEm: number, gapEm: number, minRows = 1): number {
  const row = rowEm * fontPx;
  const gap = gapEm * fontPx;
  return Math.max(minRows, Math.floor((heightPx + gap + 0.5) / (row + gap)));
}

/**
 * The rows of a list that fit `room`, and how many more there are: when not all fit, the last
 * row is given to "+K more" (at least `min` rows are shown all the same).
 */
export function rowsWithMore<T>(all: readonly T[], room: number, min = 0): { rows: T[]; more: number } {
  const n = all.length <= room ? all.length : Math.max(min, room - 1);
  return { rows: all.slice(0, n), more: all.length - n };
}

/** Follows the element through `v-if`: observed from when it appears, let go when it goes. */
/** `minRows` 0: a list that may show no whole row says so (the caller shows a count instead of a cut row). */
export function useRowsThatFit(el: Ref<HTMLElement | null>, rowEm: number, gapEm: number, initial = 4, minRows = 1): Ref<number> {
  const rows = ref(initial);
  let observer: ResizeObserver | null = null;
  watch(
    el,
    (target) => {
      observer?.disconnect();
      observer = null;
      if (!target) return;
      observer = new ResizeObserver(([entry]) => {
        if (entry) rows.value = rowsThatFit(entry.contentRect.height, parseFloat(getComputedStyle(target).fontSize) || 16, rowEm, gapEm, minRows);
      });
      observer.observe(target);
    },
    { immediate: true, flush: 'post' },
  );
  onBeforeUnmount(() => observer?.disconnect());
  return rows;
}
