import { formatMinorUnits } from '../domain/money/decimal.js';
import { EPC_SHOWN_DECIMALS, epcUnits } from '../domain/reports/performance.js';
import { formatMoney } from './format.js';
import type { Locale } from './i18n.js';

/** A conversion rate fraction (`0.0125`) as a percentage (`1.25 %`); `–` without one. */
export function percentText(fraction: string | null): string {
  if (fraction === null) return '–';
  const basisPoints = Number(fraction.replace('.', ''));
  return `${formatMinorUnits(basisPoints, 2)} %`;
}

/**
 * EPC (commission ÷ clicks, `commissionMinor` with `digits` decimals) as money with two
 * decimals in the reader's language (`€ 0,02`); `–` without clicks.
 */
export function epcText(
  commissionMinor: number,
  clicks: number,
  currency: string,
  digits: number,
  locale: Locale,
): string {
  const units = epcUnits(commissionMinor, clicks, digits, EPC_SHOWN_DECIMALS);
  return units === null ? '–' : formatMoney(units, currency, locale, EPC_SHOWN_DECIMALS);
}
