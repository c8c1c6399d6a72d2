import { mod97 } from './iban.js';

/**
 * A structured creditor reference (ISO 11649, "RF" reference) made of a document number, so a
 * bank can match a payment to its invoice: `RF` + two check digits + the number's letters and
 * digits (at most 21). Pure.
 */
export function creditorReference(documentNumber: string): string {
  const reference = documentNumber.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (reference.length === 0 || reference.length > 21)
    throw new RangeError(
      `creditor reference: expected 1 to 21 letters and digits, got "${documentNumber}"`,
    );
  const check = 98 - mod97(`${reference}RF00`);
  return `RF${String(check).padStart(2, '0')}${reference}`;
}

/** Whether `text` (spaces allowed) is a creditor reference with valid check digits. */
export function isCreditorReference(text: string): boolean {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  return mod97(`${compact.slice(4)}${compact.slice(0, 4)}`) === 1;
}

/** A reference in groups of four, as people type it from paper (`RF18 5390 0754 7034`). */
export function groupedReference(reference: string): string {
  return reference.replace(/(.{4})(?=.)/g, '$1 ');
}
