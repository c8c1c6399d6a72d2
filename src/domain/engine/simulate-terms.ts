import { formatMinorUnits } from '../money/decimal.js';
import type { Order } from '../orders/parse-order.js';
import type { ProgramTerms } from '../terms/program-terms.js';
import { priceOrderInMinorUnits, type RateLookup } from './price-order.js';

/** An order to re-price, with the publisher it is attributed to. */
export interface SimulatedOrder {
  order: Order;
  publisherId: string;
}

/** Current against draft, in the program currency (exact decimal strings). */
export interface SimulationTotals {
  current: string;
  draft: string;
  difference: string;
}

export interface SimulationResult {
  orders: number;
  lines: number;
  currency: string;
  current: { total: string };
  draft: { total: string };
  difference: string;
  /** Line commissions per commission group, in each order's own currency. */
  byGroup: ({ group: string; currency: string; lines: number } & SimulationTotals)[];
  byPublisher: ({ publisherId: string; orders: number } & SimulationTotals)[];
  /** Orders the draft cannot price (e.g. they predate its first version), left out of the totals. */
  skipped: { orderNumber: string; reason: string }[];
}

/**
 * The draft as it would apply to every order: its newest version, in force since always (a
 * draft usually adds a version that starts tomorrow; the question is what it would have paid).
 */
export function newestVersionAlways(terms: ProgramTerms): ProgramTerms {
  const newest = terms.versions[terms.versions.length - 1]!;
  return { ...terms, versions: [{ ...newest, effectiveFromMs: Number.NEGATIVE_INFINITY }] };
}

/**
 * What-if: prices each order as it is priced now (the current terms' version in force when it
 * was placed) and under the draft's newest version, with the same engine and rates as real
 * pricing, and sums both per order, commission group and publisher. An order held for a missing
 * rate counts as 0 in the version that holds it. Pure.
 */
export function simulateTerms(
  orders: Iterable<SimulatedOrder>,
  current: ProgramTerms,
  draftTerms: ProgramTerms,
  rates: RateLookup,
): SimulationResult {
  const simulation = new TermsSimulation(current, draftTerms, rates);
  for (const order of orders) simulation.add(order);
  return simulation.result();
}

interface GroupSum {
  group: string;
  currency: string;
  lines: number;
  current: number;
  draft: number;
  digits: number;
}

/** The running sums of a simulation: add orders one at a time (any number, bounded memory). */
export class TermsSimulation {
  readonly #draft: ProgramTerms;
  readonly #digits: number;
  #count = 0;
  #lines = 0;
  #current = 0;
  #draftTotal = 0;
  readonly #groups = new Map<string, Map<string, GroupSum>>();
  readonly #publishers = new Map<string, { orders: number; current: number; draft: number }>();
  readonly #skipped: SimulationResult['skipped'] = [];

  constructor(
    private readonly current: ProgramTerms,
    draftTerms: ProgramTerms,
    private readonly rates: RateLookup,
  ) {
    this.#draft = newestVersionAlways(draftTerms);
    this.#digits = current.currencyDigits;
  }

  add({ order, publisherId }: SimulatedOrder): void {
    let now;
    let next;
    try {
      now = priceOrderInMinorUnits(this.current, order, this.rates);
      next = priceOrderInMinorUnits(this.#draft, order, this.rates);
    } catch (error) {
      this.#skipped.push({ orderNumber: order.orderNumber, reason: (error as Error).message });
      return;
    }
    this.#count += 1;
    this.#lines += order.items.length;
    // Held for a missing rate: counts as nothing in the version that holds it.
    const a = now.totalMinor ?? 0;
    const b = next.totalMinor ?? 0;
    this.#current += a;
    this.#draftTotal += b;
    const publisher = this.#publishers.get(publisherId) ?? { orders: 0, current: 0, draft: 0 };
    publisher.orders += 1;
    publisher.current += a;
    publisher.draft += b;
    this.#publishers.set(publisherId, publisher);
    for (const [version, quote] of [
      ['current', now],
      ['draft', next],
    ] as const) {
      for (const line of quote.lines) {
        // Per group, then per currency (no key string built per line).
        let byCurrency = this.#groups.get(line.group.id);
        if (byCurrency === undefined) {
          byCurrency = new Map();
          this.#groups.set(line.group.id, byCurrency);
        }
        let entry = byCurrency.get(order.currency);
        if (entry === undefined) {
          entry = {
            group: line.group.id,
            currency: order.currency,
            lines: 0,
            current: 0,
            draft: 0,
            digits: order.currencyDigits,
          };
          byCurrency.set(order.currency, entry);
        }
        if (version === 'current') entry.lines += 1;
        entry[version] += line.commissionMinor;
      }
    }
  }

  result(): SimulationResult {
    const digits = this.#digits;
    const totals = (a: number, b: number, d: number): SimulationTotals => ({
      current: formatMinorUnits(a, d),
      draft: formatMinorUnits(b, d),
      difference: formatMinorUnits(b - a, d),
    });
    return {
      orders: this.#count,
      lines: this.#lines,
      currency: this.current.currency,
      current: { total: formatMinorUnits(this.#current, digits) },
      draft: { total: formatMinorUnits(this.#draftTotal, digits) },
      difference: formatMinorUnits(this.#draftTotal - this.#current, digits),
      byGroup: [...this.#groups.values()]
        .flatMap((byCurrency) => [...byCurrency.values()])
        .sort((x, y) => x.group.localeCompare(y.group) || x.currency.localeCompare(y.currency))
        .map((g) => ({
          group: g.group,
          currency: g.currency,
          lines: g.lines,
          ...totals(g.current, g.draft, g.digits),
        })),
      byPublisher: [...this.#publishers.entries()]
        .sort(([, x], [, y]) => Math.abs(y.draft - y.current) - Math.abs(x.draft - x.current))
        .map(([publisherId, p]) => ({
          publisherId,
          orders: p.orders,
          ...totals(p.current, p.draft, digits),
        })),
      skipped: this.#skipped,
    };
  }
}
