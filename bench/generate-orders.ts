import { formatMinorUnits } from '../src/domain/money/decimal.js';
import type { OrderDocument } from '../src/domain/orders/order-schema.js';

/** A small deterministic PRNG (mulberry32) so every run prices the same orders. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = [
  'consumer-electronics',
  'consumer-electronics',
  'fashion',
  'fashion',
  'home-garden',
  'toys',
  'beauty',
  'mobile-phones',
  'mobile-accessories',
  'gift-cards',
  'books',
];
const COUNTRIES = ['NL', 'NL', 'BE', 'FR', 'ES', 'DE', 'PL', 'RU', 'TR', 'US'];

/**
 * Realistic AliExpress orders: 1–5 lines (about 3 on average), mostly Chinese sellers in the
 * main store, a few marketplace, Tmall and foreign-seller lines, EU service fees, occasional
 * discounts, vouchers, refunds and pending orders, all placed in early October 2026.
 */
export function* generateOrders(count: number, seed = 42): Generator<OrderDocument> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const start = Date.UTC(2026, 9, 1);
  for (let n = 0; n < count; n++) {
    const lineCount = 1 + Math.floor(next() * next() * 5) + (next() < 0.5 ? 1 : 0);
    const items: OrderDocument['items'] = [];
    for (let i = 0; i < lineCount; i++) {
      const unitCents = 99 + Math.floor(next() * next() * 25_000);
      const quantity = next() < 0.8 ? 1 : 1 + Math.floor(next() * 4);
      const store = next() < 0.9 ? 'aliexpress' : pick(['marketplace', 'tmall', 'plaza'] as const);
      items.push({
        sku: String(1005000000000 + Math.floor(next() * 1e9)),
        name: 'Generated item',
        category: pick(CATEGORIES),
        unitPrice: formatMinorUnits(unitCents, 2),
        quantity,
        discount: next() < 0.2 ? formatMinorUnits(Math.floor(unitCents * 0.1), 2) : '0.00',
        serviceFee: formatMinorUnits(Math.floor(unitCents * quantity * 0.06), 2),
        sellerCountry: next() < 0.95 ? 'CN' : 'RU',
        store,
        ...(next() < 0.03 ? { status: 'refunded' as const } : {}),
      });
    }
    yield {
      orderNumber: `AE-${100000 + n}`,
      placedAt: new Date(start + Math.floor(next() * 11 * 86_400_000)).toISOString(),
      currency: next() < 0.98 ? 'USD' : 'EUR',
      status: next() < 0.85 ? 'completed' : 'pending',
      buyer: { country: pick(COUNTRIES), newBuyer: next() < 0.3 },
      vouchers: next() < 0.25 ? ['NEWUSER5'] : [],
      items,
    };
  }
}

/** ECB-layout rates for every weekday of the generated orders' period. */
export function generatedRatesCsv(): string {
  const rows = ['Date,USD,JPY,'];
  for (let day = 14; day >= 0; day--) {
    const date = new Date(Date.UTC(2026, 8, 28) + day * 86_400_000);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    rows.push(`${date.toISOString().slice(0, 10)},${(1.09 + day / 1000).toFixed(4)},163.21,`);
  }
  return `${rows.join('\n')}\n`;
}
