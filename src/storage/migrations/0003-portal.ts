import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * The portal: brand screening results on each application (AE-P5) and the advertiser's
 * recorded written consent; the program's sign-up flow keeps its pending step in `tokens`.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('memberships')
    .addColumn('brand_matches', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('memberships').addColumn('brand_consent', 'text').execute();
  await db.schema
    .createIndex('memberships_program_status')
    .on('memberships')
    .columns(['program_id', 'status'])
    .execute();
  await db.schema.createIndex('users_publisher').on('users').column('publisher_id').execute();
  await db.schema.createIndex('emails_created').on('emails').column('created_at').execute();
}
