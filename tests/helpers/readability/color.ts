// Colour arithmetic for the readability audit: WCAG 2 relative luminance and contrast,
// alpha compositing, and the CSS filter functions a stale panel applies to its text.
// Pure functions (unit-tested in tests/unit/readability/).

/** sRGB channels 0..255 and alpha 0..1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export const rgba = (r: number, g: number, b: number, a = 1): Rgba => ({ r, g, b, a });

function channelLuminance(c255: number): number {
  const c = c255 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of an opaque colour (alpha ignored). */
export function relativeLuminance(c: Rgba): number {
  return 0.2126 * channelLuminance(c.r) + 0.7152 * channelLuminance(c.g) + 0.0722 * channelLuminance(c.b);
}

/** WCAG 2 contrast ratio of two opaque colours, 1..21. */
export function contrastRatio(x: Rgba, y: Rgba): number {
  const lx = relativeLuminance(x);
  const ly = relativeLuminance(y);
  return (Math.max(lx, ly) + 0.05) / (Math.min(lx, ly) + 0.05);
}

/** `top` (with its alpha) painted over an opaque `bottom`: the opaque colour seen. */
export function compositeOver(top: Rgba, bottom: Rgba): Rgba {
  const a = Math.min(1, Math.max(0, top.a));
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

/** Layers from the bottom up (each with its alpha) over an opaque base: the colour seen. */
export function compositeStack(base: Rgba, layersBottomUp: readonly Rgba[]): Rgba {
  return layersBottomUp.reduce((below, layer) => compositeOver(layer, below), { ...base, a: 1 });
}

export interface FilterFunction {
  name: string;
  amount: number;
}

/**
 * Parses a computed `filter` value ("saturate(0.2) brightness(0.78)") into its functions.
 * Percentages become fractions; functions the audit cannot apply to a colour (blur,
 * drop-shadow, url) are kept with NaN so the caller can report them.
 */
export function parseFilter(value: string): FilterFunction[] {
  if (!value || value === 'none') return [];
  const out: FilterFunction[] = [];
  for (const m of value.matchAll(/([a-z-]+)\(([^()]*(?:\([^()]*\)[^()]*)*)\)/gu)) {
    const name = m[1]!;
    const arg = (m[2] ?? '').trim();
    const num = /^(-?[\d.]+)(%|deg|rad|turn)?$/u.exec(arg);
    let amount = Number.NaN;
    if (num) {
      const v = Number(num[1]);
      amount = num[2] === '%' ? v / 100 : num[2] === 'rad' ? (v * 180) / Math.PI : num[2] === 'turn' ? v * 360 : v;
    } else if (arg === '') amount = 1;
    out.push({ name, amount });
  }
  return out;
}

const clamp255 = (v: number) => Math.min(255, Math.max(0, v));

/** Applies one CSS filter function to a colour (Filter Effects 1, in sRGB as Chromium does). */
export function applyFilterFunction(c: Rgba, f: FilterFunction): Rgba {
  const { r, g, b } = c;
  const s = f.amount;
  switch (f.name) {
    case 'brightness':
      return { r: clamp255(r * s), g: clamp255(g * s), b: clamp255(b * s), a: c.a };
    case 'contrast': {
      const k = (v: number) => clamp255((v / 255 - 0.5) * s * 255 + 127.5);
      return { r: k(r), g: k(g), b: k(b), a: c.a };
    }
    case 'opacity':
      return { ...c, a: c.a * Math.min(1, Math.max(0, s)) };
    case 'saturate':
    case 'grayscale': {
      // grayscale(x) is saturate(1 - x).
      const sat = f.name === 'saturate' ? s : 1 - Math.min(1, s);
      return {
        r: clamp255((0.213 + 0.787 * sat) * r + (0.715 - 0.715 * sat) * g + (0.072 - 0.072 * sat) * b),
        g: clamp255((0.213 - 0.213 * sat) * r + (0.715 + 0.285 * sat) * g + (0.072 - 0.072 * sat) * b),
        b: clamp255((0.213 - 0.213 * sat) * r + (0.715 - 0.715 * sat) * g + (0.072 + 0.928 * sat) * b),
        a: c.a,
      };
    }
    case 'invert': {
      const k = (v: number) => clamp255(255 * s + v * (1 - 2 * s));
      return { r: k(r), g: k(g), b: k(b), a: c.a };
    }
    default:
      // blur, drop-shadow, hue-rotate, sepia, url(): not modelled; the colour passes unchanged.
      return c;
  }
}

/** Applies the computed `filter` values of an element and its ancestors, nearest first. */
export function applyFilterChain(c: Rgba, filtersNearestFirst: readonly string[]): Rgba {
  let out = c;
  for (const value of filtersNearestFirst) for (const f of parseFilter(value)) out = applyFilterFunction(out, f);
  return out;
}
