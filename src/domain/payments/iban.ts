/**
 * IBAN checks for payouts (ISO 13616): the country's length and the mod-97 check digits.
 * Lengths are those of the SEPA countries and the others publishers most often bank in.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AT: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  KW: 30,
  KZ: 20,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TR: 26,
  UA: 29,
  VA: 22,
};

export type IbanCheck = { valid: true; iban: string } | { valid: false; reason: string };

/** Upper case without spaces: `nl91 abna 0417 1643 00` → `NL91ABNA0417164300`. */
export function normaliseIban(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** Checks an IBAN and says what is wrong with it, in words a publisher can act on. */
export function checkIban(text: string): IbanCheck {
  const iban = normaliseIban(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) {
    return {
      valid: false,
      reason: 'expected two letters, two check digits and the account (letters and digits only)',
    };
  }
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined)
    return { valid: false, reason: `IBANs of ${country} are not supported for payouts` };
  if (iban.length !== length)
    return {
      valid: false,
      reason: `a ${country} IBAN has ${length} characters, this one has ${iban.length}`,
    };
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1)
    return { valid: false, reason: 'the check digits do not match: a character is mistyped' };
  return { valid: true, iban };
}

/**
 * The remainder of the digit form (letters as 10–35) divided by 97, piecewise (ISO 7064, as
 * IBANs and creditor references use it).
 */
export function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}
