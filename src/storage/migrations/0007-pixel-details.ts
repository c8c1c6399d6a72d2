import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * What a Tradedoubler pixel report said beyond the order itself, kept with the order: its
 * event, the advertiser's user id (`extid`, hashed when it is an email address) and type, the
 * URL form, the checksum's verdict and what the tolerant reader had to forgive (a conflicting
 * repeated parameter, an amount rounded to the cent). JSON; null for orders from the API.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('orders').addColumn('report_details', 'text').execute();
}
