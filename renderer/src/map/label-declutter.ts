// Which side of its marker a permanent site label goes on, and whether it is shown at all: the
// decisions of the map's label declutter, pure (site-map.ts measures each side in the DOM and
// asks here). A label is tried right, left, top, bottom; the first side where it covers
// nothing wins, else the side where it covers least. Two names printed over each other cannot
// be read from the room, so a label whose text would lie on another's, under the inset or the
// attribution, or across the panel's or the screen's edge, is dropped (its marker stays).
import type { Box } from './inset-placement.js';

export function area(b: Box): number {
  return (b.maxX - b.minX) * (b.maxY - b.minY);
}

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
  const h = Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY);
  return w > 0 && h > 0 ? w * h : 0;
}

/** What is on the map before labels: all in container pixels. */
export interface LabelScene {
  /** The map's own box (a label clipped by it is cut). */
  whole: Box;
  /** The site markers (a label over a marker hides it). */
  dots: readonly Box[];
  /** The inset: no label may cover any part of it. */
  blocked: Box | null;
  /** The attribution line: a label under it is covered. */
  legal: Box | null;
  /** This window's screen on a map spanning the wall: a label across its edge is cut by the bezel. */
  screen: Box | null;
}

/** Labels placed so far: their boxes (padding included) and their text. */
export interface PlacedLabels {
  boxes: Box[];
  texts: Box[];
}

export interface SideScore {
  /** Area covered, weighted: clipped by the panel ×3, over a placed label ×2, over a marker ×1. */
  cost: number;
  /** Its text would be covered or cut: not shown there. */
  collides: boolean;
  /** Cut by an edge or under the attribution: not readable there, not even for the capital. */
  unreadable: boolean;
}

/** Scores a label at one side: `box` is the label with its padding, `text` the text inside it. */
export function scoreSide(box: Box, text: Box, scene: LabelScene, placed: PlacedLabels): SideScore {
  const a = area(box);
  let cost = (a - overlapArea(box, scene.whole)) * 3;
  for (const o of placed.boxes) cost += overlapArea(box, o) * 2;
  if (scene.blocked) cost += overlapArea(box, scene.blocked) * 2;
  for (const o of scene.dots) cost += overlapArea(box, o);
  const inScreen = scene.screen ? overlapArea(box, scene.screen) : 0;
  const acrossScreen = scene.screen !== null && inScreen > 0 && inScreen < a - 1;
  // Under 1 px² is the rounding of a scaled page, not a cut.
  const unreadable = (scene.legal !== null && overlapArea(box, scene.legal) > 0) || overlapArea(box, scene.whole) < a - 1 || acrossScreen;
  // Labels may touch at their padding, never at their text.
  const collides = unreadable || placed.texts.some((o) => overlapArea(text, o) > 1) || (scene.blocked !== null && overlapArea(box, scene.blocked) > 0);
  return { cost, collides, unreadable };
}

/** A side where the text stays clear beats any where it would be covered; then the lower cost. */
export function isBetter(candidate: SideScore, best: SideScore | null): boolean {
  return best === null || (best.collides && !candidate.collides) || (best.collides === candidate.collides && candidate.cost < best.cost);
}

/**
 * Whether the label is shown at its best side. The capital's cluster badge (placed first) keeps
 * its label over other labels, never where it cannot be read.
 */
export function showsLabel(best: SideScore, isCapitalCluster: boolean): boolean {
  return !best.collides || (isCapitalCluster && !best.unreadable);
}
