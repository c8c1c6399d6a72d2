import type { Scope } from './scope.js';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AdvertisersTable, Database } from '../schema.js';
import { newId } from '../ids.js';
import { INVOICING_COLUMNS } from './invoicing-columns.js';

export type Advertiser = Selectable<AdvertisersTable>;

export class AdvertisersRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async create(input: { name: string; contactEmail?: string }, nowMs: number): Promise<Advertiser> {
    const row = {
      id: newId('advertiser', nowMs),
      name: input.name,
      contact_email: input.contactEmail ?? null,
      created_at: nowMs,
      legal_name: null,
      street: null,
      postal_code: null,
      city: null,
      country: null,
      vat_number: null,
      coc_number: null,
    };
    await this.db.insertInto('advertisers').values(row).execute();
    return row;
  }

  async findByName(name: string): Promise<Advertiser | undefined> {
    return this.db
      .selectFrom('advertisers')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
  }

  /** The advertiser's name and invoicing details (what its invoices name it with). */
  async invoicingDetails(id: string) {
    return this.db
      .selectFrom('advertisers')
      .select(['name', ...INVOICING_COLUMNS])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async setInvoicingDetails(
    id: string,
    details: Pick<Updateable<AdvertisersTable>, (typeof INVOICING_COLUMNS)[number]>,
  ): Promise<void> {
    await this.db.updateTable('advertisers').set(details).where('id', '=', id).execute();
  }
}
