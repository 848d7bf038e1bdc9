// The map's label declutter decisions, without a map: the cost of a side, what makes a label
// unreadable or colliding, which side wins, and when a label is dropped.
import { describe, expect, it } from 'vitest';
import type { Box } from '../../../renderer/src/map/inset-placement.js';
import { isBetter, overlapArea, scoreSide, showsLabel, type LabelScene, type PlacedLabels } from '../../../renderer/src/map/label-declutter.js';

const box = (minX: number, minY: number, w: number, h: number): Box => ({ minX, minY, maxX: minX + w, maxY: minY + h });
/** A label box and its text, 4 px of padding inside. */
const label = (x: number, y: number, w = 100, h = 30) => ({ box: box(x, y, w, h), text: box(x + 4, y + 4, w - 8, h - 8) });
const scene = (over: Partial<LabelScene> = {}): LabelScene => ({ whole: box(0, 0, 1000, 600), dots: [], blocked: null, legal: null, screen: null, ...over });
const none = (): PlacedLabels => ({ boxes: [], texts: [] });

describe('label declutter', () => {
  it('measures overlap as area, touching edges not counted', () => {
    expect(overlapArea(box(0, 0, 10, 10), box(5, 5, 10, 10))).toBe(25);
    expect(overlapArea(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
  });

  it('costs nothing in the open', () => {
    const l = label(100, 100);
    expect(scoreSide(l.box, l.text, scene(), none())).toEqual({ cost: 0, collides: false, unreadable: false });
  });

  it('weights what a label covers: the panel edge ×3, a placed label ×2, a marker ×1', () => {
    const l = label(950, 100); // 50 px of its 100 past the right edge
    expect(scoreSide(l.box, l.text, scene(), none()).cost).toBe(50 * 30 * 3);
    const m = label(100, 100);
    expect(scoreSide(m.box, m.text, scene({ dots: [box(90, 100, 18, 18)] }), none()).cost).toBe(8 * 18);
    const other = label(150, 100);
    expect(scoreSide(m.box, m.text, scene(), { boxes: [other.box], texts: [] }).cost).toBe(50 * 30 * 2);
  });

  it('is unreadable cut by the map or a screen edge, or under the attribution', () => {
    const cut = label(950, 100);
    expect(scoreSide(cut.box, cut.text, scene(), none())).toMatchObject({ unreadable: true, collides: true });
    const acrossBezel = label(450, 100);
    expect(scoreSide(acrossBezel.box, acrossBezel.text, scene({ screen: box(0, 0, 500, 600) }), none()).unreadable).toBe(true);
    const insideScreen = label(300, 100);
    expect(scoreSide(insideScreen.box, insideScreen.text, scene({ screen: box(0, 0, 500, 600) }), none()).unreadable).toBe(false);
    const underLegal = label(800, 570);
    expect(scoreSide(underLegal.box, { ...underLegal.text, maxY: 598 }, scene({ whole: box(0, 0, 1000, 600), legal: box(700, 580, 300, 20) }), none()).unreadable).toBe(true);
  });

  it('collides when its text meets another label’s text or any of the inset, not their padding', () => {
    const placed = label(100, 100);
    const paddingOnly = label(197, 100); // boxes overlap by 3 px, texts do not meet
    expect(scoreSide(paddingOnly.box, paddingOnly.text, scene(), { boxes: [placed.box], texts: [placed.text] }).collides).toBe(false);
    const onText = label(150, 100);
    expect(scoreSide(onText.box, onText.text, scene(), { boxes: [placed.box], texts: [placed.text] }).collides).toBe(true);
    const l = label(100, 100);
    expect(scoreSide(l.box, l.text, scene({ blocked: box(198, 0, 100, 600) }), none())).toMatchObject({ collides: true, unreadable: false });
  });

  it('prefers a clear side to any covered one, then the cheaper', () => {
    const clearButCostly = { cost: 900, collides: false, unreadable: false };
    const cheapButCovered = { cost: 10, collides: true, unreadable: false };
    expect(isBetter(clearButCostly, cheapButCovered)).toBe(true);
    expect(isBetter(cheapButCovered, clearButCostly)).toBe(false);
    expect(isBetter({ cost: 5, collides: false, unreadable: false }, clearButCostly)).toBe(true);
    expect(isBetter(clearButCostly, null)).toBe(true);
  });

  it('drops a colliding label, except the capital’s cluster over other labels (never where it cannot be read)', () => {
    expect(showsLabel({ cost: 0, collides: false, unreadable: false }, false)).toBe(true);
    expect(showsLabel({ cost: 10, collides: true, unreadable: false }, false)).toBe(false);
    expect(showsLabel({ cost: 10, collides: true, unreadable: false }, true)).toBe(true);
    expect(showsLabel({ cost: 10, collides: true, unreadable: true }, true)).toBe(false);
  });
});
