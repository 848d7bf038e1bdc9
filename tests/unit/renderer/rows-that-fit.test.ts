import { describe, expect, it } from 'vitest';
import { rowsThatFit, rowsWithMore } from '../../../renderer/src/wall/use-rows-that-fit.js';

describe('rows that fit', () => {
  it('counts whole rows of an em height in the list font', () => {
    expect(rowsThatFit(300, 39, 1.3, 0.1)).toBe(5); // (300 + 3.9) / (50.7 + 3.9) = 5.56
    expect(rowsThatFit(10, 39, 1.3, 0.1)).toBe(1); // at least one
    // A list sized to exactly three rows (3 × 1.3 em + 2 × 0.1 em), as the layout rounds it.
    expect(rowsThatFit(3 * 1.3 * 39 + 2 * 0.1 * 39 - 0.01, 39, 1.3, 0.1)).toBe(3);
    expect(rowsThatFit(3 * 1.3 * 39 + 2 * 0.1 * 39 - 2, 39, 1.3, 0.1)).toBe(2);
  });

  it('shows all rows that fit, else gives the last row to "+K more"', () => {
    expect(rowsWithMore([1, 2, 3], 3)).toEqual({ rows: [1, 2, 3], more: 0 });
    expect(rowsWithMore([1, 2, 3, 4, 5], 3)).toEqual({ rows: [1, 2], more: 3 });
    expect(rowsWithMore([1, 2, 3], 1)).toEqual({ rows: [], more: 3 });
    expect(rowsWithMore([1, 2, 3], 1, 1)).toEqual({ rows: [1], more: 2 });
  });
});
