import { minorUnitDigits } from '../money/currencies.js';
import { formatMinorUnits, parseDecimal, toMinorUnits } from '../money/decimal.js';

/** An amount a digest lists: a decimal string with its currency. */
export interface ListedAmount {
  amount: string;
  currency: string;
}

/**
 * The sum of amounts per currency, exact (in minor units, then as decimal strings again), in
 * the order the currencies first appear; an amount that is no decimal counts as nothing.
 */
export function totalsByCurrency(amounts: readonly ListedAmount[]): ListedAmount[] {
  const sums = new Map<string, number>();
  for (const { amount, currency } of amounts) {
    const value = parseDecimal(amount);
    const minor = value === undefined ? undefined : toMinorUnits(value, minorUnitDigits(currency));
    sums.set(currency, (sums.get(currency) ?? 0) + (minor ?? 0));
  }
  return [...sums].map(([currency, minor]) => ({
    amount: formatMinorUnits(minor, minorUnitDigits(currency)),
    currency,
  }));
}
