import type { Readable } from 'node:stream';
import type { Insertable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { FeedProductsTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { repos } from '../storage/repositories/repos.js';
import type { FeedFilter, StoredFeedProduct } from '../storage/repositories/feeds-repository.js';
import { DomainError } from '../domain/errors.js';
import { productOf } from '../domain/feeds/product-row.js';
import { minorUnitDigits } from '../domain/money/currencies.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { feedRecords, type FeedFormat } from '../feeds/feed-records.js';
import { csvCell, toCsv } from '../documents/csv.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import type { LinkBuilder } from './link-builder.js';

export class FeedError extends DomainError {}

/**
 * What an import reports: rows accepted, refused (the first 1,000 with their reasons, in row
 * order), gone.
 */
export interface FeedImportReport {
  importId: string;
  accepted: number;
  refusedCount: number;
  refused: { row: number; reason: string }[];
  gone: number;
}

export type FeedDownloadFormat = 'csv' | 'xml' | 'jsonl';

const BATCH = 500;
const REFUSALS_KEPT = 1000;
const DOWNLOAD_COLUMNS = [
  'id',
  'title',
  'description',
  'link',
  'trackingLink',
  'image_link',
  'price',
  'sale_price',
  'availability',
  'brand',
  'gtin',
  'mpn',
  'google_product_category',
  'product_type',
  'status',
] as const;

/**
 * Product feeds (issue 29): an advertiser imports its program's feed (CSV, TSV or Merchant
 * Center XML, streamed, written in batches; products an import lacks are marked gone), and a
 * publisher approved in the program downloads it for one of its sites, streamed, every
 * product with the site's tracked link beside the advertiser's own.
 */
export class FeedsService {
  constructor(
    private readonly store: Store,
    private readonly programs: { program(id: string): CachedProgram | undefined },
    private readonly links: LinkBuilder,
  ) {}

  async import(
    advertiserId: string,
    programId: string,
    format: FeedFormat,
    input: Readable,
    actor: string,
    nowMs: number,
  ): Promise<FeedImportReport> {
    const program = this.programs.program(programId);
    if (program === undefined || program.advertiserId !== advertiserId)
      throw new FeedError('unknown_program', `no program "${programId}" among your programs`);
    const deeplinks = program.terms.file.tracking.deeplinking;
    const r = repos(this.store);
    const importId = newId('feedImport', nowMs);
    const report: FeedImportReport = {
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
    let rowsOf = new Map<string, number>();
    let pending: { row: number; reason: string }[] = [];
    const refuse = (row: number, reason: string) => {
      report.refusedCount += 1;
      pending.push({ row, reason });
    };
    const listedTwice = (row: number, productId: string) =>
      refuse(row, `id: "${productId}" is listed twice; the first row counts`);
    const flush = async () => {
      const rows = batch;
      const rowOf = rowsOf;
      batch = [];
      rowsOf = new Map();
      if (rows.length > 0) {
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
    };
    for await (const record of feedRecords(input, format)) {
      if ('reason' in record) {
        refuse(record.row, record.reason);
        continue;
      }
      const product = productOf(record.values, deeplinks);
      if ('reason' in product) {
        refuse(record.row, product.reason);
        continue;
      }
      if (rowsOf.has(product.productId)) {
        listedTwice(record.row, product.productId);
        continue;
      }
      rowsOf.set(product.productId, record.row);
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
    await r.transaction(async (t) => {
      // An import that accepted nothing (a broken export) does not empty the feed.
      report.gone = report.accepted === 0 ? 0 : await t.feeds.markGone(programId, importId, nowMs);
      await t.feeds.recordImport({
        id: importId,
        program_id: programId,
        format,
        accepted: report.accepted,
        refused: report.refusedCount,
        gone: report.gone,
        refused_rows: JSON.stringify(report.refused.slice(0, 100)),
        actor,
        created_at: nowMs,
      });
    });
    return report;
  }

  /** The last import's report of the advertiser's program, or undefined. */
  async lastImport(advertiserId: string, programId: string) {
    const program = this.programs.program(programId);
    if (program === undefined || program.advertiserId !== advertiserId)
      throw new FeedError('unknown_program', `no program "${programId}" among your programs`);
    const row = await repos(this.store).feeds.lastImport(programId);
    return row === undefined
      ? undefined
      : {
          importId: row.id,
          format: row.format,
          accepted: row.accepted,
          refusedCount: row.refused,
          gone: row.gone,
          refused: JSON.parse(row.refused_rows) as { row: number; reason: string }[],
          at: Number(row.created_at),
        };
  }

  /** How many products the program's feed lists now (the program page). */
  activeCount(programId: string): Promise<number> {
    return repos(this.store).feeds.activeCount(programId);
  }

  /**
   * The program's feed for one of the publisher's sites approved in it, as text chunks of
   * `format`, read page by page (never the whole feed in memory). Refused (before the first
   * chunk) when the site is not the publisher's or not approved in the program.
   */
  async download(
    publisherId: string,
    programId: string,
    siteId: string,
    format: FeedDownloadFormat,
    filter: FeedFilter,
    baseUrl: string,
  ): Promise<AsyncIterable<string>> {
    const link = await this.links.build(publisherId, { programId, siteId }, baseUrl);
    const store = this.store;
    const tracked = (product: StoredFeedProduct) =>
      `${link.url}&url=${encodeURIComponent(product.link)}`;
    return (async function* () {
      if (format === 'xml')
        yield '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n';
      if (format === 'csv') yield toCsv(DOWNLOAD_COLUMNS, []);
      let after = '';
      for (;;) {
        const page = await repos(store).feeds.page(programId, filter, after, 1000);
        const parts: string[] = [];
        for (const product of page) {
          const values = downloadValues(product, tracked(product));
          if (format === 'jsonl') parts.push(`${JSON.stringify(values)}\n`);
          else if (format === 'csv')
            parts.push(`${DOWNLOAD_COLUMNS.map((c) => csvCell(values[c] ?? '')).join(',')}\n`);
          else parts.push(xmlItem(values));
        }
        if (parts.length > 0) yield parts.join('');
        if (page.length < 1000) break;
        after = page[page.length - 1]!.product_id;
      }
      if (format === 'xml') yield '</channel>\n</rss>\n';
    })();
  }
}

function downloadValues(
  product: StoredFeedProduct,
  trackingLink: string,
): Record<(typeof DOWNLOAD_COLUMNS)[number], string | null> {
  const money = (minor: number | null) =>
    minor === null
      ? null
      : `${formatMinorUnits(Number(minor), minorUnitDigits(product.currency))} ${product.currency}`;
  return {
    id: product.product_id,
    title: product.title,
    description: product.description,
    link: product.link,
    trackingLink,
    image_link: product.image_link,
    price: money(product.price_minor),
    sale_price: money(product.sale_price_minor),
    availability: product.availability,
    brand: product.brand,
    gtin: product.gtin,
    mpn: product.mpn,
    google_product_category: product.google_product_category,
    product_type: product.product_type,
    status: product.status,
  };
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xmlItem(values: Record<string, string | null>): string {
  let item = '<item>';
  for (const [name, value] of Object.entries(values))
    if (value !== null)
      item += `<g:${name}>${value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)}</g:${name}>`;
  return `${item}</item>\n`;
}
