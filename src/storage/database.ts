import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { StorageConfig } from '../config/storage-config.js';
import type { Database } from './schema.js';
import { configurePgTypes } from './pg-types.js';
import { SQLITE_BUSY_WAIT_MS, SqliteRetryDialect } from './sqlite-busy.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open store: the typed query builder plus what the engine-specific fast paths need. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** For messages: the file or the server and database, never a password. */
  readonly location: string;
  /** The raw SQLite handle, for bulk paths that bypass the query builder. */
  readonly sqlite?: SqliteDatabase.Database;
  /** The PostgreSQL pool, for bulk paths. */
  readonly pool?: pg.Pool;
  /** How it was opened: another thread opens its own connection with it (simulation). */
  readonly config: StorageConfig;
  /** Awaited before each transaction begins (OpenOptions.beforeTransaction). */
  readonly beforeTransaction?: (() => Promise<void>) | undefined;
  close(): Promise<void>;
}

/** WAL pages after which a committing connection checkpoints (64 MiB of 16 KiB pages). */
export const AUTOCHECKPOINT_PAGES = 4000;

/** How a SQLite connection waits for the write lock another connection holds. */
export interface OpenOptions {
  /**
   * `timer` (default, for any thread that serves requests): SQLite refuses at once
   * (`busy_timeout = 0`) and the statement is tried again on a timer, so the event loop never
   * stops in SQLite's busy handler (sqlite-busy.ts). `busy-handler`: SQLite's own wait
   * (`busy_timeout`), for a thread of its own whose synchronous bulk writes may wait in it (the
   * writer thread).
   */
  lockWait?: 'timer' | 'busy-handler';
  /** The longest wait for the lock before SQLITE_BUSY (default 5 s). */
  lockWaitMs?: number;
  /**
   * Awaited before each of the store's transactions begins (SQLite: before it takes the write
   * lock), never inside one: a low-priority thread waits here for its turn (write-turn.ts).
   */
  beforeTransaction?: () => Promise<void>;
}

export function openStore(config: StorageConfig, options: OpenOptions = {}): Store {
  if (config.kind === 'postgres') {
    configurePgTypes();
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize,
      // A database that is away answers within seconds, never a request that hangs.
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    // A connection the server ends (a restart, pg_terminate_backend: 57P01) emits 'error'; with
    // no listener that ends the process. The pool drops the broken client and the next query
    // connects anew, so the error is only reported (Network logs it).
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const url = new URL(config.url);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      location: `postgres://${url.host}${url.pathname}`,
      pool,
      config,
      close: () => db.destroy(),
    };
  }
  mkdirSync(dirname(config.file), { recursive: true });
  const sqlite = new SqliteDatabase(config.file);
  // 16 KiB pages (takes effect on a new file only): measured ~10% faster batched click
  // inserts than 4 KiB, and fewer pages for report scans.
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.synchronous}`);
  const waitMs = options.lockWaitMs ?? SQLITE_BUSY_WAIT_MS;
  // Opening waits in SQLite's busy handler (a new file's WAL switch); see lockWait after that.
  sqlite.pragma(`busy_timeout = ${waitMs}`);
  // A 32 MiB page cache and checkpoints every 4,000 pages (64 MiB of WAL): fewer copies of
  // the B-tree's right edge into the database file under a steady click load.
  sqlite.pragma('cache_size = -32768');
  sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  const database = withStatementCache(sqlite);
  let dialect: SqliteDialect;
  if (options.lockWait === 'busy-handler') dialect = new SqliteDialect({ database });
  else {
    sqlite.pragma('busy_timeout = 0');
    dialect = new SqliteRetryDialect({ database }, sqlite, waitMs);
  }
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    dialect: 'sqlite',
    location: config.file,
    sqlite,
    config,
    beforeTransaction: options.beforeTransaction,
    close: () => db.destroy(),
  };
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query anew; preparing costs as much as running a small query. Reuse
 * prepared statements by SQL text (a busy one, still being iterated, is never shared). Kysely's
 * transactions begin IMMEDIATE.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SqliteDatabase.Statement {
      // Every transaction takes the write lock when it starts, waiting (on a timer, or in
      // SQLite's busy handler on the writer thread) while another connection holds it: with a second writer (the writer thread, another
      // worker process) a deferred transaction that read before writing would fail with
      // SQLITE_BUSY_SNAPSHOT instead of waiting its turn.
      const sql = text === 'begin' ? 'begin immediate' : text;
      let statement = cache.get(sql);
      if (statement === undefined || statement.busy) {
        statement = sqlite.prepare(sql);
        if (cache.size < STATEMENT_CACHE_SIZE) cache.set(sql, statement);
      }
      return statement;
    },
  };
}
