import { z } from 'zod';
import { AD_ANSWERS } from './ad-answers.js';
import { defineRoute, forbidden } from './contract.js';
import { idParam } from './params.js';

const landingUrl = z.string().max(2048).optional().meta({
  description:
    'where a click lands: an http(s) page on one of the program’s deeplink domains (default: its landing page)',
});
const name = z
  .string()
  .max(1000)
  .optional()
  .meta({ description: 'your own name for the ad (default: from its text or size)' });

/** A text link: the words linked. */
export const TextAdRequest = z.object({
  kind: z.literal('text'),
  name,
  text: z.string().max(1000).meta({ description: 'the words linked: 1 to 100, plain text' }),
  landingUrl,
});

/** A banner: its image (base64), size and alt text. */
export const BannerAdRequest = z.object({
  kind: z.literal('banner'),
  name,
  width: z.number().meta({
    description: 'CSS pixels: a standard IAB size (300x250, 728x90, …) or your own, 10 to 2,000',
  }),
  height: z.number().meta({ description: 'CSS pixels, 10 to 2,000' }),
  alt: z.string().max(1000).meta({
    description: 'what the banner says, for those who cannot see it: 1 to 150, plain text',
  }),
  landingUrl,
  image: z.object({
    contentType: z.string().max(100).meta({
      description:
        'image/png, image/jpeg, image/gif or image/webp: must be what the bytes are (SVG is refused)',
    }),
    data: z
      .string()
      .max(1_000_000)
      .regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, { error: 'expected the image in base64' })
      .meta({
        description:
          'the image in base64: at most 300 KB, exactly width × height pixels or twice that',
      }),
  }),
});

/** A new ad: a text link or a banner. */
export const AdRequest = z.discriminatedUnion('kind', [TextAdRequest, BannerAdRequest]);

const program = z.object({ programId: idParam('the program') });
const programAd = z.object({ programId: idParam('the program'), adId: idParam('the ad') });

const CREATE_REFUSALS =
  'Refused, nothing stored: text or alt text not plain (invalid_ad_text, invalid_alt_text), a landing page outside the program’s deeplink domains (deeplink_not_allowed, deeplinks_not_allowed), a size out of bounds (invalid_banner_size), an image that is not PNG, JPEG, GIF or WebP by its bytes (ad_image_type), sent as another type (ad_image_mislabelled), cut short, damaged or followed by other data (ad_image_damaged), over 300 KB (ad_image_too_large) or not the banner’s size (ad_image_size_mismatch)';

/** Programs' ads: advertisers make and retire them, publishers link with the active ones. */
export const AD_ROUTES = {
  list: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/ads',
    tag: 'Ads',
    summary: 'Your program’s ads (text links and banners), the active ones first',
    auth: 'apiKey',
    params: program,
    answers: {
      200: { description: 'The ads', schema: AD_ANSWERS.Ads },
      404: 'Not your program',
    },
  }),
  create: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/ads',
    tag: 'Ads',
    summary:
      'Add an ad to your program: a text link, or a banner whose image (PNG, JPEG, GIF or WebP, at most 300 KB) the network stores and serves. Publishers approved in the program can link with it at once. Audited',
    auth: 'apiKey',
    params: program,
    body: AdRequest,
    answers: {
      201: { description: 'The ad', schema: AD_ANSWERS.Ad },
      400: CREATE_REFUSALS,
      404: 'Not your program',
      413: 'The request is larger than 1 MiB',
    },
  }),
  retire: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/ads/{adId}/retire',
    tag: 'Ads',
    summary:
      'Retire an ad: it is no longer offered for new links. Links and banners already placed keep working (clicks track, the image is served), so no publisher’s page breaks. Audited',
    auth: 'apiKey',
    params: programAd,
    answers: {
      200: { description: 'The retired ad', schema: AD_ANSWERS.AdRetired },
      404: 'Not your program, or no such ad in it (unknown_ad)',
    },
  }),
  publisherAds: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/programs/{programId}/ads',
    tag: 'Publisher',
    summary:
      'The active ads of a program one of your sites is approved in: what POST /api/v1/publisher/links takes as adId',
    auth: 'publisher',
    params: program,
    answers: {
      200: { description: 'The active ads', schema: AD_ANSWERS.Ads },
      403: forbidden('None of your sites is approved in this program (not_approved)'),
      404: 'Unknown program',
    },
  }),
};
