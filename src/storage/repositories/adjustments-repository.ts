import type { Scope } from './scope.js';
import { sql, type Insertable, type Kysely } from 'kysely';
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

  /**
   * The publisher's adjustments made before `endMs` on no statement, each with whether its
   * commission is billed in full (its adjustments too) on an invoice the advertiser paid.
   */
  async openBefore(publisherId: string, endMs: number) {
    return this.db
      .selectFrom('adjustments')
      .innerJoin('commissions', 'commissions.id', 'adjustments.commission_id')
      .leftJoin('invoices', 'invoices.id', 'commissions.invoice_id')
      .select((eb) => [
        'adjustments.id',
        'adjustments.amount_minor',
        'adjustments.program_id',
        eb
          .and([
            eb('invoices.status', '=', 'paid'),
            eb(
              'commissions.billed_minor',
              '=',
              sql<number>`commissions.amount_minor + (select sum(a.amount_minor) from adjustments a where a.commission_id = commissions.id)`,
            ),
          ])
          .as('billed_and_paid'),
      ])
      .where('adjustments.publisher_id', '=', publisherId)
      .where('adjustments.statement_id', 'is', null)
      .where('adjustments.created_at', '<', endMs)
      .execute();
  }

  async attachToStatement(ids: readonly string[], statementId: string): Promise<void> {
    await this.db
      .updateTable('adjustments')
      .set({ statement_id: statementId })
      .where('id', 'in', ids)
      .execute();
  }

  /** The adjustments a statement settles, with their order. */
  async ofStatement(statementId: string) {
    return this.db
      .selectFrom('adjustments')
      .leftJoin('orders', 'orders.id', 'adjustments.order_id')
      .select([
        'adjustments.id',
        'adjustments.order_id',
        'orders.order_number',
        'orders.placed_at',
        'adjustments.program_id',
        'adjustments.rule',
        'adjustments.reason',
        'adjustments.amount_minor',
      ])
      .where('adjustments.statement_id', '=', statementId)
      .orderBy('orders.order_number')
      .orderBy('adjustments.amount_minor')
      .orderBy('adjustments.id')
      .execute();
  }
}
