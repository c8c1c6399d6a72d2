import type { Scope } from './scope.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Publishers' statements as stored. */
export class StatementsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Whether the publisher's statement of the period is made (by this run or a parallel one). */
  async isMade(publisherId: string, periodText: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('statements')
      .select('id')
      .where('publisher_id', '=', publisherId)
      .where('period', '=', periodText)
      .executeTakeFirst();
    return row !== undefined;
  }
}
