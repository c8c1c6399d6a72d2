import fc from 'fast-check';
import type { OrderDocument } from '../../src/domain/orders/order-schema.js';
import { formatMinorUnits } from '../../src/domain/money/decimal.js';

type ItemDocument = OrderDocument['items'][number];

const cents = (max: number) =>
  fc.integer({ min: 0, max }).map((value) => formatMinorUnits(value, 2));

export const itemArbitrary: fc.Arbitrary<ItemDocument> = fc
  .record({
    sku: fc.stringMatching(/^[0-9]{6,10}$/),
    category: fc.constantFrom(
      'consumer-electronics',
      'fashion',
      'toys',
      'mobile-phones',
      'mobile-accessories',
      'gift-cards',
      'books',
    ),
    unitPriceCents: fc.integer({ min: 0, max: 2_000_000 }),
    quantity: fc.integer({ min: 1, max: 20 }),
    discountShare: fc.integer({ min: 0, max: 100 }),
    serviceFee: cents(20_000),
    sellerCountry: fc.constantFrom('CN', 'CN', 'CN', 'RU', 'US'),
    store: fc.constantFrom('aliexpress', 'aliexpress', 'marketplace', 'tmall', 'plaza'),
    virtual: fc.boolean(),
    inStock: fc.boolean(),
    status: fc.constantFrom(undefined, 'completed', 'pending', 'cancelled', 'refunded'),
  })
  .map((item) => {
    const price = item.unitPriceCents * item.quantity;
    const discount = Math.floor((price * item.discountShare) / 400); // up to 25% off
    return {
      sku: item.sku,
      category: item.category,
      unitPrice: formatMinorUnits(item.unitPriceCents, 2),
      quantity: item.quantity,
      discount: formatMinorUnits(discount, 2),
      serviceFee: item.serviceFee,
      sellerCountry: item.sellerCountry,
      store: item.store,
      virtual: item.virtual,
      inStock: item.inStock,
      ...(item.status === undefined ? {} : { status: item.status }),
    } as ItemDocument;
  });

export const orderArbitrary: fc.Arbitrary<OrderDocument> = fc.record({
  orderNumber: fc.stringMatching(/^AE-[0-9]{1,8}$/),
  placedAt: fc
    .integer({ min: Date.UTC(2026, 9, 1), max: Date.UTC(2026, 9, 12) })
    .map((ms) => new Date(ms).toISOString()),
  currency: fc.constantFrom('USD', 'USD', 'USD', 'EUR'),
  status: fc.constantFrom('completed', 'completed', 'pending', 'cancelled', 'refunded'),
  fraud: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
  buyer: fc.record({ country: fc.constantFrom('NL', 'RU', 'DE', 'TR'), newBuyer: fc.boolean() }),
  vouchers: fc.array(fc.constantFrom('A', 'B'), { maxLength: 2 }),
  items: fc.array(itemArbitrary, { minLength: 1, maxLength: 8 }),
});
