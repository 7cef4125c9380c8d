// A screenshot as an indexed PNG (at most 256 colours): a page of text has few colours, and a
// palette image of it is a third the size of the RGBA one the browser writes.
import { deflateSync } from 'node:zlib';

/** PNG bytes of `rgba` (width × height × 4 bytes), its colours mapped to the 256 most used (nearest, for the rest). */
export function indexedPng(rgba, width, height) {
  const { palette, index } = quantize(rgba);
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width + 1)] = 0;
    for (let x = 0; x < width; x += 1) rows[y * (width + 1) + 1 + x] = index(y * width + x);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.from(palette.flatMap((c) => [(c >> 16) & 255, (c >> 8) & 255, c & 255]));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function quantize(rgba) {
  const pixels = rgba.length / 4;
  const colour = (i) => (rgba[i * 4] << 16) | (rgba[i * 4 + 1] << 8) | rgba[i * 4 + 2];
  const counts = new Map();
  for (let i = 0; i < pixels; i += 1) counts.set(colour(i), (counts.get(colour(i)) ?? 0) + 1);
  const palette = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 256)
    .map(([c]) => c);
  const exact = new Map(palette.map((c, i) => [c, i]));
  const nearest = new Map();
  const find = (c) => {
    let best = 0;
    let bestDistance = Infinity;
    palette.forEach((p, i) => {
      const d = (((p >> 16) & 255) - ((c >> 16) & 255)) ** 2 + (((p >> 8) & 255) - ((c >> 8) & 255)) ** 2 + ((p & 255) - (c & 255)) ** 2;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    return best;
  };
  const index = (i) => {
    const c = colour(i);
    const hit = exact.get(c) ?? nearest.get(c);
    if (hit !== undefined) return hit;
    const found = find(c);
    nearest.set(c, found);
    return found;
  };
  return { palette, index };
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC[(crc ^ byte) & 255] ^ (crc >>> 8);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}
