import type { Kysely, Insertable } from 'kysely';
import type { Scope } from './scope.js';
import type { Database, EmailsTable } from '../schema.js';

/** The outbox: every email the network sends, with how sending it went. */
export class EmailsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async insert(row: Insertable<EmailsTable>): Promise<void> {
    await this.db.insertInto('emails').values(row).execute();
  }

  async markSent(id: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('emails')
      .set({ status: 'sent', sent_at: nowMs })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('emails')
      .set({ status: 'failed', error })
      .where('id', '=', id)
      .execute();
  }

  /** The latest messages, newest first. */
  async recent(limit: number) {
    return this.db
      .selectFrom('emails')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
