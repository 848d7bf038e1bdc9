// Viewing geometry of a wall profile and the visual angle a text subtends from the room.
// The profile states `viewing_distance_m` and `panel_width_mm` at its top level, overridable
// per screen (issue 7); where a profile does not state them yet the defaults apply: an
// operator at 5 m from a 55-inch 16:9 panel (1218 mm wide).
import { parse } from 'yaml';

export const DEFAULT_VIEWING_DISTANCE_M = 5;
export const DEFAULT_PANEL_WIDTH_MM = 1218;

export interface ScreenGeometry {
  viewingDistanceM: number;
  panelWidthMm: number;
}

const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** The geometry of one screen of a profile (its YAML text): the screen's own values, else the profile's, else the defaults. */
export function screenGeometry(profileYaml: string, screenId: string): ScreenGeometry {
  const doc = (parse(profileYaml) ?? {}) as Record<string, unknown>;
  const screens = Array.isArray(doc['screens']) ? (doc['screens'] as Record<string, unknown>[]) : [];
  const screen = screens.find((s) => s && s['id'] === screenId) ?? {};
  return {
    viewingDistanceM: positive(screen['viewing_distance_m']) ?? positive(doc['viewing_distance_m']) ?? DEFAULT_VIEWING_DISTANCE_M,
    panelWidthMm: positive(screen['panel_width_mm']) ?? positive(doc['panel_width_mm']) ?? DEFAULT_PANEL_WIDTH_MM,
  };
}

/** Millimetres on the panel per CSS pixel, for a window as wide as the panel (`innerWidth` CSS px). */
export function mmPerCssPx(geometry: ScreenGeometry, innerWidthPx: number): number {
  return geometry.panelWidthMm / innerWidthPx;
}

/** Visual angle in degrees of a height `sizeMm` seen from `distanceM`: 2·atan(h / 2d). */
export function visualAngleDeg(sizeMm: number, distanceM: number): number {
  return (2 * Math.atan(sizeMm / 2 / (distanceM * 1000)) * 180) / Math.PI;
}

/** Visual angle of a cap height given in CSS px on a screen of that geometry. */
export function capAngleDeg(capPx: number, geometry: ScreenGeometry, innerWidthPx: number): number {
  return visualAngleDeg(capPx * mmPerCssPx(geometry, innerWidthPx), geometry.viewingDistanceM);
}

/** The cap height in CSS px a text needs to subtend `angleDeg` (the inverse, for reports). */
export function capPxForAngle(angleDeg: number, geometry: ScreenGeometry, innerWidthPx: number): number {
  const mm = 2 * geometry.viewingDistanceM * 1000 * Math.tan((angleDeg * Math.PI) / 360);
  return mm / mmPerCssPx(geometry, innerWidthPx);
}
