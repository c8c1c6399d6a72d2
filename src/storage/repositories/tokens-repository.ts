import type { Kysely, Insertable } from 'kysely';
import type { Scope } from './scope.js';
import type { Database, TokensTable } from '../schema.js';

/** Single-use links (activation, password reset), stored as the SHA-256 of their token. */
export class TokensRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async insert(row: Insertable<TokensTable>): Promise<void> {
    await this.db.insertInto('tokens').values(row).execute();
  }

  async markUsed(id: string, nowMs: number): Promise<void> {
    await this.db.updateTable('tokens').set({ used_at: nowMs }).where('id', '=', id).execute();
  }

  /** Ends every unused link of this purpose of a user. */
  async endUnused(userId: string, purpose: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('tokens')
      .set({ used_at: nowMs })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }
}
