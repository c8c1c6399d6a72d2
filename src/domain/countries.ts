const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
const known = new Map<string, boolean>();

/** True for an ISO 3166-1 alpha-2 code the runtime's ICU data names (NL, CN, RU …). */
export function isCountryCode(code: string): boolean {
  let answer = known.get(code);
  if (answer === undefined) {
    // ICU names "ZZ" "Unknown Region": a placeholder, not a country.
    answer = COUNTRY_PATTERN.test(code) && code !== 'ZZ' && regionNames.of(code) !== undefined;
    if (known.size < 1024) known.set(code, answer);
  }
  return answer;
}
