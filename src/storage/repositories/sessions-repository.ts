import type { Kysely, Insertable } from 'kysely';
import type { Scope } from './scope.js';
import type { Database, SessionsTable } from '../schema.js';

/** Portal and API sessions, found by the SHA-256 of their cookie or bearer token. */
export class SessionsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async insert(row: Insertable<SessionsTable>): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** The session with this token hash and its user (every column), in one query. */
  async findWithUser(tokenHash: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of a user, but the one `keepSessionId` names when given. */
  async deleteOfUser(userId: string, keepSessionId?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId !== undefined) query = query.where('id', '<>', keepSessionId);
    await query.execute();
  }
}
