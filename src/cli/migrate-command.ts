import { openMigratedStore } from './open-store.js';
import type { CliIo } from './cli-io.js';

export const MIGRATE_USAGE = `usage: affnet migrate

Brings the database schema up to date (forward-only). Uses DATABASE_URL when set (PostgreSQL),
else SQLite at $DATA_DIR/affnet.db (DATA_DIR defaults to ./data).
`;

export async function runMigrateCommand(
  _args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { store, applied } = await openMigratedStore(env);
  try {
    io.stdout.write(
      applied.length === 0
        ? `${store.location}: schema is up to date\n`
        : `${store.location}: applied ${applied.join(', ')}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
