import type { Scope } from './scope.js';
import type { Insertable, Kysely } from 'kysely';
import type { Database, LedgerEntriesTable } from '../schema.js';
import {
  ACCOUNT_OF_STATUS,
  type CommissionStatus,
} from '../../domain/ledger/plan-commission-change.js';
import { newId } from '../ids.js';

export type NewLedgerEntry = Omit<Insertable<LedgerEntriesTable>, 'seq' | 'id'>;

/** A difference `affnet ledger verify` found between a commission and its ledger entries. */
export interface LedgerMismatch {
  commissionId: string;
  account: string;
  expectedMinor: number;
  ledgerMinor: number;
}

/** An issued statement whose lines no longer add up to the totals it was issued with. */
export interface StatementMismatch {
  statementId: string;
  /** `payable`, `deducted`, or `line_status` (a line whose commission is not approved or paid). */
  total: string;
  issuedMinor: number;
  linesMinor: number;
}

export interface LedgerVerification {
  commissions: number;
  entries: number;
  mismatches: LedgerMismatch[];
  /** Entries that name a commission that does not exist. */
  orphanEntries: number;
  statements: number;
  statementMismatches: StatementMismatch[];
}

/** The append-only money ledger: entries go in; nothing is ever updated or deleted. */
export class LedgerRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async append(entries: readonly NewLedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('ledger_entries')
      .values(entries.map((entry) => ({ ...entry, id: newId('ledgerEntry', entry.created_at) })))
      .execute();
  }

  /** A publisher's balance per account, and in all: the sum of its entries. */
  async balances(
    publisherId: string,
  ): Promise<{ byAccount: Record<string, number>; total: number }> {
    const rows = await this.db
      .selectFrom('ledger_entries')
      .select(['account', (eb) => eb.fn.sum<number>('amount_minor').as('sum')])
      .where('publisher_id', '=', publisherId)
      .groupBy('account')
      .execute();
    const byAccount: Record<string, number> = {};
    let total = 0;
    for (const row of rows) {
      const sum = Number(row.sum);
      byAccount[row.account] = sum;
      total += sum;
    }
    return { byAccount, total };
  }

  async entriesOfCommission(commissionId: string) {
    return this.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('commission_id', '=', commissionId)
      .orderBy('seq')
      .execute();
  }

  /**
   * Proves the stored commissions equal the ledger: for every commission, its entries sum to
   * its amount in the account of its status and to zero elsewhere.
   */
  async verify(onProgress?: (checked: number) => void): Promise<LedgerVerification> {
    const sums = await this.db
      .selectFrom('ledger_entries')
      .select([
        'commission_id',
        'account',
        (eb) => eb.fn.sum<number>('amount_minor').as('sum'),
        (eb) => eb.fn.countAll<number>().as('count'),
      ])
      .where('commission_id', 'is not', null)
      .groupBy(['commission_id', 'account'])
      .execute();
    const ledger = new Map<string, Map<string, number>>();
    let entries = 0;
    for (const row of sums) {
      const id = row.commission_id as string;
      let accounts = ledger.get(id);
      if (!accounts) ledger.set(id, (accounts = new Map()));
      accounts.set(row.account, Number(row.sum));
      entries += Number(row.count);
    }
    const mismatches: LedgerMismatch[] = [];
    let commissions = 0;
    const pageSize = 10_000;
    let after = '';
    for (;;) {
      const page = await this.db
        .selectFrom('commissions')
        .select(['id', 'status', 'amount_minor'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      for (const commission of page) {
        const expectedAccount = ACCOUNT_OF_STATUS[commission.status as CommissionStatus];
        const accounts = ledger.get(commission.id) ?? new Map<string, number>();
        ledger.delete(commission.id);
        const names = new Set([...accounts.keys(), ...(expectedAccount ? [expectedAccount] : [])]);
        for (const account of names) {
          const expectedMinor = account === expectedAccount ? commission.amount_minor : 0;
          const ledgerMinor = accounts.get(account) ?? 0;
          if (expectedMinor !== ledgerMinor)
            mismatches.push({ commissionId: commission.id, account, expectedMinor, ledgerMinor });
        }
      }
      commissions += page.length;
      onProgress?.(commissions);
      if (page.length < pageSize) break;
      after = page[page.length - 1]!.id;
    }
    const statements = await this.verifyStatements();
    return { commissions, entries, mismatches, orphanEntries: ledger.size, ...statements };
  }

  /**
   * Proves every issued statement still adds up: its commission lines, credits and raised
   * adjustments to its payable total; its deductions and claw-backs to its deducted total; and
   * every commission on it approved or paid (its ledger checked above). A statement never
   * changes after it is issued, so any difference is tampering or a bug.
   */
  async verifyStatements(): Promise<{
    statements: number;
    statementMismatches: StatementMismatch[];
  }> {
    const issued = await this.db
      .selectFrom('statements')
      .select(['id', 'payable_minor', 'deducted_minor'])
      .execute();
    const totals = new Map(issued.map((s) => [s.id, { payable: 0, deducted: 0, badLines: 0 }]));
    const commissions = await this.db
      .selectFrom('commissions')
      .select([
        'statement_id',
        (eb) => eb.fn.sum<number>('amount_minor').as('sum'),
        (eb) =>
          eb.fn
            .sum<number>(
              eb.case().when('status', 'not in', ['approved', 'paid']).then(1).else(0).end(),
            )
            .as('bad'),
      ])
      .where('statement_id', 'is not', null)
      .groupBy('statement_id')
      .execute();
    for (const row of commissions) {
      const total = totals.get(row.statement_id!);
      if (total === undefined) continue;
      total.payable += Number(row.sum);
      total.badLines += Number(row.bad);
    }
    const actions = await this.db
      .selectFrom('enforcement_actions')
      .select(['statement_id', 'kind', (eb) => eb.fn.sum<number>('amount_minor').as('sum')])
      .where('statement_id', 'is not', null)
      .where('kind', 'in', ['deduction', 'credit'])
      .groupBy(['statement_id', 'kind'])
      .execute();
    for (const row of actions) {
      const total = totals.get(row.statement_id!);
      if (total === undefined) continue;
      if (row.kind === 'credit') total.payable += Number(row.sum);
      else total.deducted += Number(row.sum);
    }
    const adjustments = await this.db
      .selectFrom('adjustments')
      .select([
        'statement_id',
        (eb) =>
          eb.fn
            .sum<number>(
              eb.case().when('amount_minor', '>', 0).then(eb.ref('amount_minor')).else(0).end(),
            )
            .as('raised'),
        (eb) =>
          eb.fn
            .sum<number>(
              eb.case().when('amount_minor', '<', 0).then(eb.ref('amount_minor')).else(0).end(),
            )
            .as('clawed'),
      ])
      .where('statement_id', 'is not', null)
      .groupBy('statement_id')
      .execute();
    for (const row of adjustments) {
      const total = totals.get(row.statement_id!);
      if (total === undefined) continue;
      total.payable += Number(row.raised);
      total.deducted -= Number(row.clawed);
    }
    const statementMismatches: StatementMismatch[] = [];
    for (const statement of issued) {
      const total = totals.get(statement.id)!;
      if (total.payable !== statement.payable_minor)
        statementMismatches.push({
          statementId: statement.id,
          total: 'payable',
          issuedMinor: statement.payable_minor,
          linesMinor: total.payable,
        });
      if (total.deducted !== statement.deducted_minor)
        statementMismatches.push({
          statementId: statement.id,
          total: 'deducted',
          issuedMinor: statement.deducted_minor,
          linesMinor: total.deducted,
        });
      if (total.badLines > 0)
        statementMismatches.push({
          statementId: statement.id,
          total: 'line_status',
          issuedMinor: 0,
          linesMinor: total.badLines,
        });
    }
    return { statements: issued.length, statementMismatches };
  }
}
