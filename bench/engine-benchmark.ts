import { priceOrder } from '../src/domain/engine/price-order.js';
import { parseOrderOrThrow, type Order } from '../src/domain/orders/parse-order.js';
import { parseEcbCsv } from '../src/domain/fx/parse-ecb-csv.js';
import type { ProgramTerms } from '../src/domain/terms/compile-terms.js';
import { generateOrders, generatedRatesCsv } from './generate-orders.js';

export interface EngineFigures {
  orders: number;
  lines: number;
  /** priceOrder alone, on validated orders. */
  engineOrdersPerSecond: number;
  engineLinesPerSecond: number;
  /** Validation (zod + exact amounts) and pricing of raw order documents. */
  validateAndPriceOrdersPerSecond: number;
  validateAndPriceLinesPerSecond: number;
}

/** Best of `rounds` timed passes, after one warm-up pass. */
function bestSeconds(rounds: number, pass: () => void): number {
  pass();
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    pass();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

/** Measures the engine in-process, on one core, on generated realistic orders. */
export function benchmarkEngine(terms: ProgramTerms, orderCount: number): EngineFigures {
  const documents = [...generateOrders(orderCount)];
  const orders: Order[] = documents.map((document) => parseOrderOrThrow(document));
  const lines = orders.reduce((sum, order) => sum + order.items.length, 0);
  const rates = parseEcbCsv(generatedRatesCsv());
  let sink = 0;
  const engine = bestSeconds(5, () => {
    for (const order of orders) sink += priceOrder(terms, order, rates).lines.length;
  });
  const full = bestSeconds(3, () => {
    for (const document of documents)
      sink += priceOrder(terms, parseOrderOrThrow(document), rates).lines.length;
  });
  if (sink === 0) throw new Error('nothing was priced');
  return {
    orders: orderCount,
    lines,
    engineOrdersPerSecond: Math.round(orderCount / engine),
    engineLinesPerSecond: Math.round(lines / engine),
    validateAndPriceOrdersPerSecond: Math.round(orderCount / full),
    validateAndPriceLinesPerSecond: Math.round(lines / full),
  };
}
