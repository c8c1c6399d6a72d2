import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * A program's orders in id order (`affnet programs simulate` pages through them): without it a
 * page is a search by program and a sort of all its orders, so paging was quadratic.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('orders_program_id')
    .on('orders')
    .columns(['program_id', 'id'])
    .execute();
}
