/**
 * A banner image as the network stores and serves it: PNG, JPEG, GIF or WebP only, told by its
 * bytes (never by its name or the type it was sent as), with its pixel size read from its
 * header. SVG (which can carry script), HTML and everything else are not images here.
 */
export type AdImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export const AD_IMAGE_TYPES: readonly AdImageType[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
];

/** At most this many bytes per banner image (300 KB). */
export const MAX_AD_IMAGE_BYTES = 300 * 1024;

export interface SniffedImage {
  readonly type: AdImageType;
  readonly width: number;
  readonly height: number;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** The image's type and pixel size from its first bytes, or undefined: not one we accept. */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return bytes.length >= 24 && startsWith(bytes, ascii('IHDR'), 12)
      ? sized('image/png', u32be(bytes, 16), u32be(bytes, 20))
      : undefined;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return bytes.length >= 10 ? sized('image/gif', u16le(bytes, 6), u16le(bytes, 8)) : undefined;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes);
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return webp(bytes);
  return undefined;
}

function sized(type: AdImageType, width: number, height: number): SniffedImage | undefined {
  return width > 0 && height > 0 ? { type, width, height } : undefined;
}

/** A JPEG's size: from its first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC). */
function jpeg(bytes: Uint8Array): SniffedImage | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2; // standalone marker
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end, or scan data before a frame
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return sized('image/jpeg', u16be(bytes, at + 7), u16be(bytes, at + 5));
    at += 2 + u16be(bytes, at + 2);
  }
  return undefined;
}

/** A WebP's size: from its VP8 (lossy), VP8L (lossless) or VP8X (extended) header. */
function webp(bytes: Uint8Array): SniffedImage | undefined {
  if (bytes.length < 30) return undefined;
  if (startsWith(bytes, ascii('VP8 '), 12) && startsWith(bytes, [0x9d, 0x01, 0x2a], 23))
    return sized('image/webp', u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff);
  if (startsWith(bytes, ascii('VP8L'), 12) && bytes[20] === 0x2f) {
    const bits = bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24);
    return sized('image/webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (startsWith(bytes, ascii('VP8X'), 12))
    return sized('image/webp', u24le(bytes, 24) + 1, u24le(bytes, 27) + 1);
  return undefined;
}

/** A sent content type as one of ours ("image/jpg" is JPEG), or undefined when unknown. */
export function declaredImageType(
  contentType: string | undefined,
): AdImageType | 'other' | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream') return undefined; // not declared
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg';
  return (AD_IMAGE_TYPES as readonly string[]).includes(type) ? (type as AdImageType) : 'other';
}
