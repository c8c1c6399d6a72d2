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
        rate: decimal,
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
