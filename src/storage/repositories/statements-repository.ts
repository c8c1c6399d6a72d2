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

  /** Carried-over statements that added domestic VAT (few: balances below a minimum). */
  async carriedOverWithVat() {
    return this.db
      .selectFrom('statements')
      .select(['publisher_id', 'period', 'vat_treatment', 'vat_minor', 'parties'])
      .where('status', '=', 'carried_over')
      .where('vat_treatment', '=', 'domestic')
      .where('vat_minor', '>', 0)
      .execute();
  }

  /** The statements' numbers (null: made before numbering), by id. */
  async numbersOf(ids: readonly string[]): Promise<Map<string, string | null>> {
    const rows = await this.db
      .selectFrom('statements')
      .select(['id', 'number'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.number]));
  }

  /** The latest period any statement was made for. */
  async latestPeriod(): Promise<string | undefined> {
    const latest = await this.db
      .selectFrom('statements')
      .select('period')
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest?.period;
  }

  /** The period's statements: status, balance and their publisher's minimum payout. */
  async outcomesOf(period: string) {
    return this.db
      .selectFrom('statements')
      .innerJoin('publishers', 'publishers.id', 'statements.publisher_id')
      .select(['statements.status', 'statements.balance_minor', 'publishers.minimum_payout_minor'])
      .where('statements.period', '=', period)
      .execute();
  }

  /**
   * The statement a payment pays and the publisher's carried-over ones before `period` whose
   * money it includes.
   */
  async settledBy(publisherId: string, statementId: string, period: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('statements')
      .select('id')
      .where('publisher_id', '=', publisherId)
      .where((eb) =>
        eb.or([
          eb('id', '=', statementId),
          eb.and([eb('status', '=', 'carried_over'), eb('period', '<', period)]),
        ]),
      )
      .execute();
    return rows.map((row) => row.id);
  }

  async markPaid(ids: readonly string[], nowMs: number): Promise<void> {
    await this.db
      .updateTable('statements')
      .set({ status: 'paid', paid_at: nowMs })
      .where('id', 'in', ids)
      .execute();
  }
}
