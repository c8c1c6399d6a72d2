import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Advertisers' own ads (issue 27): a text link's words, a landing page on the program's
 * deeplink domains, a banner's size and alt text, when an ad was retired; and the banner's
 * image, stored by the network (PNG, JPEG, GIF or WebP, told by its bytes) and served from it.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const column of ['link_text', 'landing_url', 'alt_text'])
    await db.schema.alterTable('ads').addColumn(column, 'text').execute();
  for (const column of ['width', 'height'])
    await db.schema.alterTable('ads').addColumn(column, 'integer').execute();
  await db.schema.alterTable('ads').addColumn('retired_at', 'bigint').execute();
  await db.schema
    .createTable('ad_images')
    .addColumn('ad_id', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ads_program').on('ads').columns(['program_id', 'status']).execute();
}
