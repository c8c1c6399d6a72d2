const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/** True for an ISO 3166-1 alpha-2 code the runtime's ICU data names (NL, CN, RU …). */
export function isCountryCode(code: string): boolean {
  return COUNTRY_PATTERN.test(code) && code !== 'ZZ' && regionNames.of(code) !== undefined;
}
