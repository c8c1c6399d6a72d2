import { z } from 'zod';
import { isCountryCode } from '../countries.js';

/** Sign-up (AE-S1): the publisher's details and first website, as the form and the API send them. */
export const PROMOTION_METHODS = [
  'content_sites',
  'cashback_loyalty',
  'voucher_codes',
  'price_comparison',
  'email_marketing',
  'social_media',
] as const;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'expected an email address such as name@example.nl' }));

export const signupSchema = z.object({
  email: emailSchema,
  password: z.string().min(10, { error: 'use at least 10 characters' }).max(200),
  name: z.string().trim().min(2, { error: 'enter your name' }).max(100),
  company: z.string().trim().max(100).optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, { error: 'expected a two-letter country code such as NL' }),
  vatNumber: z.string().trim().max(20).optional(),
  iban: z.string().trim().max(42).optional(),
  siteName: z.string().trim().min(2, { error: 'enter the name of your website' }).max(100),
  siteUrl: z
    .string()
    .trim()
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: 'expected a website address such as https://example.nl',
      }),
    ),
  promotionMethods: z
    .array(z.enum(PROMOTION_METHODS))
    .min(1, { error: 'choose at least one promotion method' }),
});
