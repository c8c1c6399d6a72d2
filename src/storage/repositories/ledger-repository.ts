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

export interface LedgerVerification {
  commissions: number;
  entries: number;
  mismatches: LedgerMismatch[];
  /** Entries that name a commission that does not exist. */
  orphanEntries: number;
}

/** The append-only money ledger: entries go in; nothing is ever updated or deleted. */
export class LedgerRepository {
  constructor(private readonly db: Kysely<Database>) {}

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
    return { commissions, entries, mismatches, orphanEntries: ledger.size };
  }
}
