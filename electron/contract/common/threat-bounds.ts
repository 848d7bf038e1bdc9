// How much threat context a frame carries (contract/threats.ts), shared with the renderer.

/** Countries a frame lists at most (all ISO 3166-1 codes fit). */
export const ORIGIN_COUNTRIES_MAX = 250;
/** Operators (autonomous systems) a frame lists. */
export const ORIGIN_OPERATORS_MAX = 10;
/** Arcs a snapshot carries (the newest). */
export const ORIGIN_ARCS_KEPT = 24;
/** Techniques a frame lists. */
export const ATTACK_TECHNIQUES_MAX = 8;
/** Distinct tactics within an hour that flag a site as a possible progression. */
export const PROGRESSION_TACTICS = 3;
