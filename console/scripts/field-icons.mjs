// Draws the field app's PNG icons (web app manifest, ADR 0025) without an image library: a green tile with a white
// clipboard outline and a check mark. Run once (`node scripts/field-icons.mjs`); the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size, { maskable = false } = {}) {
  const green = [0x1f, 0x7a, 0x4d], white = [255, 255, 255];
  const s = (v) => v * size; // coordinates in 0..1
  const inset = maskable ? 0.12 : 0; // maskable icons keep their drawing inside the 80 % safe zone
  const f = (v) => s(inset + v * (1 - 2 * inset));
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      let c = green;
      // clipboard outline
      const left = f(0.24), right = f(0.76), top = f(0.2), bottom = f(0.84), t = s(0.045);
      const inBox = x >= left && x <= right && y >= top && y <= bottom;
      const inInner = x >= left + t && x <= right - t && y >= top + t && y <= bottom - t;
      if (inBox && !inInner) c = white;
      // clip at the top
      if (x >= f(0.4) && x <= f(0.6) && y >= f(0.14) && y <= f(0.26)) c = white;
      // check mark
      const d = Math.min(
        distToSegment(x, y, [f(0.34), f(0.53)], [f(0.46), f(0.66)]),
        distToSegment(x, y, [f(0.46), f(0.66)], [f(0.68), f(0.4)]),
      );
      if (d <= s(0.04)) c = white;
      row[1 + x * 3] = c[0];
      row[2 + x * 3] = c[1];
      row[3 + x * 3] = c[2];
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../field/public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192));
writeFileSync(new URL('icon-512.png', out), icon(512));
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon.png', out), icon(180));
