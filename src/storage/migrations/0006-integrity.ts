import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Money-path integrity. Orders remember who reported them (`source`: the anonymous pixel or
 * the advertiser's authenticated API) and who set their attribution (`attributed_by`), so the
 * pixel can never rewrite what the advertiser reported. Node numbers are leased from the
 * database so processes sharing it never make the same click id, and rate limits are counted
 * in the database so every process enforces one budget.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // Orders stored before this migration came through either door; treat them as the
  // advertiser's (the pixel may not change them), the safe side.
  await db.schema
    .alterTable('orders')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('api'))
    .execute();
  await db.schema.alterTable('orders').addColumn('attributed_by', 'text').execute();

  // A generated first password (the network admin's) must be replaced at first login.
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('node_leases')
    .addColumn('node', 'integer', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
}
