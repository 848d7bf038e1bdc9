// The wall's colours stay apart for every viewer: the minimum CIEDE2000 distance between the
// category colours and between the site-state colours, for normal vision and under protan,
// deutan and tritan simulation (Machado, Oliveira and Fernandes 2009, full severity, as culori
// implements it), is at least 10. Stale panels no longer change colours (no filter), so the
// same figures hold in every state. The figures are printed for the closing note.
import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, parse, type Color } from 'culori';
import { describe, expect, it } from 'vitest';
import { CATEGORY_STYLE, STATUS_STYLE } from '../../../renderer/src/theme/categories.js';

const MIN_DISTANCE = 10;
const distance = differenceCiede2000();
const VISION: Record<string, (c: Color) => Color> = {
  normal: (c) => c,
  protan: filterDeficiencyProt(1),
  deutan: filterDeficiencyDeuter(1),
  tritan: filterDeficiencyTrit(1),
};

function closest(colours: Record<string, string>, see: (c: Color) => Color): { pair: string; distance: number } {
  const entries = Object.entries(colours);
  let best = { pair: '', distance: Infinity };
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, ca] = entries[i]!;
      const [b, cb] = entries[j]!;
      const d = distance(see(parse(ca)!), see(parse(cb)!));
      if (d < best.distance) best = { pair: `${a}/${b}`, distance: d };
    }
  }
  return best;
}

const categories = Object.fromEntries(Object.entries(CATEGORY_STYLE).map(([c, s]) => [c, s.color]));
// A state is seen as its fill, or its ring where it has no fill (unknown).
const states = Object.fromEntries(Object.entries(STATUS_STYLE).map(([s, st]) => [s, st.fillOpacity > 0 ? st.fill : st.stroke]));

describe('colour-blind safe palette (CIEDE2000)', () => {
  for (const [name, colours] of [['categories', categories], ['site states', states]] as const) {
    it(`keeps the ${name} at least ${MIN_DISTANCE} apart for every vision`, () => {
      const rows = Object.entries(VISION).map(([vision, see]) => ({ vision, ...closest(colours, see) }));
      console.log(`${name}: ${rows.map((r) => `${r.vision} ${r.distance.toFixed(1)} (${r.pair})`).join(', ')}`);
      for (const r of rows) expect(r.distance, `${name}, ${r.vision}: ${r.pair}`).toBeGreaterThanOrEqual(MIN_DISTANCE);
    });
  }

  it('would catch two colours that only differ in hue for a deutan viewer', () => {
    const redGreen = { orange: '#cc6600', olive: '#669900' }; // 43.5 apart for normal vision, 2.1 for a deutan viewer
    expect(closest(redGreen, VISION['normal']!).distance).toBeGreaterThan(MIN_DISTANCE);
    expect(closest(redGreen, VISION['deutan']!).distance).toBeLessThan(MIN_DISTANCE);
  });
});
