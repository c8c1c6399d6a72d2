import type { Insertable } from 'kysely';
import type { OrderLinesTable } from '../storage/schema.js';
import type { CommissionStatus } from '../domain/ledger/plan-commission-change.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import type { Order } from '../domain/orders/parse-order.js';
import type { Quote } from '../domain/engine/quote.js';
import type { ReasonCode } from '../domain/engine/reasons.js';
import { versionInForce, type ProgramTerms } from '../domain/terms/compile-terms.js';
import { validationDueAt } from '../domain/validation/validation-deadline.js';
import type { ChangeContext, CommissionTarget, NewCommission } from './commission-ledger.js';
import type { Attribution, RecordOrderInput } from './order-recorder.js';

/*
 * What an order report becomes in rows: its lines, and the commission each kind should be
 * (amount, status, reason, rule) by the quote's verdict and the click's holds.
 */

export function newCommission(
  orderId: string,
  input: RecordOrderInput,
  attribution: Attribution,
): NewCommission {
  return {
    orderId,
    programId: input.programId,
    publisherId: attribution.publisherId as string,
    siteId: attribution.siteId,
    currency: input.terms.currency,
    validationDueAt: validationDueAt(input.terms, input.order.placedAtMs),
  };
}

export function reportContext(input: RecordOrderInput, event: string): ChangeContext {
  return { actor: input.actor, nowMs: input.nowMs, event, decidedBy: null, adjustPaid: true };
}

/**
 * The quote's verdict as commission states: AE-Q1 (pending until validated, or approved by the
 * completion report where the program says so), Q3, C6, B1.
 */
export function commissionTargets(
  terms: ProgramTerms,
  order: Order,
  quote: Quote,
  attribution: Attribution,
): CommissionTarget[] {
  const digits = terms.currencyDigits;
  // A click flag the program holds for (cookie stuffing, paid search …) holds money the order
  // would otherwise earn, until the advertiser reviews the flag; a disqualified order earns
  // nothing to hold.
  const holding =
    quote.status !== 'disqualified' && quote.status !== 'held' ? attribution.holds?.[0] : undefined;
  const status: CommissionStatus =
    quote.status === 'disqualified'
      ? 'declined'
      : quote.status === 'held' || holding !== undefined
        ? 'held'
        : quote.status === 'qualified' && terms.file.validation.approveOnCompletion
          ? 'approved'
          : 'pending';
  const firstReason = quote.reasons[0] as ReasonCode | undefined;
  const reason = holding !== undefined ? 'policy_review' : (firstReason ?? null);
  const reasonRule =
    holding !== undefined
      ? holding.rule
      : firstReason === undefined
        ? null
        : terms.reasonRules[firstReason];
  const productRule = reasonRule ?? quote.lines.find((line) => line.commissionable)?.rule ?? null;
  const version = versionInForce(terms, order.placedAtMs);
  return [
    {
      kind: 'product',
      amountMinor: minor(quote.productCommission, digits),
      status,
      reason,
      rule: productRule,
    },
    {
      kind: 'bonus',
      amountMinor: minor(quote.newBuyerBonus, digits),
      status,
      reason,
      rule: reasonRule ?? version?.bonusRule ?? null,
    },
  ];
}

export function lineRows(
  orderId: string,
  order: Order,
  quote: Quote,
): Insertable<OrderLinesTable>[] {
  const digits = order.currencyDigits;
  return order.items.map((item, index) => {
    const line = quote.lines[index]!;
    return {
      id: `${orderId.replace(/^ord_/, 'oln_')}_${index}`,
      order_id: orderId,
      line_no: index,
      sku: item.sku,
      name: item.name ?? null,
      category: item.category,
      unit_price_minor: item.unitPrice,
      quantity: item.quantity,
      discount_minor: item.discount,
      service_fee_minor: item.serviceFee,
      seller_country: item.sellerCountry,
      store: item.store,
      status: item.status,
      commissionable: line.commissionable ? 1 : 0,
      base_minor: minor(line.base, digits),
      rate: line.rate,
      commission_minor: minor(line.commission, digits),
      reasons: JSON.stringify(line.reasons),
      rule: line.rule,
    };
  });
}

/** Minor units of a quote amount; an unknown amount (held for a missing rate) counts as 0. */
export function minor(amount: string | null, digits: number): number {
  if (amount === null) return 0;
  const value = toMinorUnits(parseDecimal(amount)!, digits);
  if (value === undefined)
    throw new RangeError(`amount ${amount} has more than ${digits} decimals`);
  return value;
}
