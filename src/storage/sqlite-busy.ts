import type SqliteDatabase from 'better-sqlite3';
import {
  SqliteDialect,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';

/**
 * How long a write waits in all for SQLite's one write lock held by another connection (the
 * writer thread, another process) before it is refused with SQLITE_BUSY, which the HTTP edge
 * answers `503 database_unavailable` with Retry-After.
 */
export const SQLITE_BUSY_WAIT_MS = 5_000;

/** The pauses between attempts, as SQLite's own busy handler sleeps; then 100 ms each. */
const PAUSES_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/** True when SQLite refused a statement because another connection holds the lock it needs. */
export function isSqliteBusy(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { code?: unknown }).code === 'SQLITE_BUSY' ||
      (error as { code?: unknown }).code === 'SQLITE_BUSY_RECOVERY')
  );
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt`, and again after a pause on a timer each time SQLite refuses it with
 * SQLITE_BUSY (the event loop serves other requests meanwhile), for up to `waitMs` in all;
 * then the last refusal is thrown. `attempt` must change nothing when it is refused: a
 * statement outside a transaction, a BEGIN, or a whole transaction that rolls back.
 * `between` runs before each pause and `resume` after it (to let go of the connection).
 */
export async function retryWhileBusy<T>(
  attempt: () => T | Promise<T>,
  waitMs: number = SQLITE_BUSY_WAIT_MS,
  between?: { before(): Promise<void>; after(): Promise<void> },
): Promise<T> {
  const started = performance.now();
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const waited = performance.now() - started;
      if (!isSqliteBusy(error) || waited >= waitMs) throw error;
      await between?.before();
      await pause(Math.min(PAUSES_MS[Math.min(tries, PAUSES_MS.length - 1)]!, waitMs - waited));
      await between?.after();
    }
  }
}

/**
 * Kysely's SQLite dialect for a connection opened with `busy_timeout = 0`: a statement SQLite
 * refuses because another connection holds the write lock is tried again on a timer instead of
 * in SQLite's busy handler, which sleeps inside the call and so stops the whole event loop.
 * Only what had no effect is tried again: a transaction's BEGIN (IMMEDIATE: it takes the lock
 * first, so nothing inside a transaction ever waits for it) and a statement outside any
 * transaction. Between two tries of a BEGIN the connection is free for this thread's other
 * queries (a page that only reads does not wait behind a write that waits for the lock).
 */
export class SqliteRetryDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly waitMs: number,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new RetryDriver(super.createDriver(), this.sqlite, this.waitMs);
  }
}

class RetryDriver implements Driver {
  readonly #connections = new WeakMap<DatabaseConnection, RetryConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly waitMs: number,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const raw = await this.inner.acquireConnection();
    let connection = this.#connections.get(raw);
    if (connection === undefined) {
      connection = new RetryConnection(raw, this.sqlite, this.waitMs);
      this.#connections.set(raw, connection);
    }
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const raw = rawOf(connection);
    return retryWhileBusy(() => this.inner.beginTransaction(raw, settings), this.waitMs, {
      // SQLite has one connection per store: letting go of it and taking it back is safe.
      before: () => this.inner.releaseConnection(raw),
      after: async () => void (await this.inner.acquireConnection()),
    });
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(rawOf(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(rawOf(connection));
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) =>
    this.inner.savepoint!(rawOf(connection), name, compile);

  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) =>
    this.inner.rollbackToSavepoint!(rawOf(connection), name, compile);

  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) =>
    this.inner.releaseSavepoint!(rawOf(connection), name, compile);

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(rawOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function rawOf(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof RetryConnection ? connection.raw : connection;
}

class RetryConnection implements DatabaseConnection {
  constructor(
    readonly raw: DatabaseConnection,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly waitMs: number,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction (begun IMMEDIATE: it holds the write lock) nothing waits for the
    // lock; should SQLite refuse a statement there anyway, the transaction fails whole.
    if (this.sqlite.inTransaction) return this.raw.executeQuery<R>(query);
    return retryWhileBusy(() => this.raw.executeQuery<R>(query), this.waitMs);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.raw.streamQuery<R>(query, chunkSize);
  }
}
