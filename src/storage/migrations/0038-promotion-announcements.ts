import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * `promotion.created` is written when a promotion becomes current, not when it is created
 * (issue 29: a scheduled promotion and its code stay unknown to publishers until it starts).
 * `announced_at` is set in the transaction that appends the event, so it is written once. Every
 * promotion stored before this migration had its event appended when it was created: it counts
 * as announced then, a scheduled one included, so none is announced a second time.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('promotions').addColumn('announced_at', 'bigint').execute();
  await db
    .updateTable('promotions')
    .set({ announced_at: sql.ref('created_at') })
    .execute();
  // The announcement job's lookup: the few promotions not yet announced, by start.
  await db.schema
    .createIndex('promotions_unannounced')
    .on('promotions')
    .column('starts_at')
    .where(sql.ref('announced_at'), 'is', null)
    .execute();
}
