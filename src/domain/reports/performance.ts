import { formatMinorUnits, mulDivRoundHalfUp } from '../money/decimal.js';

/**
 * The two performance figures every report shows, defined once (the API, its document and the
 * portal say the same):
 *
 * - **EPC, earnings per click**: commission ÷ clicks, in the currency, to four decimals (a
 *   hundredth of a cent: an EPC is often below a cent), rounded half up. Not per 100 clicks.
 * - **Conversion rate**: orders that count ÷ clicks, as a fraction to four decimals (0.0125 is
 *   1.25 %). An order counts unless it is disqualified (cancelled, refunded, fraud) or every
 *   commission of it was declined (by the advertiser, its deadline rule or a report): a
 *   cancelled or declined order is no conversion and earns no commission in the reports, so
 *   the dashboards agree with the money and the rate can never pass 100 % by cancellations.
 *
 * Both are null without clicks. The portal shows an EPC to two decimals (`EPC_SHOWN_DECIMALS`,
 * as money in the reader's language); the API gives four.
 */
export const EPC_DECIMALS = 4;

/** The decimals of an EPC on a portal page (cents). */
export const EPC_SHOWN_DECIMALS = 2;

/**
 * EPC as an integer count of 10^-`decimals` currency units (`commissionMinor` has `digits`
 * decimals), rounded half up; null without clicks.
 */
export function epcUnits(
  commissionMinor: number,
  clicks: number,
  digits: number,
  decimals: number = EPC_DECIMALS,
): number | null {
  if (clicks === 0) return null;
  const units = mulDivRoundHalfUp(Math.abs(commissionMinor), 10 ** decimals, clicks * 10 ** digits);
  return commissionMinor < 0 ? -units : units;
}

/** EPC as a decimal string with four decimals: `commissionMinor` has `digits` decimals. */
export function earningsPerClick(
  commissionMinor: number,
  clicks: number,
  digits: number,
): string | null {
  const units = epcUnits(commissionMinor, clicks, digits);
  return units === null ? null : formatMinorUnits(units, EPC_DECIMALS);
}

/** The conversion rate as a fraction with four decimals (`0.0125`). */
export function conversionRate(orders: number, clicks: number): string | null {
  if (clicks === 0) return null;
  return formatMinorUnits(mulDivRoundHalfUp(orders, 10_000, clicks), 4);
}

/** An order counts as a conversion unless the engine disqualified it. */
export function countsAsConversion(quoteStatus: string): boolean {
  return quoteStatus !== 'disqualified';
}

/**
 * An order's share of the report rollups: one conversion (unless its quote is disqualified)
 * with its commission `totalMinor`, or nothing once every commission of it is declined.
 */
export function reportShare(
  order: { quoteStatus: string; totalMinor: number },
  commissionStatuses: readonly string[],
): { orders: number; commissionMinor: number } {
  const declined =
    commissionStatuses.length > 0 && commissionStatuses.every((status) => status === 'declined');
  if (declined) return { orders: 0, commissionMinor: 0 };
  return {
    orders: countsAsConversion(order.quoteStatus) ? 1 : 0,
    commissionMinor: order.totalMinor,
  };
}
