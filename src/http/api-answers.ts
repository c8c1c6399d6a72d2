import { z } from 'zod';
import { PROGRAM_REVIEW_STATUSES } from '../domain/programs/review.js';
import { NOTIFICATION_KINDS } from '../domain/notifications/notification-kinds.js';

/**
 * The answers of the account, publisher, advertiser, compliance and admin operations as zod
 * schemas; the API document publishes them (converted with `z.toJSONSchema`) and the tests hold
 * the server's real answers to them. The integration answers (orders, validation, reports) are
 * in `openapi-schemas.ts`.
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const instant = z.iso.datetime();
const nullableInstant = instant.nullable();
const id = z.string();
const brandMatches = z
  .array(
    z.object({
      brand: z.string(),
      kind: z.string(),
      found: z.string().meta({ description: 'the part of the input that matched, as written' }),
      field: z.string(),
    }),
  )
  .meta({ description: 'Alibaba Group brands found in the name or URL (AE-P5)' });
const statusOf = z.object({ id, status: z.string() });
const review = z
  .enum(PROGRAM_REVIEW_STATUSES)
  .meta({ description: 'the network’s review: only an approved program is listed and tracked' });
const reviewState = {
  programId: id,
  slug: z.string(),
  name: z.string(),
  review,
  reason: z.string().nullable().meta({ description: 'why the network refused it' }),
  reviewedAt: nullableInstant,
};
const programReview = z.object({
  ...reviewState,
  advertiserId: id,
  advertiser: z.string().meta({ description: 'the advertiser’s account name' }),
  advertiserInTerms: z.string().meta({ description: 'the advertiser its terms name' }),
  landingUrl: z.string(),
  reviewedBy: z.string().nullable(),
  createdAt: instant,
  brandMatches: brandMatches.meta({
    description: 'other advertisers’ brands found in its names or landing URL',
  }),
});

const role = z.enum(['admin', 'advertiser', 'publisher']);

export const ANSWERS = {
  Session: z.object({
    token: z.string().meta({ description: 'send as Authorization: Bearer <token>' }),
    expiresAt: instant,
    role,
    mustChangePassword: z.boolean(),
  }),
  Me: z.object({
    id,
    email: z.string(),
    name: z.string(),
    role,
    publisherId: id.nullable(),
    advertiserId: id.nullable(),
  }),
  NotificationSwitches: z.object({
    notifications: z.array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS),
        on: z.boolean().meta({ description: 'false: the user switched this mail off' }),
      }),
    ),
  }),
  Programs: z.object({
    programs: z.array(
      z.object({
        id,
        slug: z.string(),
        name: z.string(),
        advertiser: z.string(),
        currency: z.string(),
        categories: z.array(z.string()),
        markets: z.array(z.string()).meta({
          description: 'countries the program’s buyers are in; empty: anywhere',
        }),
        commissionTypes: z.array(z.enum(['sale', 'lead'])),
        saleRates: z.array(decimal).meta({ description: 'sale rates in force (0.07)' }),
        leadFees: z.array(decimal).meta({ description: 'fixed fee per lead' }),
        clicks: z.number().int().meta({ description: 'clicks in the last 30 days' }),
        epc: z.string().nullable().meta({
          description: 'commission ÷ clicks over the last 30 days (earnings per click, 4 decimals)',
        }),
        page: z.string().meta({ description: 'the public program page' }),
      }),
    ),
  }),
  ProgramTerms: z.object({
    programId: id,
    termsId: id.nullable(),
    terms: z.looseObject({}).meta({ description: 'the terms file as the engine reads it' }),
  }),
  SignupCheck: z.object({ email: z.string(), next: z.string() }),
  SignupAccepted: z.object({
    email: z.string(),
    status: z.literal('pending_activation'),
    brandMatches,
    next: z.string(),
  }),
  Activated: z.object({ userId: id, email: z.string(), status: z.string() }),
  Accepted: z.object({ message: z.string() }),
  PasswordChanged: z.object({ userId: id, message: z.string() }),

  ApplicationDecided: z.object({ id, status: z.string(), reason: z.string().nullable() }),
  ConsentRecorded: z.object({ id, consent: z.literal('recorded') }),
  ApiKeyCreated: z.object({
    id,
    key: z.string().meta({ description: 'ak_…; shown once' }),
    note: z.string(),
  }),

  Audit: z.object({
    events: z.array(
      z.object({
        id,
        at: instant,
        actor: z.string(),
        action: z.string(),
        subjectType: z.string(),
        subjectId: z.string(),
        details: z.unknown(),
      }),
    ),
  }),
  Overdue: z.object({
    claims: z.array(
      z.object({ id, programId: id, publisherId: id, decisionDueAt: nullableInstant }),
    ),
    validations: z.array(
      z.object({
        commissionId: id,
        programId: id,
        orderNumber: z.string(),
        dueAt: nullableInstant,
        openFlags: z.number().int().meta({
          description:
            'open compliance flags on the order or its click: the deadline waits for the advertiser',
        }),
      }),
    ),
  }),
  InvoicesCreated: z.object({ created: z.array(id), existing: z.array(id) }),
  InvoicePaid: z.object({ id, status: z.string(), changed: z.boolean() }),
  StatementsCreated: z.object({
    created: z.array(id),
    existing: z.number().int().meta({ description: 'publishers who already had this month' }),
    skippedNewer: z
      .number()
      .int()
      .meta({ description: 'publishers with a statement of a later month' }),
  }),
  PayoutRunCreated: z.object({
    id,
    payments: z.number().int(),
    total: decimal,
    skipped: z.array(z.unknown()).meta({ description: 'publishers left out and why' }),
  }),
  PayoutRunPaid: z.object({
    id,
    status: z.string(),
    changed: z.boolean(),
    commissions: z.number().int().meta({ description: 'commissions marked paid' }),
  }),

  SiteAdded: z.object({ id, brandMatches }),
  ApplicationSubmitted: z.object({ id, status: z.string(), brandMatches }),
  ClickLinks: z
    .union([
      z.object({
        clickUrl: z.string().meta({
          description: 'the /click link with p, a, g, the sub ids and the deep link (url)',
        }),
        html: z.string(),
      }),
      z.object({
        links: z
          .array(
            z.union([
              z.object({ clickUrl: z.string(), html: z.string() }),
              z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
            ]),
          )
          .meta({
            description: 'one per link asked for, in the same order: the link or its refusal',
          }),
      }),
    ])
    .meta({ description: '{ clickUrl, html } for one link, { links: [...] } for a batch' }),
  TrackingLink: z.object({
    url: z.string().meta({ description: 'the /click link with p, a, g and sub ids' }),
    html: z.string(),
    adId: id,
  }),
  OrderExplained: z.object({
    orderId: id,
    orderNumber: z.string(),
    program: z.string(),
    placedAt: nullableInstant,
    status: z.string(),
    currency: z.string(),
    fxRate: z.string().nullable(),
    reasons: z.array(z.object({ code: z.string(), text: z.string() })),
    lines: z.array(
      z.object({
        sku: z.string(),
        name: z.string().nullable(),
        category: z.string(),
        base: decimal,
        rate: z.string(),
        commission: decimal,
        commissionable: z.boolean(),
        rule: z.string().nullable(),
        reasons: z.array(z.object({ code: z.string(), text: z.string() })),
      }),
    ),
    capApplied: z.boolean(),
    commissions: z.array(
      z.object({
        kind: z.string(),
        amount: decimal,
        currency: z.string(),
        status: z.string(),
        reason: z.string().nullable(),
        rule: z.string().nullable(),
        validationDueAt: nullableInstant,
      }),
    ),
  }),
  PublisherStatements: z.object({
    statements: z.array(
      z.object({
        id,
        period: z.string(),
        currency: z.string(),
        carriedIn: decimal,
        payable: decimal,
        pending: decimal,
        withheld: decimal,
        deducted: decimal,
        vat: decimal.meta({ description: 'VAT on payable − deducted (self-billing)' }),
        balance: decimal,
        payout: decimal,
        carriedOver: decimal,
        status: z.string(),
      }),
    ),
  }),
  PublisherStatement: z.object({
    id,
    number: z.string().nullable().meta({
      description: 'gapless per year (2026-000042); null on statements made before numbering',
    }),
    period: z.string(),
    status: z.string(),
    issuedAt: instant,
    vatTreatment: z.enum(['domestic', 'reverse_charge', 'not_a_business']).nullable().meta({
      description: 'null on statements made before self-billing details were kept',
    }),
    vatRate: z.string().nullable().meta({ description: 'percent charged, e.g. "21"' }),
    net: decimal.meta({ description: 'payable − deducted this month, excluding VAT' }),
    vat: decimal,
    balance: decimal.meta({ description: 'carried in + net + VAT' }),
    payout: decimal,
    parties: z
      .object({
        network: z.record(z.string(), z.string().nullable()),
        publisher: z.record(z.string(), z.string().nullable()),
      })
      .nullable()
      .meta({ description: 'both parties as the statement was issued with them' }),
    lines: z.array(
      z.object({
        section: z.string(),
        id,
        orderId: id.nullable(),
        orderNumber: z.string().nullable(),
        kind: z.string(),
        rule: z.string().nullable(),
        amount: decimal,
      }),
    ),
  }),

  PublisherEnforcement: z.object({
    actions: z.array(
      z.object({
        id,
        kind: z.string(),
        rule: z.string(),
        evidence: z.string(),
        amountMinor: z.number().int().nullable(),
        status: z.string(),
        createdAt: nullableInstant,
        cureDeadlineAt: nullableInstant,
        claimDeadlineAt: nullableInstant,
        claim: z
          .object({
            id,
            status: z.string().nullable(),
            decisionDueAt: nullableInstant,
            decision: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
  }),
  ClaimSubmitted: z.object({ id, status: z.string(), decisionDueAt: nullableInstant }),
  PublisherMailings: z.object({
    mailings: z.array(
      z.object({
        id,
        programId: id,
        subject: z.string(),
        plannedSendAt: nullableInstant,
        status: z.string(),
        comments: z.string().nullable(),
        linkParam: z.string().nullable(),
        sendWindowEndsAt: nullableInstant,
      }),
    ),
  }),
  MailingSubmitted: statusOf.clone(),
  ReviewQueue: z.object({
    publishers: z.array(
      z.object({
        publisherId: id,
        publisherName: z.string(),
        open: z.number().int(),
        high: z.number().int(),
        byDetector: z.record(z.string(), z.number().int()),
        examples: z.array(
          z.object({
            id,
            detector: z.string(),
            rule: z.string(),
            severity: z.string(),
            evidence: z.unknown(),
            createdAt: z.number().int().meta({ description: 'epoch milliseconds' }),
          }),
        ),
      }),
    ),
  }),
  StatusChanged: statusOf,
  AdvertiserEnforcement: z.object({
    actions: z.array(
      z.object({
        id,
        publisherId: id,
        kind: z.string(),
        rule: z.string(),
        evidence: z.string(),
        status: z.string(),
        createdAt: nullableInstant,
        claimDeadlineAt: nullableInstant,
        claim: z
          .object({
            id,
            text: z.string().nullable(),
            status: z.string().nullable(),
            decisionDueAt: nullableInstant,
            decision: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
  }),
  ActionRecorded: z.object({
    id,
    kind: z.string(),
    status: z.string(),
    claimDeadlineAt: nullableInstant,
  }),
  AdvertiserMailings: z.object({
    mailings: z.array(
      z.object({
        id,
        programId: id,
        publisherId: id,
        subject: z.string(),
        htmlBody: z.string(),
        plannedSendAt: nullableInstant,
        audienceSize: z.number().int(),
        audienceSource: z.string(),
        status: z.string(),
        comments: z.string().nullable(),
        linkParam: z.string().nullable(),
      }),
    ),
  }),
  MailingDecided: z.object({ id, status: z.string(), linkParam: z.string().nullable() }),
  EmailAccess: z.object({ programId: id, publisherId: id, access: z.boolean() }),
  AdvertiserInvited: z.object({
    advertiserId: id,
    userId: id,
    email: z.string(),
    created: z.boolean().meta({ description: 'true: a new advertiser' }),
  }),
  ProgramCreated: z.object({
    programId: z.string(),
    slug: z.string(),
    termsId: z.string(),
    page: z.string().meta({ description: 'the public program page' }),
    review,
  }),
  NetworkFee: z.object({
    programId: id,
    slug: z.string(),
    name: z.string(),
    currency: z.string(),
    networkFeeRate: decimal.meta({
      description:
        'the network fee on approved commission (0.30 is 30 %), billed at the rate set when an invoice is issued; set by the network, never by the terms',
    }),
    previousRate: decimal.optional().meta({ description: 'after a change: the rate before it' }),
  }),
  TermsApplied: z.object({
    programId: id,
    termsId: id,
    changed: z.boolean().meta({ description: 'false: these terms were current already' }),
    review,
  }),
  AdvertiserPrograms: z.object({ programs: z.array(z.object(reviewState)) }),
  ProgramReviews: z.object({ programs: z.array(programReview) }),
  ProgramReview: programReview.extend({
    changed: z.boolean().meta({ description: 'false: the same decision was recorded already' }),
  }),
  Simulation: z.object({
    orders: z.number().int(),
    lines: z.number().int(),
    currency: z.string(),
    current: z.object({ total: decimal }),
    draft: z.object({ total: decimal }),
    difference: decimal,
    byGroup: z.array(
      z.object({
        group: z.string(),
        currency: z.string(),
        lines: z.number().int(),
        current: decimal,
        draft: decimal,
        difference: decimal,
      }),
    ),
    byPublisher: z.array(
      z.object({
        publisherId: id,
        orders: z.number().int(),
        current: decimal,
        draft: decimal,
        difference: decimal,
      }),
    ),
    skipped: z.array(z.object({ orderNumber: z.string(), reason: z.string() })),
  }),
  NetworkPayoutSettings: z.object({
    minimumPayout: decimal.meta({
      description: 'new publishers start with it; theirs is never lower',
    }),
    currency: z.literal('EUR'),
    publishersMoved: z
      .number()
      .int()
      .optional()
      .meta({ description: 'after a change: publishers that were on the previous minimum' }),
  }),
  PublisherPayoutSettings: z.object({
    minimumPayout: decimal.meta({
      description: 'a statement pays a balance at or above it; a smaller one is carried over',
    }),
    networkMinimumPayout: decimal.meta({ description: 'yours may not be lower' }),
    currency: z.literal('EUR'),
  }),
  NetworkInvoicingDetails: z.object({
    legalName: z.string(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    vatNumber: z.string(),
    cocNumber: z.string().nullable(),
  }),
  AdvertiserInvoicingDetails: z.object({
    legalName: z.string().nullable(),
    street: z.string().nullable().meta({ description: 'null: not given yet' }),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    vatNumber: z.string().nullable(),
    cocNumber: z.string().nullable(),
    vatTreatment: z.enum(['domestic', 'reverse_charge', 'outside_eu']).nullable().meta({
      description:
        'how your next invoices are taxed: domestic (the network’s VAT at vatRate), reverse_charge (another EU country with a VAT number: you account for it), outside_eu (outside the scope of EU VAT); null until both parties’ countries are known',
    }),
    vatRate: z.string().nullable().meta({ description: 'percent, e.g. "21"; null: none charged' }),
  }),
  PublisherInvoicingDetails: z.object({
    legalName: z.string().nullable(),
    street: z.string().nullable().meta({ description: 'null: not given yet' }),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
    vatNumber: z.string().nullable().meta({ description: 'null: billed as a private person' }),
    cocNumber: z.string().nullable(),
    vatTreatment: z.enum(['domestic', 'reverse_charge', 'not_a_business']).nullable().meta({
      description:
        'how your next statements are taxed: domestic (VAT added at vatRate), reverse_charge (the network accounts for it), not_a_business (none); null until the network has its details',
    }),
    vatRate: z.string().nullable().meta({ description: 'percent, e.g. "21"; null: none added' }),
    vatNumberVerified: z.boolean().meta({
      description: 'VAT added on top is paid out once the network has verified your VAT number',
    }),
  }),
  VatNumbers: z.object({
    vatNumbers: z.array(
      z.object({
        publisherId: id,
        name: z.string(),
        country: z.string(),
        vatNumber: z.string(),
        verified: z.boolean().meta({
          description: 'statements adding VAT are paid only with a verified number',
        }),
      }),
    ),
  }),
  PublisherStandings: z.object({
    publishers: z.array(
      z.object({ publisherId: id, name: z.string(), country: z.string(), status: z.string() }),
    ),
  }),
  PublisherStandingChanged: z.object({
    publisherId: id,
    name: z.string(),
    country: z.string(),
    status: z.string(),
    previousStatus: z.string(),
    changed: z.boolean().meta({ description: 'false: it had this status already' }),
  }),
  VatVerification: z.object({
    publisherId: id,
    vatNumber: z.string(),
    verified: z.literal(true),
    changed: z.boolean().meta({ description: 'false: it was verified already' }),
  }),
  ChecksumSecret: z.object({
    programId: id,
    secret: z
      .string()
      .nullable()
      .meta({ description: 'shown once: give it to the developers of your pixel; null: none' }),
  }),
} satisfies Record<string, z.ZodType>;

export type AnswerName = keyof typeof ANSWERS;
