import { parseDecimal, toMinorUnits } from '../money/decimal.js';
import { minorUnitDigits } from '../money/currencies.js';
import { parseIsoInstant, utcDayNumber } from '../dates.js';
import { versionInForce, type ProgramTerms } from '../terms/program-terms.js';
import { InvalidOrderError, issuesFromZod, type Issue } from '../errors.js';
import { acceptsOrderDocument } from './accepts-order-document.js';
import { orderDocumentSchema, type OrderDocument, type OrderStatus } from './order-schema.js';

/** An order line with exact amounts in minor units of the order currency. */
export interface OrderLine {
  readonly sku: string;
  readonly name: string | undefined;
  readonly category: string;
  readonly unitPrice: number;
  readonly quantity: number;
  readonly discount: number;
  readonly serviceFee: number;
  /** Empty when the report does not say (a program that pays for some sellers pays nothing). */
  readonly sellerCountry: string;
  /** Empty when the report does not say: matches no store-specific group or exclusion. */
  readonly store: string;
  readonly virtual: boolean;
  readonly inStock: boolean;
  readonly status: OrderStatus;
}

/**
 * Reasons a report earns nothing as a whole, decided by the network rather than the terms
 * (docs/tracking.md, NET-R1, NET-R2 and NET-R3). They belong to the report as it arrived: re-pricing
 * the stored report (a status change, new exchange rates) keeps them.
 */
export const REPORT_REFUSAL_CODES = [
  'checksum_mismatch',
  'lines_value_mismatch',
  'unknown_event',
  'lead_unverified',
] as const;
export type ReportRefusalCode = (typeof REPORT_REFUSAL_CODES)[number];

/** The report refusals among a stored quote's reasons. */
export function reportRefusalsOf(reasons: readonly string[]): ReportRefusalCode[] {
  return reasons.filter((reason): reason is ReportRefusalCode =>
    (REPORT_REFUSAL_CODES as readonly string[]).includes(reason),
  );
}

/** A validated order, ready for the engine. */

export interface Order {
  readonly orderNumber: string;
  readonly placedAtMs: number;
  readonly currency: string;
  /** Minor-unit digits of `currency` (USD 2). */
  readonly currencyDigits: number;
  readonly status: OrderStatus;
  readonly clickId: string | undefined;
  /** The conversion event the report names (a terms `events` id), if any. */
  readonly event?: string | undefined;
  readonly fraud: boolean;
  readonly buyerCountry: string | undefined;
  readonly newBuyer: boolean;
  readonly vouchers: readonly string[];
  readonly items: readonly OrderLine[];
  /**
   * Why the report itself earns nothing, whatever its lines (NET-R1 a pixel checksum that does
   * not match). Set by the conversion service for the report it refuses, never by a document.
   */
  readonly refusals?: readonly ReportRefusalCode[];
}

/**
 * Validates an order document and converts its amounts to exact minor units, applying the
 * documented defaults. Throws InvalidOrderError listing every problem by path
 * (`items[0].unitPrice: …`).
 */
export function parseOrderOrThrow(document: unknown): Order {
  if (acceptsOrderDocument(document)) return toOrder(document);
  const parsed = orderDocumentSchema.safeParse(document);
  if (!parsed.success) throw new InvalidOrderError(issuesFromZod(parsed.error));
  return toOrder(parsed.data);
}

function toOrder(doc: OrderDocument): Order {
  const issues: Issue[] = [];
  const digits = minorUnitDigits(doc.currency);
  const minor = (text: string, path: string): number => {
    const units = toMinorUnits(parseDecimal(text)!, digits);
    if (units === undefined) {
      issues.push({
        path,
        message: `expected at most ${digits} decimal places for ${doc.currency}, got "${text}"`,
      });
      return 0;
    }
    return units;
  };
  let orderTotal = 0;
  const items = doc.items.map((item, index): OrderLine => {
    const path = `items[${index}]`;
    const unitPrice = minor(item.unitPrice, `${path}.unitPrice`);
    const discount = item.discount === undefined ? 0 : minor(item.discount, `${path}.discount`);
    const serviceFee =
      item.serviceFee === undefined ? 0 : minor(item.serviceFee, `${path}.serviceFee`);
    const price = unitPrice * item.quantity;
    if (!Number.isSafeInteger(price)) {
      issues.push({ path, message: 'unitPrice × quantity is beyond the supported range' });
    } else if (discount > price) {
      issues.push({
        path: `${path}.discount`,
        message: `the discount (${item.discount}) exceeds unitPrice × quantity; send the discount of this line only`,
      });
    }
    orderTotal += price + serviceFee;
    return {
      sku: item.sku,
      name: item.name,
      category: item.category,
      unitPrice,
      quantity: item.quantity,
      discount,
      serviceFee,
      sellerCountry: item.sellerCountry ?? '',
      store: item.store ?? '',
      virtual: item.virtual ?? false,
      inStock: item.inStock ?? true,
      status: item.status ?? doc.status,
    };
  });
  if (!Number.isSafeInteger(orderTotal)) {
    issues.push({ path: 'items', message: 'the order total is beyond the supported range' });
  }
  if (issues.length > 0) throw new InvalidOrderError(issues);
  return {
    orderNumber: doc.orderNumber,
    placedAtMs: parseIsoInstant(doc.placedAt)!,
    currency: doc.currency,
    currencyDigits: digits,
    status: doc.status,
    clickId: doc.clickId,
    event: doc.event,
    fraud: doc.fraud ?? false,
    buyerCountry: doc.buyer?.country,
    newBuyer: doc.buyer?.newBuyer ?? false,
    vouchers: doc.vouchers ?? [],
    items,
  };
}

/**
 * How far ahead of the network's clock an order may say it was placed: clock skew between the
 * advertiser's server and the network, never a day (see refusePlacedAtAhead).
 */
export const MAX_FUTURE_PLACED_AT_MS = 15 * 60_000;
/** The earliest instant an order may say it was placed. */
export const EARLIEST_PLACED_AT_MS = Date.UTC(2000, 0, 1);

/**
 * Refuses an order placed in the future (beyond 15 minutes of clock skew) or before 2000: such
 * a date would be priced with terms and rates of the wrong time and sort past every statement.
 * With the program's terms, also refuses a placedAt ahead of the network's clock that falls
 * under a terms version not yet in force, or on a later UTC day (the exchange-rate date,
 * AE-C6), than the clock's: terms take effect no earlier than announced (AE-C1, NET-T1), and
 * an order dated ahead must not reach them early.
 */
export function refuseImplausiblePlacedAt(order: Order, nowMs: number, terms?: ProgramTerms): void {
  if (order.placedAtMs > nowMs + MAX_FUTURE_PLACED_AT_MS)
    throw new InvalidOrderError([
      {
        path: 'placedAt',
        message: `is in the future (after ${new Date(nowMs + MAX_FUTURE_PLACED_AT_MS).toISOString()}, the network's clock plus 15 minutes): send when the order was placed, in UTC`,
      },
    ]);
  if (order.placedAtMs > nowMs) refusePlacedAtAhead(order.placedAtMs, nowMs, terms);
  if (order.placedAtMs < EARLIEST_PLACED_AT_MS)
    throw new InvalidOrderError([
      { path: 'placedAt', message: 'is before 2000-01-01: send when the order was placed' },
    ]);
}

/** A placedAt within the clock skew may not cross a terms version's start nor UTC midnight. */
function refusePlacedAtAhead(placedAtMs: number, nowMs: number, terms?: ProgramTerms): void {
  const now = new Date(nowMs).toISOString();
  if (utcDayNumber(placedAtMs) !== utcDayNumber(nowMs))
    throw new InvalidOrderError([
      {
        path: 'placedAt',
        message: `is ahead of the network's clock (${now}) on a later UTC day, whose exchange rate and terms are not yet in force: send when the order was placed, in UTC, no later than now`,
      },
    ]);
  if (terms === undefined) return;
  const atPlacedAt = versionInForce(terms, placedAtMs);
  if (atPlacedAt !== undefined && atPlacedAt !== versionInForce(terms, nowMs))
    throw new InvalidOrderError([
      {
        path: 'placedAt',
        message: `is ahead of the network's clock (${now}) and falls under terms version "${atPlacedAt.id}", not yet in force: send when the order was placed, in UTC, no later than now`,
      },
    ]);
}
