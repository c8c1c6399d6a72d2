import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { packageRoot } from '../../src/package-root.js';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { describeEachEngine, whileNoSchemaIsDropped } from '../support/stores.js';
import type { Store } from '../../src/storage/database.js';
import { seedNetwork, NOW } from '../support/seed.js';
import { repos } from '../../src/storage/repositories/repos.js';

const TABLES = [
  'users',
  'sessions',
  'tokens',
  'api_keys',
  'advertisers',
  'programs',
  'program_terms',
  'program_drafts',
  'publishers',
  'sites',
  'memberships',
  'ads',
  'ad_images',
  'links',
  'clicks',
  'orders',
  'order_lines',
  'order_pricing',
  'click_conversions',
  'commissions',
  'ledger_entries',
  'exchange_rates',
  'email_access',
  'mailings',
  'violations',
  'enforcement_actions',
  'enforcement_memberships',
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
  'document_numbers',
  'node_leases',
  'rate_limits',
  'events',
  'integration_reports',
  'promotions',
  'promotion_code_history',
  'feed_products',
  'feed_imports',
  'feed_sources',
  'notification_opt_outs',
  'digest_entries',
  'notification_alerts',
  'webhook_endpoints',
  'webhook_deliveries',
  'webhook_attempts',
];

/**
 * The tables and columns `src/storage/schema.ts` and its `tables/` declare, read from their source with the
 * TypeScript compiler: table name → column → whether the type allows null or is Generated.
 */
function declaredTables(): Record<string, Record<string, boolean>> {
  const storage = join(packageRoot(), 'src', 'storage');
  const files = [
    join(storage, 'schema.ts'),
    ...readdirSync(join(storage, 'tables')).map((name) => join(storage, 'tables', name)),
  ];
  const interfaces = new Map<string, { node: ts.InterfaceDeclaration; source: ts.SourceFile }>();
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.ES2022,
      true,
    );
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, { node, source });
    });
  }
  const database = interfaces.get('Database')!;
  const tables: Record<string, Record<string, boolean>> = {};
  for (const member of database.node.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const tableName = (member.name as ts.Identifier).text;
    const { node, source } = interfaces.get(member.type.getText(database.source))!;
    tables[tableName] = Object.fromEntries(
      node.members.filter(ts.isPropertySignature).map((column) => {
        const type = column.type?.getText(source) ?? '';
        return [(column.name as ts.Identifier).text, /\bnull\b|^Generated</.test(type)];
      }),
    );
  }
  return tables;
}

/**
 * The tables of the store's own schema: on PostgreSQL the introspection lists every schema's,
 * and other suites running at the same time have theirs on the same server.
 */
async function ownTables(store: Store) {
  if (store.dialect !== 'postgres') return store.db.introspection.getTables();
  const tables = await whileNoSchemaIsDropped(() => store.db.introspection.getTables());
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    store.db,
  );
  return tables.filter((table) => table.schema === rows[0]!.schema);
}

describeEachEngine('migrations', (context) => {
  it('created the whole schema from an empty database, and a second run applies nothing', async () => {
    const { store } = context();
    const tables = await ownTables(store);
    expect(
      tables
        .map((table) => table.name)
        .filter((name) => !name.startsWith('kysely_'))
        .sort(),
    ).toEqual([...TABLES].sort());
    expect(await whileNoSchemaIsDropped(() => migrateToLatest(store))).toEqual([]);
  });

  it('has every column schema.ts declares, and no other, nullable where it says so', async () => {
    const { store } = context();
    const declared = declaredTables();
    const live = await ownTables(store);
    const actual = Object.fromEntries(
      live
        .filter((table) => !table.name.startsWith('kysely_'))
        .map((table) => [
          table.name,
          Object.fromEntries(
            table.columns.map((column) => [
              column.name,
              column.isNullable || column.hasDefaultValue,
            ]),
          ),
        ]),
    );
    expect(Object.keys(actual).sort()).toEqual(Object.keys(declared).sort());
    for (const [table, columns] of Object.entries(declared)) {
      expect(Object.keys(actual[table]!).sort(), table).toEqual(Object.keys(columns).sort());
      // A column the type says may be null (or is Generated) must not be NOT NULL without a
      // default in the database, or inserts the types allow would fail.
      for (const [column, optional] of Object.entries(columns))
        if (optional) expect(actual[table]![column], `${table}.${column}`).toBe(true);
    }
  });

  it('refuses to update or delete ledger entries (append-only)', async () => {
    const { store } = context();
    const { publisher } = await seedNetwork(store);
    await repos(store).ledger.append([
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
    expect((await repos(store).ledger.balances(publisher.id)).total).toBe(-100);
  });

  it('applies a migration that landed after a later-numbered one (work merged out of order)', async () => {
    const { store } = context();
    // A database brought up to date before 0033 landed, while 0034 had: 0033 runs next time.
    await store.db.schema.dropTable('promotions').execute();
    await sql`DELETE FROM kysely_migration WHERE name = ${'0033-promotions'}`.execute(store.db);
    expect(await whileNoSchemaIsDropped(() => migrateToLatest(store))).toEqual(['0033-promotions']);
    expect(await store.db.selectFrom('promotions').select('id').execute()).toEqual([]);
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

  it('made in one millisecond, sort in the order they were made (the audit log’s order)', async () => {
    const { newMonotonicId, isId } = await import('../../src/storage/ids.js');
    const ids = Array.from({ length: 1000 }, () => newMonotonicId('audit', 5_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => isId('audit', id))).toBe(true);
    expect(newMonotonicId('audit', 6_000) > ids.at(-1)!).toBe(true);
  });
});
