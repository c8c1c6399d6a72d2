import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Tells every tracking process that links (programs, sites, memberships, ads) changed. */
export async function bumpLinksVersion(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('cache_versions')
    .set({ version: sql`version + 1` })
    .where('name', '=', 'links')
    .execute();
}

export async function linksVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('cache_versions')
    .select('version')
    .where('name', '=', 'links')
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
