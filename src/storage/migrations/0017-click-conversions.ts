import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * How many conversions of each limited event a click has earned (NET-R4: one lead per click by
 * default), counted in the transaction that records each one, so a click's tduid replayed with
 * thousands of lead numbers earns the limit and no more. And an index to find the open flags of
 * an order, which keep it from being decided at its validation deadline.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('click_conversions')
    .addColumn('click_id', 'bigint', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('conversions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('click_conversions_pk', ['click_id', 'event'])
    .execute();
  await db.schema.createIndex('violations_order').on('violations').column('order_id').execute();
}
