import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import {
  checkInvoicingDetails,
  type InvoicingDetails,
  type InvoicingInput,
} from '../domain/payments/invoicing-details.js';
import { decideInvoiceVat, type InvoiceVatDecision } from '../domain/payments/invoice-vat.js';
import { VatError } from '../domain/payments/vat.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import { advertiserDetails, type AdvertiserInvoicingDetails } from './invoice-particulars.js';
import { invoicingColumns, networkDetails } from './invoicing-details-service.js';

export class AdvertiserInvoicingError extends DomainError {}

/** The advertiser's details with how its invoices are taxed now (null: not decidable yet). */
export type AdvertiserInvoicingView = AdvertiserInvoicingDetails & {
  vatTreatment: InvoiceVatDecision['treatment'] | null;
  vatRate: string | null;
};

/**
 * The advertiser's invoicing details, which its invoices name it with: legal name, address,
 * country, VAT and chamber of commerce number. Its country and VAT number decide the invoices'
 * VAT. Every change is audited; an invoice keeps the details it was issued with.
 */
export class AdvertiserInvoicingService {
  private readonly repos: Repos;

  constructor(store: Store) {
    this.repos = repos(store);
  }

  async view(advertiserId: string, nowMs: number): Promise<AdvertiserInvoicingView> {
    const details = await this.#details(this.repos, advertiserId);
    const network = await networkDetails(this.repos);
    let vat: InvoiceVatDecision | null = null;
    if (network !== undefined && details.country !== null)
      try {
        vat = decideInvoiceVat({
          networkCountry: network.country,
          advertiserCountry: details.country,
          advertiserVatNumber: details.vatNumber,
          supplyDate: new Date(nowMs).toISOString().slice(0, 10),
        });
      } catch (error) {
        if (!(error instanceof VatError)) throw error;
        vat = { treatment: 'domestic', ratePercent: null };
      }
    return { ...details, vatTreatment: vat?.treatment ?? null, vatRate: vat?.ratePercent ?? null };
  }

  /** Sets the advertiser's details for the invoices issued from now on. */
  async set(
    advertiserId: string,
    input: InvoicingInput,
    actor: string,
    nowMs: number,
  ): Promise<InvoicingDetails> {
    const check = checkInvoicingDetails(input, { requireVatNumber: false });
    if (!check.valid)
      throw new AdvertiserInvoicingError(
        'invalid_invoicing_details',
        `invoicing details: ${check.issues.map((issue) => issue.message).join('; ')}`,
        check.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      );
    const details = check.details;
    return this.repos.transaction(async (t) => {
      const before = await this.#details(t, advertiserId);
      await t.advertisers.setInvoicingDetails(advertiserId, invoicingColumns(details));
      await t.audit.record(
        {
          actor,
          action: 'advertiser.invoicing_details',
          subjectType: 'advertiser',
          subjectId: advertiserId,
          details: { before, after: details },
        },
        nowMs,
      );
      return details;
    });
  }

  async #details(r: Repos, advertiserId: string): Promise<AdvertiserInvoicingDetails> {
    const details = await advertiserDetails(r, advertiserId);
    if (details === undefined)
      throw new AdvertiserInvoicingError('unknown_advertiser', `no advertiser "${advertiserId}"`);
    return details;
  }
}
