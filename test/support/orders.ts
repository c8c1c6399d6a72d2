import { parseOrderOrThrow, type Order } from '../../src/domain/orders/parse-order.js';
import type { OrderDocument } from '../../src/domain/orders/order-schema.js';

type ItemDocument = OrderDocument['items'][number];

/** An in-stock, completed 7% item from a Chinese seller: override what a case is about. */
export function itemDoc(overrides: Partial<ItemDocument> = {}): ItemDocument {
  return {
    sku: 'SKU-1',
    category: 'consumer-electronics',
    unitPrice: '100.00',
    quantity: 1,
    sellerCountry: 'CN',
    store: 'aliexpress',
    ...overrides,
  };
}

export function orderDoc(overrides: Partial<OrderDocument> = {}): OrderDocument {
  return {
    orderNumber: 'AE-1',
    placedAt: '2026-10-05T12:00:00Z',
    currency: 'USD',
    status: 'completed',
    items: [itemDoc()],
    ...overrides,
  };
}

export function order(overrides: Partial<OrderDocument> = {}): Order {
  return parseOrderOrThrow(orderDoc(overrides));
}
