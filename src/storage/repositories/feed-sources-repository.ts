import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, FeedImportsTable, FeedSourcesTable } from '../schema.js';
import type { Scope } from './scope.js';

export type StoredFeedSource = Selectable<FeedSourcesTable>;

/**
 * Scheduled feed URLs (issue 29), one per program. The fetch job reads the due ones and claims
 * each by moving its `next_fetch_at` on (a node that dies mid-fetch leaves it due again then).
 */
export class FeedSourcesRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async find(programId: string): Promise<StoredFeedSource | undefined> {
    return this.db
      .selectFrom('feed_sources')
      .selectAll()
      .where('program_id', '=', programId)
      .executeTakeFirst();
  }

  /**
   * Stores the program's source: a new one, or the URL and schedule of the one it has. A new
   * URL forgets the old one's validators, failures and alert (its answers say nothing of it).
   */
  async put(row: Insertable<FeedSourcesTable>, urlChanged: boolean): Promise<void> {
    const keep: Updateable<FeedSourcesTable> = {
      url: row.url,
      every_minutes: row.every_minutes,
      next_fetch_at: row.next_fetch_at,
      actor: row.actor,
      updated_at: row.updated_at,
    };
    const reset: Updateable<FeedSourcesTable> = urlChanged
      ? { etag: null, last_modified: null, failures: 0, alerted_at: null }
      : {};
    await this.db
      .insertInto('feed_sources')
      .values(row)
      .onConflict((oc) => oc.column('program_id').doUpdateSet({ ...keep, ...reset }))
      .execute();
  }

  async delete(programId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('feed_sources')
      .where('program_id', '=', programId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The sources due at `nowMs`, the longest waiting first. */
  async due(nowMs: number, limit: number): Promise<StoredFeedSource[]> {
    return this.db
      .selectFrom('feed_sources')
      .selectAll()
      .where('next_fetch_at', '<=', nowMs)
      .orderBy('next_fetch_at')
      .orderBy('program_id')
      .limit(limit)
      .execute();
  }

  /**
   * Claims a due source until `leaseUntil`; false when another run claimed it, or its advertiser
   * changed or deleted it, since it was read.
   */
  async claim(source: StoredFeedSource, leaseUntil: number): Promise<boolean> {
    const result = await this.db
      .updateTable('feed_sources')
      .set({ next_fetch_at: leaseUntil })
      .where('program_id', '=', source.program_id)
      .where('next_fetch_at', '=', source.next_fetch_at)
      .where('url', '=', source.url)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Records a fetch's outcome, unless the source's URL changed meanwhile (the advertiser's new
   * one is fetched on its own schedule).
   */
  async record(
    programId: string,
    url: string,
    change: Updateable<FeedSourcesTable>,
  ): Promise<void> {
    await this.db
      .updateTable('feed_sources')
      .set(change)
      .where('program_id', '=', programId)
      .where('url', '=', url)
      .execute();
  }

  /** The report of the import a fetch made (its program's, by id). */
  async importOf(
    programId: string,
    importId: string,
  ): Promise<Selectable<FeedImportsTable> | undefined> {
    return this.db
      .selectFrom('feed_imports')
      .selectAll()
      .where('program_id', '=', programId)
      .where('id', '=', importId)
      .executeTakeFirst();
  }
}
