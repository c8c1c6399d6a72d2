import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * A watermark over a key that is not unique (orders' `created_at`: many orders share a
 * millisecond) also keeps the id of the last row it passed at `version`, so a page that ends
 * inside a millisecond resumes after that row instead of skipping the rest of the millisecond.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('cache_versions').addColumn('after_id', 'text').execute();
}
