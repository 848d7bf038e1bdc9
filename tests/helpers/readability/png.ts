// A minimal PNG decoder for Chromium's screenshots (8-bit greyscale, RGB or RGBA, optionally
// with alpha, not interlaced): the audit reads background pixels without an image library.
import { inflateSync } from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  data: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Uint8Array): RgbaImage {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9] ?? -1;
      if (depth !== 8 || CHANNELS[colorType] === undefined || body[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${body[12]})`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const channels = CHANNELS[colorType]!;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const up = dst - stride;
    // One loop per filter type: this runs for every byte of a 1080p screenshot, twice per page.
    if (filter === 0 || (y === 0 && filter === 2)) rows.set(raw.subarray(src, src + stride), dst);
    else if (filter === 1) {
      for (let x = 0; x < channels; x++) rows[dst + x] = raw[src + x]!;
      for (let x = channels; x < stride; x++) rows[dst + x] = raw[src + x]! + rows[dst + x - channels]!;
    } else if (filter === 2) {
      for (let x = 0; x < stride; x++) rows[dst + x] = raw[src + x]! + rows[up + x]!;
    } else if (filter === 3) {
      for (let x = 0; x < stride; x++) {
        const left = x >= channels ? rows[dst + x - channels]! : 0;
        const above = y > 0 ? rows[up + x]! : 0;
        rows[dst + x] = raw[src + x]! + ((left + above) >> 1);
      }
    } else if (filter === 4) {
      for (let x = 0; x < stride; x++) {
        const left = x >= channels ? rows[dst + x - channels]! : 0;
        const above = y > 0 ? rows[up + x]! : 0;
        const upLeft = y > 0 && x >= channels ? rows[up + x - channels]! : 0;
        rows[dst + x] = raw[src + x]! + paeth(left, above, upLeft);
      }
    } else throw new Error(`bad PNG row filter ${filter}`);
  }
  if (channels === 4) return { width, height, data: rows };
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const o = i * 4;
    if (channels >= 3) {
      data[o] = rows[j]!;
      data[o + 1] = rows[j + 1]!;
      data[o + 2] = rows[j + 2]!;
    } else data[o] = data[o + 1] = data[o + 2] = rows[j]!;
    data[o + 3] = channels === 4 ? rows[j + 3]! : channels === 2 ? rows[j + 1]! : 255;
  }
  return { width, height, data };
}
