import { isCountryCode } from '../countries.js';
import { checkVatNumber } from './vat-number.js';

/**
 * The party details a self-billing statement carries for the network (the recipient, who
 * writes the invoice) and for the publisher (the supplier): legal name, address, chamber of
 * commerce number and VAT number. Pure checks; each refusal names its field.
 */
export interface InvoicingDetails {
  legalName: string;
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Checked against the country's format, stored upper-case with its prefix; null: none. */
  vatNumber: string | null;
  /** Chamber of commerce number (KvK in the Netherlands); null: none. */
  cocNumber: string | null;
}

export interface InvoicingIssue {
  path: keyof InvoicingDetails;
  message: string;
}

export type InvoicingCheck =
  { valid: true; details: InvoicingDetails } | { valid: false; issues: InvoicingIssue[] };

export type InvoicingInput = { [K in keyof InvoicingDetails]?: string | null | undefined };

const POSTAL_CODES: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  NL: { pattern: /^(\d{4}) ?([A-Z]{2})$/, example: '1012 AB' },
  BE: { pattern: /^(\d{4})$/, example: '1000' },
  DE: { pattern: /^(\d{5})$/, example: '10115' },
  FR: { pattern: /^(\d{5})$/, example: '75001' },
  GB: { pattern: /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/, example: 'SW1A 1AA' },
};

/** Dutch KvK numbers have eight digits; elsewhere the register's own letters and digits. */
const COC_NUMBERS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  NL: { pattern: /^\d{8}$/, example: '12345678' },
  BE: { pattern: /^[01]\d{9}$/, example: '0123456789' },
};

/**
 * Checks and normalises invoicing details. `requireVatNumber`: the network must have one (it
 * is a business and names it on every statement); a publisher without one is a private person.
 */
export function checkInvoicingDetails(
  input: InvoicingInput,
  options: { requireVatNumber: boolean },
): InvoicingCheck {
  const issues: InvoicingIssue[] = [];
  const text = (path: keyof InvoicingDetails, max: number, required: boolean): string | null => {
    const value = (input[path] ?? '').replace(/\s+/g, ' ').trim();
    if (value === '') {
      if (required) issues.push({ path, message: `${label(path)} is required` });
      return null;
    }
    if (value.length > max)
      issues.push({ path, message: `${label(path)}: at most ${max} characters` });
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(value))
      issues.push({ path, message: `${label(path)}: no control characters` });
    return value;
  };
  const legalName = text('legalName', 140, true);
  const street = text('street', 140, true);
  const city = text('city', 80, true);
  const countryText = (input.country ?? '').trim().toUpperCase();
  const country = isCountryCode(countryText) ? countryText : null;
  if (country === null)
    issues.push({
      path: 'country',
      message: `country: expected an ISO 3166-1 alpha-2 code such as NL, got "${input.country ?? ''}"`,
    });
  let postalCode = text('postalCode', 12, true);
  if (postalCode !== null && country !== null) {
    const format = POSTAL_CODES[country];
    const upper = postalCode.toUpperCase();
    const match = format?.pattern.exec(upper);
    if (format !== undefined && match === null)
      issues.push({
        path: 'postalCode',
        message: `postal code: not a ${country} postal code (e.g. ${format.example}), got "${postalCode}"`,
      });
    else if (match) postalCode = match.slice(1).filter(Boolean).join(' ');
    else postalCode = upper;
  }
  let vatNumber: string | null = null;
  const vatText = (input.vatNumber ?? '').trim();
  if (vatText === '') {
    if (options.requireVatNumber)
      issues.push({ path: 'vatNumber', message: 'VAT number is required' });
  } else if (country !== null) {
    const checked = checkVatNumber(country, vatText);
    if (checked.valid) vatNumber = checked.vatNumber;
    else issues.push({ path: 'vatNumber', message: `VAT number ${vatText}: ${checked.reason}` });
  }
  let cocNumber: string | null = null;
  const cocText = (input.cocNumber ?? '').replace(/[\s.]+/g, '').toUpperCase();
  if (cocText !== '' && country !== null) {
    const format = COC_NUMBERS[country];
    if (format !== undefined && !format.pattern.test(cocText))
      issues.push({
        path: 'cocNumber',
        message: `chamber of commerce number: not a ${country} number (e.g. ${format.example}), got "${input.cocNumber ?? ''}"`,
      });
    else if (format === undefined && !/^[A-Z0-9-]{2,20}$/.test(cocText))
      issues.push({
        path: 'cocNumber',
        message: `chamber of commerce number: expected 2 to 20 letters and digits, got "${input.cocNumber ?? ''}"`,
      });
    else cocNumber = cocText;
  }
  if (issues.length > 0) return { valid: false, issues };
  return {
    valid: true,
    details: {
      legalName: legalName!,
      street: street!,
      postalCode: postalCode!,
      city: city!,
      country: country!,
      vatNumber,
      cocNumber,
    },
  };
}

function label(path: keyof InvoicingDetails): string {
  return {
    legalName: 'legal name',
    street: 'street and number',
    postalCode: 'postal code',
    city: 'city',
    country: 'country',
    vatNumber: 'VAT number',
    cocNumber: 'chamber of commerce number',
  }[path];
}

/** The address block of a party, line by line, as a statement prints it. */
export function addressLines(details: InvoicingDetails): string[] {
  return [
    details.legalName,
    details.street,
    `${details.postalCode} ${details.city}`,
    details.country,
    ...(details.vatNumber === null ? [] : [`VAT ${details.vatNumber}`]),
    ...(details.cocNumber === null
      ? []
      : [`${details.country === 'NL' ? 'KvK' : 'Company no.'} ${details.cocNumber}`]),
  ];
}
