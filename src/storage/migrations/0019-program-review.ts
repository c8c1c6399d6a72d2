import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * The network's review of a program (docs/compliance.md, "Program review"): a program an
 * advertiser creates starts `in_review` and is neither listed nor tracked until the network
 * admin approves it. Every program that exists already (the network's, the CLI's, the demo's)
 * is approved.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('programs')
    .addColumn('review_status', 'text', (column) => column.notNull().defaultTo('approved'))
    .execute();
  await db.schema.alterTable('programs').addColumn('review_reason', 'text').execute();
  await db.schema.alterTable('programs').addColumn('reviewed_at', 'bigint').execute();
  await db.schema.alterTable('programs').addColumn('reviewed_by', 'text').execute();
}
