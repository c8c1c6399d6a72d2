import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import {
  ClicksRepository,
  toClickRecord,
} from '../../src/storage/repositories/clicks-repository.js';
import { isDatabaseUnavailable } from '../../src/http/http-errors.js';

/**
 * The request thread's SQLite connection never waits in SQLite's busy handler (which sleeps
 * inside the call, stopping the event loop): while another connection (the writer thread,
 * another process) holds the write lock, a write waits for it on a timer.
 */
describe('a write on the request thread while another connection holds the write lock', () => {
  let dir: string;
  let store: Store;
  let other: SqliteDatabase.Database;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'affnet-busy-'));
    const file = join(dir, 'affnet.db');
    store = openStore({ kind: 'sqlite', file, synchronous: 'FULL' });
    await migrateToLatest(store);
    await sql`CREATE TABLE t (x INTEGER)`.execute(store.db);
    other = new SqliteDatabase(file);
  });

  afterEach(async () => {
    other.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The other connection takes the write lock now, writes a row and commits in `ms`. */
  function holdWriteLock(ms: number): Promise<number> {
    other.exec('BEGIN IMMEDIATE; INSERT INTO t VALUES (0)');
    return new Promise((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT');
        resolve(performance.now());
      }, ms),
    );
  }

  /** The longest the event loop went without running a 5 ms timer, while `work` ran. */
  async function longestStall<T>(work: () => Promise<T>): Promise<{ stallMs: number; result: T }> {
    let last = performance.now();
    let stallMs = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - last);
      last = now;
    }, 5);
    try {
      const result = await work();
      stallMs = Math.max(stallMs, performance.now() - last);
      return { stallMs, result };
    } finally {
      clearInterval(ticker);
    }
  }

  const rows = async () =>
    (await sql<{ x: number }>`SELECT x FROM t ORDER BY x`.execute(store.db)).rows.map(
      (row) => row.x,
    );

  it('waits for a transaction on a timer, never stopping the event loop, and commits after the lock is let go', async () => {
    let runs = 0;
    const released = holdWriteLock(1_000);
    const { stallMs, result } = await longestStall(async () => {
      await store.db.transaction().execute(async (trx) => {
        runs += 1;
        await sql`INSERT INTO t VALUES (1)`.execute(trx);
        await sql`INSERT INTO t VALUES (2)`.execute(trx);
      });
      return performance.now();
    });
    // Without the timer the first BEGIN stops the loop for busy_timeout (5 s), the other
    // connection's COMMIT (a timer) cannot run, and the write fails with SQLITE_BUSY.
    expect(stallMs).toBeLessThan(150);
    expect(result).toBeGreaterThanOrEqual(await released);
    expect(runs).toBe(1);
    expect(await rows()).toEqual([0, 1, 2]);
  });

  it('waits the same way for a statement outside a transaction and for a click batch', async () => {
    const released = holdWriteLock(500);
    const { stallMs } = await longestStall(() =>
      Promise.all([
        sql`INSERT INTO t VALUES (3)`.execute(store.db),
        new ClicksRepository(store).insertBatch([
          toClickRecord({
            id: 1,
            programId: 'prg_1',
            siteId: 'sit_1',
            adId: null,
            epi: null,
            epi2: null,
            ipHash: null,
            signals: {
              userAgent: null,
              referrerHost: null,
              secFetchDest: null,
              secFetchMode: null,
              secFetchUser: null,
              bot: false,
              paidMarkers: [],
              country: null,
              mailingId: null,
            },
            notAttributableReason: null,
          }),
        ]),
      ]),
    );
    await released;
    expect(stallMs).toBeLessThan(150);
    expect(await rows()).toEqual([0, 3]);
    expect(await new ClicksRepository(store).count()).toBe(1);
  });

  it('serves this thread’s reads while a write waits for the lock', async () => {
    const released = holdWriteLock(500);
    const write = store.db
      .transaction()
      .execute((trx) => sql`INSERT INTO t VALUES (4)`.execute(trx));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const readAt = await rows().then(() => performance.now());
    expect(readAt).toBeLessThan(await released);
    await write;
    expect(await rows()).toEqual([0, 4]);
  });

  it('gives up after the longest wait with SQLITE_BUSY, answered 503 database_unavailable', async () => {
    const short = openStore(
      { kind: 'sqlite', file: join(dir, 'affnet.db'), synchronous: 'FULL' },
      { lockWaitMs: 300 },
    );
    try {
      const released = holdWriteLock(1_000);
      const started = performance.now();
      const { stallMs, result } = await longestStall(() =>
        short.db
          .transaction()
          .execute((trx) => sql`INSERT INTO t VALUES (5)`.execute(trx))
          .then(
            () => undefined,
            (error: unknown) => error,
          ),
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(performance.now() - started).toBeLessThan(900);
      expect((result as { code?: string }).code).toBe('SQLITE_BUSY');
      expect(isDatabaseUnavailable(result)).toBe(true);
      expect(stallMs).toBeLessThan(150);
      await released;
      expect(await rows()).toEqual([0]);
    } finally {
      await short.close();
    }
  });
});
