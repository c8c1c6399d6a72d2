/**
 * VAT identification numbers in the format of each EU member state (and the UK), as a
 * self-billing statement must carry them. The format is checked, not the registration (that
 * needs the EU's VIES service). Dots, dashes and spaces are dropped, letters upper-cased, and
 * the country's prefix added when missing; Greece's prefix is EL.
 */
const FORMATS: Readonly<Record<string, RegExp>> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  GR: /^EL\d{9}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{10}01$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
  GB: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

const EXAMPLES: Readonly<Record<string, string>> = {
  NL: 'NL123456789B01',
  BE: 'BE0123456789',
  DE: 'DE123456789',
  FR: 'FRXX123456789',
};

export type VatNumberCheck = { valid: true; vatNumber: string } | { valid: false; reason: string };

export function checkVatNumber(country: string, text: string): VatNumberCheck {
  const prefix = country === 'GR' ? 'EL' : country;
  let vatNumber = text.replace(/[\s.-]+/g, '').toUpperCase();
  const format = FORMATS[country];
  if (format === undefined) {
    // Outside the EU formats we know: letters and digits, as the publisher's authority issued it.
    return /^[A-Z0-9]{4,20}$/.test(vatNumber)
      ? { valid: true, vatNumber }
      : { valid: false, reason: `expected 4 to 20 letters and digits, got "${text}"` };
  }
  if (/^\d/.test(vatNumber)) vatNumber = `${prefix}${vatNumber}`;
  if (!vatNumber.startsWith(prefix))
    return {
      valid: false,
      reason: `a VAT number of ${country} starts with ${prefix}, got "${text}"`,
    };
  if (!format.test(vatNumber))
    return {
      valid: false,
      reason: `not a ${country} VAT number${EXAMPLES[country] ? ` (such as ${EXAMPLES[country]})` : ''}: "${text}"`,
    };
  return { valid: true, vatNumber };
}
