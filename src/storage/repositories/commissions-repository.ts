import type { Scope } from './scope.js';
import { countPendingIn } from './count-rows.js';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
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
        'sites.url as site_url',
        'commissions.kind',
        'commissions.amount_minor',
        'commissions.status',
        'commissions.reason',
        'commissions.rule',
        'commissions.decided_by',
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
      | 'amount_minor'
      | 'status'
      | 'reason'
      | 'rule'
      | 'approved_at'
      | 'decided_by'
      | 'suspended_decision'
      | 'updated_at'
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

  /**
   * The publisher's payable commissions for a statement: approved before `endMs`, on no
   * statement yet, billed in full on an invoice the advertiser has paid (AE-T5).
   */
  async payableForStatement(publisherId: string, endMs: number) {
    return this.db
      .selectFrom('commissions')
      .innerJoin('invoices', 'invoices.id', 'commissions.invoice_id')
      .select(['commissions.id', 'commissions.amount_minor', 'commissions.program_id'])
      .where('commissions.publisher_id', '=', publisherId)
      .where('commissions.status', '=', 'approved')
      .where('commissions.statement_id', 'is', null)
      .where('commissions.approved_at', '<', endMs)
      .where('commissions.billed_minor', '=', sql<number>`commissions.amount_minor`)
      .where('invoices.status', '=', 'paid')
      .execute();
  }

  /** The sum of the publisher's open (pending, held, approved) commissions made before `endMs`, on no statement. */
  async openSumBefore(publisherId: string, endMs: number): Promise<number> {
    const open = await this.db
      .selectFrom('commissions')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
      .where('publisher_id', '=', publisherId)
      .where('status', 'in', ['pending', 'held', 'approved'])
      .where('statement_id', 'is', null)
      .where('created_at', '<', endMs)
      .executeTakeFirst();
    return Number(open?.sum ?? 0);
  }

  /** The commissions are settled by the statement (in batches of 500). */
  async attachToStatement(ids: readonly string[], statementId: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.db
        .updateTable('commissions')
        .set({ statement_id: statementId })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
  }

  /** The commissions a statement settles, with their order, in the statement's order. */
  async ofStatement(statementId: string) {
    return this.db
      .selectFrom('commissions')
      .leftJoin('orders', 'orders.id', 'commissions.order_id')
      .select([
        'commissions.id',
        'commissions.order_id',
        'orders.order_number',
        'orders.placed_at',
        'commissions.program_id',
        'commissions.site_id',
        'commissions.kind',
        'commissions.rule',
        'commissions.reason',
        'commissions.amount_minor',
      ])
      .where('commissions.statement_id', '=', statementId)
      .orderBy('orders.placed_at')
      .orderBy('orders.order_number')
      .orderBy('commissions.kind')
      .orderBy('commissions.id')
      .execute();
  }

  /**
   * Pending commissions past their deadline, soonest due first, with their open compliance
   * flags (`open_flags`).
   */
  async overdue(nowMs: number, limit: number) {
    return this.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select([
        'commissions.id',
        'commissions.program_id',
        'commissions.publisher_id',
        'orders.order_number',
        'commissions.amount_minor',
        'commissions.validation_due_at',
        (eb) => openFlagCount(eb).as('open_flags'),
      ])
      .where('commissions.status', '=', 'pending')
      .where('commissions.validation_due_at', '<=', nowMs)
      .orderBy('commissions.validation_due_at')
      .limit(limit)
      .execute();
  }
}
