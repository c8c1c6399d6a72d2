import type { SniffedImage } from './ad-image.js';

/**
 * A banner image's whole file checked against its header (low finding: a header alone proved
 * nothing): every PNG chunk whole and its CRC right, IHDR first and IEND last; every GIF block
 * whole, each frame inside the logical screen, the trailer last; every JPEG segment whole, one
 * frame header before the scans, the end-of-image marker last; every WebP chunk whole within
 * the RIFF size, the image's own frame of the canvas's size. Nothing may follow the image's end
 * (a file that is also another file is refused). Returns what is wrong, or undefined.
 */
export function imageProblem(bytes: Uint8Array, image: SniffedImage): string | undefined {
  switch (image.type) {
    case 'image/png':
      return pngProblem(bytes);
    case 'image/gif':
      return gifProblem(bytes, image);
    case 'image/jpeg':
      return jpegProblem(bytes);
    case 'image/webp':
      return webpProblem(bytes, image);
  }
}

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u32le = (b: Uint8Array, at: number) => (u24le(b, at) | (b[at + 3]! << 24)) >>> 0;
const fourcc = (b: Uint8Array, at: number) =>
  String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
const after = (end: number, length: number) =>
  end === length ? undefined : `${length - end} bytes follow the end of the image`;

/** CRC-32 (ISO 3309), as PNG chunks carry it. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Bit depths allowed per PNG colour type. */
const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function pngProblem(b: Uint8Array): string | undefined {
  let at = 8;
  let colourType = -1;
  let palette = false;
  let data = false;
  for (let index = 0; ; index++) {
    if (at + 12 > b.length) return `the PNG is cut short at byte ${at} (no IEND chunk)`;
    const length = u32be(b, at);
    const type = fourcc(b, at + 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return `the PNG has no chunk at byte ${at}`;
    if (length > 0x7fffffff || at + 12 + length > b.length)
      return `the PNG's ${type} chunk at byte ${at} is cut short`;
    if (crc32(b.subarray(at + 4, at + 8 + length)) !== u32be(b, at + 8 + length))
      return `the PNG's ${type} chunk at byte ${at} is damaged (its CRC does not match)`;
    if ((index === 0) !== (type === 'IHDR')) return 'the PNG does not start with one IHDR chunk';
    if (type === 'IHDR') {
      if (length !== 13) return 'the PNG header (IHDR) has the wrong length';
      colourType = b[at + 17]!;
      const depth = b[at + 16]!;
      if (!(PNG_DEPTHS[colourType] ?? []).includes(depth))
        return `the PNG header has bit depth ${depth} with colour type ${colourType}`;
      if (b[at + 18] !== 0 || b[at + 19] !== 0 || b[at + 20]! > 1)
        return 'the PNG header names an unknown compression, filter or interlace method';
    }
    if (type === 'PLTE') palette = true;
    if (type === 'IDAT') data = true;
    if (type === 'IEND') {
      if (!data) return 'the PNG has no image data (IDAT)';
      if (colourType === 3 && !palette) return 'the PNG has no palette (PLTE) for its colours';
      return after(at + 12 + length, b.length);
    }
    at += 12 + length;
  }
}

/** Where a GIF's data sub-blocks end (after their zero-length terminator), or -1: cut short. */
function gifSubBlocks(b: Uint8Array, at: number): number {
  for (;;) {
    if (at >= b.length) return -1;
    const size = b[at]!;
    if (size === 0) return at + 1;
    at += 1 + size;
  }
}

const colourTableBytes = (flags: number) => (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);

function gifProblem(b: Uint8Array, screen: SniffedImage): string | undefined {
  const cut = 'the GIF is cut short (no trailer)';
  let at = 13 + colourTableBytes(b[10] ?? 0);
  let frames = 0;
  for (;;) {
    if (at >= b.length) return cut;
    const block = b[at]!;
    if (block === 0x3b) return frames === 0 ? 'the GIF holds no image' : after(at + 1, b.length);
    if (block === 0x21) {
      at = gifSubBlocks(b, at + 2);
      if (at < 0) return cut;
      continue;
    }
    if (block !== 0x2c) return `the GIF has an unknown block at byte ${at}`;
    if (at + 10 > b.length) return cut;
    const [left, top, width, height] = [1, 3, 5, 7].map((offset) => u16le(b, at + offset)) as [
      number,
      number,
      number,
      number,
    ];
    frames++;
    if (width === 0 || height === 0 || left + width > screen.width || top + height > screen.height)
      return `the GIF's frame ${frames} (${width}x${height} at ${left},${top}) is not inside its ${screen.width}x${screen.height} screen`;
    at += 10 + colourTableBytes(b[at + 9]!);
    if (at >= b.length) return cut;
    const codeSize = b[at]!;
    if (codeSize < 2 || codeSize > 8) return `the GIF's frame ${frames} has a bad LZW code size`;
    at = gifSubBlocks(b, at + 1);
    if (at < 0) return cut;
  }
}

/** Start-of-frame markers (SOF0–SOF15 but DHT, JPG and DAC). */
const isFrameMarker = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

function jpegProblem(b: Uint8Array): string | undefined {
  const cut = 'the JPEG is cut short (no end-of-image marker)';
  let at = 2;
  let frame = false;
  let scans = 0;
  for (;;) {
    if (at + 2 > b.length) return cut;
    if (b[at] !== 0xff) return `the JPEG has no marker at byte ${at}`;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // a fill byte
      continue;
    }
    if (marker === 0xd9)
      return scans === 0 ? 'the JPEG holds no image data (no scan)' : after(at + 2, b.length);
    if (marker === 0xd8 || marker === 0x01 || isRestart(marker)) {
      if (marker === 0xd8) return 'the JPEG starts a second image inside the first';
      at += 2;
      continue;
    }
    if (at + 4 > b.length) return cut;
    const length = u16be(b, at + 2);
    if (length < 2 || at + 2 + length > b.length)
      return `the JPEG's segment at byte ${at} is cut short`;
    if (isFrameMarker(marker)) {
      if (frame) return 'the JPEG has two frame headers';
      const components = b[at + 9] ?? 0;
      if (components < 1 || components > 4 || length !== 8 + 3 * components)
        return 'the JPEG frame header is malformed';
      if (u16be(b, at + 5) === 0) return 'the JPEG frame header gives no height';
      frame = true;
    }
    at += 2 + length;
    if (marker !== 0xda) continue;
    if (!frame) return 'the JPEG has image data before its frame header';
    scans++;
    // The scan's entropy-coded data: up to the next marker (0xFF then neither 0x00, a restart
    // marker nor a fill byte).
    for (;;) {
      if (at + 1 >= b.length) return cut;
      if (b[at] !== 0xff) at += 1;
      else if (b[at + 1] === 0x00 || isRestart(b[at + 1]!)) at += 2;
      else if (b[at + 1] === 0xff) at += 1;
      else break;
    }
  }
}

interface RiffChunk {
  type: string;
  at: number;
  size: number;
}

function webpProblem(b: Uint8Array, canvas: SniffedImage): string | undefined {
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length) return `the WebP is cut short (its header says ${riffEnd} bytes)`;
  const trailing = after(riffEnd, b.length);
  if (trailing !== undefined) return trailing;
  const chunks: RiffChunk[] = [];
  for (let at = 12; at < riffEnd;) {
    if (at + 8 > riffEnd) return `the WebP is cut short at byte ${at}`;
    const chunk = { type: fourcc(b, at), at: at + 8, size: u32le(b, at + 4) };
    const end = chunk.at + chunk.size + (chunk.size & 1);
    if (end > riffEnd) return `the WebP's ${chunk.type} chunk at byte ${at} is cut short`;
    chunks.push(chunk);
    at = end;
  }
  const [first] = chunks;
  if (first === undefined) return 'the WebP holds no image';
  if (first.type !== 'VP8X') {
    if (chunks.length !== 1) return 'a simple WebP holds one image chunk only';
    return frameProblem(b, first, canvas);
  }
  if (first.size < 10) return 'the WebP extended header (VP8X) is cut short';
  if (b[first.at]! & 0x02) {
    // Animated: every frame inside the canvas.
    const frames = chunks.filter((chunk) => chunk.type === 'ANMF');
    if (frames.length === 0 || !chunks.some((chunk) => chunk.type === 'ANIM'))
      return 'the animated WebP holds no frames';
    for (const frame of frames) {
      if (frame.size < 16) return 'a WebP animation frame is cut short';
      const x = u24le(b, frame.at) * 2;
      const y = u24le(b, frame.at + 3) * 2;
      const width = u24le(b, frame.at + 6) + 1;
      const height = u24le(b, frame.at + 9) + 1;
      if (x + width > canvas.width || y + height > canvas.height)
        return `a WebP animation frame (${width}x${height} at ${x},${y}) is not inside its ${canvas.width}x${canvas.height} canvas`;
    }
    return undefined;
  }
  const images = chunks.filter((chunk) => chunk.type === 'VP8 ' || chunk.type === 'VP8L');
  if (images.length !== 1) return 'the WebP holds no single image (VP8 or VP8L) chunk';
  return frameProblem(b, images[0]!, canvas);
}

/** A WebP's VP8 or VP8L bitstream header, its size the canvas's. */
function frameProblem(b: Uint8Array, chunk: RiffChunk, canvas: SniffedImage): string | undefined {
  let size: { width: number; height: number };
  if (chunk.type === 'VP8 ') {
    const at = chunk.at;
    if (chunk.size < 10) return 'the WebP image (VP8) is cut short';
    if (b[at]! & 1) return 'the WebP image (VP8) is not a key frame';
    if (b[at + 3] !== 0x9d || b[at + 4] !== 0x01 || b[at + 5] !== 0x2a)
      return 'the WebP image (VP8) has no start code';
    const partition = u24le(b, at) >>> 5;
    if (10 + partition > chunk.size) return 'the WebP image (VP8) is cut short';
    size = { width: u16le(b, at + 6) & 0x3fff, height: u16le(b, at + 8) & 0x3fff };
  } else if (chunk.type === 'VP8L') {
    const at = chunk.at;
    if (chunk.size < 5 || b[at] !== 0x2f) return 'the WebP image (VP8L) has no signature';
    const bits = u32le(b, at + 1);
    if (bits >>> 29 !== 0) return 'the WebP image (VP8L) has an unknown version';
    size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  } else return `the WebP holds a ${chunk.type.trim()} chunk where its image should be`;
  if (size.width !== canvas.width || size.height !== canvas.height)
    return `the WebP's image is ${size.width}x${size.height}, its header says ${canvas.width}x${canvas.height}`;
  return undefined;
}
