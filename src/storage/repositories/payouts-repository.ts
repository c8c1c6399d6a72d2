import type { Scope } from './scope.js';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, PayoutRunsTable, PayoutsTable } from '../schema.js';

export type StoredPayoutRun = Selectable<PayoutRunsTable>;
export type StoredPayout = Selectable<PayoutsTable>;

/** Payout runs and their payments as stored. */
export class PayoutsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /**
   * Payable statements in no run yet, with what a payment needs of their publisher, oldest
   * period first.
   */
  async payableStatements() {
    return this.db
      .selectFrom('statements')
      .innerJoin('publishers', 'publishers.id', 'statements.publisher_id')
      .leftJoin('payouts', 'payouts.statement_id', 'statements.id')
      .select([
        'statements.id',
        'statements.publisher_id',
        'statements.period',
        'statements.payout_minor',
        'statements.currency',
        'statements.vat_treatment',
        'statements.vat_minor',
        'statements.parties',
        'publishers.vat_number_verified',
        'publishers.name',
        'publishers.payout_name',
        'publishers.iban',
      ])
      .where('statements.status', '=', 'payable')
      .where('payouts.id', 'is', null)
      .orderBy('statements.period')
      .orderBy('statements.publisher_id')
      .execute();
  }

  /** A new run and its payments (in batches of 500). */
  async insertRun(run: Insertable<PayoutRunsTable>): Promise<void> {
    await this.db.insertInto('payout_runs').values(run).execute();
  }

  async insertPayments(payouts: readonly Insertable<PayoutsTable>[]): Promise<void> {
    for (let i = 0; i < payouts.length; i += 500)
      await this.db
        .insertInto('payouts')
        .values(payouts.slice(i, i + 500))
        .execute();
  }

  async findRun(runId: string): Promise<StoredPayoutRun | undefined> {
    return this.db.selectFrom('payout_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  }

  /** The run's payments; by id when `ordered`, else as the database returns them. */
  async paymentsOf(runId: string, ordered = true): Promise<StoredPayout[]> {
    const query = this.db.selectFrom('payouts').selectAll().where('run_id', '=', runId);
    return (ordered ? query.orderBy('id') : query).execute();
  }

  /** Every run, newest first. */
  async runs(): Promise<StoredPayoutRun[]> {
    return this.db.selectFrom('payout_runs').selectAll().orderBy('id', 'desc').execute();
  }

  /** Created → exported; false when the run was not `created` (exported before, or paid). */
  async markExported(runId: string): Promise<boolean> {
    const exported = await this.db
      .updateTable('payout_runs')
      .set({ status: 'exported' })
      .where('id', '=', runId)
      .where('status', '=', 'created')
      .executeTakeFirst();
    return Number(exported.numUpdatedRows) > 0;
  }

  /** Exported → paid; false when another call claimed it first. */
  async claimPaid(runId: string, nowMs: number): Promise<boolean> {
    const claimed = await this.db
      .updateTable('payout_runs')
      .set({ status: 'paid', paid_at: nowMs })
      .where('id', '=', runId)
      .where('status', '=', 'exported')
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) > 0;
  }

  async markPaymentPaid(payoutId: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('payouts')
      .set({ status: 'paid', paid_at: nowMs })
      .where('id', '=', payoutId)
      .execute();
  }
}
