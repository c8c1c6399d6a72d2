import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsOrderDocument } from '../../src/domain/orders/accepts-order-document.js';
import { orderDocumentSchema } from '../../src/domain/orders/order-schema.js';
import { orderArbitrary } from '../support/arbitraries.js';

const KEYS = {
  order: [...Object.keys(orderDocumentSchema.shape), 'extra'],
  item: [...Object.keys(orderDocumentSchema.shape.items.element.shape), 'extra'],
  buyer: ['country', 'newBuyer', 'extra'],
};
type Where = keyof typeof KEYS;

/** Values near the schema's edges; undefined means "remove the key". */
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

function withValue(
  document: object,
  where: Where,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(document) as Record<string, unknown>;
  const target =
    where === 'order'
      ? copy
      : where === 'item'
        ? (copy.items as Record<string, unknown>[])[0]!
        : ((copy.buyer ??= {}) as Record<string, unknown>);
  if (value === undefined) delete target[key];
  else target[key] = value;
  return copy;
}

const agrees = (document: unknown) =>
  acceptsOrderDocument(document) === orderDocumentSchema.safeParse(document).success;

describe('acceptsOrderDocument', () => {
  it('agrees with the schema on every key set to every edge value', () => {
    const disagreements: string[] = [];
    for (const where of Object.keys(KEYS) as Where[]) {
      for (const key of KEYS[where]) {
        for (const value of EDGE_VALUES) {
          if (!agrees(withValue(BASE, where, key, value))) {
            disagreements.push(`${where}.${key} = ${JSON.stringify(value)}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees with the schema on random orders with one random change', () => {
    const anyValue = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.jsonValue({ maxDepth: 2 }));
    const mutated = fc
      .tuple(orderArbitrary, fc.constantFrom<Where>('order', 'item', 'buyer'), fc.nat(), anyValue)
      .map(([document, where, pick, value]) =>
        withValue(document, where, KEYS[where][pick % KEYS[where].length]!, value),
      );
    fc.assert(
      fc.property(fc.oneof(orderArbitrary, mutated, anyValue), (document) => {
        expect(agrees(document)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
