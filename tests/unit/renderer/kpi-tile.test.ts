import { describe, expect, it } from 'vitest';
import { formatKpi, isKpiStale, kpiLevel } from '../../../renderer/src/panels/kpi/kpi-tile.js';

describe('a KPI tile', () => {
  it('states a level only when the layout gave thresholds', () => {
    expect(kpiLevel(5, {})).toBeNull();
    expect(kpiLevel(5, { warn_at: 10 })).toBe('normal');
  });

  it('reaches warning and critical at their thresholds when higher is worse (the default)', () => {
    const t = { warn_at: 5, critical_at: 10 };
    expect([4.9, 5, 9.9, 10, 50].map((v) => kpiLevel(v, t))).toEqual(['normal', 'warning', 'warning', 'critical', 'critical']);
  });

  it('reaches them going down when lower is worse', () => {
    const t = { warn_at: 90, critical_at: 75, worse: 'lower' as const };
    expect([99, 90, 80, 75, 10].map((v) => kpiLevel(v, t))).toEqual(['normal', 'warning', 'warning', 'critical', 'critical']);
  });

  it('takes a critical threshold alone', () => {
    expect([1, 3].map((v) => kpiLevel(v, { critical_at: 3 }))).toEqual(['normal', 'critical']);
  });

  it('writes the figure as each language does', () => {
    expect(formatKpi(1234.5, 1, 'vi-VN')).toBe('1.234,5');
    expect(formatKpi(1234.5, 1, 'en-GB')).toBe('1,234.5');
    expect(formatKpi(97.46, 0, 'en-GB')).toBe('97');
  });

  it('is out of date past its age', () => {
    expect(isKpiStale({ time: 0 }, 900_000)).toBe(false);
    expect(isKpiStale({ time: 0 }, 900_001)).toBe(true);
    expect(isKpiStale({ time: 0 }, 61_000, 60)).toBe(true);
  });
});
