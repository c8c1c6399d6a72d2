import type { Scope } from './scope.js';
import type { Insertable, Kysely } from 'kysely';
import type { AdjustmentsTable, Database } from '../schema.js';

/** Adjustments after a payout (a later report about a paid commission) as stored. */
export class AdjustmentsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** The sum of the commission's adjustments so far (0 when none). */
  async sumOfCommission(commissionId: string): Promise<number> {
    const adjusted = await this.db
      .selectFrom('adjustments')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
      .where('commission_id', '=', commissionId)
      .executeTakeFirst();
    return Number(adjusted?.sum ?? 0);
  }

  async insert(row: Insertable<AdjustmentsTable>): Promise<void> {
    await this.db.insertInto('adjustments').values(row).execute();
  }
}
