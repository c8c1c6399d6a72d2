import type SqliteDatabase from 'better-sqlite3';
import type { DownloadProduct, FeedFilter } from './feeds-repository.js';
import { DOWNLOAD_COLUMNS } from './feed-download-columns.js';

/**
 * A download's pages on SQLite through the raw handle (issue 29): a prepared statement per
 * filter shape, rows read as arrays and made into objects here. Building and compiling the
 * query with Kysely, and the driver making an object of every row's 19 columns, cost more
 * than SQLite takes to read the page (profiled: about half of a download's time). Values are
 * the driver's own, as Kysely returns them (same driver, same settings).
 */
export class SqliteFeedPages {
  readonly #statements = new Map<string, SqliteDatabase.Statement<unknown[], unknown[]>>();

  constructor(private readonly sqlite: SqliteDatabase.Database) {}

  page(programId: string, filter: FeedFilter, afterId: string, limit: number): DownloadProduct[] {
    const where = ['"program_id" = ?', '"product_id" > ?'];
    const values: unknown[] = [programId, afterId];
    if (filter.changedSinceMs !== undefined) {
      where.push('"changed_at" >= ?');
      values.push(filter.changedSinceMs);
    } else where.push(`"status" = 'active'`);
    if (filter.category !== undefined) {
      where.push('("google_product_category" = ? OR "product_type" = ?)');
      values.push(filter.category, filter.category);
    }
    if (filter.brand !== undefined) {
      where.push('"brand" = ?');
      values.push(filter.brand);
    }
    if (filter.minPriceMinor !== undefined) {
      where.push('"price_minor" >= ?');
      values.push(filter.minPriceMinor);
    }
    if (filter.maxPriceMinor !== undefined) {
      where.push('"price_minor" <= ?');
      values.push(filter.maxPriceMinor);
    }
    values.push(limit);
    const sql = `SELECT ${COLUMNS} FROM "feed_products" WHERE ${where.join(' AND ')} ORDER BY "product_id" LIMIT ?`;
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.sqlite.prepare<unknown[], unknown[]>(sql).raw(true);
      this.#statements.set(sql, statement);
    }
    const rows = statement.all(...values) as Row[];
    const page: DownloadProduct[] = new Array<DownloadProduct>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      page[i] = {
        product_id: r[0],
        title: r[1],
        description: r[2],
        link: r[3],
        image_link: r[4],
        price_minor: r[5],
        currency: r[6],
        sale_price_minor: r[7],
        availability: r[8],
        brand: r[9],
        gtin: r[10],
        mpn: r[11],
        google_product_category: r[12],
        product_type: r[13],
        status: r[14],
      };
    }
    return page;
  }
}

/** The columns a download reads, in `Row`'s order. */
const COLUMNS = DOWNLOAD_COLUMNS.map((column) => `"${column}"`).join(', ');

type P = DownloadProduct;
type Row = [
  P['product_id'],
  P['title'],
  P['description'],
  P['link'],
  P['image_link'],
  P['price_minor'],
  P['currency'],
  P['sale_price_minor'],
  P['availability'],
  P['brand'],
  P['gtin'],
  P['mpn'],
  P['google_product_category'],
  P['product_type'],
  P['status'],
];

const handles = new WeakMap<SqliteDatabase.Database, SqliteFeedPages>();

/** The one SqliteFeedPages of a handle (its statements live as long as the handle). */
export function sqliteFeedPagesOf(sqlite: SqliteDatabase.Database): SqliteFeedPages {
  let pages = handles.get(sqlite);
  if (pages === undefined) {
    pages = new SqliteFeedPages(sqlite);
    handles.set(sqlite, pages);
  }
  return pages;
}
