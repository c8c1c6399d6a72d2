import { expect } from 'vitest';
import type { Store } from '../../src/storage/database.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The ledger agrees with every commission (no mismatch, no orphan entry), and the publisher's
 * balance is what its commissions that are not declined add up to.
 */
export async function expectLedgerWhole(store: Store, publisherId: string): Promise<void> {
  const ledger = repos(store).ledger;
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
