import { formatMinorUnits, mulDivRoundHalfUp } from '../money/decimal.js';

/**
 * The two performance figures every report shows, defined once (the API, its document and the
 * portal say the same):
 *
 * - **EPC, earnings per click**: commission ÷ clicks, in the currency, to four decimals (a
 *   hundredth of a cent: an EPC is often below a cent), rounded half up. Not per 100 clicks.
 * - **Conversion rate**: orders that count ÷ clicks, as a fraction to four decimals (0.0125 is
 *   1.25 %). An order counts unless it is disqualified (cancelled, refunded, fraud): a
 *   cancelled order is no conversion, so the rate can never pass 100 % by cancellations.
 *
 * Both are null without clicks.
 */
export const EPC_DECIMALS = 4;

/** EPC as a decimal string with four decimals: `commissionMinor` has `digits` decimals. */
export function earningsPerClick(
  commissionMinor: number,
  clicks: number,
  digits: number,
): string | null {
  if (clicks === 0) return null;
  const scale = 10 ** (EPC_DECIMALS - digits);
  const units = mulDivRoundHalfUp(Math.abs(commissionMinor), scale, clicks);
  return formatMinorUnits(commissionMinor < 0 ? -units : units, EPC_DECIMALS);
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
