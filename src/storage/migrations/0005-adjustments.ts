import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Adjustments: what an order's later report changes about a commission already paid out (a
 * refund after the payout is clawed back on the next statement; an increase is paid on it).
 * The paid commission itself never changes.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publisher_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('commission_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('statement_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('adjustments_commission')
    .on('adjustments')
    .column('commission_id')
    .execute();
  await db.schema
    .createIndex('adjustments_publisher')
    .on('adjustments')
    .columns(['publisher_id', 'statement_id'])
    .execute();
}
