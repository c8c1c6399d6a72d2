import { z } from 'zod';
import { PROMOTION_KINDS, VOUCHER_CODE } from '../../domain/promotions/promotions.js';
import { defineRoute, forbidden } from './contract.js';
import { formatQuery, idParam, queryText } from './params.js';

const localized = (max: number, what: string) =>
  z
    .object({
      nl: z
        .string()
        .trim()
        .min(1)
        .max(max)
        .meta({ description: `${what} in Dutch` }),
      en: z
        .string()
        .trim()
        .min(1)
        .max(max)
        .meta({ description: `${what} in English` }),
    })
    .strict();

const optionalLocalized = (max: number, what: string) =>
  z
    .object({
      nl: z
        .string()
        .max(max)
        .optional()
        .meta({ description: `${what} in Dutch` }),
      en: z
        .string()
        .max(max)
        .optional()
        .meta({ description: `${what} in English` }),
    })
    .strict();

const instant = (description: string) =>
  z.iso
    .datetime({ offset: true, error: 'expected an ISO 8601 instant such as 2027-01-31T23:00:00Z' })
    .meta({ description });

const promotionFields = {
  title: localized(120, 'the title'),
  description: optionalLocalized(1000, 'the description').nullable().optional(),
  url: z
    .string()
    .max(2000)
    .nullable()
    .optional()
    .meta({ description: 'a deep link on the program’s deeplink domains (default: landing page)' }),
  startsAt: instant('when publishers may start showing it'),
  endsAt: instant('when it ends (gone from publishers’ lists)'),
  kind: z.enum(PROMOTION_KINDS, { error: `expected one of ${PROMOTION_KINDS.join(', ')}` }),
  code: z
    .string()
    .regex(VOUCHER_CODE, {
      error:
        'expected a code of 3 to 40 letters, digits, "-" or "_", starting with a letter or digit',
    })
    .nullable()
    .optional()
    .meta({ description: 'the voucher code customers type' }),
  exclusiveSiteId: idParam('one publisher site approved in the program that alone gets the code')
    .nullable()
    .optional(),
};

export const PromotionBody = z.object(promotionFields).strict();
export const PromotionPatch = z.object(promotionFields).partial().strict();

const localizedAnswer = () => z.object({ nl: z.string(), en: z.string() });

export const Promotion = z.object({
  id: z.string(),
  programId: z.string(),
  title: localizedAnswer(),
  description: localizedAnswer().nullable(),
  url: z.string().nullable(),
  kind: z.enum(PROMOTION_KINDS),
  code: z.string().nullable(),
  exclusiveSiteId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: z.enum(['scheduled', 'running', 'ended']),
});

export const PublisherPromotion = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  title: localizedAnswer(),
  description: localizedAnswer().nullable(),
  kind: z.enum(PROMOTION_KINDS),
  code: z.string().nullable(),
  exclusive: z.boolean(),
  startsAt: z.string(),
  endsAt: z.string(),
  trackingLink: z.string().meta({ description: 'your tracked /click link to the promotion' }),
});

export const Promotions = z.object({ promotions: z.array(Promotion) });
export const PublisherPromotions = z.object({ promotions: z.array(PublisherPromotion) });

const program = z.object({ programId: idParam('your program') });
const promotion = z.object({
  programId: idParam('your program'),
  promotionId: idParam('the promotion'),
});

/** Promotions and voucher codes (issue 29): the advertiser's side and the publisher's. */
export const PROMOTION_ROUTES = {
  listPromotions: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/promotions',
    tag: 'Promotions',
    summary: 'Your program’s promotions: scheduled, running and ended',
    auth: 'apiKey',
    params: program,
    answers: {
      200: { description: '{ promotions }', schema: Promotions },
      404: 'Not your program',
    },
  }),
  createPromotion: defineRoute({
    method: 'post',
    path: '/api/v1/programs/{programId}/promotions',
    tag: 'Promotions',
    summary:
      'Publish a promotion: title (nl, en), period, kind, optionally a deep link, a voucher code and one site it is exclusive to (an exclusive code is unique in the program and, where the terms say so, credits orders reporting it to that site)',
    auth: 'apiKey',
    params: program,
    body: PromotionBody,
    bodyCode: 'invalid_promotion',
    answers: {
      201: { description: 'The promotion', schema: Promotion },
      400: 'A field to fix (invalid_promotion names it), or an endsAt not after now (promotion_already_ended: set it later)',
      404: 'Not your program',
      409: 'The exclusive code is taken in the program (voucher_code_taken), or it was published to another site or to every publisher by a promotion since deleted or changed (promotion_code_published: choose a new code for this site)',
    },
  }),
  updatePromotion: defineRoute({
    method: 'patch',
    path: '/api/v1/programs/{programId}/promotions/{promotionId}',
    tag: 'Promotions',
    summary: 'Change a promotion: the fields sent replace the stored ones (null clears one)',
    auth: 'apiKey',
    params: promotion,
    body: PromotionPatch,
    bodyCode: 'invalid_promotion',
    answers: {
      200: { description: 'The promotion', schema: Promotion },
      400: 'A field to fix (invalid_promotion names it)',
      404: 'Not your program or promotion',
      409: 'The exclusive code is taken in the program (voucher_code_taken), or a published code (also one a deleted or changed promotion gave up) would become exclusive to a site or move to another one (promotion_code_published: create a new promotion with a new code)',
    },
  }),
  deletePromotion: defineRoute({
    method: 'delete',
    path: '/api/v1/programs/{programId}/promotions/{promotionId}',
    tag: 'Promotions',
    summary: 'Withdraw a promotion: gone from publishers’ lists, its code credits no order',
    auth: 'apiKey',
    params: promotion,
    answers: { 204: 'Withdrawn', 404: 'Not your program or promotion' },
  }),
  publisherPromotions: defineRoute({
    method: 'get',
    path: '/api/v1/publisher/promotions',
    tag: 'Publisher',
    summary:
      'The running promotions of programs your sites are approved in, each with your tracked link; a code exclusive to one of your sites only you see',
    auth: 'publisher',
    query: z.object({
      siteId: queryText('only this site of yours'),
      format: formatQuery,
    }),
    answers: {
      200: {
        description: '{ promotions }',
        schema: PublisherPromotions,
        types: ['text/csv'],
      },
      400: 'A bad parameter',
      403: forbidden('Not one of your sites (not_your_site)'),
    },
  }),
} as const;
