import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { bigint, id, optionalText, text } from './0001-initial-schema/columns.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Program drafts (issue 27, item 4): a new program's terms an advertiser saved without
 * publishing, listed in its console only, until it submits them to the network's review.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await bigint(
    optionalText(
      text(id(db.schema.createTable('program_drafts')), 'advertiser_id', 'slug', 'name', 'source'),
      'setup',
    ),
    'created_at',
    'updated_at',
  )
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('program_drafts_by_advertiser')
    .on('program_drafts')
    .columns(['advertiser_id', 'updated_at'])
    .execute();
}
