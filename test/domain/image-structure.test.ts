import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../src/domain/ads/ad-image.js';
import { imageProblem } from '../../src/domain/ads/image-structure.js';
import { checkAd } from '../../src/domain/ads/ad-rules.js';
import {
  gifHeader,
  gifImage,
  JPEG_20X10,
  jpegHeader,
  pngImage,
  WEBP_20X10,
  WEBP_LOSSLESS_20X10,
  webpHeader,
} from '../support/images.js';

const RULE = { allowed: true, domains: ['lampenhuis.example'] };
const TYPES = { png: 'image/png', gif: 'image/gif', jpeg: 'image/jpeg', webp: 'image/webp' };

/** What checkAd answers for `bytes` sent as a `width` × `height` banner of `type`. */
const answer = (bytes: Uint8Array, width: number, height: number, type: string) => {
  try {
    checkAd(
      {
        kind: 'banner',
        width,
        height,
        alt: 'Lampen',
        image: { contentType: type, bytes },
      },
      RULE,
    );
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
};
const problemOf = (bytes: Uint8Array) => {
  const sniffed = sniffImage(bytes);
  return sniffed === undefined ? 'not an image' : imageProblem(bytes, sniffed);
};

/** Real files of each type (Chromium decodes each to its last pixel) and their sizes. */
const REAL: [string, Buffer, number, number, string][] = [
  ['PNG', pngImage(300, 250), 300, 250, TYPES.png],
  ['GIF', gifImage(60, 20), 60, 20, TYPES.gif],
  ['JPEG', JPEG_20X10, 20, 10, TYPES.jpeg],
  ['lossy WebP', WEBP_20X10, 20, 10, TYPES.webp],
  ['lossless WebP', WEBP_LOSSLESS_20X10, 20, 10, TYPES.webp],
];

describe('a banner image is checked whole, not by its header (low finding)', () => {
  it.each(REAL)('accepts a whole %s of its declared size', (_label, bytes, width, height, type) => {
    expect(problemOf(bytes)).toBeUndefined();
    expect(answer(bytes, width, height, type)).toBe('accepted');
  });

  it.each(REAL)('refuses a %s cut short anywhere', (_label, bytes, width, height, type) => {
    // Past the header (the header alone used to pass), at every byte to the end.
    for (let length = 30; length < bytes.length; length++) {
      const cut = bytes.subarray(0, length);
      const code = answer(cut, width, height, type);
      expect(code, `cut at ${length} of ${bytes.length}`).not.toBe('accepted');
    }
  });

  it.each(REAL)(
    'refuses a %s with data after its end (a file that is also another file)',
    (_label, bytes, width, height, type) => {
      const polyglot = Buffer.concat([bytes, Buffer.from('<script>alert(1)</script>')]);
      expect(answer(polyglot, width, height, type)).toBe('ad_image_damaged');
      expect(problemOf(polyglot)).toMatch(/follow the end of the image|says \d+ bytes/);
    },
  );

  it('refuses the headers alone', () => {
    expect(answer(gifHeader(728, 90), 728, 90, TYPES.gif)).toBe('ad_image_damaged');
    expect(answer(jpegHeader(320, 50), 320, 50, TYPES.jpeg)).toBe('ad_image_damaged');
    expect(answer(webpHeader(970, 250), 970, 250, TYPES.webp)).toBe('ad_image_damaged');
  });

  it('refuses a PNG whose chunk is damaged, or that lacks image data', () => {
    const damaged = Buffer.from(pngImage(300, 250));
    damaged[45] = damaged[45]! ^ 0xff; // inside IDAT: its CRC no longer matches
    expect(problemOf(damaged)).toMatch(/IDAT chunk .* damaged/);
    const noData = Buffer.concat([
      pngImage(300, 250).subarray(0, 33),
      pngImage(1, 1).subarray(-12),
    ]);
    expect(problemOf(noData)).toMatch(/no image data/);
  });

  it('refuses a GIF whose frame is larger than its screen', () => {
    const wide = Buffer.from(gifImage(728, 90));
    wide.writeUInt16LE(700, 6); // the logical screen says 700 wide, the frame is 728
    expect(problemOf(wide)).toMatch(/frame 1 \(728x90 at 0,0\) is not inside its 700x90 screen/);
  });

  it('refuses a WebP whose canvas is not its image’s size', () => {
    for (const real of [WEBP_20X10, WEBP_LOSSLESS_20X10]) {
      const lying = Buffer.from(real);
      lying.writeUIntLE(40 - 1, 24, 3); // the VP8X canvas says 40 wide
      expect(sniffImage(lying)).toMatchObject({ width: 40, height: 10 });
      expect(problemOf(lying)).toMatch(/image is 20x10, its header says 40x10/);
      expect(answer(lying, 40, 10, TYPES.webp)).toBe('ad_image_damaged');
    }
  });

  it('refuses a JPEG with its scan before its frame header, or with two frames', () => {
    const sos = JPEG_20X10.indexOf(Buffer.from([0xff, 0xda]));
    const sof = JPEG_20X10.indexOf(Buffer.from([0xff, 0xc0]));
    expect(sof).toBeGreaterThan(0);
    expect(sos).toBeGreaterThan(sof);
    const sofLength = JPEG_20X10.readUInt16BE(sof + 2);
    const frame = JPEG_20X10.subarray(sof, sof + 2 + sofLength);
    const twice = Buffer.concat([JPEG_20X10.subarray(0, sos), frame, JPEG_20X10.subarray(sos)]);
    expect(problemOf(twice)).toMatch(/two frame headers/);
    const withoutFrame = Buffer.concat([
      JPEG_20X10.subarray(0, sof),
      JPEG_20X10.subarray(sof + 2 + sofLength),
    ]);
    // Without a frame header the file is no JPEG with a size at all.
    expect(problemOf(withoutFrame)).toBe('not an image');
  });
});
