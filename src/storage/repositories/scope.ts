import type { Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { DialectName } from '../database.js';
import type { Database } from '../schema.js';

/**
 * What every repository is constructed with, and nothing else: the query builder (the store's,
 * or a transaction's), the engine, and the raw handles the bulk paths need. An open `Store`
 * is a scope; `repos(store, trx)` is the same scope bound to a transaction.
 */
export interface Scope {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** The raw SQLite handle (SQLite only), for bulk inserts that bypass the query builder. */
  readonly sqlite?: SqliteDatabase.Database | undefined;
  /** Awaited before a transaction begins on this scope (a store's; none inside one). */
  readonly beforeTransaction?: (() => Promise<void>) | undefined;
  /** The PostgreSQL pool (PostgreSQL only), for COPY. */
  readonly pool?: pg.Pool | undefined;
}
