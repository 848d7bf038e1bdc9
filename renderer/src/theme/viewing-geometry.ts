// Text sizes from the viewing geometry, so a 3 m room and an 8 m room each get a legible wall
// from the same layouts. A screen is laid out in logical 1920×1080 units and scaled to its
// display (App.vue), so one logical unit is 1/1920 of the panel's picture width whatever the
// resolution or device pixel ratio. A text is legible when its cap height subtends a visual
// angle: 0.2° for what an operator reads, 0.3° for key figures and incident text.
import type { WallProfileDef } from '../../../electron/contract/index.js';

export const LOGICAL_SCREEN = { width: 1920, height: 1080 } as const;

export interface ViewingGeometry {
  /** Metres from the operators to the screen. */
  distanceM: number;
  /** Physical width of the panel's picture in millimetres. */
  panelWidthMm: number;
}

/** 5 m from a 55-inch 16:9 panel (1218 mm wide): the centre's room. */
export const DEFAULT_GEOMETRY: ViewingGeometry = { distanceM: 5, panelWidthMm: 1218 };

/**
 * Cap height per em of the bundled faces, measured in Chromium (canvas measureText of "H"):
 * Be Vietnam Pro 0.74, JetBrains Mono 0.73. The smaller one sizes both.
 */
export const CAP_HEIGHT_PER_EM = 0.73;

/** Visual angles (degrees of cap height) of the type roles. */
export const TYPE_ANGLES = {
  /** Legal and attribution lines only (at most 3 % of a screen's texts). */
  legal: 0.1,
  /** Everything an operator reads. */
  op: 0.2,
  /** Key figures, alarm and incident text. */
  key: 0.3,
  /** The one or two figures a screen is about (today's total, the clock). */
  hero: 0.45,
} as const;
export type TypeRole = keyof typeof TYPE_ANGLES;

/** Head-room over the threshold for glyph rounding and sub-pixel layout. */
const MARGIN = 1.03;

/** The geometry of one screen: its own values, else the profile's, else the defaults. */
export function screenGeometry(profile: WallProfileDef | undefined, screenId: string): ViewingGeometry {
  const screen = profile?.screens.find((s) => s.id === screenId);
  return {
    distanceM: screen?.viewing_distance_m ?? profile?.viewing_distance_m ?? DEFAULT_GEOMETRY.distanceM,
    panelWidthMm: screen?.panel_width_mm ?? profile?.panel_width_mm ?? DEFAULT_GEOMETRY.panelWidthMm,
  };
}

/** Millimetres on the panel per logical unit. */
export function mmPerUnit(g: ViewingGeometry): number {
  return g.panelWidthMm / LOGICAL_SCREEN.width;
}

/** Visual angle in degrees of a cap height given in logical units. */
export function capAngleDeg(capUnits: number, g: ViewingGeometry): number {
  const capMm = capUnits * mmPerUnit(g);
  return (2 * Math.atan(capMm / 2 / (g.distanceM * 1000)) * 180) / Math.PI;
}

/** Font size in logical units whose cap height subtends `angleDeg` (with head-room), rounded up. */
export function fontUnitsFor(angleDeg: number, g: ViewingGeometry): number {
  const capMm = 2 * g.distanceM * 1000 * Math.tan((angleDeg * Math.PI) / 360);
  return Math.ceil((capMm / mmPerUnit(g) / CAP_HEIGHT_PER_EM) * MARGIN);
}

export type TypeScale = Record<TypeRole, number>;

export function typeScale(g: ViewingGeometry): TypeScale {
  return {
    legal: fontUnitsFor(TYPE_ANGLES.legal, g),
    op: fontUnitsFor(TYPE_ANGLES.op, g),
    key: fontUnitsFor(TYPE_ANGLES.key, g),
    hero: fontUnitsFor(TYPE_ANGLES.hero, g),
  };
}

/**
 * The CSS custom properties a screen's root carries: font sizes of the roles, and spacing that
 * grows with them (a gap of a third of the reading size keeps lines apart from across the room).
 */
export function typeScaleStyle(g: ViewingGeometry): Record<string, string> {
  const t = typeScale(g);
  return {
    '--fs-legal': `${t.legal}px`,
    '--fs-op': `${t.op}px`,
    '--fs-key': `${t.key}px`,
    '--fs-hero': `${t.hero}px`,
    '--gap': `${Math.round(t.op * 0.32)}px`,
    '--pad': `${Math.round(t.op * 0.4)}px`,
  };
}
