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

  /** The oldest mails waiting to be sent (written by an event listener), up to `limit`. */
  async queued(limit: number) {
    return this.db
      .selectFrom('emails')
      .select(['id', 'to_address', 'subject', 'text_body'])
      .where('status', '=', 'queued')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Takes a queued mail for sending; false when another run took it first. */
  async claim(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('emails')
      .set({ status: 'sending' })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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
