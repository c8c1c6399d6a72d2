import { describe, expect, it } from 'vitest';
import { parseOrderOrThrow } from '../../src/domain/orders/parse-order.js';
import { InvalidOrderError } from '../../src/domain/errors.js';
import { itemDoc, orderDoc } from '../support/orders.js';

function issuesOf(document: unknown): { path: string; message: string }[] {
  try {
    parseOrderOrThrow(document);
  } catch (error) {
    if (error instanceof InvalidOrderError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('order documents', () => {
  it('applies the documented defaults', () => {
    const order = parseOrderOrThrow(orderDoc({ status: 'pending' }));
    expect(order.items[0]).toMatchObject({
      discount: 0,
      serviceFee: 0,
      virtual: false,
      inStock: true,
      status: 'pending',
    });
    expect(order).toMatchObject({ fraud: false, newBuyer: false, vouchers: [], currencyDigits: 2 });
  });

  it.each([
    [
      'a missing field',
      { ...orderDoc(), orderNumber: undefined },
      'orderNumber',
      "expected the advertiser's order number as a string",
    ],
    [
      'a float price',
      orderDoc({ items: [itemDoc({ unitPrice: 12.5 as unknown as string })] }),
      'items[0].unitPrice',
      'expected a decimal string such as "12.50"',
    ],
    [
      'a negative price',
      orderDoc({ items: [itemDoc({ unitPrice: '-1.00' })] }),
      'items[0].unitPrice',
      'expected a non-negative decimal string such as "12.50"',
    ],
    [
      'sub-cent USD',
      orderDoc({ items: [itemDoc({ unitPrice: '1.005' })] }),
      'items[0].unitPrice',
      'expected at most 2 decimal places for USD, got "1.005"',
    ],
    [
      'a fractional quantity',
      orderDoc({ items: [itemDoc({ quantity: 1.5 })] }),
      'items[0].quantity',
      'expected a whole number of items',
    ],
    [
      'a store that is not a name',
      orderDoc({ items: [itemDoc({ store: 'T mall' })] }),
      'items[0].store',
      'expected a lower-case store name (letters, digits, "-", "_") such as "marketplace"',
    ],
    [
      'a misspelt key',
      orderDoc({ items: [{ ...itemDoc(), discout: '1.00' } as never] }),
      'items[0]',
      'Unrecognized key: "discout"',
    ],
    [
      'a local time',
      orderDoc({ placedAt: '2026-10-05T14:03:00' }),
      'placedAt',
      'expected an ISO 8601 instant with offset such as "2026-10-05T14:03:00Z"',
    ],
    [
      'an impossible date',
      orderDoc({ placedAt: '2026-02-30T14:03:00Z' }),
      'placedAt',
      'expected an ISO 8601 instant with offset such as "2026-10-05T14:03:00Z"',
    ],
    [
      'an unknown currency',
      orderDoc({ currency: 'XYZ' }),
      'currency',
      'expected an ISO 4217 currency code such as "USD"',
    ],
    [
      'a bad country',
      orderDoc({ buyer: { country: 'XX' } }),
      'buyer.country',
      'expected an ISO 3166-1 alpha-2 country code such as "NL"',
    ],
    ['no items', orderDoc({ items: [] }), 'items', 'expected at least one item'],
    [
      'a discount above the price',
      orderDoc({ items: [itemDoc({ unitPrice: '5.00', discount: '6.00' })] }),
      'items[0].discount',
      'the discount (6.00) exceeds unitPrice × quantity; send the discount of this line only',
    ],
  ])('explains %s', (_, document, path, message) => {
    expect(issuesOf(document)).toContainEqual({ path, message });
  });

  it('reports every problem, not only the first', () => {
    const issues = issuesOf(
      orderDoc({
        status: 'done' as 'pending',
        items: [itemDoc({ quantity: 0, sellerCountry: 'China' })],
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'status',
      'items[0].quantity',
      'items[0].sellerCountry',
    ]);
  });

  it('is not a JSON object', () => {
    expect(issuesOf([1, 2])).toEqual([
      { path: '', message: expect.stringContaining('expected object') },
    ]);
  });
});
