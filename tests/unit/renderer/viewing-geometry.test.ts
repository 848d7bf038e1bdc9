import { describe, expect, it } from 'vitest';
import type { WallProfileDef } from '../../../electron/contract/index.js';
import { CAP_HEIGHT_PER_EM, DEFAULT_GEOMETRY, TYPE_ANGLES, capAngleDeg, fontUnitsFor, screenGeometry, typeScale } from '../../../renderer/src/theme/viewing-geometry.js';

const profile = (extra: Partial<WallProfileDef>): WallProfileDef => ({
  version: 1,
  name: { vi: 'x' },
  screens: [{ id: 'a', cell: { col: 0, row: 0 } }, { id: 'b', cell: { col: 1, row: 0 }, viewing_distance_m: 8 }],
  presets: {},
  ...extra,
});

describe('viewing geometry', () => {
  it('gives the centre room (5 m, 55-inch) about 38 and 57 units for 0.2° and 0.3°', () => {
    const t = typeScale(DEFAULT_GEOMETRY);
    expect(t.op).toBeGreaterThanOrEqual(37);
    expect(t.op).toBeLessThanOrEqual(40);
    expect(t.key).toBeGreaterThanOrEqual(56);
    expect(t.key).toBeLessThanOrEqual(60);
  });

  it('every role reaches its angle, and is the smallest whole size that does with 3 % head-room', () => {
    for (const g of [DEFAULT_GEOMETRY, { distanceM: 3, panelWidthMm: 1218 }, { distanceM: 8, panelWidthMm: 1650 }, { distanceM: 5, panelWidthMm: 880 }]) {
      for (const [role, angle] of Object.entries(TYPE_ANGLES)) {
        const font = fontUnitsFor(angle, g);
        const reached = capAngleDeg(font * CAP_HEIGHT_PER_EM, g);
        expect(reached, `${role} at ${g.distanceM} m`).toBeGreaterThanOrEqual(angle);
        // The smallest whole unit with the head-room: one unit less falls short of it.
        expect(capAngleDeg((font - 1) * CAP_HEIGHT_PER_EM, g), `${role} at ${g.distanceM} m`).toBeLessThan(angle * 1.03);
      }
    }
  });

  it('scales with distance: 8 m needs 1.6× the type of 5 m, 3 m 0.6×', () => {
    const at = (d: number) => typeScale({ distanceM: d, panelWidthMm: 1218 }).op;
    expect(at(8) / at(5)).toBeCloseTo(1.6, 1);
    expect(at(3) / at(5)).toBeCloseTo(0.6, 1);
  });

  it('takes the screen value, else the profile, else the default', () => {
    expect(screenGeometry(undefined, 'a')).toEqual(DEFAULT_GEOMETRY);
    expect(screenGeometry(profile({}), 'a')).toEqual(DEFAULT_GEOMETRY);
    expect(screenGeometry(profile({ viewing_distance_m: 3, panel_width_mm: 1000 }), 'a')).toEqual({ distanceM: 3, panelWidthMm: 1000 });
    expect(screenGeometry(profile({ viewing_distance_m: 3 }), 'b')).toEqual({ distanceM: 8, panelWidthMm: 1218 });
  });
});
