// How many list rows of a fixed height fit the element: a wall shows what fits, never a
// scrollbar. Re-measured when the panel's cell changes (layout edits, focus, resize).
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export function useRowsThatFit(el: Ref<HTMLElement | null>, rowPx: number, gapPx: number, initial = 4): Ref<number> {
  const rows = ref(initial);
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    if (!el.value) return;
    observer = new ResizeObserver(([entry]) => {
      if (entry) rows.value = Math.max(1, Math.floor((entry.contentRect.height + gapPx) / rowPx));
    });
    observer.observe(el.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return rows;
}
