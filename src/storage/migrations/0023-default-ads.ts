import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { newId } from '../ids.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * Every program has a default text link ad (issue 27): a program created before programs got
 * one with their creation, and without an active ad, gets one now, named after the program and
 * pointing at its landing URL (created at the program's creation time). The links version is
 * bumped so every node's link cache sees the new ads.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const programs = (await db
    .selectFrom('programs')
    .select(['id', 'name', 'landing_url', 'created_at'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ads')
            .select('ads.id')
            .whereRef('ads.program_id', '=', 'programs.id')
            .where('ads.status', '=', 'active'),
        ),
      ),
    )
    .orderBy('id')
    .execute()) as { id: string; name: string; landing_url: string; created_at: number }[];
  for (const program of programs)
    await db
      .insertInto('ads')
      .values({
        id: newId('ad', Number(program.created_at)),
        program_id: program.id,
        name: program.name,
        kind: 'text',
        content: program.landing_url,
        status: 'active',
        created_at: Number(program.created_at),
      })
      .execute();
  if (programs.length > 0)
    await db
      .updateTable('cache_versions')
      .set({ version: sql`version + 1` })
      .where('name', '=', 'links')
      .execute();
}
