import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, FeedImportsTable, FeedProductsTable } from '../schema.js';
import type { Scope } from './scope.js';
import { sqliteFeedPagesOf, type SqliteFeedPages } from './sqlite-feed-pages.js';
import { DOWNLOAD_COLUMNS } from './feed-download-columns.js';

export type StoredFeedProduct = Selectable<FeedProductsTable>;

/** A product as a publisher's download reads it. */
export type DownloadProduct = Pick<StoredFeedProduct, (typeof DOWNLOAD_COLUMNS)[number]>;
export type StoredFeedImport = Selectable<FeedImportsTable>;

/** What a publisher's download filters by (prices in the products' minor units). */
export interface FeedFilter {
  category?: string | undefined;
  brand?: string | undefined;
  minPriceMinor?: number | undefined;
  maxPriceMinor?: number | undefined;
  changedSinceMs?: number | undefined;
}

/** Product feeds (issue 29): products upserted in batches, pages read in product id order. */
export class FeedsRepository {
  private readonly db: Kysely<Database>;
  readonly #sqlitePages: SqliteFeedPages | undefined;

  /** On SQLite a download's pages are read through the raw handle; elsewhere through Kysely. */
  constructor(scope: Scope) {
    this.db = scope.db;
    this.#sqlitePages =
      scope.dialect === 'sqlite' && scope.sqlite !== undefined
        ? sqliteFeedPagesOf(scope.sqlite)
        : undefined;
  }

  /**
   * Writes a batch of an import's products (ids distinct within the batch): new ones inserted,
   * known ones replaced and stamped with the import (a product whose values did not change
   * keeps its `changed_at`). A product this import already wrote (its id listed twice in the
   * file) is left as the first row made it; the ids written are returned, so the caller learns
   * the repeats without remembering every id of the file.
   */
  async upsert(rows: readonly Insertable<FeedProductsTable>[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written = await this.db
      .insertInto('feed_products')
      .values([...rows])
      .onConflict((oc) =>
        oc
          .columns(['program_id', 'product_id'])
          .doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            description: eb.ref('excluded.description'),
            link: eb.ref('excluded.link'),
            image_link: eb.ref('excluded.image_link'),
            price_minor: eb.ref('excluded.price_minor'),
            currency: eb.ref('excluded.currency'),
            sale_price_minor: eb.ref('excluded.sale_price_minor'),
            availability: eb.ref('excluded.availability'),
            brand: eb.ref('excluded.brand'),
            gtin: eb.ref('excluded.gtin'),
            mpn: eb.ref('excluded.mpn'),
            google_product_category: eb.ref('excluded.google_product_category'),
            product_type: eb.ref('excluded.product_type'),
            status: eb.ref('excluded.status'),
            last_import_id: eb.ref('excluded.last_import_id'),
            changed_at: eb
              .case()
              .when(
                eb.or([
                  eb('feed_products.status', '!=', eb.ref('excluded.status')),
                  eb('feed_products.price_minor', '!=', eb.ref('excluded.price_minor')),
                  eb('feed_products.title', '!=', eb.ref('excluded.title')),
                  eb('feed_products.link', '!=', eb.ref('excluded.link')),
                  eb('feed_products.availability', '!=', eb.ref('excluded.availability')),
                ]),
              )
              .then(eb.ref('excluded.changed_at'))
              .else(eb.ref('feed_products.changed_at'))
              .end(),
          }))
          .where('feed_products.last_import_id', '!=', (eb) => eb.ref('excluded.last_import_id')),
      )
      .returning('product_id')
      .execute();
    return new Set(written.map((row) => row.product_id));
  }

  /** Marks the program's products an import did not list as gone (never deleted); how many. */
  async markGone(programId: string, importId: string, nowMs: number): Promise<number> {
    const result = await this.db
      .updateTable('feed_products')
      .set({ status: 'gone', changed_at: nowMs })
      .where('program_id', '=', programId)
      .where('last_import_id', '!=', importId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async recordImport(row: Insertable<FeedImportsTable>): Promise<void> {
    await this.db.insertInto('feed_imports').values(row).execute();
  }

  /** Whether an import of the program is running (its heartbeat later than `aliveAfterMs`). */
  async hasRunningImport(programId: string, aliveAfterMs: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('feed_imports')
      .select('id')
      .where('program_id', '=', programId)
      .where('state', '=', 'running')
      .where('updated_at', '>', aliveAfterMs)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A running import's progress so far, and its heartbeat. */
  async importProgress(
    importId: string,
    accepted: number,
    refused: number,
    nowMs: number,
  ): Promise<void> {
    await this.db
      .updateTable('feed_imports')
      .set({ accepted, refused, updated_at: nowMs })
      .where('id', '=', importId)
      .where('state', '=', 'running')
      .execute();
  }

  /** A running import's end: its report (done) or why it failed. */
  async endImport(
    importId: string,
    end:
      | { state: 'done'; accepted: number; refused: number; gone: number; refusedRows: string }
      | { state: 'failed'; code: string; reason: string },
    nowMs: number,
  ): Promise<void> {
    await this.db
      .updateTable('feed_imports')
      .set(
        end.state === 'done'
          ? {
              state: 'done',
              accepted: end.accepted,
              refused: end.refused,
              gone: end.gone,
              refused_rows: end.refusedRows,
              updated_at: nowMs,
            }
          : {
              state: 'failed',
              failure_code: end.code,
              failure_reason: end.reason,
              updated_at: nowMs,
            },
      )
      .where('id', '=', importId)
      .where('state', '=', 'running')
      .execute();
  }

  /** One import of the program (another program's is not found). */
  async importOf(programId: string, importId: string): Promise<StoredFeedImport | undefined> {
    return this.db
      .selectFrom('feed_imports')
      .selectAll()
      .where('id', '=', importId)
      .where('program_id', '=', programId)
      .executeTakeFirst();
  }

  /** The program's last import that ended with its report (running and failed ones aside). */
  async lastImport(programId: string): Promise<StoredFeedImport | undefined> {
    return this.db
      .selectFrom('feed_imports')
      .selectAll()
      .where('program_id', '=', programId)
      .where('state', '=', 'done')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The program's active products (the program page's count). */
  async activeCount(programId: string): Promise<number> {
    const row = await this.db
      .selectFrom('feed_products')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('program_id', '=', programId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /**
   * A page of the program's products after `afterId` in product id order: active ones (and,
   * with `changedSince`, gone ones changed since, so a client learns what left).
   */
  async page(
    programId: string,
    filter: FeedFilter,
    afterId: string,
    limit: number,
  ): Promise<DownloadProduct[]> {
    if (this.#sqlitePages !== undefined)
      return this.#sqlitePages.page(programId, filter, afterId, limit);
    let query = this.db
      .selectFrom('feed_products')
      .select(DOWNLOAD_COLUMNS)
      .where('program_id', '=', programId)
      .where('product_id', '>', afterId);
    if (filter.changedSinceMs !== undefined)
      query = query.where('changed_at', '>=', filter.changedSinceMs);
    else query = query.where('status', '=', 'active');
    if (filter.category !== undefined)
      query = query.where((eb) =>
        eb.or([
          eb('google_product_category', '=', filter.category!),
          eb('product_type', '=', filter.category!),
        ]),
      );
    if (filter.brand !== undefined) query = query.where('brand', '=', filter.brand);
    if (filter.minPriceMinor !== undefined)
      query = query.where('price_minor', '>=', filter.minPriceMinor);
    if (filter.maxPriceMinor !== undefined)
      query = query.where('price_minor', '<=', filter.maxPriceMinor);
    return query.orderBy('product_id').limit(limit).execute();
  }
}
