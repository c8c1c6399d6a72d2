import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The number of rows in a table. */
export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Rows with status `pending` in a table of per-program rows, for these programs. */
export async function countPendingIn(
  db: Kysely<Database>,
  table: 'memberships' | 'commissions',
  programIds: readonly string[],
): Promise<number> {
  if (programIds.length === 0) return 0;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('program_id', 'in', programIds)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
