import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Scheduled feed URLs (issue 29): at most one per program, fetched every `every_minutes` with
 * the validators of its last answer (ETag, Last-Modified); failures counted for the backoff and
 * the advertiser's alert. The fetch job finds the due ones by `next_fetch_at`.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('feed_sources')
    .addColumn('program_id', 'text', (column) => column.primaryKey().references('programs.id'))
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('every_minutes', 'integer', (column) => column.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'bigint')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_import_id', 'text')
    .addColumn('next_fetch_at', 'bigint', (column) => column.notNull())
    .addColumn('failures', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('alerted_at', 'bigint')
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('feed_sources_due')
    .on('feed_sources')
    .columns(['next_fetch_at'])
    .execute();
}
