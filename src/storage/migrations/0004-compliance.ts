import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Compliance: each enforcement action keeps the deadline for a claim against it (AE-E2) and
 * when the publisher was reminded of it; each claim when the advertiser was reminded of its
 * decision deadline (AE-E3). Indexes for the review queue and the scanners.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('enforcement_actions')
    .addColumn('claim_deadline_at', 'bigint')
    .execute();
  await db.schema.alterTable('enforcement_actions').addColumn('reminded_at', 'bigint').execute();
  await db.schema.alterTable('claims').addColumn('reminded_at', 'bigint').execute();
  await db.schema.createIndex('violations_click').on('violations').column('click_id').execute();
  await db.schema.createIndex('claims_action').on('claims').column('action_id').unique().execute();
  await db.schema.createIndex('mailings_link_param').on('mailings').column('link_param').execute();
}
