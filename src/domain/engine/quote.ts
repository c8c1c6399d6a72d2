import type { FlagCode, ReasonCode } from './reasons.js';

/** Outcome of an order: see DESIGN.md "The quote". */
export type QuoteStatus = 'qualified' | 'provisional' | 'disqualified' | 'held';

/** One priced order line. `base` and `commission` are in the order's currency. */
export interface QuoteLine {
  sku: string;
  commissionable: boolean;
  base: string;
  rate: string;
  commission: string;
  reasons: ReasonCode[];
  /** The rule that decided the line: its commission group's, or that of its first reason. */
  rule: string;
  /** Commission group the item belongs to (AE-C1), whether or not it earns. */
  group: string;
  /** Asks for review without changing the commission, e.g. `service_fee_above_limit`. */
  flags: FlagCode[];
}

/**
 * The price of one order. `productCommission`, `newBuyerBonus` and `total` are in the program
 * currency; they are null only while the order is held for a missing exchange rate, because
 * the engine never guesses a rate (AE-C6).
 */
export interface Quote {
  orderNumber: string;
  status: QuoteStatus;
  reasons: ReasonCode[];
  currency: string;
  /** Units of the order currency per 1 program-currency unit (ECB: USD per EUR). */
  fxRate: string | null;
  /** Publication date of `fxRate` (the order date or up to `fx.maxDaysBack` days before). */
  fxDate: string | null;
  termsVersion: string;
  lines: QuoteLine[];
  productCommission: string | null;
  capApplied: boolean | null;
  newBuyerBonus: string;
  total: string | null;
}
