import { isCountryCode } from '../countries.js';

export type BicCheck = { valid: true; bic: string } | { valid: false; reason: string };

/**
 * A BIC (ISO 9362) as banks and the pain.001 schema accept it: 4 letters of the bank, the
 * country, 2 characters of the location (the second never "O", which marks a test BIC), and
 * optionally 3 of the branch. Spaces are dropped and letters upper-cased (`abnanl2a` becomes
 * `ABNANL2A`: the schema refuses lower case).
 */
export function checkBic(text: string): BicCheck {
  const bic = text.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(bic))
    return {
      valid: false,
      reason: `expected 8 or 11 letters and digits such as ABNANL2A, got "${text}"`,
    };
  if (!/^[A-Z]{4}/.test(bic))
    return { valid: false, reason: `the first 4 characters (the bank) must be letters: "${bic}"` };
  const country = bic.slice(4, 6);
  if (!isCountryCode(country))
    return { valid: false, reason: `characters 5-6 must be a country code; "${country}" is none` };
  if (!/^[A-Z2-9][A-NP-Z0-9]$/.test(bic.slice(6, 8)))
    return {
      valid: false,
      reason: `characters 7-8 are not a valid location code: "${bic.slice(6, 8)}"`,
    };
  return { valid: true, bic };
}
