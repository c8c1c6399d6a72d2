import type { Scope } from './scope.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Fixed-window hit counters shared by every process on the database. */
export class RateLimitsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /**
   * Counts one hit of `key` in the window starting at `windowStart` and returns the hits so
   * far in it. One statement: concurrent hits from several processes are all counted.
   */
  async hit(key: string, windowStart: number): Promise<number> {
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, hits: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`CASE WHEN rate_limits.window_start = ${windowStart} THEN rate_limits.hits + 1 ELSE 1 END`,
          window_start: windowStart,
        }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    return Number(row.hits);
  }

  /** Forgets windows that ended before `before`. */
  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
  }
}
