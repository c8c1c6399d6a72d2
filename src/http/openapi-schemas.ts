import { z } from 'zod';
import { ORDER_STATUSES, orderDocumentSchema } from '../domain/orders/order-schema.js';
import { FLAG_CODES, REASON_CODES } from '../domain/engine/reasons.js';

/**
 * Schemas of the API document's shared shapes. The order document is generated from the same
 * zod schema that validates it (one source of truth); the answers are written here beside the
 * types they describe (`Quote`, `ConversionResult`).
 */
const decimal = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } as const;
const nullableDecimal = { type: ['string', 'null'], pattern: '^-?\\d+(\\.\\d+)?$' } as const;

const invoiceAmounts = ['commission', 'fee', 'credited', 'creditedFee', 'total'];
/** An invoice's amounts, with its credited part, in both invoice lists. */
const invoiceAmountFields = {
  commission: decimal,
  feeRate: decimal,
  fee: decimal,
  credited: {
    ...decimal,
    description:
      'of the commission, the credit lines (≤ 0): declines, cancellations and refunds after the commission was invoiced, also after its payout',
  },
  creditedFee: { ...decimal, description: 'of the fee, the fee credited with them (≤ 0)' },
  total: decimal,
} as const;

const isoInstant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
const nullableFraction = {
  type: ['string', 'null'],
  pattern: '^\\d+\\.\\d{4}$',
  description: 'orders that count ÷ clicks (cancelled, refunded and fraud orders do not)',
} as const;
const nullableEpc = {
  type: ['string', 'null'],
  description: 'earnings per click: commission ÷ clicks, 4 decimals',
} as const;

/** An answer that is one named list of objects: `{ <name>: [{ …properties }, …] }`. */
function listOf(name: string, required: string[], properties: Record<string, unknown>) {
  return {
    type: 'object',
    required: [name],
    properties: { [name]: { type: 'array', items: { type: 'object', required, properties } } },
  };
}

/** Schemas of the answers an integrator reads most: sessions, validation, transactions, reports. */
function integrationSchemas(): Record<string, unknown> {
  const reportRow = (key: string) => ({
    type: 'object',
    required: [key, 'clicks', 'orders', 'commission', 'conversionRate', 'epc'],
    properties: {
      [key]: { type: 'string' },
      clicks: { type: 'integer' },
      orders: { type: 'integer' },
      orderValue: decimal,
      commission: decimal,
      conversionRate: nullableFraction,
      epc: nullableEpc,
    },
  });
  return {
    ValidationDecision: {
      type: 'object',
      required: ['decision'],
      properties: {
        decision: { type: 'string', enum: ['approve', 'decline'] },
        reason: {
          type: 'string',
          description: 'required to decline: cancelled, returned, fraud, policy_breach, …',
        },
      },
    },
    ValidationBatch: {
      type: 'object',
      required: ['validations'],
      properties: {
        validations: {
          type: 'array',
          maxItems: 10000,
          items: {
            allOf: [
              { $ref: '#/components/schemas/ValidationDecision' },
              {
                type: 'object',
                required: ['orderNumber'],
                properties: { orderNumber: { type: 'string' } },
              },
            ],
          },
        },
      },
    },
    ValidationOutcome: {
      type: 'object',
      required: ['orderNumber', 'ok'],
      properties: {
        orderNumber: { type: 'string' },
        ok: { type: 'boolean' },
        changed: { type: 'boolean' },
        commissions: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'kind', 'status', 'amountMinor'],
            properties: {
              id: { type: 'string' },
              kind: { type: 'string', enum: ['product', 'bonus'] },
              status: { type: 'string' },
              amountMinor: { type: 'integer' },
            },
          },
        },
        code: { type: 'string', description: 'why the row was refused' },
        message: { type: 'string' },
      },
    },
    ValidationResults: {
      type: 'object',
      required: ['summary', 'results'],
      properties: {
        summary: {
          type: 'object',
          required: ['rows', 'ok', 'refused'],
          properties: {
            rows: { type: 'integer' },
            ok: { type: 'integer' },
            refused: { type: 'integer' },
          },
        },
        results: { type: 'array', items: { $ref: '#/components/schemas/ValidationOutcome' } },
      },
    },
    Transactions: listOf(
      'transactions',
      ['orderNumber', 'placedAt', 'commissionId', 'kind', 'amount', 'status'],
      {
        orderNumber: { type: 'string' },
        placedAt: isoInstant,
        commissionId: { type: 'string' },
        publisherId: { type: 'string' },
        siteId: { type: ['string', 'null'] },
        kind: { type: 'string' },
        amount: decimal,
        currency: { type: 'string' },
        status: { type: 'string' },
        reason: { type: ['string', 'null'] },
        declineReason: { type: ['string', 'null'] },
        rule: { type: ['string', 'null'] },
        validationDueAt: nullableInstant,
        invoiceId: { type: ['string', 'null'] },
        reportedBy: {
          type: 'string',
          description: 'pixel (anonymous) until you report the order by API (api)',
        },
        reportFlags: {
          type: 'array',
          items: { type: 'string' },
          description:
            'what the pixel reader forgave or refused: conflicting_parameters, amount_rounded, checksum_mismatch, lines_value_mismatch; unsigned_fields: a pixel order without a v05 full checksum, which no validation deadline approves (it waits for your decision, NET-R6) (docs/tracking.md)',
        },
        openFlags: {
          type: 'integer',
          description:
            'open compliance flags on the order or its click: while any is open the validation deadline does not decide it; decide it yourself or review the flags (docs/compliance.md)',
        },
      },
    ),
    Invoices: listOf('invoices', ['id', 'period', ...invoiceAmounts, 'currency', 'status'], {
      id: { type: 'string' },
      period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      ...invoiceAmountFields,
      currency: { type: 'string' },
      commissions: { type: 'integer' },
      status: { type: 'string', enum: ['issued', 'paid'] },
      issuedAt: nullableInstant,
      paidAt: nullableInstant,
    }),
    ProgramReport: {
      type: 'object',
      required: ['programId', 'currency', 'groupBy', 'rows'],
      properties: {
        programId: { type: 'string' },
        currency: { type: 'string' },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        groupBy: { type: 'string', enum: ['day', 'hour', 'site', 'ad', 'epi'] },
        rows: {
          type: 'array',
          items: { anyOf: ['day', 'hour', 'site', 'ad', 'epi'].map(reportRow) },
          description: 'each row is keyed by its group (day, hour, site, ad or epi)',
        },
      },
    },
    PublisherSites: listOf('sites', ['id', 'name', 'url', 'status'], {
      id: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string' },
      status: { type: 'string' },
    }),
    PublisherApplications: listOf('applications', ['id', 'programId', 'siteId', 'status'], {
      id: { type: 'string' },
      programId: { type: 'string' },
      siteId: { type: 'string' },
      status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
      reason: { type: ['string', 'null'] },
      brandMatches: { type: 'array', items: { type: 'object' } },
      appliedAt: nullableInstant,
      decidedAt: nullableInstant,
    }),
    AdvertiserApplications: listOf(
      'applications',
      ['id', 'programId', 'publisherId', 'siteId', 'siteUrl', 'status'],
      {
        id: { type: 'string' },
        programId: { type: 'string' },
        publisherId: { type: 'string' },
        siteId: { type: 'string' },
        siteUrl: { type: 'string' },
        status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
        reason: { type: ['string', 'null'] },
        promotionMethods: { type: 'array', items: { type: 'string' } },
        contentCategories: { type: 'array', items: { type: 'string' } },
        brandMatches: { type: 'array', items: { type: 'object' } },
        brandConsent: {},
      },
    ),
    PublisherTransactions: listOf(
      'transactions',
      ['orderId', 'orderNumber', 'program', 'placedAt', 'commission'],
      {
        orderId: { type: 'string' },
        orderNumber: { type: 'string' },
        program: { type: 'string' },
        placedAt: nullableInstant,
        epi: { type: ['string', 'null'] },
        orderStatus: { type: 'string' },
        commissionStatus: { type: ['string', 'null'] },
        reason: { type: ['string', 'null'] },
        declineReason: { type: ['string', 'null'] },
        commission: decimal,
        validationDueAt: nullableInstant,
      },
    ),
    ApiKeys: listOf('apiKeys', ['id', 'name', 'prefix', 'createdAt', 'revokedAt'], {
      id: { type: 'string' },
      name: { type: 'string' },
      prefix: { type: 'string', description: 'the start of the key, to recognise it' },
      createdAt: isoInstant,
      revokedAt: nullableInstant,
    }),
    AdminInvoices: listOf('invoices', ['id', 'programId', 'period', ...invoiceAmounts, 'status'], {
      id: { type: 'string' },
      programId: { type: 'string' },
      period: { type: 'string' },
      ...invoiceAmountFields,
      status: { type: 'string', enum: ['issued', 'paid'] },
    }),
    AdminStatements: listOf(
      'statements',
      ['id', 'publisherId', 'period', 'payable', 'payout', 'status'],
      {
        id: { type: 'string' },
        publisherId: { type: 'string' },
        period: { type: 'string' },
        payable: decimal,
        pending: decimal,
        withheld: decimal,
        deducted: decimal,
        vat: decimal,
        payout: decimal,
        carriedOver: decimal,
        status: { type: 'string' },
      },
    ),
    PayoutRuns: listOf('runs', ['id', 'executionDate', 'payments', 'total', 'status'], {
      id: { type: 'string' },
      executionDate: { type: 'string', format: 'date' },
      payments: { type: 'integer' },
      total: decimal,
      status: { type: 'string' },
      skipped: {
        type: 'array',
        items: { type: 'object' },
        description: 'statements left out of the run, each with the reason',
      },
    }),
    PublisherReport: {
      type: 'object',
      required: ['from', 'to', 'groupBy', 'currency', 'rows'],
      properties: {
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        groupBy: { type: 'string', enum: ['day', 'epi'] },
        currency: { type: 'string' },
        rows: { type: 'array', items: { anyOf: ['day', 'epi'].map(reportRow) } },
      },
    },
  };
}

function orderDocumentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(orderDocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  // A component is not a document: its dialect is the document's (OpenAPI 3.1).
  delete schema.$schema;
  return {
    ...schema,
    description:
      'An order as the advertiser reports it (DESIGN.md "The order document"). Amounts are decimal strings in the order currency; `clickId` is the tduid the landing page received.',
  };
}

export function openApiSchemas(): Record<string, unknown> {
  return {
    ...integrationSchemas(),
    OrderDocument: orderDocumentJsonSchema(),
    OrderChange: {
      type: 'object',
      description:
        'A change of an order: its status, and/or line statuses by index (from 0) or sku (e.g. a partial refund).',
      properties: {
        status: { type: 'string', enum: [...ORDER_STATUSES] },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              index: { type: 'integer', minimum: 0 },
              sku: { type: 'string' },
              status: { type: 'string', enum: [...ORDER_STATUSES] },
            },
            required: ['status'],
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    QuoteLine: {
      type: 'object',
      required: [
        'sku',
        'commissionable',
        'base',
        'rate',
        'commission',
        'reasons',
        'rule',
        'group',
        'flags',
      ],
      properties: {
        sku: { type: 'string' },
        commissionable: { type: 'boolean' },
        base: { ...decimal, description: 'unitPrice × quantity − discount, order currency' },
        rate: {
          type: 'string',
          pattern: '^(fixed )?-?\\d+(\\.\\d+)?$',
          description:
            'the commission rate of a sale line (0.07), or a lead’s fixed amount in the program currency on its first line (fixed 1.50)',
        },
        commission: { ...decimal, description: 'order currency' },
        reasons: { type: 'array', items: { type: 'string', enum: [...REASON_CODES] } },
        rule: { type: 'string', description: 'the rule id that decided the line, e.g. AE-C1' },
        group: { type: 'string' },
        flags: { type: 'array', items: { type: 'string', enum: [...FLAG_CODES] } },
      },
    },
    Quote: {
      type: 'object',
      description:
        'The price of an order (DESIGN.md "The quote"): every line with its reason and rule; totals in the program currency, null only while held for a missing exchange rate.',
      required: [
        'orderNumber',
        'status',
        'reasons',
        'currency',
        'fxRate',
        'fxDate',
        'termsVersion',
        'lines',
        'productCommission',
        'capApplied',
        'newBuyerBonus',
        'total',
      ],
      properties: {
        orderNumber: { type: 'string' },
        status: { type: 'string', enum: ['qualified', 'provisional', 'disqualified', 'held'] },
        reasons: { type: 'array', items: { type: 'string', enum: [...REASON_CODES] } },
        currency: { type: 'string' },
        fxRate: nullableDecimal,
        fxDate: { type: ['string', 'null'], format: 'date' },
        termsVersion: { type: 'string' },
        lines: { type: 'array', items: { $ref: '#/components/schemas/QuoteLine' } },
        productCommission: nullableDecimal,
        capApplied: { type: ['boolean', 'null'] },
        newBuyerBonus: decimal,
        total: nullableDecimal,
      },
    },
    ConversionResult: {
      type: 'object',
      required: ['orderNumber', 'outcome', 'attribution', 'quote'],
      properties: {
        orderNumber: { type: 'string' },
        outcome: { type: 'string', enum: ['created', 'updated', 'unchanged'] },
        attribution: {
          type: 'object',
          required: ['status', 'clickId', 'siteId'],
          properties: {
            status: {
              type: 'string',
              description: 'attributed, or why not: no_click, session_expired, …',
            },
            clickId: { type: ['string', 'null'] },
            siteId: { type: ['string', 'null'] },
          },
        },
        quote: { $ref: '#/components/schemas/Quote' },
      },
    },
  };
}
