import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * The event outbox (issues 27 and 28): events are written in the transaction of the change
 * they tell of; the dispatcher reads the undispatched ones through a partial index, so the
 * index holds only the few not yet handed on, however long the table grows.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('subject_id', 'text', (column) => column.notNull())
    .addColumn('program_id', 'text')
    .addColumn('publisher_id', 'text')
    .addColumn('advertiser_id', 'text')
    .addColumn('data', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('dispatched_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('events_undispatched')
    .on('events')
    .column('id')
    .where(sql.ref('dispatched_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('events_subject')
    .on('events')
    .columns(['subject_id', 'id'])
    .execute();
}
