import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Notifications (issue 27, item 7): the kinds of mail a user switched off (none by default),
 * the commission decisions waiting for a publisher's daily digest, and when an alert about a
 * program (its refused reports) was last sent, so one burst makes one mail. Mail written by an
 * event listener waits `queued` for the mail job, found through a partial index that holds
 * only the few waiting, however long the outbox grows.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('notification_opt_outs')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_opt_outs_pk', ['user_id', 'kind'])
    .execute();
  await db.schema
    .createTable('digest_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publisher_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('commission_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('digest_entries_day')
    .on('digest_entries')
    .columns(['day', 'publisher_id', 'id'])
    .execute();
  await db.schema
    .createTable('notification_alerts')
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_alerts_pk', ['subject_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('emails_queued')
    .on('emails')
    .column('id')
    .where(sql.ref('status'), '=', 'queued')
    .execute();
}
