import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Promotions with voucher codes (issue 29). An exclusive code is unique in its program (case
 * does not count), so an order reporting it names one site.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('promotions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('program_id', 'text', (column) => column.notNull().references('programs.id'))
    .addColumn('title_nl', 'text', (column) => column.notNull())
    .addColumn('title_en', 'text', (column) => column.notNull())
    .addColumn('description_nl', 'text')
    .addColumn('description_en', 'text')
    .addColumn('url', 'text')
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('code', 'text')
    .addColumn('code_key', 'text')
    .addColumn('exclusive_site_id', 'text', (column) => column.references('sites.id'))
    .addColumn('starts_at', 'bigint', (column) => column.notNull())
    .addColumn('ends_at', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('promotions_program_ends')
    .on('promotions')
    .columns(['program_id', 'ends_at'])
    .execute();
  await db.schema
    .createIndex('promotions_exclusive_code')
    .on('promotions')
    .columns(['program_id', 'code_key'])
    .unique()
    .where(sql.ref('exclusive_site_id'), 'is not', null)
    .execute();
}
