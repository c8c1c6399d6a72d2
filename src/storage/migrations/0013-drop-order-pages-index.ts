import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Drops the orders (program_id, id) index of migration 0008: it served the simulation's paging
 * through order documents, which now reads `order_pricing` (migration 0009), and no other query
 * uses it, while every recorded order still paid for maintaining it.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('orders_program_id').execute();
}
