// Vertical placement of the timeline's grids (one ECharts instance, one grid per window). The
// caption above each plot and the time axis below it are text at the reading size, so their
// room is counted in lines of that size.
export interface TimelineGridBox {
  /** px from the chart's top to the plot area. */
  top: number;
  /** Height of the plot area in px. */
  height: number;
}

// Room above each plot for its caption, clear of the value axis's top label (centred on the plot's top).
const LABEL_LINES = 1.9;
const AXIS_LINES = 1.35; // room below each plot for the time axis
const GAP = 4;

/** `fontPx`: the reading size of captions and axis labels (the old fixed layout used 19 px). */
export function timelineGrids(count: number, height: number, fontPx = 19): TimelineGridBox[] {
  const n = Math.max(1, count);
  const label = Math.round(LABEL_LINES * fontPx);
  const axis = Math.round(AXIS_LINES * fontPx);
  const slot = (Math.max(0, height) - GAP * (n - 1)) / n;
  const boxes: TimelineGridBox[] = [];
  for (let i = 0; i < n; i++) {
    boxes.push({ top: Math.round(i * (slot + GAP) + label), height: Math.max(10, Math.round(slot - label - axis)) });
  }
  return boxes;
}
