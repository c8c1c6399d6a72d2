import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * The minimum payout a statement was settled against, so the statement can say why money was
 * carried over. Null on statements made before (they did not record it).
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('statements').addColumn('minimum_payout_minor', 'bigint').execute();
}
