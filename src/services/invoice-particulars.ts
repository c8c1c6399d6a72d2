import type { InvoicingDetails } from '../domain/payments/invoicing-details.js';
import {
  decideInvoiceVat,
  formatInvoiceNumber,
  invoiceDueAt,
  invoiceVatMinor,
  type InvoiceVatTreatment,
} from '../domain/payments/invoice-vat.js';
import type { Period } from '../domain/payments/periods.js';
import { VatError } from '../domain/payments/vat.js';
import { normaliseIban } from '../domain/payments/iban.js';
import { DomainError } from '../domain/errors.js';
import type { Repos } from '../storage/repositories/repos.js';
import {
  invoicingDetailsOf,
  networkDetails,
  type PublisherInvoicingDetails,
} from './invoicing-details-service.js';

/** What an advertiser has on file: every field may still be missing (the invoice says so). */
export type AdvertiserInvoicingDetails = PublisherInvoicingDetails;

/** The account an advertiser pays an invoice into (the network's, PAYOUT_DEBTOR_*). */
export interface Payee {
  name: string;
  iban: string;
  bic?: string | undefined;
}

/** Both parties and the account to pay into, as an invoice was issued with them. */
export interface InvoiceParties {
  network: InvoicingDetails;
  advertiser: AdvertiserInvoicingDetails;
  payee: Payee | null;
}

/** What makes an invoice an invoice, fixed when it is issued. */
export interface InvoiceParticulars {
  number: string;
  parties: InvoiceParties | null;
  vatTreatment: InvoiceVatTreatment | null;
  vatRate: string | null;
  vatMinor: number;
  dueAt: number;
}

export class InvoiceParticularsError extends DomainError {}

/** The advertiser's invoicing details as stored (read in the caller's transaction). */
export async function advertiserDetails(
  t: Repos,
  advertiserId: string,
): Promise<AdvertiserInvoicingDetails | undefined> {
  const row = await t.advertisers.invoicingDetails(advertiserId);
  return row === undefined ? undefined : invoicingDetailsOf(row);
}

/**
 * The number, parties, VAT and due date of an invoice about to be issued, in its transaction
 * (a rolled-back invoice takes no number). Without the network's details, or the advertiser's
 * country, the VAT is not decided (null): the invoice says which details were missing.
 */
export async function invoiceParticulars(
  t: Repos,
  input: {
    advertiserId: string;
    period: Period;
    netMinor: number;
    nowMs: number;
    paymentDays: number;
    payee: Payee | undefined;
  },
): Promise<InvoiceParticulars> {
  const year = input.period.text.slice(0, 4);
  const number = formatInvoiceNumber(year, await t.statements.nextNumber(`invoice-${year}`));
  const dueAt = invoiceDueAt(input.nowMs, input.paymentDays);
  const network = await networkDetails(t);
  const advertiser = await advertiserDetails(t, input.advertiserId);
  if (network === undefined || advertiser === undefined)
    return { number, parties: null, vatTreatment: null, vatRate: null, vatMinor: 0, dueAt };
  const payee =
    input.payee === undefined ? null : { ...input.payee, iban: normaliseIban(input.payee.iban) };
  const parties: InvoiceParties = { network, advertiser, payee };
  if (advertiser.country === null)
    return { number, parties, vatTreatment: null, vatRate: null, vatMinor: 0, dueAt };
  const supplyDate = new Date(input.period.endMs - 1).toISOString().slice(0, 10);
  let decision;
  try {
    decision = decideInvoiceVat({
      networkCountry: network.country,
      advertiserCountry: advertiser.country,
      advertiserVatNumber: advertiser.vatNumber,
      supplyDate,
    });
  } catch (error) {
    if (error instanceof VatError) throw new InvoiceParticularsError('no_vat_rate', error.message);
    throw error;
  }
  return {
    number,
    parties,
    vatTreatment: decision.treatment,
    vatRate: decision.ratePercent,
    vatMinor: invoiceVatMinor(input.netMinor, decision),
    dueAt,
  };
}
