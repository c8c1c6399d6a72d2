import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * The voucher codes published promotions gave up (deleted, or their code changed), with the
 * site each was exclusive to (null: every publisher): a code published to one site never
 * becomes exclusive to another one by a new promotion (issue 29), as an edit cannot make it.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('promotion_code_history')
    .addColumn('program_id', 'text', (column) => column.notNull().references('programs.id'))
    .addColumn('code_key', 'text', (column) => column.notNull())
    .addColumn('code', 'text', (column) => column.notNull())
    .addColumn('exclusive_site_id', 'text')
    .addColumn('promotion_id', 'text', (column) => column.notNull())
    .addColumn('retired_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('promotion_code_history_code')
    .on('promotion_code_history')
    .columns(['program_id', 'code_key'])
    .execute();
}
