// Contrast of a text against what is really behind it: the pixels of a screenshot taken with
// every DOM text transparent, under the text's glyphs (found by comparing with the screenshot
// with text). The worst few pixels count (a hatch stripe behind a stale figure is part of its
// background), so the figure is a low percentile.
import { applyFilterChain, compositeOver, compositeStack, contrastRatio, rgba, type Rgba } from './color.js';
import type { RgbaImage } from './png.js';
import type { PageBox, ProbeColor } from './types.js';
import { percentile } from './stats.js';

/** Share of background pixels allowed to be worse than the reported contrast. */
export const CONTRAST_PERCENTILE = 5;
const MAX_SAMPLES = 1600;

/** A box in image pixels, cut to the image. */
function imageBox(image: RgbaImage, b: PageBox, scale: number) {
  const x0 = Math.max(0, Math.floor(b.x * scale));
  const y0 = Math.max(0, Math.floor(b.y * scale));
  const x1 = Math.min(image.width, Math.ceil((b.x + b.width) * scale));
  const y1 = Math.min(image.height, Math.ceil((b.y + b.height) * scale));
  return { x0, y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

const pixelAt = (image: RgbaImage, x: number, y: number): Rgba => {
  const o = (y * image.width + x) * 4;
  return rgba(image.data[o]!, image.data[o + 1]!, image.data[o + 2]!);
};

/** Pixels of the image inside the boxes (page CSS px × `scale` image px per CSS px), evenly subsampled. */
export function pixelsInBoxes(image: RgbaImage, boxes: readonly PageBox[], scale = 1, maxSamples = MAX_SAMPLES): Rgba[] {
  const area = boxes.reduce((a, b) => a + b.width * b.height * scale * scale, 0);
  const step = Math.max(1, Math.floor(Math.sqrt(area / maxSamples)));
  const out: Rgba[] = [];
  for (const b of boxes) {
    const { x0, y0, w, h } = imageBox(image, b, scale);
    for (let y = y0; y < y0 + h; y += step) for (let x = x0; x < x0 + w; x += step) out.push(pixelAt(image, x, y));
  }
  return out;
}

/** Channel difference (sum of |ΔR|+|ΔG|+|ΔB|) from which a pixel counts as ink of the text. */
export const INK_THRESHOLD = 24;
/** Fewer ink pixels than this (a text almost the colour of its background): the whole box is its background. */
const MIN_INK = 6;

/**
 * The background right behind a text's glyphs: pixels of the text-less screenshot where the
 * screenshot with text differs (the ink), grown by `halo` px, inside the text's boxes. A line
 * box also covers leading and padding (a neighbour's border, the edge of a badge) that no glyph
 * sits on. Without a screenshot with text, or with too little ink, every pixel of the boxes counts.
 */
export function backgroundBehindInk(hidden: RgbaImage, shown: RgbaImage | null, boxes: readonly PageBox[], scale = 1, halo = 1, maxSamples = MAX_SAMPLES): Rgba[] {
  if (!shown || shown.width !== hidden.width || shown.height !== hidden.height) return pixelsInBoxes(hidden, boxes, scale, maxSamples);
  const picked: Rgba[] = [];
  for (const b of boxes) {
    const { x0, y0, w, h } = imageBox(hidden, b, scale);
    if (w === 0 || h === 0) continue;
    const ink = new Uint8Array(w * h);
    let inked = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const o = ((y0 + y) * hidden.width + x0 + x) * 4;
        const d = Math.abs(hidden.data[o]! - shown.data[o]!) + Math.abs(hidden.data[o + 1]! - shown.data[o + 1]!) + Math.abs(hidden.data[o + 2]! - shown.data[o + 2]!);
        if (d >= INK_THRESHOLD) {
          ink[y * w + x] = 1;
          inked++;
        }
      }
    }
    if (inked < MIN_INK) continue;
    // Grow the ink by the halo: mark the neighbours of each ink pixel (cheaper than testing every pixel's neighbourhood).
    const near = new Uint8Array(w * h);
    for (let i = 0; i < ink.length; i++) {
      if (ink[i] !== 1) continue;
      const x = i % w;
      const y = (i - x) / w;
      for (let yy = Math.max(0, y - halo); yy <= Math.min(h - 1, y + halo); yy++) {
        for (let xx = Math.max(0, x - halo); xx <= Math.min(w - 1, x + halo); xx++) near[yy * w + xx] = 1;
      }
    }
    for (let i = 0; i < near.length; i++) {
      if (near[i] !== 1) continue;
      const x = i % w;
      picked.push(pixelAt(hidden, x0 + x, y0 + (i - x) / w));
    }
  }
  if (picked.length < MIN_INK) return pixelsInBoxes(hidden, boxes, scale, maxSamples);
  if (picked.length <= maxSamples) return picked;
  const step = picked.length / maxSamples;
  return Array.from({ length: maxSamples }, (_, i) => picked[Math.floor(i * step)]!);
}

/** The text colour as drawn: its filters applied (a stale panel's saturate/brightness), alpha kept for compositing. */
export function drawnTextColor(color: ProbeColor, filtersNearestFirst: readonly string[]): Rgba {
  return applyFilterChain(rgba(color.r, color.g, color.b, color.a), filtersNearestFirst);
}

/** Contrast of the (possibly translucent) text colour over each background pixel: the given low percentile. */
export function contrastOverPixels(text: Rgba, pixels: readonly Rgba[], p = CONTRAST_PERCENTILE): number {
  if (pixels.length === 0) return Number.NaN;
  return percentile(
    pixels.map((bg) => contrastRatio(compositeOver(text, bg), bg)),
    p,
  );
}

/**
 * Canvas text cannot be hidden for the screenshot: its background is the canvas's and its
 * ancestors' background colours (nearest first, down to an opaque one) over the page's
 * default white, with the canvas's filters applied.
 */
export function canvasBackground(backgroundsNearestFirst: readonly ProbeColor[], filtersNearestFirst: readonly string[]): Rgba {
  const layers = [...backgroundsNearestFirst].reverse().map((c) => rgba(c.r, c.g, c.b, c.a));
  return applyFilterChain(compositeStack(rgba(255, 255, 255), layers), filtersNearestFirst);
}
