import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import type { Store } from './database.js';
import * as initialSchema from './migrations/0001-initial-schema.js';

/** Every migration, in order. Forward-only: a mistake is fixed by a new migration. */
const MIGRATIONS = { '0001-initial-schema': initialSchema };

class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly store: Store) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const dialect = this.store.dialect;
    return Promise.resolve(
      Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, migration]) => [
          name,
          { up: (db) => migration.up(db, dialect) },
        ]),
      ),
    );
  }
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Brings the store's schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: new CodeMigrationProvider(store),
    allowUnorderedMigrations: false,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result: MigrationResult) => result.status === 'Error');
    throw new MigrationError(
      `migration ${failed?.migrationName ?? '?'} failed on ${store.location}: ${(error as Error).message}`,
    );
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
