import type { Scope } from './scope.js';
import type { Kysely, Selectable } from 'kysely';
import type { AdvertisersTable, Database } from '../schema.js';
import { newId } from '../ids.js';

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
}
