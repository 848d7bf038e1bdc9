import { describe, expect, it } from 'vitest';
import { capAngleDeg, capPxForAngle, DEFAULT_PANEL_WIDTH_MM, DEFAULT_VIEWING_DISTANCE_M, mmPerCssPx, screenGeometry, visualAngleDeg } from '../../helpers/readability/geometry.js';

describe('visual angle', () => {
  it('is 2·atan(h / 2d) in degrees', () => {
    // 1 mm at 1 m ≈ 0.0573°; small-angle approximation holds.
    expect(visualAngleDeg(1, 1)).toBeCloseTo(0.0572958, 6);
    expect(visualAngleDeg(2000, 1)).toBeCloseTo(90, 6);
  });

  it('at 5 m from a 1218 mm wide 1080p panel, 0.2° and 0.3° are about 27.5 and 41 px of cap height', () => {
    const g = { viewingDistanceM: 5, panelWidthMm: 1218 };
    expect(mmPerCssPx(g, 1920)).toBeCloseTo(0.634, 3);
    expect(capPxForAngle(0.2, g, 1920)).toBeCloseTo(27.5, 1);
    expect(capPxForAngle(0.3, g, 1920)).toBeCloseTo(41.3, 1);
    expect(capAngleDeg(capPxForAngle(0.2, g, 1920), g, 1920)).toBeCloseTo(0.2, 9);
    // A 4K window on the same panel: each CSS px is half as big.
    expect(capAngleDeg(20, g, 3840)).toBeCloseTo(capAngleDeg(10, g, 1920), 9);
  });
});

describe('profile geometry', () => {
  const profile = `
version: 1
viewing_distance_m: 6
screens:
  - { id: a, cell: { col: 0, row: 0 } }
  - { id: b, cell: { col: 1, row: 0 }, viewing_distance_m: 3, panel_width_mm: 1650 }
`;
  it('a screen overrides the profile, the profile overrides the defaults', () => {
    expect(screenGeometry(profile, 'a')).toEqual({ viewingDistanceM: 6, panelWidthMm: DEFAULT_PANEL_WIDTH_MM });
    expect(screenGeometry(profile, 'b')).toEqual({ viewingDistanceM: 3, panelWidthMm: 1650 });
  });
  it('a profile stating nothing gets 5 m and 1218 mm', () => {
    expect(screenGeometry('version: 1\nscreens: []\n', 'main')).toEqual({ viewingDistanceM: DEFAULT_VIEWING_DISTANCE_M, panelWidthMm: 1218 });
    expect(screenGeometry('version: 1\nviewing_distance_m: -2\n', 'main').viewingDistanceM).toBe(5);
  });
});
