import { expect } from 'vitest';
import type { Store } from '../../src/storage/database.js';
import { LedgerRepository } from '../../src/storage/repositories/ledger-repository.js';

/**
 * The ledger agrees with every commission (no mismatch, no orphan entry), and the publisher's
 * balance is what its commissions that are not declined add up to.
 */
export async function expectLedgerWhole(store: Store, publisherId: string): Promise<void> {
  const ledger = new LedgerRepository(store.db);
  const verification = await ledger.verify();
  expect(verification.mismatches).toEqual([]);
  expect(verification.orphanEntries).toBe(0);
  const owed = await store.db
    .selectFrom('commissions')
    .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
    .where('publisher_id', '=', publisherId)
    .where('status', '!=', 'declined')
    .executeTakeFirstOrThrow();
  expect((await ledger.balances(publisherId)).total).toBe(Number(owed.sum ?? 0));
}
