import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * The VAT number the network verified for each publisher (VIES or papers): a statement that
 * adds VAT is paid only while the number it was issued with is the verified one, so a made-up
 * number cannot draw 21 % more. A changed number is unverified until the network verifies it.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('publishers').addColumn('vat_number_verified', 'text').execute();
}
