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

  /** How many advertisers the network has. */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('advertisers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * One page of the advertisers, newest first, each with its users (all, disabled, and those
   * with an unused password link: invited and not yet in) and its programs (all, listed —
   * approved by the network's review and active — and waiting for the review).
   */
  async page(limit: number, offset: number, nowMs: number) {
    return this.db
      .selectFrom('advertisers')
      .select((eb) => [
        'advertisers.id',
        'advertisers.name',
        'advertisers.created_at',
        eb
          .selectFrom('users')
          .select(eb.fn.countAll().as('n'))
          .whereRef('users.advertiser_id', '=', 'advertisers.id')
          .as('users'),
        eb
          .selectFrom('users')
          .select(eb.fn.countAll().as('n'))
          .whereRef('users.advertiser_id', '=', 'advertisers.id')
          .where('users.status', '=', 'disabled')
          .as('disabled_users'),
        eb
          .selectFrom('users')
          .select(eb.fn.countAll().as('n'))
          .whereRef('users.advertiser_id', '=', 'advertisers.id')
          .where((w) =>
            w.exists(
              w
                .selectFrom('tokens')
                .select('tokens.id')
                .whereRef('tokens.user_id', '=', 'users.id')
                .where('tokens.purpose', '=', 'reset')
                .where('tokens.used_at', 'is', null)
                .where('tokens.expires_at', '>', nowMs),
            ),
          )
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('sessions')
                  .select('sessions.id')
                  .whereRef('sessions.user_id', '=', 'users.id'),
              ),
            ),
          )
          .as('invited_users'),
        eb
          .selectFrom('programs')
          .select(eb.fn.countAll().as('n'))
          .whereRef('programs.advertiser_id', '=', 'advertisers.id')
          .as('programs'),
        eb
          .selectFrom('programs')
          .select(eb.fn.countAll().as('n'))
          .whereRef('programs.advertiser_id', '=', 'advertisers.id')
          .where('programs.review_status', '=', 'approved')
          .where('programs.status', '=', 'active')
          .as('listed_programs'),
        eb
          .selectFrom('programs')
          .select(eb.fn.countAll().as('n'))
          .whereRef('programs.advertiser_id', '=', 'advertisers.id')
          .where('programs.review_status', '=', 'in_review')
          .as('programs_in_review'),
      ])
      .orderBy('advertisers.created_at', 'desc')
      .orderBy('advertisers.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }
}
