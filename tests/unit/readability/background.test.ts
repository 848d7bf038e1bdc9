import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { backgroundBehindInk, canvasBackground, contrastOverPixels, drawnTextColor, pixelsInBoxes } from '../../helpers/readability/background.js';
import { rgba } from '../../helpers/readability/color.js';
import { decodePng, type RgbaImage } from '../../helpers/readability/png.js';

/** A width × height image filled by `paint(x, y)`. */
function image(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

describe('contrast against the pixels behind a text', () => {
  it('the worst 5 % of a hatched background counts', () => {
    // White text; background black with a light grey stripe on every 10th column.
    const bg = image(100, 10, (x) => (x % 10 === 0 ? [150, 150, 150] : [0, 0, 0]));
    const pixels = pixelsInBoxes(bg, [{ x: 0, y: 0, width: 100, height: 10 }]);
    expect(pixels).toHaveLength(1000);
    const c = contrastOverPixels(rgba(255, 255, 255), pixels);
    // 10 % of pixels are the stripe: the 5th percentile is the stripe's contrast (about 3.3:1), not black's 21:1.
    expect(c).toBeLessThan(3.5);
    expect(contrastOverPixels(rgba(255, 255, 255), pixelsInBoxes(bg, [{ x: 1, y: 0, width: 8, height: 10 }]))).toBeCloseTo(21, 5);
  });

  it('translucent text is composited over each pixel', () => {
    const pixels = [rgba(0, 0, 0)];
    expect(contrastOverPixels(rgba(255, 255, 255, 0.5), pixels)).toBeLessThan(contrastOverPixels(rgba(255, 255, 255, 1), pixels));
    expect(contrastOverPixels(rgba(255, 255, 255, 0), pixels)).toBe(1);
    expect(contrastOverPixels(rgba(255, 255, 255), [])).toBeNaN();
  });

  it('boxes are scaled to image pixels and cut to the image', () => {
    const bg = image(40, 20, () => [10, 20, 30]);
    expect(pixelsInBoxes(bg, [{ x: 10, y: 5, width: 10, height: 5 }], 2)).toHaveLength(200);
    expect(pixelsInBoxes(bg, [{ x: -5, y: -5, width: 10, height: 10 }])).toHaveLength(25);
  });

  it('behind the ink: a light border in the line box that no glyph touches does not count', () => {
    // Dark badge with a light 1-px frame; the "glyph" is a white block in the middle.
    const frame = (x: number, y: number) => x === 0 || y === 0 || x === 29 || y === 29;
    const hidden = image(30, 30, (x, y) => (frame(x, y) ? [230, 230, 230] : [20, 20, 20]));
    const shown = image(30, 30, (x, y) => (x >= 10 && x < 20 && y >= 10 && y < 20 ? [255, 255, 255] : frame(x, y) ? [230, 230, 230] : [20, 20, 20]));
    const box = [{ x: 0, y: 0, width: 30, height: 30 }];
    const all = contrastOverPixels(rgba(255, 255, 255), pixelsInBoxes(hidden, box));
    const behind = backgroundBehindInk(hidden, shown, box);
    expect(behind).toHaveLength(12 * 12); // the ink and a 1-px halo
    expect(contrastOverPixels(rgba(255, 255, 255), behind)).toBeGreaterThan(15);
    expect(all).toBeLessThan(1.5);
    // No text screenshot, or no ink found: the whole box.
    expect(backgroundBehindInk(hidden, null, box)).toHaveLength(900);
    expect(backgroundBehindInk(hidden, hidden, box)).toHaveLength(900);
  });

  it('canvas text: ancestors composited over white, filters applied to text and background alike', () => {
    expect(canvasBackground([rgba(0, 0, 0, 0.5), rgba(0, 0, 255, 1)], [])).toEqual(rgba(0, 0, 127.5, 1));
    expect(canvasBackground([], [])).toEqual(rgba(255, 255, 255, 1));
    expect(canvasBackground([rgba(200, 200, 200, 1)], ['brightness(0.5)'])).toEqual(rgba(100, 100, 100, 1));
    expect(drawnTextColor({ r: 200, g: 200, b: 200, a: 0.5 }, ['brightness(0.5)'])).toEqual(rgba(100, 100, 100, 0.5));
  });
});

describe('PNG decoding', () => {
  /** Encodes RGBA rows with the given filter type per row (the decoder must undo each). */
  function png(width: number, height: number, rgbaBytes: Uint8Array, filters: number[]): Uint8Array {
    const stride = width * 4;
    const raw = Buffer.alloc(height * (stride + 1));
    for (let y = 0; y < height; y++) {
      const f = filters[y % filters.length]!;
      raw[y * (stride + 1)] = f;
      for (let x = 0; x < stride; x++) {
        const v = rgbaBytes[y * stride + x]!;
        const left = x >= 4 ? rgbaBytes[y * stride + x - 4]! : 0;
        const up = y > 0 ? rgbaBytes[(y - 1) * stride + x]! : 0;
        const upLeft = y > 0 && x >= 4 ? rgbaBytes[(y - 1) * stride + x - 4]! : 0;
        const p = left + up - upLeft;
        const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
        const pred = f === 0 ? 0 : f === 1 ? left : f === 2 ? up : f === 3 ? (left + up) >> 1 : paeth;
        raw[y * (stride + 1) + 1 + x] = (v - pred) & 0xff;
      }
    }
    const chunk = (type: string, body: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(body.length);
      return Buffer.concat([len, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]); // CRC is not checked
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8;
    ihdr[9] = 6;
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  }

  it('undoes every row filter (none, sub, up, average, Paeth)', () => {
    const width = 7;
    const height = 5;
    const bytes = new Uint8Array(width * height * 4).map((_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
    const decoded = decodePng(png(width, height, bytes, [0, 1, 2, 3, 4]));
    expect(decoded.width).toBe(width);
    expect(decoded.height).toBe(height);
    expect([...decoded.data]).toEqual([...bytes]);
  });

  it('refuses what is not a PNG', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/not a PNG/u);
  });
});
