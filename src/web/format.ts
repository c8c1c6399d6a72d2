import { formatMinorUnits, parseDecimal } from '../domain/money/decimal.js';
import type { Locale } from './i18n.js';

/** "0.035" → "3,5 %" (nl) or "3.5%" (en): exact, from the decimal text. */
export function formatRate(rate: string, locale: Locale): string {
  const value = parseDecimal(rate);
  if (value === undefined) return rate;
  let percent =
    value.scale >= 2
      ? formatMinorUnits(value.coefficient, value.scale - 2)
      : String(value.coefficient * 10 ** (2 - value.scale));
  if (percent.includes('.')) percent = percent.replace(/0+$/, '').replace(/\.$/, '');
  return locale === 'nl' ? `${percent.replace('.', ',')} %` : `${percent}%`;
}

/** Minor units as money: 245 → "€ 2,45" (nl) or "EUR 2.45" (en). */
export function formatMoney(minor: number, currency: string, locale: Locale, digits = 2): string {
  const text = formatMinorUnits(minor, digits);
  if (locale === 'nl') {
    const [whole, fraction] = text.split('.');
    const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${currency === 'EUR' ? '€' : currency} ${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
  }
  const [whole, fraction] = text.split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A decimal amount text ("2.45") as money. */
export function formatAmountText(amount: string, currency: string, locale: Locale): string {
  const value = parseDecimal(amount);
  if (value === undefined) return amount;
  const digits = Math.max(2, value.scale);
  return formatMoney(value.coefficient * 10 ** (digits - value.scale), currency, locale, digits);
}

export function formatDate(ms: number | null, locale: Locale): string {
  if (ms === null) return '';
  const iso = new Date(ms).toISOString().slice(0, 10);
  if (locale === 'en') return iso;
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}
