import type { Kysely, Insertable } from 'kysely';
import type { Scope } from './scope.js';
import type { ApiKeysTable, Database } from '../schema.js';

/** Advertiser API keys: a prefix to find one by and a SHA-256 of the whole key. */
export class ApiKeysRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Stores a key; a key whose prefix is stored already is left as it is. */
  async insertUnlessPrefixTaken(row: Insertable<ApiKeysTable>): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values(row)
      .onConflict((oc) => oc.column('prefix').doNothing())
      .execute();
  }

  /** The unrevoked key with this prefix: its id, owner and hash. */
  async findActiveByPrefix(prefix: string) {
    return this.db
      .selectFrom('api_keys')
      .select(['id', 'advertiser_id', 'key_hash'])
      .where('prefix', '=', prefix)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /** An advertiser's keys, newest first. */
  async ofAdvertiser(advertiserId: string) {
    return this.db
      .selectFrom('api_keys')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
      .where('advertiser_id', '=', advertiserId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Revokes one unrevoked key of the advertiser; whether one was. */
  async revoke(advertiserId: string, keyId: string, nowMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: nowMs })
      .where('id', '=', keyId)
      .where('advertiser_id', '=', advertiserId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
