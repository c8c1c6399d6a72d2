/**
 * ISO 4217 currencies as the runtime's ICU data knows them, and how many minor-unit digits
 * each has (USD 2, JPY 0, KWD 3). Amounts in a currency may not carry more digits than that.
 */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const minorDigitsCache = new Map<string, number>();

export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

export function minorUnitDigits(code: string): number {
  let digits = minorDigitsCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits as number;
    minorDigitsCache.set(code, digits);
  }
  return digits;
}
