import type { Scope } from './scope.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Email campaigns (`mailings`) publishers submit for approval, and their link parameters. */
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
}
