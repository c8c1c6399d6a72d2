import type { Selectable } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { ClicksTable } from '../schema.js';
import type { Store } from '../database.js';

export type ClickRow = Selectable<ClicksTable>;

/** Column order of bulk inserts; every column of the clicks table. */
const COLUMNS = [
  'id',
  'program_id',
  'site_id',
  'ad_id',
  'publisher_id',
  'epi',
  'epi2',
  'created_at',
  'ip_hash',
  'user_agent',
  'referrer_host',
  'sec_fetch_dest',
  'sec_fetch_mode',
  'sec_fetch_user',
  'is_bot',
  'paid_markers',
  'country',
  'mailing_id',
  'attributable',
  'not_attributable_reason',
] as const satisfies readonly (keyof ClickRow)[];

/** PostgreSQL array types of the columns above, for the unnest bulk insert. */
const PG_TYPES: Record<(typeof COLUMNS)[number], string> = {
  id: 'text',
  program_id: 'text',
  site_id: 'text',
  ad_id: 'text',
  publisher_id: 'text',
  epi: 'text',
  epi2: 'text',
  created_at: 'int8',
  ip_hash: 'text',
  user_agent: 'text',
  referrer_host: 'text',
  sec_fetch_dest: 'text',
  sec_fetch_mode: 'text',
  sec_fetch_user: 'text',
  is_bot: 'int4',
  paid_markers: 'text',
  country: 'text',
  mailing_id: 'text',
  attributable: 'int4',
  not_attributable_reason: 'text',
};

const PG_INSERT = `INSERT INTO clicks (${COLUMNS.join(', ')}) SELECT * FROM unnest(${COLUMNS.map(
  (column, index) => `$${index + 1}::${PG_TYPES[column]}[]`,
).join(', ')})`;

/**
 * Clicks, written in batches: each batch is one transaction, so it lands whole or not at all.
 * SQLite reuses one prepared statement inside a transaction; PostgreSQL sends the batch as
 * one `INSERT … SELECT FROM unnest(arrays)` statement (one round trip, any batch size).
 */
export class ClicksRepository {
  readonly #store: Store;
  #sqliteInsert: ((rows: readonly ClickRow[]) => void) | undefined;

  constructor(store: Store) {
    this.#store = store;
  }

  async insertBatch(rows: readonly ClickRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { sqlite, pool } = this.#store;
    if (sqlite) {
      this.#sqliteInsert ??= prepareSqliteInsert(sqlite);
      this.#sqliteInsert(rows);
      return;
    }
    if (!pool) throw new Error('store has neither a SQLite handle nor a PostgreSQL pool');
    const columns = COLUMNS.map(() => new Array<unknown>(rows.length));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = 0; c < COLUMNS.length; c++) columns[c]![r] = row[COLUMNS[c]!];
    }
    await pool.query(PG_INSERT, columns);
  }

  async count(): Promise<number> {
    const row = await this.#store.db
      .selectFrom('clicks')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async find(id: string): Promise<ClickRow | undefined> {
    return this.#store.db.selectFrom('clicks').selectAll().where('id', '=', id).executeTakeFirst();
  }
}

function prepareSqliteInsert(sqlite: SqliteDatabase.Database): (rows: readonly ClickRow[]) => void {
  const statement = sqlite.prepare(
    `INSERT INTO clicks (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})`,
  );
  return sqlite.transaction((rows: readonly ClickRow[]) => {
    for (const row of rows) statement.run(row);
  });
}
