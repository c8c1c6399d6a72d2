import { DomainError } from '../errors.js';
import { requireDeeplink, type DeeplinkRule } from '../programs/deeplinks.js';
import { declaredImageType, MAX_AD_IMAGE_BYTES, sniffImage, type AdImageType } from './ad-image.js';
import { imageProblem } from './image-structure.js';
import { MAX_BANNER_SIDE, MIN_BANNER_SIDE, validBannerSize } from './banner-sizes.js';

export class AdError extends DomainError {}

/** A text link an advertiser asks for: the words linked, optionally a page to land on. */
export interface TextAdInput {
  kind: 'text';
  name?: string | undefined;
  text: string;
  landingUrl?: string | undefined;
}

/** A banner an advertiser asks for: its image (as sent), size, alt text, optional landing page. */
export interface BannerAdInput {
  kind: 'banner';
  name?: string | undefined;
  width: number;
  height: number;
  alt: string;
  landingUrl?: string | undefined;
  image: { contentType?: string | undefined; bytes: Uint8Array };
}

export type AdInput = TextAdInput | BannerAdInput;

/** An ad as it may be stored: checked, trimmed, its image's type told by its bytes. */
export interface CheckedAd {
  name: string;
  kind: 'text' | 'banner';
  linkText: string | null;
  landingUrl: string | null;
  width: number | null;
  height: number | null;
  altText: string | null;
  image: { type: AdImageType; bytes: Uint8Array } | null;
}

export const MAX_AD_NAME = 100;
export const MAX_LINK_TEXT = 100;
export const MAX_ALT_TEXT = 150;

/**
 * Plain text of 1 to `max` characters: no markup (< or >) and no control characters. Whatever
 * passes is still escaped wherever it is written into HTML.
 */
function plainText(
  value: string,
  field: string,
  max: number,
  code: 'invalid_ad_text' | 'invalid_alt_text',
): string {
  const text = value.trim();
  if (text === '' || [...text].length > max || /[<>\p{Cc}]/u.test(text))
    throw new AdError(
      code,
      `${field}: write 1 to ${max} characters of plain text, without < or > or control characters`,
      [],
      { max },
    );
  return text;
}

/**
 * Checks an ad before anything is stored: plain text only; a landing page only on the
 * program's deeplink domains (the rule clicks follow, so no javascript: or data: address); a
 * banner of whole pixels within bounds, with alt text and an image that is PNG, JPEG, GIF or
 * WebP by its bytes, as it was declared, whole (image-structure.ts), at most 300 KB, and
 * exactly the banner's size or twice it (for sharp screens).
 */
export function checkAd(input: AdInput, deeplinks: DeeplinkRule): CheckedAd {
  const landingUrl = checkLanding(input.landingUrl, deeplinks);
  if (input.kind === 'text') {
    const linkText = plainText(input.text, 'text', MAX_LINK_TEXT, 'invalid_ad_text');
    return {
      name: adName(input.name, linkText),
      kind: 'text',
      linkText,
      landingUrl,
      width: null,
      height: null,
      altText: null,
      image: null,
    };
  }
  const size = { width: input.width, height: input.height };
  if (!validBannerSize(size))
    throw new AdError(
      'invalid_banner_size',
      `width and height: whole pixels from ${MIN_BANNER_SIDE} to ${MAX_BANNER_SIDE} each (a standard size such as 300x250, or your own)`,
      [],
      { min: MIN_BANNER_SIDE, max: MAX_BANNER_SIDE },
    );
  const altText = plainText(input.alt, 'alt', MAX_ALT_TEXT, 'invalid_alt_text');
  const image = checkImage(input.image, size);
  return {
    name: adName(input.name, `${size.width}x${size.height} ${altText}`),
    kind: 'banner',
    linkText: null,
    landingUrl,
    width: size.width,
    height: size.height,
    altText,
    image,
  };
}

function adName(name: string | undefined, fallback: string): string {
  if (name === undefined || name.trim() === '') return [...fallback].slice(0, MAX_AD_NAME).join('');
  return plainText(name, 'name', MAX_AD_NAME, 'invalid_ad_text');
}

function checkLanding(url: string | undefined, rule: DeeplinkRule): string | null {
  const text = url?.trim() ?? '';
  if (text === '') return null;
  requireDeeplink(rule, text, 'landingUrl');
  return text;
}

function checkImage(
  image: BannerAdInput['image'],
  size: { width: number; height: number },
): { type: AdImageType; bytes: Uint8Array } {
  if (image.bytes.byteLength > MAX_AD_IMAGE_BYTES)
    throw new AdError(
      'ad_image_too_large',
      `image: ${image.bytes.byteLength} bytes; at most ${MAX_AD_IMAGE_BYTES} (300 KB)`,
      [],
      { bytes: image.bytes.byteLength, max: MAX_AD_IMAGE_BYTES },
    );
  const sniffed = sniffImage(image.bytes);
  if (sniffed === undefined)
    throw new AdError(
      'ad_image_type',
      'image: send a PNG, JPEG, GIF or WebP image (its bytes decide; SVG and other files are refused)',
    );
  const declared = declaredImageType(image.contentType);
  if (declared !== undefined && declared !== sniffed.type)
    throw new AdError(
      'ad_image_mislabelled',
      `image: sent as ${image.contentType ?? ''} but its bytes are ${sniffed.type}; send it as what it is`,
      [],
      { declared: image.contentType ?? '', actual: sniffed.type },
    );
  const problem = imageProblem(image.bytes, sniffed);
  if (problem !== undefined)
    throw new AdError(
      'ad_image_damaged',
      `image: ${problem}; send the whole file as your image editor saved it`,
      [],
      { problem },
    );
  const fits = [1, 2].some(
    (scale) => sniffed.width === size.width * scale && sniffed.height === size.height * scale,
  );
  if (!fits)
    throw new AdError(
      'ad_image_size_mismatch',
      `image: ${sniffed.width}x${sniffed.height} pixels; a ${size.width}x${size.height} banner needs an image of that size or twice it (${size.width * 2}x${size.height * 2})`,
      [],
      {
        actual: `${sniffed.width}x${sniffed.height}`,
        size: `${size.width}x${size.height}`,
        double: `${size.width * 2}x${size.height * 2}`,
      },
    );
  return { type: sniffed.type, bytes: image.bytes };
}
