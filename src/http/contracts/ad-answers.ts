import { z } from 'zod';

/** An ad as the API answers it (`AdView` with absolute image URL and ISO instants). */
const ad = z.object({
  id: z.string(),
  programId: z.string(),
  name: z.string(),
  kind: z.enum(['text', 'banner']),
  status: z.enum(['active', 'retired']).meta({
    description:
      'retired: no longer offered for new links; links and banners already placed keep tracking and showing',
  }),
  text: z.string().nullable().meta({
    description: 'a text link’s words (the program’s name unless chosen); null: a banner',
  }),
  landingUrl: z
    .string()
    .nullable()
    .meta({ description: 'where a click lands; null: the program’s landing page' }),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  alt: z.string().nullable().meta({ description: 'a banner’s alt text' }),
  imageUrl: z
    .string()
    .nullable()
    .meta({ description: 'a banner’s image, served by the network; null: a text link' }),
  imageType: z.string().nullable(),
  imageBytes: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  retiredAt: z.iso.datetime().nullable(),
});

/** The answers of the ad operations, published by name. */
export const AD_ANSWERS = {
  Ad: ad,
  Ads: z.object({ ads: z.array(ad) }),
  AdRetired: z.object({
    ad,
    changed: z.boolean().meta({ description: 'false: it was retired already' }),
  }),
};
