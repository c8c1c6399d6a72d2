import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * A commission held by a compliance flag keeps the decision the hold suspended (NET-R8: status,
 * reason, rule, approval time and decider, as JSON), so the flag's dismissal restores it instead
 * of returning the order to pending or moving its invoice month. Null on every other commission
 * and on holds made before (their release falls back to who approved them).
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('commissions').addColumn('suspended_decision', 'text').execute();
}
