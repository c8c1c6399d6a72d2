import { parseStorageConfig } from '../config/storage-config.js';
import { openStore, type Store } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';
import { DomainError } from '../domain/errors.js';

/** The configured database cannot be reached or opened. */
export class StoreUnavailableError extends DomainError {}

/** Opens the configured store (DATA_DIR / DATABASE_URL) and brings its schema up to date. */
export async function openMigratedStore(
  env: NodeJS.ProcessEnv,
): Promise<{ store: Store; applied: string[] }> {
  let store: Store;
  try {
    store = openStore(parseStorageConfig(env));
  } catch (error) {
    if (
      (error as { code?: string }).code?.startsWith('SQLITE_') ||
      (error as { code?: string }).code === 'EACCES'
    ) {
      throw new StoreUnavailableError(
        'store_unavailable',
        `cannot open the SQLite database: ${(error as Error).message}; check DATA_DIR`,
      );
    }
    throw error;
  }
  try {
    return { store, applied: await migrateToLatest(store) };
  } catch (error) {
    await store.close().catch(() => undefined);
    const code = (error as { code?: string }).code;
    if (
      store.dialect === 'postgres' &&
      (code === 'ECONNREFUSED' ||
        code === 'ENOTFOUND' ||
        code === '3D000' ||
        code === '28P01' ||
        code === '28000')
    ) {
      throw new StoreUnavailableError(
        'store_unavailable',
        `cannot use PostgreSQL at ${store.location}: ${(error as Error).message}; check DATABASE_URL`,
      );
    }
    throw error;
  }
}
