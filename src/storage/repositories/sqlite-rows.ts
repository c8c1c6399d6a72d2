import type SqliteDatabase from 'better-sqlite3';

/**
 * Prepared INSERTs on the raw SQLite handle for the order API's hot path: building and
 * compiling a query with Kysely costs more than SQLite takes to insert the row. Statements are
 * cached per table and column set; values bind exactly as Kysely binds them (same driver).
 * Callers run inside a Kysely transaction on the same single connection, so these rows are in
 * that transaction.
 */
export class SqliteRows {
  readonly #statements = new Map<string, SqliteDatabase.Statement>();

  constructor(private readonly sqlite: SqliteDatabase.Database) {}

  /**
   * Inserts `row`; with `onConflict` (its unique columns, or none: any unique index) a duplicate
   * is skipped.
   */
  insert(table: string, row: Record<string, unknown>, onConflict?: readonly string[]): boolean {
    const columns: string[] = [];
    const values: unknown[] = [];
    for (const column in row) {
      const value = row[column];
      if (value === undefined) continue;
      columns.push(column);
      values.push(value);
    }
    const key = `${table}|${columns.join(',')}|${onConflict?.join(',') ?? ''}`;
    let statement = this.#statements.get(key);
    if (statement === undefined) {
      const names = columns.map((column) => `"${column}"`).join(', ');
      const conflict =
        onConflict === undefined
          ? ''
          : onConflict.length === 0
            ? ' ON CONFLICT DO NOTHING'
            : ` ON CONFLICT (${onConflict.map((column) => `"${column}"`).join(', ')}) DO NOTHING`;
      statement = this.sqlite.prepare(
        `INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => '?').join(', ')})${conflict}`,
      );
      this.#statements.set(key, statement);
    }
    // Positional parameters: binding by name looks each one up in SQLite.
    return statement.run(...values).changes === 1;
  }

  /** Runs a statement without parameters (SAVEPOINT, RELEASE …), prepared once. */
  run(sql: string): void {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.sqlite.prepare(sql);
      this.#statements.set(sql, statement);
    }
    statement.run();
  }
}

const handles = new WeakMap<SqliteDatabase.Database, SqliteRows>();

/** The one SqliteRows of a handle (its statement cache lives as long as the handle). */
export function sqliteRowsOf(sqlite: SqliteDatabase.Database): SqliteRows {
  let rows = handles.get(sqlite);
  if (rows === undefined) {
    rows = new SqliteRows(sqlite);
    handles.set(sqlite, rows);
  }
  return rows;
}
