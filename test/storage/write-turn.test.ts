import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeTurn } from '../../src/services/write-turn.js';
import { openStore, type Store } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The integrations thread's turn on SQLite's write lock (write-turn.ts): its transactions
 * begin when the writer thread has nothing in flight, or after the longest wait at the latest,
 * and the wait happens before a transaction begins, never inside one.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const inFlight = () => new Int32Array(new SharedArrayBuffer(4));

it('begins at once while the writer is idle', async () => {
  const busy = inFlight();
  const started = performance.now();
  await writeTurn(busy, 10_000)();
  expect(performance.now() - started).toBeLessThan(1_000);
});

it('waits while the writer has work in flight and begins once it has none', async () => {
  const busy = inFlight();
  Atomics.store(busy, 0, 2);
  let begun = false;
  const turn = writeTurn(busy, 10_000)().then(() => (begun = true));
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(begun).toBe(false);
  Atomics.store(busy, 0, 0);
  await turn;
  expect(begun).toBe(true);
});

it('begins after the longest wait while the writer stays busy, so integrations never starve', async () => {
  const busy = inFlight();
  Atomics.store(busy, 0, 1);
  let clock = 0;
  const turn = writeTurn(busy, 500, () => (clock += 100))();
  await turn; // resolves once the fake clock passed 500 ms, with the writer still busy
  expect(clock).toBeGreaterThanOrEqual(500);
  expect(Atomics.load(busy, 0)).toBe(1);
});

async function storeWith(beforeTransaction: () => Promise<void>): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'affnet-turn-'));
  const store = openStore(
    { kind: 'sqlite', file: join(dir, 'affnet.db'), synchronous: 'FULL' },
    { lockWait: 'busy-handler', beforeTransaction },
  );
  cleanups.push(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateToLatest(store);
  return store;
}

it("a store's transactions await its turn before they begin, and only then", async () => {
  const turns: string[] = [];
  const store = await storeWith(() => {
    turns.push('turn');
    return Promise.resolve();
  });
  const r = repos(store);
  await r.transaction(async (t) => {
    turns.push('work');
    // Repositories of the transaction (and of it re-scoped) never wait again inside it.
    await t.settings.get('anything');
    await repos(t).settings.get('anything');
    expect(t.scope.beforeTransaction).toBeUndefined();
  });
  expect(turns).toEqual(['turn', 'work']);
});
