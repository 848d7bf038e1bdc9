// The wall's colours stay apart for every viewer: the minimum CIEDE2000 distance between the
// category colours and between the site-state colours, for normal vision and under protan,
// deutan and tritan simulation (Machado, Oliveira and Fernandes 2009, full severity, as culori
// implements it), is at least 10. Stale panels no longer change colours (no filter), so the
// same figures hold in every state. The figures are printed for the closing note.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, formatHex, parse, rgb, wcagContrast, type Color } from 'culori';
import { describe, expect, it } from 'vitest';
import { CATEGORY_STYLE, SEVERITY_COLOR, STATUS_STYLE } from '../../../renderer/src/theme/categories.js';

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

// WCAG 1.4.11: graphics and state marks at least 3:1 against what they are drawn on, live and
// stale. The surfaces are read from the shipped CSS and map code (so a changed panel colour is
// checked too); the stale hatch is its light stripe composited over the panel, the worst pixel
// a stale panel puts behind a mark.
describe('graphics and state marks ≥ 3:1 (WCAG 1.4.11)', () => {
  const MIN_GRAPHICS = 3;
  const source = (rel: string) => readFileSync(fileURLToPath(new URL(`../../../${rel}`, import.meta.url)), 'utf8');
  const theme = source('renderer/src/theme/theme.css');
  const mapCss = source('renderer/src/panels/MapPanel.vue');
  const mapTs = source('renderer/src/map/site-map.ts');
  const cssVar = (name: string) => {
    const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(theme);
    expect(m, `--${name} in theme.css`).not.toBeNull();
    return m![1]!;
  };
  const over = (top: string, bottom: string): string => {
    const t = parse(top)! as Color & { alpha?: number };
    const b = parse(bottom)! as Color;
    const a = t.alpha ?? 1;
    const [tr, br] = [rgb(t), rgb(b)];
    return formatHex({ mode: 'rgb', r: tr.r * a + br.r * (1 - a), g: tr.g * a + br.g * (1 - a), b: tr.b * a + br.b * (1 - a) });
  };
  const hatch = /repeating-linear-gradient\(-45deg, (rgba\([^)]*\))/.exec(theme)?.[1];
  const panel = cssVar('panel');
  const panelSurfaces: Record<string, string> = { panel, 'panel-sunk': cssVar('panel-sunk'), 'stale hatch': over(hatch ?? 'x', panel) };
  // The map: neighbouring land, the province, and the inset's own background.
  const fills = [...mapTs.matchAll(/fillColor: '(#[0-9a-fA-F]{6})'/g)].map((m) => m[1]!);
  const inset = /\.inset-box \{[^}]*background: (#[0-9a-fA-F]{6})/.exec(mapCss)?.[1];
  const mapSurfaces: Record<string, string> = { land: fills[0] ?? 'x', province: fills[1] ?? 'x', inset: inset ?? 'x' };

  function worst(colour: string, surfaces: Record<string, string>): { on: string; ratio: number } {
    return Object.entries(surfaces)
      .map(([on, bg]) => ({ on, ratio: wcagContrast(colour, bg) }))
      .reduce((a, b) => (b.ratio < a.ratio ? b : a));
  }

  it('reads the surfaces from the shipped sources', () => {
    expect(hatch, 'the stale hatch in theme.css').toBeDefined();
    expect(fills.length, 'land and province fills in site-map.ts').toBeGreaterThanOrEqual(2);
    expect(inset, 'the inset background in MapPanel.vue').toBeDefined();
    // The hatch is lighter than the panel: the composite must differ, or the parse went wrong.
    expect(panelSurfaces['stale hatch']).not.toBe(panel);
  });

  it('category and severity colours on every panel surface, live and stale', () => {
    const marks = { ...Object.fromEntries(Object.entries(CATEGORY_STYLE).map(([c, s]) => [`category ${c}`, s.color])), ...Object.fromEntries(Object.entries(SEVERITY_COLOR).map(([s, c]) => [`severity ${s}`, c])) };
    const rows = Object.entries(marks).map(([name, colour]) => ({ name, ...worst(colour, panelSurfaces) }));
    console.log(`graphics on panels (worst surface): ${rows.map((r) => `${r.name} ${r.ratio.toFixed(2)} (${r.on})`).join(', ')}`);
    for (const r of rows) expect(r.ratio, `${r.name} on ${r.on}`).toBeGreaterThanOrEqual(MIN_GRAPHICS);
  });

  it('every map marker has a ring or fill ≥ 3:1 on the map, and its glyph ≥ 3:1 on the marker', () => {
    const rows: string[] = [];
    for (const [status, st] of Object.entries(STATUS_STYLE)) {
      // The mark is seen by its ring, or by its fill where the fill is opaque enough to be the shape.
      const ring = worst(st.stroke, mapSurfaces);
      const fill = st.fillOpacity >= 0.9 ? worst(st.fill, mapSurfaces) : { on: '-', ratio: 0 };
      const best = Math.max(ring.ratio, fill.ratio);
      rows.push(`${status} ring ${ring.ratio.toFixed(2)} fill ${fill.ratio.toFixed(2)}`);
      expect(best, `${status} marker on the map`).toBeGreaterThanOrEqual(MIN_GRAPHICS);
      if (status === 'quiet') continue; // no glyph: the plain disc is the quiet state
      const glyph = new RegExp(`\\.glyph-${status}::after \\{[^}]*background: (#[0-9a-fA-F]{3,6})`).exec(mapCss)?.[1];
      expect(glyph, `.glyph-${status} in MapPanel.vue`).toBeDefined();
      // Drawn on the marker's fill, or straight on the map where the marker is a ring.
      const under = st.fillOpacity >= 0.9 ? { fill: st.fill } : mapSurfaces;
      const g = worst(glyph!, under);
      rows.push(`${status} glyph ${g.ratio.toFixed(2)}`);
      expect(g.ratio, `${status} glyph on ${g.on}`).toBeGreaterThanOrEqual(MIN_GRAPHICS);
    }
    console.log(`map marks: ${rows.join(', ')}`);
  });
});
