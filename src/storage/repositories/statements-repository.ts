import type { Scope } from './scope.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, StatementsTable } from '../schema.js';

export type StoredStatement = Selectable<StatementsTable>;

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

  /** The publisher's latest statement. */
  async latestOf(publisherId: string): Promise<StoredStatement | undefined> {
    return this.db
      .selectFrom('statements')
      .selectAll()
      .where('publisher_id', '=', publisherId)
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insert(statement: StoredStatement): Promise<void> {
    await this.db.insertInto('statements').values(statement).execute();
  }

  async find(statementId: string): Promise<StoredStatement | undefined> {
    return this.db
      .selectFrom('statements')
      .selectAll()
      .where('id', '=', statementId)
      .executeTakeFirst();
  }

  /** Statements, newest period first, each with its publisher's name. */
  async list(filter: { publisherId?: string; period?: string } = {}) {
    let query = this.db
      .selectFrom('statements')
      .leftJoin('publishers', 'publishers.id', 'statements.publisher_id')
      .selectAll('statements')
      .select('publishers.name as publisher_name');
    if (filter.publisherId !== undefined)
      query = query.where('statements.publisher_id', '=', filter.publisherId);
    if (filter.period !== undefined) query = query.where('statements.period', '=', filter.period);
    return query.orderBy('statements.period', 'desc').orderBy('statements.publisher_id').execute();
  }

  /**
   * The next number of a document series (`statement-2026`), counted in the caller's
   * transaction: a document rolled back takes no number.
   */
  async nextNumber(series: string): Promise<number> {
    const row = await this.db
      .insertInto('document_numbers')
      .values({ series, last: 1 })
      .onConflict((conflict) =>
        conflict.column('series').doUpdateSet({ last: sql<number>`document_numbers.last + 1` }),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  }
}
