import type { Kysely } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { DomainError } from '../domain/errors.js';
import {
  checkInvoicingDetails,
  type InvoicingDetails,
  type InvoicingInput,
} from '../domain/payments/invoicing-details.js';
import { decideVat, VatError, type VatDecision } from '../domain/payments/vat.js';
import { repos, type Repos } from '../storage/repositories/repos.js';

export class InvoicingDetailsError extends DomainError {}

const SETTING = 'network_invoicing_details';

/** What a publisher has on file: every field may still be missing (the statement says so). */
export type PublisherInvoicingDetails = {
  [K in keyof InvoicingDetails]: InvoicingDetails[K] | null;
};

/**
 * The invoicing details self-billing statements carry: the network's (a setting the admin
 * keeps; statements are not made without them) and each publisher's (kept in the profile; a
 * publisher without a VAT number is a private person). Every change is audited.
 */
export class InvoicingDetailsService {
  private readonly repos: Repos;

  constructor(store: Store) {
    this.repos = repos(store);
  }

  async network(): Promise<InvoicingDetails | undefined> {
    return networkDetails(this.repos);
  }

  async setNetwork(input: InvoicingInput, actor: string, nowMs: number): Promise<InvoicingDetails> {
    const details = checked(input, true);
    return this.repos.transaction(async (t) => {
      const settings = t.settings;
      const before = await settings.get(SETTING);
      await settings.set(SETTING, JSON.stringify(details));
      await t.audit.record(
        {
          actor,
          action: 'setting.network_invoicing_details',
          subjectType: 'setting',
          subjectId: SETTING,
          details: { before: before === undefined ? null : JSON.parse(before), after: details },
        },
        nowMs,
      );
      return details;
    });
  }

  async ofPublisher(publisherId: string): Promise<PublisherInvoicingDetails> {
    return publisherDetails(this.repos, publisherId);
  }

  /** The publisher's details with how its statements are taxed now and whether its VAT number is verified. */
  async publisherView(publisherId: string, nowMs: number) {
    const { details, verifiedVatNumber } = await readPublisher(this.repos, publisherId);
    const vat = await this.vatOfPublisher(details, nowMs);
    return {
      ...details,
      vatTreatment: vat?.treatment ?? null,
      vatRate: vat?.ratePercent ?? null,
      vatNumberVerified: details.vatNumber !== null && verifiedVatNumber === details.vatNumber,
    };
  }

  /**
   * How the publisher's statements are taxed as things stand on `nowMs` (the page and API tell
   * the publisher before the statement does); null while the network has no details.
   */
  async vatOfPublisher(
    details: PublisherInvoicingDetails,
    nowMs: number,
  ): Promise<VatDecision | null> {
    const network = await this.network();
    if (network === undefined) return null;
    const input = {
      networkCountry: network.country,
      publisherCountry: details.country ?? '',
      publisherVatNumber: details.vatNumber,
      supplyDate: new Date(nowMs).toISOString().slice(0, 10),
    };
    try {
      return decideVat(input);
    } catch (error) {
      if (error instanceof VatError) return { treatment: 'domestic', ratePercent: null };
      throw error;
    }
  }

  /**
   * Publishers with a VAT number, each with whether the network verified it (VIES or papers),
   * unverified first: a statement that adds VAT is paid only with a verified number.
   */
  async vatNumbers(): Promise<
    { publisherId: string; name: string; country: string; vatNumber: string; verified: boolean }[]
  > {
    const rows = await this.repos.publishers.withVatNumber();
    return rows
      .map((row) => ({
        publisherId: row.id,
        name: row.legal_name ?? row.name,
        country: row.country,
        vatNumber: row.vat_number!,
        verified: row.vat_number_verified === row.vat_number,
      }))
      .sort((a, b) => Number(a.verified) - Number(b.verified));
  }

  /**
   * The network verified `vatNumber` for the publisher. It must be the number on file now: one
   * changed since the admin looked is refused, so a swapped number is never verified unseen.
   */
  async verifyVatNumber(
    publisherId: string,
    vatNumber: string,
    actor: string,
    nowMs: number,
  ): Promise<{ publisherId: string; vatNumber: string; verified: true; changed: boolean }> {
    return this.repos.transaction(async (t) => {
      const row = await t.publishers.vatNumberOf(publisherId);
      if (row === undefined)
        throw new InvoicingDetailsError('unknown_publisher', `no publisher "${publisherId}"`);
      if (row.vat_number === null || row.vat_number !== vatNumber)
        throw new InvoicingDetailsError(
          'vat_number_changed',
          `publisher ${publisherId} has ${row.vat_number === null ? 'no VAT number' : `VAT number ${row.vat_number}`} on file, not ${vatNumber}: check the number on file and verify that one`,
          [{ path: 'vatNumber', message: 'not the number on file' }],
        );
      if (row.vat_number_verified === vatNumber)
        return { publisherId, vatNumber, verified: true, changed: false };
      await t.publishers.markVatNumberVerified(publisherId, vatNumber);
      await t.audit.record(
        {
          actor,
          action: 'publisher.vat_number_verified',
          subjectType: 'publisher',
          subjectId: publisherId,
          details: {
            before: { verified: row.vat_number_verified },
            after: { verified: vatNumber },
          },
        },
        nowMs,
      );
      return { publisherId, vatNumber, verified: true, changed: true };
    });
  }

  /** The publisher's own details; without a VAT number it is billed as a private person. */
  async setPublisher(
    publisherId: string,
    input: InvoicingInput,
    actor: string,
    nowMs: number,
  ): Promise<InvoicingDetails> {
    const details = checked(input, false);
    return this.repos.transaction(async (t) => {
      const before = await publisherDetails(t, publisherId);
      await t.publishers.setInvoicingDetails(publisherId, invoicingColumns(details));
      await t.audit.record(
        {
          actor,
          action: 'publisher.invoicing_details',
          subjectType: 'publisher',
          subjectId: publisherId,
          details: { before, after: details },
        },
        nowMs,
      );
      return details;
    });
  }
}

/** A publisher's invoicing details as stored (read in the caller's transaction). */
export async function publisherDetails(
  db: Repos | Kysely<Database>,
  publisherId: string,
): Promise<PublisherInvoicingDetails> {
  return (await readPublisher(db, publisherId)).details;
}

/** A publisher's invoicing details and the VAT number the network verified, in one read. */
async function readPublisher(
  db: Repos | Kysely<Database>,
  publisherId: string,
): Promise<{ details: PublisherInvoicingDetails; verifiedVatNumber: string | null }> {
  const row = await repos(db).publishers.invoicingDetails(publisherId);
  if (row === undefined)
    throw new InvoicingDetailsError('unknown_publisher', `no publisher "${publisherId}"`);
  return {
    details: invoicingDetailsOf(row),
    verifiedVatNumber: row.vat_number_verified,
  };
}

/** A party's stored invoicing columns as details; its name when no legal name is given. */
export function invoicingDetailsOf(row: {
  name: string;
  legal_name: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  vat_number: string | null;
  coc_number: string | null;
}): PublisherInvoicingDetails {
  return {
    legalName: row.legal_name ?? row.name,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    country: row.country,
    vatNumber: row.vat_number,
    cocNumber: row.coc_number,
  };
}

/** Checked invoicing details as the columns a party keeps them in. */
export function invoicingColumns(details: InvoicingDetails) {
  return {
    legal_name: details.legalName,
    street: details.street,
    postal_code: details.postalCode,
    city: details.city,
    country: details.country,
    vat_number: details.vatNumber,
    coc_number: details.cocNumber,
  };
}

/** The network's invoicing details (read in the caller's transaction). */
export async function networkDetails(
  db: Repos | Kysely<Database>,
): Promise<InvoicingDetails | undefined> {
  const value = await repos(db).settings.get(SETTING);
  return value === undefined ? undefined : (JSON.parse(value) as InvoicingDetails);
}

function checked(input: InvoicingInput, isNetwork: boolean): InvoicingDetails {
  const check = checkInvoicingDetails(input, { requireVatNumber: isNetwork });
  if (check.valid) return check.details;
  throw new InvoicingDetailsError(
    'invalid_invoicing_details',
    `invoicing details: ${check.issues.map((issue) => issue.message).join('; ')}`,
    check.issues.map((issue) => ({ path: issue.path, message: issue.message })),
  );
}
