import type { Scope } from './scope.js';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Enforcement actions as stored. */
export class EnforcementActionsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /**
   * Publishers whose whole payout the network withholds: active withholdings of no program (a
   * program's withholding is kept out of the statement already).
   */
  async networkWithheldPublishers(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('enforcement_actions')
      .select('publisher_id')
      .where('kind', '=', 'withhold')
      .where('status', '=', 'active')
      .where('program_id', 'is', null)
      .execute();
    return new Set(rows.map((row) => row.publisher_id));
  }

  /** Active actions of the statements are settled (their statements are paid). */
  async settleOfStatements(statementIds: readonly string[], nowMs: number): Promise<void> {
    await this.db
      .updateTable('enforcement_actions')
      .set({ status: 'settled', ended_at: nowMs })
      .where('statement_id', 'in', statementIds)
      .where('status', '=', 'active')
      .execute();
  }

  /** The publisher's active withholdings (program null: withheld by the network, everything). */
  async withholdingsOf(publisherId: string) {
    return this.db
      .selectFrom('enforcement_actions')
      .select('program_id')
      .where('publisher_id', '=', publisherId)
      .where('kind', '=', 'withhold')
      .where('status', '=', 'active')
      .execute();
  }

  /** The publisher's active deductions and credits recorded before `endMs`, on no statement. */
  async openDeductionsBefore(publisherId: string, endMs: number) {
    return this.db
      .selectFrom('enforcement_actions')
      .select(['id', 'kind', 'amount_minor'])
      .where('publisher_id', '=', publisherId)
      .where('kind', 'in', ['deduction', 'credit'])
      .where('status', '=', 'active')
      .where('statement_id', 'is', null)
      .where('created_at', '<', endMs)
      .execute();
  }

  async attachToStatement(ids: readonly string[], statementId: string): Promise<void> {
    await this.db
      .updateTable('enforcement_actions')
      .set({ statement_id: statementId })
      .where('id', 'in', ids)
      .execute();
  }

  /** The deductions and credits a statement settles. */
  async ofStatement(statementId: string) {
    return this.db
      .selectFrom('enforcement_actions')
      .select(['id', 'kind', 'program_id', 'rule', 'evidence', 'amount_minor'])
      .where('statement_id', '=', statementId)
      .orderBy('id')
      .execute();
  }
}
