import type { Scope } from './scope.js';
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

/**
 * The jobs' watermarks in cache_versions: how far a job has read (a time, and for cursors that
 * page inside one millisecond the id of the last row passed), moved compare-and-set so two
 * processes never do the same work.
 */
export class WatermarksRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Creates the watermark at 0 the first time (a write: call it inside the transaction). */
  async create(name: string): Promise<void> {
    await this.db
      .insertInto('cache_versions')
      .values({ name, version: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /** A watermark as it stands, 0 before its first move. */
  async read(name: string): Promise<number> {
    return (await this.readCursor(name)).at;
  }

  /** A watermark with the id of the last row passed at its time (null: none). */
  async readCursor(name: string): Promise<{ at: number; afterId: string | null }> {
    const row = await this.db
      .selectFrom('cache_versions')
      .select(['version', 'after_id'])
      .where('name', '=', name)
      .executeTakeFirst();
    return { at: Number(row?.version ?? 0), afterId: row?.after_id ?? null };
  }

  /** Moves a watermark from `from` to `to`; false when another process moved it first. */
  async move(name: string, from: number, to: number): Promise<boolean> {
    const result = await this.db
      .updateTable('cache_versions')
      .set({ version: to })
      .where('name', '=', name)
      .where('version', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Moves a cursor (time and id) compare-and-set; false when another process moved it first. */
  async moveCursor(
    name: string,
    from: { at: number; afterId: string | null },
    to: { at: number; afterId: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('cache_versions')
      .set({ version: to.at, after_id: to.afterId })
      .where('name', '=', name)
      .where('version', '=', from.at)
      .where('after_id', from.afterId === null ? 'is' : '=', from.afterId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
