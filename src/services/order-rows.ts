import type { Insertable, Selectable } from 'kysely';
import type { OrderLinesTable, OrderPricingTable, OrdersTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { packPricingInputs } from '../domain/orders/pricing-inputs.js';
import type { CommissionStatus } from '../domain/ledger/plan-commission-change.js';
import { POLICY_REVIEW, reportOnSuspended } from '../domain/ledger/compliance-hold.js';
import type { Commission } from '../storage/repositories/commissions-repository.js';
import { suspendedDecisionOf } from './suspended-decisions.js';
import { parseDecimal, toMinorUnits } from '../domain/money/decimal.js';
import type { Order } from '../domain/orders/parse-order.js';
import type { Quote } from '../domain/engine/quote.js';
import type { ReasonCode } from '../domain/engine/reasons.js';
import { versionInForce, type ProgramTerms } from '../domain/terms/compile-terms.js';
import { validationDueAt } from '../domain/validation/validation-deadline.js';
import type { ChangeContext, CommissionTarget, NewCommission } from './commission-ledger.js';
import type { Attribution, RecordOrderInput, ReportFacts } from './order-recorder.js';
import type { OrderFacts } from '../domain/events/events.js';

/*
 * What an order report becomes in rows: its lines, and the commission each kind should be
 * (amount, status, reason, rule) by the quote's verdict and the click's holds.
 */

export function newCommission(
  orderId: string,
  input: ReportFacts,
  attribution: Attribution,
): NewCommission {
  return {
    orderId,
    programId: input.programId,
    publisherId: attribution.publisherId as string,
    siteId: attribution.siteId,
    currency: input.terms.currency,
    validationDueAt: validationDueAt(input.terms, input.order.placedAtMs),
    clickId: attribution.clickId,
  };
}

export function reportContext(input: ReportFacts, event: string): ChangeContext {
  return { actor: input.actor, nowMs: input.nowMs, event, decidedBy: null, adjustPaid: true };
}

/**
 * The quote's verdict as commission states: AE-Q1 (pending until validated, or approved by the
 * completion report where the program says so), Q3, C6, B1. A click flag the program holds
 * for holds what the order would otherwise be, and keeps that as the decision its release
 * restores (NET-R8); `nowMs` is the report's time (an approval's, should it be held).
 */
export function commissionTargets(
  terms: ProgramTerms,
  order: Order,
  quote: Quote,
  attribution: Attribution,
  nowMs: number,
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
      : quote.status === 'held'
        ? 'held'
        : quote.status === 'qualified' && terms.file.validation.approveOnCompletion
          ? 'approved'
          : 'pending';
  const firstReason = quote.reasons[0] as ReasonCode | undefined;
  const reason = firstReason ?? null;
  const reasonRule = firstReason === undefined ? null : terms.reasonRules[firstReason];
  const version = versionInForce(terms, order.placedAtMs);
  const targets: CommissionTarget[] = [
    {
      kind: 'product',
      amountMinor: minor(quote.productCommission, digits),
      status,
      reason,
      rule: reasonRule ?? quote.lines.find((line) => line.commissionable)?.rule ?? null,
    },
    {
      kind: 'bonus',
      amountMinor: minor(quote.newBuyerBonus, digits),
      status,
      reason,
      rule: reasonRule ?? version?.bonusRule ?? null,
    },
  ];
  if (holding === undefined) return targets;
  return targets.map((target) => ({
    ...target,
    status: 'held',
    reason: POLICY_REVIEW,
    rule: holding.rule,
    suspended: {
      status: status === 'approved' ? 'approved' : 'pending',
      reason: target.reason,
      rule: target.rule,
      approvedAt: status === 'approved' ? nowMs : null,
      decidedBy: null,
    },
  }));
}

/**
 * What a report makes of a commission a compliance flag holds (the report does not end the
 * order): still held for the flag (its reason and rule), at the report's amount; the report's
 * verdict changes the decision the hold suspended, as it would the commission's were it not
 * held (NET-R8). A verdict that is itself a hold (fraud, a missing rate) leaves the decision.
 */
export function heldReport(
  current: Commission,
  target: CommissionTarget,
  nowMs: number,
): CommissionTarget {
  const suspended = suspendedDecisionOf(current, false, nowMs);
  const verdict =
    target.suspended ??
    (target.status === 'pending' || target.status === 'approved'
      ? { status: target.status, reason: target.reason, rule: target.rule }
      : undefined);
  return {
    kind: target.kind,
    amountMinor: target.amountMinor,
    status: 'held',
    reason: current.reason,
    rule: current.rule,
    suspended: verdict === undefined ? suspended : reportOnSuspended(suspended, verdict, nowMs),
  };
}

/**
 * The rows a report writes when its order is new: built before the report's transaction, on the
 * request thread when the writer thread records, so the writer only inserts them. A
 * re-report takes its changed columns and lines from the same rows (`reportedColumns`,
 * `linesOf`).
 */
export interface ReportRows {
  order: ReportedColumns &
    Pick<
      Selectable<OrdersTable>,
      | 'id'
      | 'program_id'
      | 'order_number'
      | 'source'
      | 'attributed_by'
      | 'click_id'
      | 'publisher_id'
      | 'site_id'
      | 'ad_id'
      | 'epi'
      | 'attribution'
      | 'revision'
      | 'created_at'
    >;
  lines: Insertable<OrderLinesTable>[];
  pricing: Insertable<OrderPricingTable>;
}

/** What each report sets; identity, attribution and creation are fixed by the first one. */
export type ReportedColumns = Pick<
  Selectable<OrdersTable>,
  | 'placed_at'
  | 'currency'
  | 'status'
  | 'quote_status'
  | 'buyer_country'
  | 'new_buyer'
  | 'fraud'
  | 'document'
  | 'quote'
  | 'terms_id'
  | 'total_minor'
  | 'value_minor'
  | 'updated_at'
  // Null when the report says nothing beyond the order (a re-report then keeps what is stored).
  | 'report_details'
>;

export function reportRows(input: RecordOrderInput): ReportRows {
  const { order, quote, nowMs, attribution } = input;
  const id = newId('order', nowMs);
  // One literal of every column: the hot path builds it for every order.
  return {
    order: {
      placed_at: order.placedAtMs,
      currency: order.currency,
      status: order.status,
      quote_status: quote.status,
      buyer_country: order.buyerCountry ?? null,
      new_buyer: order.newBuyer ? 1 : 0,
      fraud: order.fraud ? 1 : 0,
      document: JSON.stringify(input.document),
      quote: JSON.stringify(quote),
      terms_id: input.termsId,
      total_minor: minor(quote.total, input.terms.currencyDigits),
      value_minor: quote.lines.reduce(
        (sum, line) => sum + minor(line.base, order.currencyDigits),
        0,
      ),
      updated_at: nowMs,
      report_details: input.reportDetails ?? null,
      id,
      program_id: input.programId,
      order_number: order.orderNumber,
      source: input.source,
      attributed_by:
        attribution.clickId === null && input.attributedBy !== 'voucher'
          ? null
          : input.attributedBy,
      click_id: attribution.clickId,
      publisher_id: attribution.publisherId,
      site_id: attribution.siteId,
      ad_id: attribution.adId ?? null,
      epi: attribution.epi ?? null,
      attribution: attribution.status,
      revision: 1,
      created_at: nowMs,
    },
    lines: lineRows(id, order, quote),
    pricing: {
      program_id: input.programId,
      order_id: id,
      placed_at: order.placedAtMs,
      publisher_id: attribution.publisherId,
      inputs: packPricingInputs(order),
    },
  };
}

/** The columns a re-report sets on the stored order, from its rows. */
export function reportedColumns(row: ReportRows['order']): Partial<ReportedColumns> {
  const { report_details: details } = row;
  return {
    placed_at: row.placed_at,
    currency: row.currency,
    status: row.status,
    quote_status: row.quote_status,
    buyer_country: row.buyer_country,
    new_buyer: row.new_buyer,
    fraud: row.fraud,
    document: row.document,
    quote: row.quote,
    terms_id: row.terms_id,
    total_minor: row.total_minor,
    value_minor: row.value_minor,
    updated_at: row.updated_at,
    ...(details !== null ? { report_details: details } : {}),
  };
}

/** A report's lines as the lines of the stored order `orderId`. */
export function linesOf(
  orderId: string,
  lines: readonly Insertable<OrderLinesTable>[],
): Insertable<OrderLinesTable>[] {
  return lines.map((line) => ({ ...line, id: lineId(orderId, line.line_no), order_id: orderId }));
}

function lineId(orderId: string, lineNo: number | bigint): string {
  return `${orderId.replace(/^ord_/, 'oln_')}_${lineNo}`;
}

function lineRows(orderId: string, order: Order, quote: Quote): Insertable<OrderLinesTable>[] {
  const digits = order.currencyDigits;
  return order.items.map((item, index) => {
    const line = quote.lines[index]!;
    return {
      id: lineId(orderId, index),
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

/** What an order event tells of a stored (or about to be stored) order row. */
export function orderFactsOf(
  row: Pick<
    Insertable<OrdersTable>,
    | 'id'
    | 'program_id'
    | 'order_number'
    | 'status'
    | 'value_minor'
    | 'total_minor'
    | 'currency'
    | 'placed_at'
  >,
  commissionCurrency: string,
): Omit<OrderFacts, 'publisherId' | 'siteId' | 'event'> {
  return {
    commissionCurrency,
    id: row.id,
    programId: row.program_id,
    orderNumber: row.order_number,
    status: row.status,
    valueMinor: row.value_minor,
    commissionMinor: row.total_minor,
    currency: row.currency,
    placedAtMs: row.placed_at,
  };
}
