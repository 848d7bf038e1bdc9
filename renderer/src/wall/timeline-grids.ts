// Vertical placement of the timeline's grids (one ECharts instance, one grid per window).
export interface TimelineGridBox {
  /** px from the chart's top to the plot area. */
  top: number;
  /** Height of the plot area in px. */
  height: number;
}

const LABEL = 24; // room above each plot for its caption
const AXIS = 26; // room below each plot for the time axis
const GAP = 4;

export function timelineGrids(count: number, height: number): TimelineGridBox[] {
  const n = Math.max(1, count);
  const slot = (Math.max(0, height) - GAP * (n - 1)) / n;
  const boxes: TimelineGridBox[] = [];
  for (let i = 0; i < n; i++) {
    boxes.push({ top: Math.round(i * (slot + GAP) + LABEL), height: Math.max(10, Math.round(slot - LABEL - AXIS)) });
  }
  return boxes;
}
