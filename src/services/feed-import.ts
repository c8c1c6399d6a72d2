import type { Readable } from 'node:stream';
import type { Insertable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { FeedProductsTable } from '../storage/schema.js';
import { repos } from '../storage/repositories/repos.js';
import { productOf, type RowRefusalCode } from '../domain/feeds/product-row.js';
import { feedRecords, type FeedFormat } from '../feeds/feed-records.js';
import type { CachedProgram } from '../tracking/link-cache.js';

/**
 * A refused row: where it is (`row`, the data row or XML item, 1-based; `line`, for CSV/TSV,
 * the file's line it starts on, the header being line 1), its product id when it has one, and
 * why: a stable code with the values its words need, and the reason in English.
 */
export interface RefusedRow {
  row: number;
  line?: number;
  productId?: string;
  code: RowRefusalCode;
  values: Record<string, string | number>;
  reason: string;
}

/**
 * What an import reports: rows accepted, refused (the first 1,000 with their reasons, in row
 * order), gone.
 */
export interface FeedImportReport {
  status: 'done';
  importId: string;
  accepted: number;
  refusedCount: number;
  refused: RefusedRow[];
  gone: number;
}

const BATCH = 500;
const REFUSALS_KEPT = 1000;

/**
 * Reads a feed file and writes its products stamped with `importId`, a batch at a time: the
 * report so far (gone not yet counted). `check` runs before each batch is written (it throws
 * to stop the import); `onBatch` after.
 */
export async function importFeedRows(
  store: Store,
  program: CachedProgram,
  importId: string,
  format: FeedFormat,
  input: Readable,
  nowMs: number,
  check: () => void,
  onBatch?: (soFar: FeedImportReport) => Promise<void>,
): Promise<FeedImportReport> {
  const programId = program.id;
  const deeplinks = program.terms.file.tracking.deeplinking;
  const r = repos(store);
  const report: FeedImportReport = {
    status: 'done',
    importId,
    accepted: 0,
    refusedCount: 0,
    refused: [],
    gone: 0,
  };
  // Bounded memory (a feed of a million products): the batch and its refusals are all an
  // import holds. An id listed twice is found within the batch here, and across batches by
  // the database (a product this import already wrote is not written again).
  let batch: Insertable<FeedProductsTable>[] = [];
  let rowsOf = new Map<string, { row: number; line?: number }>();
  let pending: RefusedRow[] = [];
  const refuse = (refused: RefusedRow) => {
    report.refusedCount += 1;
    pending.push(refused);
  };
  const listedTwice = (at: { row: number; line?: number }, productId: string) =>
    refuse({
      ...at,
      productId,
      code: 'listed_twice',
      values: { id: productId },
      reason: `id: "${productId}" is listed twice; the first row counts`,
    });
  const flush = async () => {
    const rows = batch;
    const rowOf = rowsOf;
    batch = [];
    rowsOf = new Map();
    if (rows.length > 0) {
      check();
      const written = await r.transaction((t) => t.feeds.upsert(rows));
      report.accepted += written.size;
      if (written.size < rows.length)
        for (const product of rows)
          if (!written.has(product.product_id))
            listedTwice(rowOf.get(product.product_id)!, product.product_id);
    }
    if (pending.length > 0) {
      const refusals = pending.sort((a, b) => a.row - b.row);
      pending = [];
      for (const refusal of refusals) {
        if (report.refused.length >= REFUSALS_KEPT) break;
        report.refused.push(refusal);
      }
    }
    await onBatch?.(report);
  };
  for await (const record of feedRecords(input, format)) {
    if ('reason' in record) {
      refuse(record);
      continue;
    }
    const at =
      record.line === undefined ? { row: record.row } : { row: record.row, line: record.line };
    const product = productOf(record.values, deeplinks);
    if ('reason' in product) {
      const productId = (record.values.id ?? '').trim();
      refuse({
        ...at,
        ...(productId === '' || productId.length > 50 ? {} : { productId }),
        ...product,
      });
      continue;
    }
    if (rowsOf.has(product.productId)) {
      listedTwice(at, product.productId);
      continue;
    }
    rowsOf.set(product.productId, at);
    batch.push({
      program_id: programId,
      product_id: product.productId,
      title: product.title,
      description: product.description,
      link: product.link,
      image_link: product.imageLink,
      price_minor: product.priceMinor,
      currency: product.currency,
      sale_price_minor: product.salePriceMinor,
      availability: product.availability,
      brand: product.brand,
      gtin: product.gtin,
      mpn: product.mpn,
      google_product_category: product.googleProductCategory,
      product_type: product.productType,
      status: 'active',
      last_import_id: importId,
      first_seen_at: nowMs,
      changed_at: nowMs,
    });
    if (batch.length >= BATCH || pending.length >= BATCH) await flush();
  }
  await flush();
  return report;
}
