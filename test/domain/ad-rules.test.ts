import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../src/domain/ads/ad-image.js';
import { checkAd, type BannerAdInput } from '../../src/domain/ads/ad-rules.js';
import { gifHeader, jpegHeader, pngImage, webpHeader } from '../support/images.js';

const RULE = { allowed: true, domains: ['lampenhuis.example'] };
const banner = (overrides: Partial<BannerAdInput> = {}): BannerAdInput => ({
  kind: 'banner',
  width: 300,
  height: 250,
  alt: 'Lampen in de uitverkoop',
  image: { contentType: 'image/png', bytes: pngImage(300, 250) },
  ...overrides,
});
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'accepted';
};

describe('banner images are told by their bytes', () => {
  it('reads the type and pixel size of PNG, GIF, JPEG and WebP', () => {
    expect(sniffImage(pngImage(300, 250))).toEqual({ type: 'image/png', width: 300, height: 250 });
    expect(sniffImage(gifHeader(728, 90))).toEqual({ type: 'image/gif', width: 728, height: 90 });
    expect(sniffImage(jpegHeader(320, 50))).toEqual({ type: 'image/jpeg', width: 320, height: 50 });
    expect(sniffImage(webpHeader(970, 250))).toEqual({
      type: 'image/webp',
      width: 970,
      height: 250,
    });
  });

  it('knows no SVG, HTML or truncated file as an image', () => {
    for (const text of [
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<html><script>alert(1)</script></html>',
      '',
      'GIF8',
    ])
      expect(sniffImage(Buffer.from(text))).toBeUndefined();
    expect(sniffImage(pngImage(10, 10).subarray(0, 20))).toBeUndefined();
  });
});

describe('an ad is checked before it is stored', () => {
  it('accepts a banner of its size or twice it, and a text link', () => {
    expect(checkAd(banner(), RULE)).toMatchObject({ kind: 'banner', width: 300, height: 250 });
    expect(
      checkAd(banner({ image: { contentType: 'image/png', bytes: pngImage(600, 500) } }), RULE)
        .image?.type,
    ).toBe('image/png');
    expect(
      checkAd(
        { kind: 'text', text: ' Lampen & licht ', landingUrl: 'https://www.lampenhuis.example/a' },
        RULE,
      ),
    ).toMatchObject({ linkText: 'Lampen & licht', landingUrl: 'https://www.lampenhuis.example/a' });
  });

  it.each([
    ['javascript: landing page', { landingUrl: 'javascript:alert(1)' }, 'deeplink_not_allowed'],
    [
      'data: landing page',
      { landingUrl: 'data:text/html,<script>x</script>' },
      'deeplink_not_allowed',
    ],
    ['foreign landing page', { landingUrl: 'https://evil.example/' }, 'deeplink_not_allowed'],
    ['alt text with HTML', { alt: '<img src=x onerror=alert(1)>' }, 'invalid_alt_text'],
    ['empty alt text', { alt: '  ' }, 'invalid_alt_text'],
    ['a size of no pixels', { width: 0, height: 250 }, 'invalid_banner_size'],
    ['a fractional size', { width: 300.5 }, 'invalid_banner_size'],
    ['a huge size', { width: 30000, height: 250 }, 'invalid_banner_size'],
    [
      'an SVG',
      { image: { contentType: 'image/svg+xml', bytes: Buffer.from('<svg onload="alert(1)"/>') } },
      'ad_image_type',
    ],
    [
      'HTML sent as a PNG',
      { image: { contentType: 'image/png', bytes: Buffer.from('<script>alert(1)</script>') } },
      'ad_image_type',
    ],
    [
      'a GIF sent as a PNG',
      { width: 728, height: 90, image: { contentType: 'image/png', bytes: gifHeader(728, 90) } },
      'ad_image_mislabelled',
    ],
    [
      'an image over 300 KB',
      {
        image: {
          contentType: 'image/png',
          bytes: Buffer.concat([pngImage(300, 250), Buffer.alloc(300 * 1024)]),
        },
      },
      'ad_image_too_large',
    ],
    [
      'an image of another size',
      { image: { contentType: 'image/png', bytes: pngImage(320, 50) } },
      'ad_image_size_mismatch',
    ],
  ])('refuses %s', (_label, overrides, code) => {
    expect(codeOf(() => checkAd(banner(overrides as Partial<BannerAdInput>), RULE))).toBe(code);
  });

  it('refuses a text link with markup and a landing page where deep links are not allowed', () => {
    expect(codeOf(() => checkAd({ kind: 'text', text: '<b>Lampen</b>' }, RULE))).toBe(
      'invalid_ad_text',
    );
    expect(
      codeOf(() =>
        checkAd(
          { kind: 'text', text: 'Lampen', landingUrl: 'https://www.lampenhuis.example/' },
          { allowed: false, domains: [] },
        ),
      ),
    ).toBe('deeplinks_not_allowed');
  });
});
