import { describe, expect, it } from 'vitest';
import { applyFilterChain, compositeOver, compositeStack, contrastRatio, parseFilter, relativeLuminance, rgba } from '../../helpers/readability/color.js';

describe('WCAG 2 contrast', () => {
  it('black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio(rgba(0, 0, 0), rgba(255, 255, 255))).toBeCloseTo(21, 5);
    expect(contrastRatio(rgba(120, 30, 200), rgba(120, 30, 200))).toBe(1);
  });

  it('matches published pairs (WebAIM): #777 on white 4.48:1, #595959 on white 7.0:1', () => {
    expect(contrastRatio(rgba(0x77, 0x77, 0x77), rgba(255, 255, 255))).toBeCloseTo(4.48, 2);
    expect(contrastRatio(rgba(0x59, 0x59, 0x59), rgba(255, 255, 255))).toBeCloseTo(7.0, 1);
  });

  it('relative luminance uses the sRGB curve (linear part below 0.04045)', () => {
    expect(relativeLuminance(rgba(255, 255, 255))).toBeCloseTo(1, 10);
    expect(relativeLuminance(rgba(10, 10, 10))).toBeCloseTo(10 / 255 / 12.92, 10);
  });
});

describe('compositing and filters', () => {
  it('translucent text over a background', () => {
    expect(compositeOver(rgba(255, 255, 255, 0.5), rgba(0, 0, 0))).toEqual(rgba(127.5, 127.5, 127.5, 1));
    expect(compositeStack(rgba(255, 255, 255), [rgba(0, 0, 0, 1), rgba(255, 0, 0, 0.5)])).toEqual(rgba(127.5, 0, 0, 1));
  });

  it('parses computed filter values, percentages as fractions', () => {
    expect(parseFilter('saturate(0.2) brightness(78%)')).toEqual([
      { name: 'saturate', amount: 0.2 },
      { name: 'brightness', amount: 0.78 },
    ]);
    expect(parseFilter('none')).toEqual([]);
    expect(Number.isNaN(parseFilter('drop-shadow(rgb(0, 0, 0) 0px 2px 4px)')[0]!.amount)).toBe(true);
  });

  it('a stale panel filter dims and greys the text colour', () => {
    const dimmed = applyFilterChain(rgba(200, 100, 50), ['saturate(0) brightness(0.5)']);
    // Fully desaturated: one grey (Filter Effects luminance weights), then halved.
    expect(dimmed.r).toBeCloseTo(dimmed.g, 6);
    expect(dimmed.r).toBeCloseTo((0.213 * 200 + 0.715 * 100 + 0.072 * 50) * 0.5, 6);
    expect(applyFilterChain(rgba(10, 20, 30), ['brightness(1)', 'saturate(1)'])).toEqual(rgba(10, 20, 30));
    expect(applyFilterChain(rgba(10, 20, 30, 1), ['opacity(0.5)']).a).toBe(0.5);
  });
});
