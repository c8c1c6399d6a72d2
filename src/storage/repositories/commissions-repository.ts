import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CommissionsTable, Database } from '../schema.js';

export type Commission = Selectable<CommissionsTable>;

/** The reason of a commission whose order the advertiser attributed to another click. */
export const REATTRIBUTED = 'reattributed';

export class CommissionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<CommissionsTable>): Promise<void> {
    await this.db.insertInto('commissions').values(row).execute();
  }

  /**
   * The order's live commissions. Those of a publisher the order was taken from when the
   * advertiser named another click (`reattributed`, declined) stay on record but are not the
   * order's any more.
   */
  async ofOrder(orderId: string): Promise<Commission[]> {
    return this.db
      .selectFrom('commissions')
      .selectAll()
      .where('order_id', '=', orderId)
      .where((eb) => eb.or([eb('reason', 'is', null), eb('reason', '<>', REATTRIBUTED)]))
      .orderBy('kind')
      .execute();
  }

  async find(id: string): Promise<Commission | undefined> {
    return this.db.selectFrom('commissions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(
    id: string,
    change: Pick<
      CommissionsTable,
      'amount_minor' | 'status' | 'reason' | 'rule' | 'approved_at' | 'decided_by' | 'updated_at'
    >,
  ): Promise<void> {
    await this.db.updateTable('commissions').set(change).where('id', '=', id).execute();
  }

  /** Totals per status, in minor units. */
  async totalsByStatus(): Promise<Record<string, { count: number; amountMinor: number }>> {
    const rows = await this.db
      .selectFrom('commissions')
      .select([
        'status',
        (eb) => eb.fn.countAll<number>().as('count'),
        (eb) => eb.fn.sum<number>('amount_minor').as('sum'),
      ])
      .groupBy('status')
      .execute();
    return Object.fromEntries(
      rows.map((row) => [row.status, { count: Number(row.count), amountMinor: Number(row.sum) }]),
    );
  }
}
