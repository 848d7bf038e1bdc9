// The province's published yearly figures (DESIGN.md), the default load of the simulator.
import type { Category } from '../../contract/index.js';

export const YEARLY_FIGURES = {
  preventedTotal: 11_875_063,
  spoof: 5_021_446,
  malware: 27_564,
  combined: 6_826_053,
  targeted: 1_000,
  workstationsEdr: 17_850,
  workstationsAntivirus: 16_660,
  infected: 1_409,
} as const;

const SECONDS_PER_YEAR = 365 * 86_400;

/** Events per second at speed 1: the yearly total spread evenly (≈0.38/s). */
export const REAL_RATE_PER_SECOND = (YEARLY_FIGURES.preventedTotal + YEARLY_FIGURES.targeted) / SECONDS_PER_YEAR;

/**
 * Share of each wall category. The published total splits into spoofing, malware and
 * "combined" (scans and attacks); we carve scans out of combined (one in five), and
 * add the small policy/other traffic every IDS also reports.
 */
export const CATEGORY_MIX: Readonly<Record<Category, number>> = {
  spoof: YEARLY_FIGURES.spoof,
  malware: YEARLY_FIGURES.malware,
  combined: YEARLY_FIGURES.combined * 0.8,
  scan: YEARLY_FIGURES.combined * 0.2,
  targeted: YEARLY_FIGURES.targeted,
  policy: YEARLY_FIGURES.preventedTotal * 0.004,
  other: YEARLY_FIGURES.preventedTotal * 0.002,
};
