import { describe, expect, it } from 'vitest';
import { MIN_BAND_PX, labelWidthPx, outageBands } from '../../../renderer/src/wall/outage-bands.js';

const T = Date.UTC(2026, 10, 25, 3, 0, 0);
// The last hour at 1 s on a 1200 px plot: 3 s per pixel.
const HOUR = { lo: T, hi: T + 3600_000, step: 1000, now: T + 3600_000 };
// The last 24 h at 1 min on the same plot: 72 s per pixel.
const DAY = { lo: T - 23 * 3600_000, hi: T + 3600_000, step: 60_000, now: T + 3600_000 };
const LABEL = labelWidthPx('Mất kết nối', 15);

describe('outage bands on the timeline', () => {
  it('does not draw the few hundred milliseconds of the first connection', () => {
    expect(outageBands([{ from: HOUR.hi - 300, to: HOUR.hi - 20 }], HOUR, 1200, LABEL)).toEqual([]);
    expect(outageBands([{ from: HOUR.hi - 400, to: null }], HOUR, 1200, LABEL)).toEqual([]);
  });

  it('draws a real outage over its span, with its label when the band can hold it', () => {
    const from = T + 600_000;
    const to = T + 1_500_000; // 15 minutes: 300 px
    expect(outageBands([{ from, to }], HOUR, 1200, LABEL)).toEqual([{ from, to, label: true }]);
  });

  it('keeps a short outage visible on the 24-hour chart, without a label that would spill over', () => {
    const from = T + 600_000;
    const to = from + 90_000; // 90 s: 1.25 px at 72 s/px
    const [band] = outageBands([{ from, to }], DAY, 1200, LABEL);
    expect(band!.from).toBe(from);
    expect((band!.to - band!.from) / 72_000).toBeCloseTo(MIN_BAND_PX, 6);
    expect(band!.label).toBe(false);
  });

  it('measures a span still open up to the frame time, not to the end of the newest bucket', () => {
    // The newest minute bucket ends 50 s after the frame time: a cut 2 s old is not a minute long.
    const win = { ...DAY, now: DAY.hi - 50_000 };
    expect(outageBands([{ from: win.now - 2_000, to: null }], win, 1200, LABEL)).toEqual([]);
    // 90 s old: drawn, ending at the frame time.
    const [band] = outageBands([{ from: win.now - 90_000, to: null }], win, 1200, LABEL);
    expect(band!.to).toBe(win.now);
  });

  it('widens a short band at the right edge leftwards, inside the window', () => {
    const [band] = outageBands([{ from: DAY.hi - 61_000, to: null }], DAY, 1200, LABEL);
    expect(band!.to).toBe(DAY.hi);
    expect((DAY.hi - band!.from) / 72_000).toBeCloseTo(MIN_BAND_PX, 6);
    expect(band!.label).toBe(false);
  });

  it('clips spans to the window and drops those outside it', () => {
    const bands = outageBands(
      [
        { from: T - 7200_000, to: T - 3600_000 }, // before the hour
        { from: T - 60_000, to: T + 1200_000 }, // starts before the hour
      ],
      HOUR,
      1200,
      LABEL,
    );
    expect(bands).toEqual([{ from: T, to: T + 1200_000, label: true }]);
  });

  it('draws bands without labels before the chart has a width', () => {
    expect(outageBands([{ from: T, to: T + 600_000 }], HOUR, 0, LABEL)).toEqual([{ from: T, to: T + 600_000, label: false }]);
  });
});
