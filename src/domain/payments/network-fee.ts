import { parseDecimal, powerOfTen, mulDivRoundHalfUp } from '../money/decimal.js';

/**
 * The network fee billed to an advertiser on `commissionMinor` of approved publisher
 * commission: commission × rate, rounded half up once, on the invoice total (not per line), so
 * the invoice is exact to the cent.
 */
export function networkFeeMinor(commissionMinor: number, rateText: string): number {
  const rate = parseDecimal(rateText);
  if (rate === undefined) throw new RangeError(`network fee rate "${rateText}" is not a decimal`);
  if (!Number.isSafeInteger(commissionMinor)) throw new RangeError('expected whole minor units');
  if (commissionMinor < 0)
    return -mulDivRoundHalfUp(-commissionMinor, rate.coefficient, powerOfTen(rate.scale));
  return mulDivRoundHalfUp(commissionMinor, rate.coefficient, powerOfTen(rate.scale));
}
