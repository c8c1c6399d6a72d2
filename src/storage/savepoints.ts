import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Scope } from './repositories/scope.js';
import { sqliteRowsOf } from './repositories/sqlite-rows.js';

/**
 * Runs savepoint statements (`SAVEPOINT x`, `RELEASE x`, `ROLLBACK TO x`) in transaction `trx`
 * of `store`: on SQLite straight on the handle the transaction runs on (prepared once), as Kysely
 * would compile it anew for every order.
 */
export function savepointRunner(
  store: Scope,
  trx: Kysely<Database>,
): (statement: string) => Promise<unknown> {
  const sqlite = store.sqlite;
  if (store.dialect === 'sqlite' && sqlite !== undefined) {
    const raw = sqliteRowsOf(sqlite);
    return (statement) => {
      raw.run(statement);
      return Promise.resolve();
    };
  }
  return (statement) => sql.raw(statement).execute(trx);
}
