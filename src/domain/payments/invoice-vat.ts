import { isEuMemberState, standardVatRate, vatOn, VatError } from './vat.js';

/**
 * The VAT on an advertiser's invoice: the network supplies a service (the publishers' commission
 * and its fee) to the advertiser, a business. Where that service is taxed follows the advertiser
 * (Directive 2006/112/EC):
 *
 * - `domestic`: advertiser in the network's own country, or an EU advertiser without a VAT
 *   number (taxed where the network is, art. 45): the network's standard rate;
 * - `reverse_charge`: an advertiser in another EU member state with a VAT number: 0 %, the
 *   advertiser accounts for the VAT (art. 196);
 * - `outside_eu`: an advertiser established outside the EU (art. 44, e.g. AliExpress's
 *   contracting party in Singapore): outside the scope of EU VAT, 0 %.
 *
 * Pure: the caller passes the date of supply (the last day of the invoiced month).
 */
export type InvoiceVatTreatment = 'domestic' | 'reverse_charge' | 'outside_eu';

export const INVOICE_VAT_TREATMENTS: readonly InvoiceVatTreatment[] = [
  'domestic',
  'reverse_charge',
  'outside_eu',
];

export interface InvoiceVatDecision {
  treatment: InvoiceVatTreatment;
  /** The rate charged in percent (`"21"`), null when no VAT is charged. */
  ratePercent: string | null;
}

/**
 * How an advertiser's invoice is taxed. Throws a VatError when VAT is due at the network's rate
 * and we hold none for its country on that day (billing 0 % would silently undercharge).
 */
export function decideInvoiceVat(input: {
  networkCountry: string;
  advertiserCountry: string;
  advertiserVatNumber: string | null;
  supplyDate: string;
}): InvoiceVatDecision {
  const { networkCountry, advertiserCountry } = input;
  const hasVatNumber = (input.advertiserVatNumber ?? '').trim() !== '';
  if (advertiserCountry !== networkCountry) {
    if (!isEuMemberState(advertiserCountry)) return { treatment: 'outside_eu', ratePercent: null };
    if (hasVatNumber) return { treatment: 'reverse_charge', ratePercent: null };
  }
  const ratePercent = standardVatRate(networkCountry, input.supplyDate);
  if (ratePercent === undefined)
    throw new VatError(
      `no standard VAT rate for ${networkCountry} on ${input.supplyDate}: add it to STANDARD_VAT_RATES before invoicing advertisers taxed in ${networkCountry}`,
    );
  return { treatment: 'domestic', ratePercent };
}

/**
 * The VAT of an invoice: once on its net total (commission plus network fee, credit lines
 * included), rounded half away from zero to the cent, so a credit mirrors a charge exactly.
 */
export function invoiceVatMinor(netMinor: number, decision: InvoiceVatDecision): number {
  return vatOn(netMinor, decision.ratePercent);
}

/** Days an advertiser has to pay an invoice when the network sets none. */
export const DEFAULT_PAYMENT_DAYS = 30;

/** `INV-2026-000042`: the invoice's year (of its period) and its place in that year's series. */
export function formatInvoiceNumber(year: string, sequence: number): string {
  return `INV-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The due date of an invoice issued at `issuedAtMs`: `days` later, at the end of that UTC day. */
export function invoiceDueAt(issuedAtMs: number, days: number): number {
  if (!Number.isInteger(days) || days < 0 || days > 365)
    throw new RangeError(`payment days: expected 0 to 365, got ${days}`);
  const day = 86_400_000;
  return (Math.floor(issuedAtMs / day) + days + 1) * day - 1;
}
