import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/** Product feeds (issue 29): the products of each program's feed and each import's report. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('feed_products')
    .addColumn('program_id', 'text', (column) => column.notNull().references('programs.id'))
    .addColumn('product_id', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull())
    .addColumn('link', 'text', (column) => column.notNull())
    .addColumn('image_link', 'text', (column) => column.notNull())
    .addColumn('price_minor', 'bigint', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('sale_price_minor', 'bigint')
    .addColumn('availability', 'text', (column) => column.notNull())
    .addColumn('brand', 'text')
    .addColumn('gtin', 'text')
    .addColumn('mpn', 'text')
    .addColumn('google_product_category', 'text')
    .addColumn('product_type', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('last_import_id', 'text', (column) => column.notNull())
    .addColumn('first_seen_at', 'bigint', (column) => column.notNull())
    .addColumn('changed_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('feed_products_pk', ['program_id', 'product_id'])
    .execute();
  await db.schema
    .createTable('feed_imports')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('program_id', 'text', (column) => column.notNull().references('programs.id'))
    .addColumn('format', 'text', (column) => column.notNull())
    .addColumn('accepted', 'integer', (column) => column.notNull())
    .addColumn('refused', 'integer', (column) => column.notNull())
    .addColumn('gone', 'integer', (column) => column.notNull())
    .addColumn('refused_rows', 'text', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('feed_imports_program')
    .on('feed_imports')
    .columns(['program_id', 'created_at'])
    .execute();
}
