import { resolve } from 'node:path';

/** Where and how affnet stores its data. */
export type StorageConfig =
  | { kind: 'sqlite'; file: string; synchronous: 'FULL' | 'NORMAL' }
  | { kind: 'postgres'; url: string; poolSize: number };

/** A configuration variable with a bad value: names the variable and what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
  }
}

/**
 * Reads the storage settings from the environment: `DATABASE_URL` (postgres://…) selects
 * PostgreSQL; otherwise SQLite at `$DATA_DIR/affnet.db` (DATA_DIR defaults to ./data) with
 * `SQLITE_SYNCHRONOUS` FULL (default) or NORMAL.
 */
export function parseStorageConfig(env: NodeJS.ProcessEnv): StorageConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError(
        'DATABASE_URL',
        `expected a PostgreSQL URL such as postgres://user@host:5432/db, got "${url}"`,
      );
    }
    const poolSize = env.DATABASE_POOL_SIZE === undefined ? 10 : Number(env.DATABASE_POOL_SIZE);
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200) {
      throw new ConfigError(
        'DATABASE_POOL_SIZE',
        `expected a whole number from 1 to 200, got "${env.DATABASE_POOL_SIZE}"`,
      );
    }
    return { kind: 'postgres', url, poolSize };
  }
  const dataDir = env.DATA_DIR?.trim() || './data';
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new ConfigError(
      'SQLITE_SYNCHRONOUS',
      `expected FULL or NORMAL, got "${env.SQLITE_SYNCHRONOUS}"`,
    );
  }
  return { kind: 'sqlite', file: resolve(dataDir, 'affnet.db'), synchronous };
}
