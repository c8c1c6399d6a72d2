import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore } from '../../src/storage/database.js';
import {
  FALLBACK_AUTOCHECKPOINT_PAGES,
  startWalCheckpointer,
} from '../../src/storage/wal-checkpointer.js';

/**
 * The background WAL checkpointer (`affnet serve` on SQLite): its thread copies the WAL into
 * the database file while the server's connection keeps writing, so the WAL stays small and no
 * commit of a request pays for a checkpoint; stopping it leaves the process free to exit.
 */
it('keeps the WAL checkpointed from its own thread while the server writes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'affnet-wal-'));
  const file = join(dir, 'affnet.db');
  const store = openStore({ kind: 'sqlite', file, synchronous: 'FULL' });
  try {
    await sql`CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(store.db);
    const checkpointer = startWalCheckpointer(store, 20);
    expect(checkpointer, 'the worker is built (npm test builds first)').toBeDefined();
    expect(store.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(
      FALLBACK_AUTOCHECKPOINT_PAGES,
    );
    const insert = store.sqlite!.prepare('INSERT INTO rows (body) VALUES (?)');
    const body = 'x'.repeat(4000);
    for (let batch = 0; batch < 40; batch += 1) {
      store.sqlite!.transaction(() => {
        for (let row = 0; row < 100; row += 1) insert.run(body);
      })();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const last = checkpointer!.last();
    expect(last?.checkpointed).toBeGreaterThan(0);
    // Everything written reached the database file: a reader of the file alone sees it all.
    expect(last?.checkpointed).toBe(last?.log);
    expect((await stat(file)).size).toBeGreaterThan(40 * 100 * 4000);
    await checkpointer!.stop();
    expect(store.sqlite!.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 4000 });
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

it('does nothing for PostgreSQL', () => {
  expect(
    startWalCheckpointer({ dialect: 'postgres' } as Parameters<typeof startWalCheckpointer>[0]),
  ).toBeUndefined();
});
