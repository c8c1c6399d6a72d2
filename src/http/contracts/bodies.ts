import { z } from 'zod';
import { signupSchema } from '../../domain/accounts/signup.js';
import { reviewDecisionSchema } from '../../domain/programs/review.js';
import { ORDER_STATUSES, orderDocumentSchema } from '../../domain/orders/order-schema.js';
import { NOTIFICATION_KINDS } from '../../domain/notifications/notification-kinds.js';

/**
 * The request bodies of the JSON API: each route's declaration names its body here, `route()`
 * parses it with the same schema the API document publishes, and the portal (`src/web`) parses
 * its forms with them. One source: what the document says is what the route accepts. No
 * storage: anything may import this.
 */
const text = (description?: string) =>
  description ? z.string().min(1).meta({ description }) : z.string().min(1);
const id = z.string().min(1);
const methods = z.array(z.string()).default([]).meta({ description: 'promotion method ids' });

/** One tracking link asked for (`POST /api/v1/publisher/links`). */
const linkRequest = z.object({
  programId: text('the program to link to'),
  siteId: text('your site, approved in the program'),
  url: z.string().optional().meta({
    description:
      'a deep link: an http(s) page on one of the program’s deeplink domains (default: its landing page)',
  }),
  adId: z.string().optional().meta({ description: 'the ad (default: the program’s first)' }),
  epi: z.string().optional().meta({ description: 'your own click reference (sub id)' }),
  epi2: z.string().optional().meta({ description: 'a second click reference' }),
});

/** One link, or `{ links: [...] }` (up to 1,000, answered in order). */
export const LinkRequests = z.union([
  linkRequest,
  z.object({
    links: z
      .array(linkRequest)
      .meta({ description: 'up to 1,000 links, answered in the same order' }),
  }),
]);

export const BODIES = {
  programReview: reviewDecisionSchema,
  email: z.object({ email: text() }),
  signup: signupSchema,
  token: z.object({ token: text('the token from the emailed link') }),
  login: z.object({ email: text(), password: text() }),
  passwordChange: z.object({
    currentPassword: text(),
    newPassword: text('at least 10 characters'),
  }),
  newPassword: z.object({ password: text('at least 10 characters') }),
  /** The notification mails to receive: the kinds listed are on, the role's others off. */
  notificationSwitches: z.object({
    on: z.array(z.enum(NOTIFICATION_KINDS)).max(20).meta({
      description:
        'the kinds of mail to receive, of your role’s (GET shows them); every other is switched off',
    }),
  }),

  applicationDecision: z.object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().optional().meta({ description: 'required to reject' }),
  }),
  consent: z.object({ text: z.string().meta({ description: 'what the consent covers' }) }),
  apiKey: z.object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'give the key a name' })
      .max(60, { error: 'at most 60 characters' }),
  }),

  // The services check the formats (refusing with invalid_period, invalid_execution_date).
  period: z.object({ period: z.string().meta({ description: 'the month, YYYY-MM' }) }),
  payoutRun: z.object({
    executionDate: z.string().meta({ description: 'the day the bank pays, YYYY-MM-DD' }),
  }),

  links: LinkRequests,

  site: z.object({
    name: z.string(),
    url: z.string().meta({ description: 'http(s) URL' }),
    promotionMethods: methods,
  }),
  application: z.object({
    programId: id,
    siteId: id,
    promotionMethods: methods,
    contentCategories: z
      .array(z.string())
      .default([])
      .meta({ description: 'rule 6 ids of prohibited content you publish, normally []' }),
    acceptRules: z
      .boolean()
      .default(false)
      .meta({ description: 'true: you accept the program rules (required to apply)' }),
  }),

  claim: z.object({
    actionId: id,
    text: z.string().meta({ description: 'your objection, at least 20 characters' }),
    attachments: z
      .array(
        z.object({
          filename: text(),
          contentType: text(),
          contentBase64: z.string(),
        }),
      )
      .max(5)
      .optional()
      .meta({ description: 'evidence: at most 5 files of at most 5 MiB' }),
  }),
  mailing: z.object({
    programId: id,
    subject: z.string(),
    htmlBody: z.string(),
    plannedSendAt: z.iso.datetime({ offset: true }),
    audienceSize: z.number().int(),
    audienceSource: z.string(),
  }),
  violationReview: z.object({ outcome: z.enum(['confirmed', 'dismissed']) }),
  enforcement: z.object({
    publisherId: id,
    programId: id,
    kind: z.string().meta({
      description:
        'warning, cure_period, withhold, deduction, termination, restriction or registration_bar (the last three in your programs only)',
    }),
    rule: z.string().meta({ description: 'the rule breached, e.g. AE-P4' }),
    evidence: z.string(),
    amount: z.string().optional().meta({ description: 'EUR, for a deduction (e.g. "12.50")' }),
    cureDeadline: z.string().optional().meta({ description: 'ISO instant, for a cure period' }),
  }),
  claimDecision: z.object({ outcome: z.enum(['upheld', 'rejected']), decision: z.string() }),
  mailingDecision: z.object({
    outcome: z.enum(['approve', 'reject']),
    comments: z.string().optional().meta({ description: 'required to reject' }),
  }),
  emailAccess: z.object({ programId: id, publisherId: id, grant: z.boolean() }),
  advertiserInvite: z.object({
    email: z
      .string()
      .meta({ description: 'the invitee, who chooses a password from the emailed link' }),
    advertiser: z
      .string()
      .meta({ description: 'the advertiser’s name: new, or an existing one to add a user to' }),
    name: z.string().optional().meta({ description: 'the invitee’s own name' }),
    locale: z.enum(['en', 'nl']).optional().meta({
      description:
        'the invitee’s language: of the email, the portal its link opens and later mail (default: the inviting admin’s own)',
    }),
  }),
  simulation: z.object({
    terms: z.string().min(1).meta({ description: 'the draft terms file, YAML or JSON text' }),
    from: z.string().optional().meta({ description: 'YYYY-MM-DD, default 29 days before to' }),
    to: z.string().optional().meta({ description: 'YYYY-MM-DD, default today' }),
  }),
  networkFee: z.object({
    networkFeeRate: z.string().meta({
      description: 'the program’s network fee on approved commission, 0 to 1 ("0.30" is 30 %)',
      examples: ['0.30'],
    }),
  }),
  minimumPayout: z.object({
    minimumPayout: z
      .string()
      .meta({ description: 'the minimum payout in EUR, e.g. "50.00"', examples: ['50.00'] }),
  }),
  invoicingDetails: z.object({
    legalName: z.string().meta({ description: 'the legal name, as registered' }),
    street: z.string().meta({ description: 'street and number' }),
    postalCode: z.string().meta({ description: 'checked against the country’s format' }),
    city: z.string(),
    country: z.string().meta({ description: 'ISO 3166-1 alpha-2, e.g. NL', examples: ['NL'] }),
    vatNumber: z.string().nullable().optional().meta({
      description:
        'checked against the country’s format; a publisher without one is billed as a private person (no VAT); the network must have one',
    }),
    cocNumber: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'chamber of commerce number (KvK: 8 digits in NL)' }),
  }),
  networkStatus: z.object({
    status: z.string().meta({
      description:
        'active, restricted (cannot apply to any program) or terminated (cannot apply; clicks and orders attribute in no program)',
      examples: ['terminated'],
    }),
    reason: z.string().meta({ description: 'why; written to the audit log' }),
  }),
  vatVerification: z.object({
    vatNumber: z.string().meta({
      description: 'the number verified (VIES or papers); must be the one on file now',
      examples: ['NL123456789B01'],
    }),
  }),
  checksumSecret: z
    .object({
      secret: z
        .string()
        .nullable()
        .optional()
        .meta({ description: 'the secret to use (8–128 visible ASCII), or null to require none' }),
      generate: z.boolean().optional().meta({ description: 'true: let the network make one' }),
    })
    .refine((body) => body.generate === true || body.secret !== undefined, {
      error: 'send { "generate": true }, { "secret": "…" } or { "secret": null }',
    }),
} satisfies Record<string, z.ZodType>;

/** An order as the advertiser reports it, with its description in the API document. */
export const OrderDocument = orderDocumentSchema.meta({
  description:
    'An order as the advertiser reports it (DESIGN.md "The order document"). Amounts are decimal strings in the order currency; `clickId` is the tduid the landing page received.',
});

const orderStatus = z.enum(ORDER_STATUSES);

/** A change of an order (the conversion service checks it: 400 invalid_change). */
export const OrderChange = z
  .strictObject({
    status: orderStatus.optional(),
    items: z
      .array(
        z.strictObject({
          index: z.number().int().min(0).optional(),
          sku: z.string().optional(),
          status: orderStatus,
        }),
      )
      .optional(),
  })
  .meta({
    description:
      'A change of an order: its status, and/or line statuses by index (from 0) or sku (e.g. a partial refund).',
  });

export const ValidationDecision = z.object({
  decision: z.enum(['approve', 'decline']),
  reason: z.string().optional().meta({
    description: 'required to decline: cancelled, returned, fraud, policy_breach, …',
  }),
});

export const ValidationBatch = z.object({
  validations: z
    .array(z.intersection(ValidationDecision, z.object({ orderNumber: z.string() })))
    .max(10000),
});
