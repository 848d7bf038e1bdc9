// Where the timeline draws its "no live data" bands. Pure, so the rules are unit-tested:
// - a span shorter than one step of the window is below the chart's resolution and not drawn
//   (the few hundred milliseconds of the first connection are not an outage);
// - a span that is drawn is at least MIN_BAND_PX wide, so a short outage stays visible on a
//   24-hour chart;
// - the label is shown only on a band wide enough to hold it, never cut at the chart's edge.
import type { OutageSpan } from '../stores/frame-merge.js';

export const MIN_BAND_PX = 4;

export interface BandWindow {
  /** Start of the window, ms. */
  readonly lo: number;
  /** End of the window, ms. */
  readonly hi: number;
  /** One bucket, ms. */
  readonly step: number;
  /**
   * The host's time of the frame, ms: where a span still open ends. The newest bucket
   * reaches up to one step past it; an open span must not be measured to there.
   */
  readonly now: number;
}

export interface OutageBand {
  readonly from: number;
  readonly to: number;
  readonly label: boolean;
}

/**
 * @param plotWidthPx width of the plot area (0 when not yet laid out: bands without labels)
 * @param labelWidthPx width the label needs
 */
export function outageBands(spans: readonly OutageSpan[], win: BandWindow, plotWidthPx: number, labelWidthPx: number): OutageBand[] {
  const bands: OutageBand[] = [];
  if (win.hi <= win.lo) return bands;
  const msPerPx = plotWidthPx > 0 ? (win.hi - win.lo) / plotWidthPx : 0;
  const now = Math.min(win.now, win.hi);
  for (const s of spans) {
    const end = s.to ?? now;
    if (end - s.from < win.step) continue;
    let from = Math.max(s.from, win.lo);
    let to = Math.min(end, win.hi);
    if (to <= from) continue;
    const minMs = MIN_BAND_PX * msPerPx;
    if (to - from < minMs) {
      to = Math.max(to, Math.min(now, from + minMs)); // never into the future
      from = Math.max(win.lo, to - minMs);
    }
    const widthPx = msPerPx > 0 ? (to - from) / msPerPx : 0;
    bands.push({ from, to, label: widthPx >= labelWidthPx });
  }
  return bands;
}

/** A label's width in px, estimated from its length (the chart's font, no DOM measuring). */
export function labelWidthPx(text: string, fontSizePx: number): number {
  return Math.ceil(text.length * fontSizePx * 0.6) + 8;
}
