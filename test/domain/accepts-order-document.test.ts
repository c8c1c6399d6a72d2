import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsOrderDocument } from '../../src/domain/orders/accepts-order-document.js';
import { orderDocumentSchema } from '../../src/domain/orders/order-schema.js';
import { orderArbitrary } from '../support/arbitraries.js';

const ORDER_KEYS = [
  'orderNumber',
  'placedAt',
  'currency',
  'status',
  'clickId',
  'fraud',
  'buyer',
  'vouchers',
  'items',
  'extra',
];
const ITEM_KEYS = [
  'sku',
  'name',
  'category',
  'unitPrice',
  'quantity',
  'discount',
  'serviceFee',
  'sellerCountry',
  'store',
  'virtual',
  'inStock',
  'status',
  'extra',
];

/** Values that sit near the schema's edges, plus anything JSON can hold. */
const edgyValue = fc.oneof(
  fc.constantFrom(
    '',
    'x',
    'NL',
    'ZZ',
    'USD',
    'usd',
    'XYZ',
    '12.50',
    '-1',
    '1.',
    '12.123456789',
    '2026-10-05T14:03:00Z',
    '2026-02-30T00:00:00Z',
    'completed',
    'tmall',
    'ebay',
  ),
  fc.constantFrom(
    0,
    1,
    1.5,
    -1,
    1_000_000,
    1_000_001,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    null,
  ),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutated = fc
  .tuple(
    orderArbitrary,
    fc.constantFrom('order', 'item', 'buyer'),
    fc.constantFrom(...ITEM_KEYS, ...ORDER_KEYS),
    fc.boolean(),
    edgyValue,
  )
  .map(([document, where, key, remove, value]) => {
    const copy = structuredClone(document) as Record<string, unknown>;
    const target =
      where === 'order'
        ? copy
        : where === 'item'
          ? ((copy.items as Record<string, unknown>[])[0] as Record<string, unknown>)
          : ((copy.buyer ??= {}) as Record<string, unknown>);
    if (remove) delete target[key];
    else target[key] = value;
    return copy;
  });

const EDGE_VALUES: unknown[] = [
  undefined,
  '',
  'x',
  'NL',
  'ZZ',
  'USD',
  'usd',
  'XYZ',
  '12.50',
  '-1',
  '1.',
  '12.123456789',
  '2026-10-05T14:03:00Z',
  '2026-10-05T14:03:00',
  '2026-02-30T00:00:00Z',
  'completed',
  'tmall',
  'ebay',
  'a'.repeat(201),
  0,
  1,
  1.5,
  -1,
  1_000_000,
  1_000_001,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  null,
  [],
  {},
  ['A'],
  [1],
  { country: 'NL' },
];
const BASE = {
  orderNumber: 'AE-1',
  placedAt: '2026-10-05T14:03:00Z',
  currency: 'USD',
  status: 'completed',
  buyer: { country: 'NL', newBuyer: true },
  vouchers: ['A'],
  items: [
    {
      sku: '1',
      category: 'toys',
      unitPrice: '1.00',
      quantity: 1,
      sellerCountry: 'CN',
      store: 'aliexpress',
    },
  ],
};

describe('acceptsOrderDocument', () => {
  it('agrees with the schema on every key set to every edge value', () => {
    const disagreements: string[] = [];
    for (const where of ['order', 'item', 'buyer'] as const) {
      for (const key of where === 'buyer'
        ? ['country', 'newBuyer', 'extra']
        : where === 'item'
          ? ITEM_KEYS
          : ORDER_KEYS) {
        for (const value of EDGE_VALUES) {
          const copy = structuredClone(BASE) as Record<string, unknown>;
          const target =
            where === 'order'
              ? copy
              : where === 'item'
                ? (copy.items as Record<string, unknown>[])[0]!
                : (copy.buyer as Record<string, unknown>);
          if (value === undefined) delete target[key];
          else target[key] = value;
          if (acceptsOrderDocument(copy) !== orderDocumentSchema.safeParse(copy).success) {
            disagreements.push(`${where}.${key} = ${JSON.stringify(value)}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('accepts exactly what the order schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(orderArbitrary, mutated, edgyValue), (document) => {
        expect(acceptsOrderDocument(document)).toBe(
          orderDocumentSchema.safeParse(document).success,
        );
      }),
      { numRuns: 5000 },
    );
  });
});
