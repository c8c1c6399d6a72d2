import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * What the advertiser's tracking page shows of its integration (issue 27, item 2): the last
 * reports seen per channel, the last refused ones with their reason, and test conversions with
 * their quote. A few rows per program (the service prunes each kind to its newest), written
 * after the hot path answered (accepted and refused reports) or for a test only; never read by
 * money.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('integration_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text')
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('quote', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('integration_reports_program_kind')
    .on('integration_reports')
    .columns(['program_id', 'kind', 'id'])
    .execute();
}
