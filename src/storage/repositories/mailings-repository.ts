import type { Scope } from './scope.js';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, MailingsTable } from '../schema.js';

export type StoredMailing = Selectable<MailingsTable>;

/**
 * Email campaigns (`mailings`) publishers submit for approval, their link parameters, and who
 * may submit them (`email_access`).
 */
export class MailingsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** The mailings with the link parameters `linkParams`: their status and send window. */
  async windowsByLinkParam(linkParams: readonly string[]) {
    if (linkParams.length === 0) return [];
    const rows = await this.db
      .selectFrom('mailings')
      .select(['link_param', 'status', 'planned_send_at', 'send_window_ends_at'])
      .where('link_param', 'in', [...linkParams])
      .execute();
    return rows.map((row) => ({
      linkParam: row.link_param!,
      status: row.status,
      plannedSendAt: row.planned_send_at,
      sendWindowEndsAt: row.send_window_ends_at,
    }));
  }

  /** Gives (or gives again) the publisher access to the program's Email Approval tool. */
  async grantAccess(programId: string, publisherId: string, grantedBy: string, nowMs: number) {
    await this.db
      .insertInto('email_access')
      .values({
        program_id: programId,
        publisher_id: publisherId,
        granted_by: grantedBy,
        granted_at: nowMs,
        revoked_at: null,
      })
      .onConflict((oc) =>
        oc
          .columns(['program_id', 'publisher_id'])
          .doUpdateSet({ granted_by: grantedBy, granted_at: nowMs, revoked_at: null }),
      )
      .execute();
  }

  async revokeAccess(programId: string, publisherId: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('email_access')
      .set({ revoked_at: nowMs })
      .where('program_id', '=', programId)
      .where('publisher_id', '=', publisherId)
      .execute();
  }

  /** Whether the publisher has access (granted, not revoked). */
  async hasAccess(programId: string, publisherId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('email_access')
      .select('revoked_at')
      .where('program_id', '=', programId)
      .where('publisher_id', '=', publisherId)
      .executeTakeFirst();
    return row !== undefined && row.revoked_at === null;
  }

  /** The programs (id, name) whose tool the publisher may use. */
  async accessOf(publisherId: string) {
    return this.db
      .selectFrom('email_access')
      .innerJoin('programs', 'programs.id', 'email_access.program_id')
      .select(['programs.id', 'programs.name'])
      .where('email_access.publisher_id', '=', publisherId)
      .where('email_access.revoked_at', 'is', null)
      .execute();
  }

  async insert(mailing: Insertable<MailingsTable>): Promise<void> {
    await this.db.insertInto('mailings').values(mailing).execute();
  }

  async find(id: string): Promise<StoredMailing | undefined> {
    return this.db.selectFrom('mailings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: string, change: Updateable<MailingsTable>): Promise<void> {
    await this.db.updateTable('mailings').set(change).where('id', '=', id).execute();
  }

  /** The publisher's mailings, newest first. */
  async ofPublisher(publisherId: string): Promise<StoredMailing[]> {
    return this.db
      .selectFrom('mailings')
      .selectAll()
      .where('publisher_id', '=', publisherId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** The mailings of the programs, newest first (at most 500). */
  async ofPrograms(programIds: readonly string[]): Promise<StoredMailing[]> {
    if (programIds.length === 0) return [];
    return this.db
      .selectFrom('mailings')
      .selectAll()
      .where('program_id', 'in', [...programIds])
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
  }
}
