import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { LedgerRepository } from '../../src/storage/repositories/ledger-repository.js';
import { describeEachEngine } from '../support/stores.js';
import { seedNetwork, NOW } from '../support/seed.js';

const TABLES = [
  'users',
  'sessions',
  'tokens',
  'api_keys',
  'advertisers',
  'programs',
  'program_terms',
  'publishers',
  'sites',
  'memberships',
  'ads',
  'links',
  'clicks',
  'orders',
  'order_lines',
  'commissions',
  'ledger_entries',
  'exchange_rates',
  'email_access',
  'mailings',
  'violations',
  'enforcement_actions',
  'claims',
  'attachments',
  'registration_bars',
  'invoices',
  'invoice_lines',
  'adjustments',
  'statements',
  'payout_runs',
  'payouts',
  'report_hourly',
  'report_daily',
  'emails',
  'audit_log',
  'cache_versions',
  'settings',
  'node_leases',
  'rate_limits',
];

describeEachEngine('migrations', (context) => {
  it('created the whole schema from an empty database, and a second run applies nothing', async () => {
    const { store } = context();
    const tables = await store.db.introspection.getTables();
    expect(
      tables
        .map((table) => table.name)
        .filter((name) => !name.startsWith('kysely_'))
        .sort(),
    ).toEqual([...TABLES].sort());
    expect(await migrateToLatest(store)).toEqual([]);
  });

  it('refuses to update or delete ledger entries (append-only)', async () => {
    const { store } = context();
    const { publisher } = await seedNetwork(store);
    await new LedgerRepository(store.db).append([
      {
        publisher_id: publisher.id,
        program_id: null,
        commission_id: null,
        order_id: null,
        account: 'approved',
        kind: 'deduction',
        amount_minor: -100,
        currency: 'EUR',
        reason: 'test',
        rule: 'AE-E1',
        actor: 'test',
        created_at: NOW,
      },
    ]);
    await expect(
      store.db.updateTable('ledger_entries').set({ amount_minor: 0 }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('ledger_entries').execute()).rejects.toThrow(/append-only/);
    if (store.dialect === 'postgres') {
      await expect(sql`TRUNCATE ledger_entries`.execute(store.db)).rejects.toThrow(/append-only/);
    }
    expect((await new LedgerRepository(store.db).balances(publisher.id)).total).toBe(-100);
  });
});

describe('ids', () => {
  it('carry their type prefix and sort by time', async () => {
    const { newId, isId } = await import('../../src/storage/ids.js');
    const early = newId('click', 1_000);
    const late = newId('click', 2_000);
    expect(early).toMatch(/^clk_[0-9a-z]{26}$/);
    expect(isId('click', early)).toBe(true);
    expect(isId('publisher', early)).toBe(false);
    expect(early < late).toBe(true);
  });
});
