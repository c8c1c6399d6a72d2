import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type OpenOptions } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';

/**
 * Under `affnet serve` on SQLite the writer thread (or another process) holds the write lock
 * while it commits; a request writing on the request thread's connection meanwhile waits for it
 * on a timer, and the server keeps answering everything else.
 */
describe('a request that writes while another connection holds the SQLite write lock', () => {
  let dir: string | undefined;
  let t: TestNetwork | undefined;
  let other: SqliteDatabase.Database | undefined;

  afterEach(async () => {
    other?.close();
    await t?.network.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    other = t = dir = undefined;
  });

  async function start(options: OpenOptions = {}) {
    dir = await mkdtemp(join(tmpdir(), 'affnet-lock-wait-'));
    const file = join(dir, 'affnet.db');
    const store = openStore({ kind: 'sqlite', file, synchronous: 'FULL' }, options);
    await migrateToLatest(store);
    t = await startTestNetwork(store);
    other = new SqliteDatabase(file);
    return t;
  }

  /** The other connection holds the write lock for `ms` (a long transaction of the writer). */
  function holdWriteLock(ms: number): Promise<number> {
    other!.exec('BEGIN IMMEDIATE');
    return new Promise((resolve) =>
      setTimeout(() => {
        other!.exec('COMMIT');
        resolve(performance.now());
      }, ms),
    );
  }

  it('is answered once the lock is let go, while the server answers other requests at once', async () => {
    const t = await start();
    const released = holdWriteLock(1_000);
    const order = demoOrder(t, { orderNumber: 'LOCK-1' }).then((response) => ({
      response,
      at: performance.now(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const asked = performance.now();
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(performance.now() - asked).toBeLessThan(300);
    const { response, at } = await order;
    expect(response.statusCode, response.body).toBe(201);
    expect(at).toBeGreaterThanOrEqual(await released);
  });

  it('answers 503 database_unavailable with Retry-After when the lock stays taken past the wait', async () => {
    const t = await start({ lockWaitMs: 300 });
    const released = holdWriteLock(1_000);
    const response = await demoOrder(t, { orderNumber: 'LOCK-2' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'database_unavailable' });
    expect(response.headers['retry-after']).toBe('5');
    await released;
    const retried = await demoOrder(t, { orderNumber: 'LOCK-2' });
    expect(retried.statusCode, retried.body).toBe(201);
  });
});
