import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../database.js';
import { bigint, flag, id, optionalBigint, optionalText, text, type Table } from './columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/** Clicks, orders, their lines and commissions, the ledger and the exchange rates. */
export async function createTrackingAndOrders(
  db: Kysely<any>,
  dialect: DialectName,
): Promise<void> {
  const create = (name: string) => db.schema.createTable(name);
  // INTEGER PRIMARY KEY makes the id SQLite's row key: one B-tree for the hottest table. The id
  // holds the click's time (click-ids.ts), so there is no time column: time ranges are key
  // ranges, and reports read rollups. No secondary index.
  await optionalText(
    text(
      create('clicks').addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
        c.primaryKey(),
      ),
      'program_id',
      'site_id',
      'signals',
    ),
    'ad_id',
    'epi',
    'epi2',
    'ip_hash',
    'not_attributable_reason',
  ).execute();

  await bigint(
    flag(
      flag(
        optionalText(
          text(
            id(create('orders')),
            'program_id',
            'order_number',
            'currency',
            'status',
            'quote_status',
            'attribution',
            'document',
            'quote',
          ),
          'publisher_id',
          'site_id',
          'buyer_country',
          'terms_id',
        ),
        'new_buyer',
      ),
      'fraud',
    ),
    'placed_at',
    'total_minor',
    'revision',
    'created_at',
    'updated_at',
  )
    .addColumn('click_id', 'bigint')
    .addColumn('ad_id', 'text')
    .addColumn('epi', 'text')
    .addColumn('value_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('orders_program_number_unique', ['program_id', 'order_number'])
    .execute();
  await db.schema
    .createIndex('orders_publisher_time')
    .on('orders')
    .columns(['publisher_id', 'placed_at'])
    .execute();

  await bigint(
    flag(
      optionalText(
        text(
          id(create('order_lines')),
          'order_id',
          'sku',
          'category',
          'seller_country',
          'store',
          'status',
          'rate',
          'reasons',
          'rule',
        ),
        'name',
      ),
      'commissionable',
    ),
    'line_no',
    'unit_price_minor',
    'quantity',
    'discount_minor',
    'service_fee_minor',
    'base_minor',
    'commission_minor',
  )
    .addUniqueConstraint('order_lines_order_line_unique', ['order_id', 'line_no'])
    .execute();

  await optionalText(
    optionalBigint(
      bigint(
        text(id(create('commissions')), 'program_id', 'publisher_id', 'kind', 'currency', 'status'),
        'amount_minor',
        'created_at',
        'updated_at',
      ),
      'validation_due_at',
    ),
    'order_id',
    'site_id',
    'reason',
    'rule',
    'statement_id',
  ).execute();
  // One product and one bonus commission per order; adjustments (order_id null) are free.
  await db.schema
    .createIndex('commissions_order_kind_unique')
    .on('commissions')
    .columns(['order_id', 'kind'])
    .unique()
    .execute();
  await db.schema
    .createIndex('commissions_publisher_status')
    .on('commissions')
    .columns(['publisher_id', 'status'])
    .execute();

  await createLedger(db, dialect);

  await bigint(text(create('exchange_rates'), 'currency', 'date', 'rate', 'source'), 'imported_at')
    .addPrimaryKeyConstraint('exchange_rates_pk', ['currency', 'date'])
    .execute();
}

async function createLedger(db: Kysely<any>, dialect: DialectName): Promise<void> {
  let table: Table = db.schema
    .createTable('ledger_entries')
    .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    );
  table = text(table, 'id', 'publisher_id', 'account', 'kind', 'currency', 'reason', 'actor');
  table = optionalText(table, 'program_id', 'commission_id', 'order_id', 'rule');
  table = bigint(table, 'amount_minor', 'created_at');
  await table.addUniqueConstraint('ledger_entries_id_unique', ['id']).execute();
  await db.schema
    .createIndex('ledger_publisher')
    .on('ledger_entries')
    .columns(['publisher_id', 'account'])
    .execute();
  await db.schema
    .createIndex('ledger_commission')
    .on('ledger_entries')
    .column('commission_id')
    .execute();

  // Append-only, enforced by the database itself: no code path can edit history.
  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: write a reversing entry instead';
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only()`.execute(db);
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ledger_entries_no_${event.toLowerCase()} BEFORE ${event} ON ledger_entries
           BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: write a reversing entry instead'); END`,
        )
        .execute(db);
    }
  }
}
