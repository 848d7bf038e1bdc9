import { describe, expect, it } from 'vitest';
import { percent, percentile } from '../../helpers/readability/stats.js';

describe('percentile', () => {
  it('interpolates linearly between ranks (numpy default)', () => {
    expect(percentile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5], 100)).toBe(5);
    expect(percentile([10, 0], 25)).toBe(2.5);
    expect(percentile([5, 1, 4, 2, 3], 5)).toBeCloseTo(1.2, 10);
  });
  it('leaves the input alone and answers NaN for nothing', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
    expect(percentile([], 5)).toBeNaN();
  });
  it('percent of an empty whole is 0', () => {
    expect(percent(1, 4)).toBe(25);
    expect(percent(0, 0)).toBe(0);
  });
});
