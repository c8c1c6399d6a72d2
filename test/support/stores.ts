import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, type Store } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

let warned = false;

/** A store on a fresh, migrated database: a temp SQLite file, or a new PostgreSQL schema. */
export interface TestStore {
  store: Store;
  /** Opens a second store on the same database (a restart, another process). */
  reopen(): Store;
  /** PostgreSQL only: the connection URL of this test's schema. */
  url?: string;
  dispose(): Promise<void>;
}

export async function createSqliteTestStore(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), 'affnet-store-'));
  const config = {
    kind: 'sqlite' as const,
    file: join(dir, 'affnet.db'),
    synchronous: 'FULL' as const,
  };
  const store = openStore(config);
  await migrateToLatest(store);
  return {
    store,
    reopen: () => openStore(config),
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Kysely's migrator looks for its table through the introspection, which reads every schema's
 * tables on the server; a schema another suite drops in the middle of that read fails it
 * ("schema … does not exist"). Migrations hold this advisory lock shared, drops exclusive.
 */
const SCHEMA_DROP_LOCK = 72_625_025;

async function withSchemaLock<T>(
  baseUrl: string,
  mode: 'shared' | 'exclusive',
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  const suffix = mode === 'shared' ? '_shared' : '';
  try {
    await client.query(`SELECT pg_advisory_lock${suffix}($1)`, [SCHEMA_DROP_LOCK]);
    return await work(client);
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

/** Runs `work` (an introspection, a migration) while no test schema can be dropped. */
export async function whileNoSchemaIsDropped<T>(work: () => Promise<T>): Promise<T> {
  if (TEST_DATABASE_URL === undefined) return work();
  return withSchemaLock(TEST_DATABASE_URL, 'shared', () => work());
}

export async function createPostgresTestStore(baseUrl: string): Promise<TestStore> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  // encodeURIComponent, not URLSearchParams: the driver does not read "+" as a space.
  const separator = baseUrl.includes('?') ? '&' : '?';
  const url = `${baseUrl}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const config = { kind: 'postgres' as const, url, poolSize: 10 };
  const store = openStore(config);
  await withSchemaLock(baseUrl, 'shared', async (admin) => {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await migrateToLatest(store);
  });
  return {
    store,
    url,
    reopen: () => openStore(config),
    dispose: async () => {
      await store.close();
      await withSchemaLock(baseUrl, 'exclusive', (cleanup) =>
        cleanup.query(`DROP SCHEMA ${schema} CASCADE`),
      );
    },
  };
}

/**
 * Runs a suite once per engine: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (and
 * a visible skip when it is not). `context()` gives the suite's fresh store.
 */
export function describeEachEngine(name: string, suite: (context: () => TestStore) => void): void {
  const engines: [string, (() => Promise<TestStore>) | undefined][] = [
    ['sqlite', createSqliteTestStore],
    ['postgres', TEST_DATABASE_URL ? () => createPostgresTestStore(TEST_DATABASE_URL) : undefined],
  ];
  for (const [engine, create] of engines) {
    if (create === undefined) {
      if (!warned) {
        warned = true;
        console.warn(
          'PostgreSQL suites skipped: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run them',
        );
      }
      describe.skip(`${name} [${engine}: skipped, TEST_DATABASE_URL is not set]`, () =>
        suite(() => undefined as never));
      continue;
    }
    describe(`${name} [${engine}]`, () => {
      let context: TestStore;
      beforeAll(async () => {
        context = await create();
      });
      afterAll(async () => {
        await context?.dispose();
      });
      suite(() => context);
    });
  }
}
