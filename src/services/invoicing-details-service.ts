import type { Kysely } from 'kysely';
import type { Store } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { SettingsRepository } from '../storage/repositories/settings-repository.js';
import { DomainError } from '../domain/errors.js';
import {
  checkInvoicingDetails,
  type InvoicingDetails,
  type InvoicingInput,
} from '../domain/payments/invoicing-details.js';
import { recordAudit } from './audit-log.js';
import { decideVat, VatError, type VatDecision } from '../domain/payments/vat.js';

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
  constructor(private readonly store: Store) {}

  async network(): Promise<InvoicingDetails | undefined> {
    return networkDetails(this.store.db);
  }

  async setNetwork(input: InvoicingInput, actor: string, nowMs: number): Promise<InvoicingDetails> {
    const details = checked(input, true);
    return this.store.db.transaction().execute(async (trx) => {
      const settings = new SettingsRepository(trx);
      const before = await settings.get(SETTING);
      await settings.set(SETTING, JSON.stringify(details));
      await recordAudit(
        trx,
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
    return publisherDetails(this.store.db, publisherId);
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

  /** The publisher's own details; without a VAT number it is billed as a private person. */
  async setPublisher(
    publisherId: string,
    input: InvoicingInput,
    actor: string,
    nowMs: number,
  ): Promise<InvoicingDetails> {
    const details = checked(input, false);
    return this.store.db.transaction().execute(async (trx) => {
      const before = await publisherDetails(trx, publisherId);
      await trx
        .updateTable('publishers')
        .set({
          legal_name: details.legalName,
          street: details.street,
          postal_code: details.postalCode,
          city: details.city,
          country: details.country,
          vat_number: details.vatNumber,
          coc_number: details.cocNumber,
        })
        .where('id', '=', publisherId)
        .execute();
      await recordAudit(
        trx,
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
  db: Kysely<Database>,
  publisherId: string,
): Promise<PublisherInvoicingDetails> {
  const row = await db
    .selectFrom('publishers')
    .select([
      'name',
      'legal_name',
      'street',
      'postal_code',
      'city',
      'country',
      'vat_number',
      'coc_number',
    ])
    .where('id', '=', publisherId)
    .executeTakeFirst();
  if (row === undefined)
    throw new InvoicingDetailsError('unknown_publisher', `no publisher "${publisherId}"`);
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

/** The network's invoicing details (read in the caller's transaction). */
export async function networkDetails(db: Kysely<Database>): Promise<InvoicingDetails | undefined> {
  const value = await new SettingsRepository(db).get(SETTING);
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
