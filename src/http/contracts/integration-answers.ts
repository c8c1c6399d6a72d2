import { z } from 'zod';
import { FLAG_CODES, REASON_CODES } from '../../domain/engine/reasons.js';

/**
 * The answers an integrator reads most: the order's quote, validation results, transactions,
 * invoices, reports, and the publisher's and the admin's lists. Objects are open (a new field
 * is no breaking change).
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const instant = z.string().meta({ format: 'date-time' });
const day = z.string().meta({ format: 'date' });
const text = z.string();
const nullableText = z.string().nullable();
const nullableInstant = instant.nullable();
const nullableFraction = z
  .string()
  .regex(/^\d+\.\d{4}$/)
  .nullable()
  .meta({
    description: 'orders that count ÷ clicks (cancelled, refunded and fraud orders do not)',
  });
const nullableEpc = z
  .string()
  .nullable()
  .meta({ description: 'earnings per click: commission ÷ clicks, 4 decimals' });
const applicationStatus = z.enum(['pending', 'approved', 'rejected']);

/** An answer that is one named list of objects: `{ <name>: [{ …properties }, …] }`. */
const listOf = <const N extends string, S extends z.ZodRawShape>(name: N, shape: S) =>
  z.looseObject({ [name]: z.array(z.looseObject(shape)) } as {
    [K in N]: z.ZodArray<z.ZodObject<S>>;
  });

/** An invoice's amounts, with its credited part, in both invoice lists. */
const invoiceAmounts = {
  commission: decimal,
  feeRate: decimal.optional(),
  fee: decimal,
  credited: decimal.meta({
    description:
      'of the commission, the credit lines (≤ 0): declines, cancellations and refunds after the commission was invoiced, also after its payout',
  }),
  creditedFee: decimal.meta({ description: 'of the fee, the fee credited with them (≤ 0)' }),
  total: decimal,
};

/** What makes an invoice an invoice: number, VAT, amount to pay and due date. */
const invoiceParticulars = {
  number: nullableText
    .optional()
    .meta({ description: 'INV-2026-000042, gapless per year; null on invoices issued before' }),
  vatTreatment: z
    .enum(['domestic', 'reverse_charge', 'outside_eu'])
    .nullable()
    .optional()
    .meta({ description: 'null when the invoicing details were missing at issue' }),
  vatRate: nullableText.optional().meta({ description: 'percent charged, e.g. "21"' }),
  vat: decimal
    .optional()
    .meta({ description: 'on the total (commission + fee, credits included)' }),
  amountDue: decimal.optional().meta({ description: 'total + VAT: what to pay' }),
  dueDate: day.nullable().optional(),
};

const reportRow = <const K extends string>(key: K) =>
  z.looseObject({
    [key]: text,
    clicks: z.number().int(),
    orders: z.number().int(),
    orderValue: decimal.optional(),
    commission: decimal,
    conversionRate: nullableFraction,
    epc: nullableEpc,
  } as Record<K | 'clicks' | 'orders' | 'commission' | 'conversionRate' | 'epc', z.ZodType>);

export const QuoteLine = z.looseObject({
  sku: text,
  commissionable: z.boolean(),
  base: decimal.meta({ description: 'unitPrice × quantity − discount, order currency' }),
  rate: z
    .string()
    .regex(/^(fixed )?-?\d+(\.\d+)?$/)
    .meta({
      description:
        'the commission rate of a sale line (0.07), or a lead’s fixed amount in the program currency on its first line (fixed 1.50)',
    }),
  commission: decimal.meta({ description: 'order currency' }),
  reasons: z.array(z.enum(REASON_CODES)),
  rule: text.meta({ description: 'the rule id that decided the line, e.g. AE-C1' }),
  group: text,
  flags: z.array(z.enum(FLAG_CODES)),
});

export const Quote = z
  .looseObject({
    orderNumber: text,
    status: z.enum(['qualified', 'provisional', 'disqualified', 'held']),
    reasons: z.array(z.enum(REASON_CODES)),
    currency: text,
    fxRate: decimal.nullable(),
    fxDate: day.nullable(),
    termsVersion: text,
    lines: z.array(QuoteLine),
    productCommission: decimal.nullable(),
    capApplied: z.boolean().nullable(),
    newBuyerBonus: decimal,
    total: decimal.nullable(),
  })
  .meta({
    description:
      'The price of an order (DESIGN.md "The quote"): every line with its reason and rule; totals in the program currency, null only while held for a missing exchange rate.',
  });

export const ConversionResult = z.looseObject({
  orderNumber: text,
  outcome: z.enum(['created', 'updated', 'unchanged']),
  attribution: z.looseObject({
    status: text.meta({ description: 'attributed, or why not: no_click, session_expired, …' }),
    clickId: nullableText,
    siteId: nullableText,
  }),
  quote: Quote,
  explanations: z
    .array(
      z.looseObject({
        code: z.enum(REASON_CODES),
        rule: nullableText.meta({ description: 'the program’s or the network’s rule id' }),
        message: text.meta({
          description:
            'the reason in words with the program’s own facts, e.g. "… it accepts EUR only."',
        }),
      }),
    )
    .optional()
    .meta({ description: 'the quote’s order-level reasons, each with its rule and in words' }),
});

export const ValidationOutcome = z.looseObject({
  orderNumber: text,
  ok: z.boolean(),
  changed: z.boolean().optional(),
  commissions: z
    .array(
      z.looseObject({
        id: text,
        kind: z.enum(['product', 'bonus']),
        status: text,
        amountMinor: z.number().int(),
      }),
    )
    .optional(),
  code: text.optional().meta({ description: 'why the row was refused' }),
  message: text.optional(),
});

export const INTEGRATION_ANSWERS = {
  QuoteLine,
  Quote,
  ConversionResult,
  ValidationOutcome,
  ValidationResults: z.looseObject({
    summary: z.looseObject({
      rows: z.number().int(),
      ok: z.number().int(),
      refused: z.number().int(),
    }),
    results: z.array(ValidationOutcome),
  }),
  Transactions: listOf('transactions', {
    orderNumber: text,
    placedAt: instant,
    commissionId: text,
    publisherId: text.optional(),
    siteId: nullableText.optional(),
    kind: text,
    amount: decimal,
    currency: text.optional(),
    status: text,
    reason: nullableText.optional(),
    declineReason: nullableText.optional(),
    rule: nullableText.optional(),
    validationDueAt: nullableInstant.optional(),
    invoiceId: nullableText.optional(),
    reportedBy: text
      .optional()
      .meta({ description: 'pixel (anonymous) until you report the order by API (api)' }),
    reportFlags: z.array(text).optional().meta({
      description:
        'what the pixel reader forgave or refused: conflicting_parameters, amount_rounded, checksum_mismatch, lines_value_mismatch; unsigned_fields: a pixel order without a v05 full checksum, which no validation deadline approves (it waits for your decision, NET-R6) (docs/tracking.md)',
    }),
    openFlags: z.number().int().optional().meta({
      description:
        'open compliance flags on the order or its click: while any is open the validation deadline does not decide it; decide it yourself or review the flags (docs/compliance.md)',
    }),
  }),
  Invoices: listOf('invoices', {
    id: text,
    period: z.string().regex(/^\d{4}-\d{2}$/),
    ...invoiceAmounts,
    ...invoiceParticulars,
    currency: text,
    commissions: z.number().int().optional(),
    status: z.enum(['issued', 'paid']),
    issuedAt: nullableInstant.optional(),
    paidAt: nullableInstant.optional(),
  }),
  Invoice: z.looseObject({
    id: text,
    programId: text,
    period: z.string().regex(/^\d{4}-\d{2}$/),
    ...invoiceAmounts,
    ...invoiceParticulars,
    currency: text,
    status: z.enum(['issued', 'paid']),
    issuedAt: nullableInstant,
    paidAt: nullableInstant,
    paymentReference: nullableText.meta({
      description: 'ISO 11649 creditor reference of the invoice number, to state when paying',
    }),
    parties: z
      .looseObject({
        network: z.record(z.string(), z.string().nullable()),
        advertiser: z.record(z.string(), z.string().nullable()),
        payee: z.looseObject({ name: text, iban: text, bic: text.optional() }).nullable(),
      })
      .nullable()
      .meta({ description: 'both parties and the account to pay into, as when issued' }),
    lines: z.array(
      z.looseObject({
        commissionId: text,
        orderNumber: nullableText,
        placedAt: nullableInstant,
        publisherId: text,
        kind: text,
        amount: decimal.meta({ description: 'negative: a credit line' }),
        reason: nullableText.meta({ description: 'why a credit line credits' }),
      }),
    ),
  }),
  ProgramReport: z.looseObject({
    programId: text,
    currency: text,
    from: day.optional(),
    to: day.optional(),
    groupBy: z.enum(['day', 'hour', 'site', 'ad', 'epi']),
    rows: z
      .array(z.union(['day', 'hour', 'site', 'ad', 'epi'].map(reportRow)))
      .meta({ description: 'each row is keyed by its group (day, hour, site, ad or epi)' }),
  }),
  PublisherSites: listOf('sites', { id: text, name: text, url: text, status: text }),
  PublisherApplications: listOf('applications', {
    id: text,
    programId: text,
    siteId: text,
    status: applicationStatus,
    reason: nullableText.optional(),
    brandMatches: z.array(z.looseObject({})).optional(),
    appliedAt: nullableInstant.optional(),
    decidedAt: nullableInstant.optional(),
  }),
  AdvertiserApplications: listOf('applications', {
    id: text,
    programId: text,
    publisherId: text,
    siteId: text,
    siteUrl: text,
    status: applicationStatus,
    reason: nullableText.optional(),
    promotionMethods: z.array(text).optional(),
    contentCategories: z.array(text).optional(),
    brandMatches: z.array(z.looseObject({})).optional(),
    brandConsent: z.unknown().optional(),
  }),
  PublisherTransactions: listOf('transactions', {
    orderId: text,
    orderNumber: text,
    program: text,
    placedAt: nullableInstant,
    epi: nullableText.optional(),
    orderStatus: text.optional(),
    commissionStatus: nullableText.optional(),
    reason: nullableText.optional(),
    declineReason: nullableText.optional(),
    commission: decimal,
    validationDueAt: nullableInstant.optional(),
  }),
  ApiKeys: listOf('apiKeys', {
    id: text,
    name: text,
    prefix: text.meta({ description: 'the start of the key, to recognise it' }),
    createdAt: instant,
    revokedAt: nullableInstant,
  }),
  AdminInvoices: listOf('invoices', {
    id: text,
    programId: text,
    period: text,
    ...invoiceAmounts,
    status: z.enum(['issued', 'paid']),
  }),
  AdminStatements: listOf('statements', {
    id: text,
    publisherId: text,
    period: text,
    payable: decimal,
    pending: decimal.optional(),
    withheld: decimal.optional(),
    deducted: decimal.optional(),
    vat: decimal.optional(),
    payout: decimal,
    carriedOver: decimal.optional(),
    status: text,
  }),
  PayoutRuns: listOf('runs', {
    id: text,
    executionDate: day,
    payments: z.number().int(),
    total: decimal,
    status: text,
    skipped: z
      .array(z.looseObject({}))
      .optional()
      .meta({ description: 'statements left out of the run, each with the reason' }),
  }),
  PublisherReport: z.looseObject({
    from: day,
    to: day,
    groupBy: z.enum(['day', 'epi']),
    currency: text,
    rows: z.array(z.union([reportRow('day'), reportRow('epi')])),
  }),
} satisfies Record<string, z.ZodType>;
