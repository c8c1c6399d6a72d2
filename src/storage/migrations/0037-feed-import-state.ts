import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * A large feed import runs after its upload is answered (202, issue 29): its row is written
 * when it starts, running, and says done or failed (with why) at its end; `updated_at` is its
 * heartbeat, so an import its server stopped in the middle of is seen to have failed.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('feed_imports')
    .addColumn('state', 'text', (column) => column.notNull().defaultTo('done'))
    .execute();
  await db.schema.alterTable('feed_imports').addColumn('failure_code', 'text').execute();
  await db.schema.alterTable('feed_imports').addColumn('failure_reason', 'text').execute();
  await db.schema.alterTable('feed_imports').addColumn('updated_at', 'bigint').execute();
}
