// The scale of this window's stage: the logical 1920×1080 screen fitted to the window (App.vue).
// Canvases (ECharts, the Leaflet map) draw at device pixels × this scale so a 4K panel at device
// pixel ratio 1 gets crisp lines, not an upscaled 1080p bitmap.
import { ref } from 'vue';

export const stageScale = ref(1);

/** Pixel ratio a canvas should render at in this window. */
export function canvasPixelRatio(): number {
  return Math.max(1, (window.devicePixelRatio || 1) * stageScale.value);
}
