import {
  compareProducts,
  formatDecimal,
  formatMinorUnits,
  mulDivRoundHalfUp,
  powerOfTen,
} from '../money/decimal.js';
import { isoDateOfDayNumber, utcDayNumber } from '../dates.js';
import type { FxRate } from '../fx/rate-table.js';
import { InvalidOrderError } from '../errors.js';
import type { Order, OrderLine } from '../orders/parse-order.js';
import {
  versionInForce,
  type ProgramEvent,
  type CommissionGroup,
  type ProgramTerms,
  type TermsVersion,
} from '../terms/program-terms.js';
import type { FlagCode, ReasonCode } from './reasons.js';
import type { Quote, QuoteLine, QuoteStatus } from './quote.js';

/** Where the engine finds exchange rates; RateTable and the rate repository implement it. */
export interface RateLookup {
  find(currency: string, dayNumber: number, maxDaysBack: number): FxRate | undefined;
}

const NO_FLAGS: FlagCode[] = [];
/** Shared by every line without a reason; frozen so nobody can add one to all of them. */
const NO_REASONS = Object.freeze([]) as unknown as ReasonCode[];
const ONE = { coefficient: 1, scale: 0 };

/** One line priced in numbers: amounts in minor units of the order currency. */
export interface PricedLine {
  readonly item: OrderLine;
  readonly group: CommissionGroup;
  readonly reasons: ReasonCode[];
  readonly commissionable: boolean;
  readonly baseMinor: number;
  /** The line's commission; a lead's first line carries the lead's fixed amount. */
  readonly commissionMinor: number;
  /** unitPrice × quantity, before the discount (the service-fee check compares with it). */
  readonly priceMinor: number;
}

/**
 * An order priced in numbers: everything a quote says, before it is written as decimal
 * strings. Program-currency amounts are in its minor units; null while held for a rate.
 */
export interface PricedOrder {
  readonly version: TermsVersion;
  readonly status: QuoteStatus;
  readonly reasons: ReasonCode[];
  readonly lines: PricedLine[];
  /** Set when the order is a lead: its first line earns the event's fixed amount. */
  readonly lead: Extract<ProgramEvent, { kind: 'lead' }> | undefined;
  readonly fx: FxRate | undefined;
  readonly productMinor: number | null;
  readonly capApplied: boolean | null;
  readonly bonusMinor: number;
  readonly totalMinor: number | null;
}

/**
 * Prices one order under the terms in force at its `placedAt` (AE-C1). Pure: everything it
 * needs is passed in.
 *
 * Rounding (all half up, i.e. ties away from zero, on exact decimals):
 * 1. each line's commission = base × rate, rounded to the order currency's minor unit;
 * 2. the order's product commission = sum of line commissions, converted once to the program
 *    currency (÷ the ECB rate) and rounded to its minor unit;
 * 3. the cap (AE-C6) and the flat new-buyer bonus (AE-B1) are exact program-currency amounts.
 */
export function priceOrder(terms: ProgramTerms, order: Order, rates: RateLookup): Quote {
  return quoteOf(terms, order, priceOrderInMinorUnits(terms, order, rates));
}

/**
 * The engine itself, in numbers (what-if simulation sums millions of these without writing and
 * re-reading decimal strings); `priceOrder` writes its result as the quote.
 */
export function priceOrderInMinorUnits(
  terms: ProgramTerms,
  order: Order,
  rates: RateLookup,
): PricedOrder {
  const version = versionInForce(terms, order.placedAtMs);
  if (version === undefined) {
    const first = terms.versions[0];
    throw new InvalidOrderError([
      {
        path: 'placedAt',
        message: `the order predates the program's terms (first version ${first?.id ?? '?'} starts ${new Date(first?.effectiveFromMs ?? 0).toISOString()})`,
      },
    ]);
  }

  const event = order.event === undefined ? undefined : terms.events.get(order.event);
  const lead = event?.kind === 'lead' ? event : undefined;
  // A lead is paid a fixed amount in the program currency: the order currency does not matter.
  const orderReasons = orderLevelReasons(version, order).filter(
    (reason) => lead === undefined || reason !== version.currencyReason,
  );
  // NET-R2: a program that declares its events pays for those only.
  if (terms.events.size > 0 && order.event !== undefined && event === undefined)
    orderReasons.push('unknown_event');
  const fraudHeld = order.fraud && version.fraudOutcome === 'held';
  // Reasons that take every line's commission away; a held fraud order keeps its lines priced.
  const disqualifying = fraudHeld
    ? orderReasons.filter((reason) => reason !== 'fraud')
    : orderReasons;

  const lines: PricedLine[] = new Array(order.items.length);
  let commissionMinor = 0;
  let anyCommissionable = false;
  let anyPending = order.status === 'pending';
  for (let i = 0; i < order.items.length; i++) {
    const item = order.items[i] as OrderLine;
    const group = matchGroup(version.groups, item);
    const reasons = lineReasons(version, order, item, disqualifying);
    const price = item.unitPrice * item.quantity;
    const base = price - item.discount;
    const commissionable = reasons.length === 0;
    let commission = 0;
    if (commissionable) {
      commission = mulDivRoundHalfUp(base, group.rate.coefficient, powerOfTen(group.rate.scale));
      commissionMinor += commission;
      anyCommissionable = true;
      if (item.status === 'pending') anyPending = true;
    }
    lines[i] = {
      item,
      group,
      reasons,
      commissionable,
      baseMinor: base,
      commissionMinor: commission,
      priceMinor: price,
    };
  }

  if (disqualifying.length > 0)
    return {
      version,
      status: 'disqualified',
      reasons: orderReasons,
      lines,
      lead: undefined,
      fx: undefined,
      productMinor: 0,
      capApplied: false,
      bonusMinor: 0,
      totalMinor: 0,
    };

  if (lead !== undefined) {
    // A lead report carries one line (value 1): it earns the fixed amount, no rate, no bonus.
    for (let i = 0; i < lines.length; i++)
      lines[i] = { ...lines[i]!, commissionMinor: i === 0 ? lead.amountMinor : 0 };
    return {
      version,
      status: order.status === 'pending' ? 'provisional' : 'qualified',
      reasons: orderReasons,
      lines,
      lead,
      fx: undefined,
      productMinor: lead.amountMinor,
      capApplied: false,
      bonusMinor: 0,
      totalMinor: lead.amountMinor,
    };
  }

  const bonusMinor = newBuyerBonus(version, order, anyCommissionable);
  const orderDay = utcDayNumber(order.placedAtMs);
  const fx =
    order.currency === terms.currency
      ? { currency: order.currency, date: isoDateOfDayNumber(orderDay), perEur: ONE }
      : rates.find(order.currency, orderDay, version.fxMaxDaysBack);
  const reasons = orderReasons.slice();
  let status: QuoteStatus = fraudHeld ? 'held' : anyPending ? 'provisional' : 'qualified';
  let productMinor: number | null = null;
  let capApplied: boolean | null = null;
  if (fx !== undefined) {
    productMinor = convertToProgramCurrency(
      commissionMinor,
      order.currencyDigits,
      fx,
      terms.currencyDigits,
    );
  } else if (commissionMinor === 0) {
    productMinor = 0; // nothing to convert, so no rate is needed
  } else {
    reasons.push('missing_fx_rate');
    status = 'held';
  }
  if (productMinor !== null) {
    capApplied = version.capMinor !== undefined && productMinor > version.capMinor;
    if (capApplied) productMinor = version.capMinor as number;
  }
  return {
    version,
    status,
    reasons,
    lines,
    lead: undefined,
    fx,
    productMinor,
    capApplied,
    bonusMinor,
    totalMinor: productMinor === null ? null : productMinor + bonusMinor,
  };
}

/** The priced order written as the quote (DESIGN.md "The quote"). */
function quoteOf(terms: ProgramTerms, order: Order, priced: PricedOrder): Quote {
  const digits = order.currencyDigits;
  const programDigits = terms.currencyDigits;
  const { version, lead } = priced;
  const leadAmount = lead === undefined ? '' : formatMinorUnits(lead.amountMinor, programDigits);
  const disqualified = priced.status === 'disqualified';
  const lines: QuoteLine[] = new Array(priced.lines.length);
  for (let i = 0; i < priced.lines.length; i++) {
    const line = priced.lines[i]!;
    const ruleOfLine = line.commissionable
      ? line.group.rule
      : terms.reasonRules[line.reasons[0] as ReasonCode];
    lines[i] = {
      sku: line.item.sku,
      commissionable: line.commissionable,
      base: formatMinorUnits(line.baseMinor, digits),
      rate:
        lead !== undefined
          ? i === 0
            ? `fixed ${leadAmount}`
            : '0'
          : line.commissionable
            ? line.group.rateText
            : '0',
      commission:
        lead !== undefined
          ? i === 0
            ? leadAmount
            : formatMinorUnits(0, programDigits)
          : formatMinorUnits(line.commissionMinor, digits),
      reasons: line.reasons,
      rule: lead !== undefined && i === 0 ? lead.rule : ruleOfLine,
      group: line.group.id,
      flags: serviceFeeFlags(version, line.item, line.priceMinor),
    };
  }
  const amount = (minor: number | null) =>
    minor === null ? null : formatMinorUnits(minor, programDigits);
  return {
    orderNumber: order.orderNumber,
    status: priced.status,
    reasons: priced.reasons,
    currency: terms.currency,
    fxRate: disqualified || priced.fx === undefined ? null : formatDecimal(priced.fx.perEur),
    fxDate: disqualified || priced.fx === undefined ? null : priced.fx.date,
    termsVersion: version.id,
    lines,
    productCommission: amount(priced.productMinor),
    capApplied: priced.capApplied,
    newBuyerBonus: formatMinorUnits(priced.bonusMinor, programDigits),
    total: amount(priced.totalMinor),
  };
}

function orderLevelReasons(version: TermsVersion, order: Order): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  // AE-C5 for AliExpress (`currency_not_usd`); any other program's currency rule is its own.
  if (!version.orderCurrencies.has(order.currency)) reasons.push(version.currencyReason);
  if (order.status === 'cancelled') reasons.push('order_cancelled'); // AE-Q2
  if (order.status === 'refunded') reasons.push('order_refunded'); // AE-Q2
  if (order.fraud) reasons.push('fraud'); // AE-Q3
  if (order.vouchers.length > version.maxVouchersPerOrder) reasons.push('multiple_vouchers'); // AE-Q4
  for (const refusal of order.refusals ?? []) reasons.push(refusal); // NET-R1
  return reasons;
}

function lineReasons(
  version: TermsVersion,
  order: Order,
  item: OrderLine,
  disqualifying: readonly ReasonCode[],
): ReasonCode[] {
  // Most lines earn: they share one frozen empty list instead of allocating their own.
  let reasons: ReasonCode[] | undefined =
    disqualifying.length === 0 ? undefined : disqualifying.slice();
  const add = (reason: ReasonCode) => (reasons ??= []).push(reason);
  // AE-C2
  if ((item.virtual && version.excludeVirtual) || version.excludedCategories.has(item.category))
    add('virtual_product');
  if (version.sellerCountries !== undefined && !version.sellerCountries.has(item.sellerCountry))
    add('seller_not_prc'); // AE-C4
  if (version.excludedStores.has(item.store)) add('excluded_store'); // AE-C4
  if (!item.inStock) add('not_in_stock'); // AE-C8
  // AE-Q2: a line's own cancellation or refund; the order-level reason already covers a line
  // that merely shares the order's status.
  if (item.status === 'cancelled' && order.status !== 'cancelled') add('line_cancelled');
  if (item.status === 'refunded' && order.status !== 'refunded') add('line_refunded');
  return reasons ?? NO_REASONS;
}

/** AE-C1: the first group whose stores and categories match; the last group matches all. */
function matchGroup(groups: readonly CommissionGroup[], item: OrderLine): CommissionGroup {
  for (const group of groups) {
    if (group.stores !== undefined && !group.stores.has(item.store)) continue;
    if (group.categories !== undefined && !group.categories.has(item.category)) continue;
    return group;
  }
  return groups[groups.length - 1] as CommissionGroup;
}

/** AE-C3: a service fee above the allowed share of the line price is accepted but flagged. */
function serviceFeeFlags(version: TermsVersion, item: OrderLine, price: number): FlagCode[] {
  const share = version.serviceFeeReviewShare;
  if (item.serviceFee === 0 || share === undefined) return NO_FLAGS;
  // serviceFee / price > share  ⇔  serviceFee × 10^scale > price × coefficient
  const above =
    compareProducts(item.serviceFee, powerOfTen(share.scale), price, share.coefficient) > 0;
  return above ? ['service_fee_above_limit'] : NO_FLAGS;
}

/** AE-B1: flat bonus for a new buyer from a listed country; never on a fraud report. */
function newBuyerBonus(version: TermsVersion, order: Order, anyCommissionable: boolean): number {
  if (!order.newBuyer || order.fraud || order.buyerCountry === undefined) return 0;
  if (version.bonusRequiresCommissionableLine && !anyCommissionable) return 0;
  return version.bonusByCountry.get(order.buyerCountry) ?? 0;
}

/** amount ÷ (units of the order currency per 1 EUR), in program minor units, half up. */
function convertToProgramCurrency(
  amountMinor: number,
  amountDigits: number,
  fx: FxRate,
  programDigits: number,
): number {
  // value = amountMinor / 10^amountDigits / (c / 10^s)  →  in program minor units:
  // amountMinor × 10^(s + programDigits − amountDigits) / c
  const exponent = fx.perEur.scale + programDigits - amountDigits;
  if (exponent >= 0) {
    return mulDivRoundHalfUp(amountMinor, powerOfTen(exponent), fx.perEur.coefficient);
  }
  return mulDivRoundHalfUp(amountMinor, 1, fx.perEur.coefficient * powerOfTen(-exponent));
}
