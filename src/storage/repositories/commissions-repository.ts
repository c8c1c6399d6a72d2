import type { Scope } from './scope.js';
import { countPendingIn } from './count-rows.js';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { openFlagCount, openFlagsOfOrder } from './violations-rows.js';
import type { CommissionStatus, CommissionsTable, Database } from '../schema.js';

export type Commission = Selectable<CommissionsTable>;

/** The reason of a commission taken off its order when the advertiser named another click. */
export const REATTRIBUTED = 'reattributed';

export class CommissionsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /**
   * One page of the orders due at their validation deadline: pending commissions past it, on
   * orders without an open compliance flag (on them or their click: those wait for a person),
   * in (order number, program) order after `after`. Paged so that orders a rule leaves pending
   * (`atDeadline: none`) stay due for ever without filling every page ahead of the others.
   */
  async dueAtDeadline(
    nowMs: number,
    after: { program_id: string; order_number: string } | undefined,
    limit: number,
  ) {
    let page = this.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select([
        'commissions.program_id',
        'orders.order_number',
        'orders.terms_id',
        'orders.source',
        'orders.report_details',
      ])
      .distinct()
      .where('commissions.status', '=', 'pending')
      .where('commissions.validation_due_at', '<=', nowMs)
      .where((eb) => eb.not(eb.exists(openFlagsOfOrder(eb).select('violations.id'))));
    if (after !== undefined)
      page = page.where((eb) =>
        eb.or([
          eb('orders.order_number', '>', after.order_number),
          eb.and([
            eb('orders.order_number', '=', after.order_number),
            eb('commissions.program_id', '>', after.program_id),
          ]),
        ]),
      );
    return page
      .orderBy('orders.order_number')
      .orderBy('commissions.program_id')
      .limit(limit)
      .execute();
  }

  async insert(row: Insertable<CommissionsTable>): Promise<void> {
    await this.db.insertInto('commissions').values(row).execute();
  }

  async ofOrder(orderId: string): Promise<Commission[]> {
    return this.db
      .selectFrom('commissions')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('kind')
      .execute();
  }

  /**
   * Takes declined commissions off their order (one taken from a publisher when the advertiser
   * named another click): they stay on record with their ledger entries, which still name the
   * order, and the order can have the new publisher's commissions of the same kinds.
   */
  async detachFromOrder(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('commissions')
      .set({ order_id: null })
      .where('id', 'in', ids)
      .execute();
  }

  /** Pending commissions in these programs. */
  countPending(programIds: readonly string[]): Promise<number> {
    return countPendingIn(this.db, 'commissions', programIds);
  }

  /** A program's transactions (commissions with their order), newest order first. */
  async ofProgram(programId: string, status: CommissionStatus | undefined, limit: number) {
    let select = this.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select([
        'orders.order_number',
        'orders.placed_at',
        'commissions.id',
        'commissions.publisher_id',
        'commissions.site_id',
        'commissions.kind',
        'commissions.amount_minor',
        'commissions.currency',
        'commissions.status',
        'commissions.reason',
        'commissions.rule',
        'commissions.validation_due_at',
        'commissions.invoice_id',
        'orders.source',
        'orders.report_details',
        (eb) => openFlagCount(eb).as('open_flags'),
      ])
      .where('commissions.program_id', '=', programId);
    if (status !== undefined) select = select.where('commissions.status', '=', status);
    return select.orderBy('orders.placed_at', 'desc').limit(limit).execute();
  }

  /** The transactions of all an advertiser's programs, with program and site names. */
  async ofAdvertiser(
    advertiserId: string,
    status: CommissionStatus | undefined,
    limit: number,
    orderNumber?: string,
  ) {
    let select = this.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .innerJoin('programs', 'programs.id', 'commissions.program_id')
      .leftJoin('sites', 'sites.id', 'commissions.site_id')
      .select([
        'orders.order_number',
        'orders.placed_at',
        'orders.program_id',
        'programs.name as program_name',
        'sites.name as site_name',
        'commissions.kind',
        'commissions.amount_minor',
        'commissions.status',
        'commissions.reason',
        'commissions.rule',
        'commissions.validation_due_at',
        'orders.source',
        'orders.report_details',
        (eb) => openFlagCount(eb).as('open_flags'),
      ])
      .where('programs.advertiser_id', '=', advertiserId);
    if (status !== undefined) select = select.where('commissions.status', '=', status);
    if (orderNumber !== undefined) select = select.where('orders.order_number', '=', orderNumber);
    return select.orderBy('orders.placed_at', 'desc').limit(limit).execute();
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

  /** The approved commissions the statements settle. */
  async approvedOnStatements(statementIds: readonly string[]): Promise<Commission[]> {
    return this.db
      .selectFrom('commissions')
      .selectAll()
      .where('statement_id', 'in', statementIds)
      .where('status', '=', 'approved')
      .execute();
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

  /**
   * What the publisher earned in the program (cents): its approved and paid commission plus
   * the adjustments after payouts.
   */
  async earnedInProgramMinor(publisherId: string, programId: string): Promise<number> {
    const earned = await this.db
      .selectFrom('commissions')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
      .where('publisher_id', '=', publisherId)
      .where('program_id', '=', programId)
      .where('status', 'in', ['approved', 'paid'])
      .executeTakeFirst();
    const adjusted = await this.db
      .selectFrom('adjustments')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
      .where('publisher_id', '=', publisherId)
      .where('program_id', '=', programId)
      .executeTakeFirst();
    return Number(earned?.sum ?? 0) + Number(adjusted?.sum ?? 0);
  }
}
