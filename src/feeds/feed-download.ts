import type { StoredFeedProduct } from '../storage/repositories/feeds-repository.js';
import { minorUnitDigits } from '../domain/money/currencies.js';
import { formatMinorUnits } from '../domain/money/decimal.js';
import { csvCell, toCsv } from '../documents/csv.js';

export type FeedDownloadFormat = 'csv' | 'xml' | 'jsonl';

/** The attributes of a downloaded product, in the CSV's column order. */
export const DOWNLOAD_COLUMNS = [
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

/** What a download starts with, before its first product. */
export function feedHead(format: FeedDownloadFormat): string {
  if (format === 'xml')
    return '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n';
  if (format === 'csv') return toCsv(DOWNLOAD_COLUMNS, []);
  return '';
}

/** What a download ends with, after its last product. */
export function feedTail(format: FeedDownloadFormat): string {
  return format === 'xml' ? '</channel>\n</rss>\n' : '';
}

/**
 * A page of products as one text chunk of `format`, each with its tracked link: the site's
 * click link (`clickUrl`, with its query) and the product page as its deep link.
 */
export function feedChunk(
  format: FeedDownloadFormat,
  products: readonly StoredFeedProduct[],
  clickUrl: string,
): string {
  let text = '';
  const linkPrefix = `${clickUrl}&url=`;
  const encoded = new Map<string, string>();
  for (const product of products) {
    const values = downloadValues(product, linkPrefix + encodeLink(product.link, encoded));
    if (format === 'jsonl') text += jsonLine(values);
    else if (format === 'csv') text += csvLine(values);
    else text += xmlItem(values);
  }
  return text;
}

/**
 * encodeURIComponent(link), with the part up to its last '/' (the shop's origin and path,
 * shared by a page's products) encoded once per page: splitting at an ASCII character
 * changes nothing in the result.
 */
function encodeLink(link: string, encoded: Map<string, string>): string {
  const cut = link.lastIndexOf('/') + 1;
  if (cut === 0) return encodeURIComponent(link);
  const head = link.slice(0, cut);
  let headEncoded = encoded.get(head);
  if (headEncoded === undefined) {
    headEncoded = encodeURIComponent(head);
    if (encoded.size < 64) encoded.set(head, headEncoded);
  }
  return headEncoded + encodeURIComponent(link.slice(cut));
}

type DownloadValues = Record<(typeof DOWNLOAD_COLUMNS)[number], string | null>;

function downloadValues(product: StoredFeedProduct, trackingLink: string): DownloadValues {
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

/** What makes a cell need csvCell's quoting or defusing; most cells need neither. */
const CSV_SPECIAL = /[",\n\r]|^[=+\-@\t]/;
/** The characters (anywhere in a cell) that need quoting. */
const CSV_QUOTED = /[",\n\r]/;

/** A cell starting with = + - @ or a tab (defused by csvCell). */
function csvLeadSpecial(value: string): boolean {
  const c = value.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9;
}

/**
 * The row as a CSV line. Most rows have no cell to quote or defuse: one regular expression over
 * all the row's text and a look at each cell's first character tell, and the cells are
 * written as they are; a row that has one goes cell by cell through csvCell.
 */
function csvLine(values: DownloadValues): string {
  let all = '';
  let plain = true;
  for (const column of DOWNLOAD_COLUMNS) {
    const value = values[column];
    if (value === null || value === '') continue;
    if (csvLeadSpecial(value)) plain = false;
    all += value;
  }
  if (plain && !CSV_QUOTED.test(all)) {
    let line = values.id ?? '';
    for (let i = 1; i < DOWNLOAD_COLUMNS.length; i++)
      line += `,${values[DOWNLOAD_COLUMNS[i]!] ?? ''}`;
    return `${line}\n`;
  }
  let line = '';
  for (const column of DOWNLOAD_COLUMNS) {
    if (column !== 'id') line += ',';
    const value = values[column];
    if (value !== null) line += CSV_SPECIAL.test(value) ? csvCell(value) : value;
  }
  return `${line}\n`;
}

/** What JSON.stringify would escape in a string (and lone surrogates it writes as \u escapes). */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const JSON_SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;
/** `{"id":`, `,"title":`, …: each column's name as JSON, before its value. */
const JSON_KEYS = DOWNLOAD_COLUMNS.map((column, i) => `${i === 0 ? '{' : ','}"${column}":`);

/**
 * The row as a JSON Lines line, the same text as JSON.stringify(values): when no value has a
 * character JSON escapes (one regular expression over all of them), each is written between
 * quotes as it is; otherwise JSON.stringify writes the row.
 */
function jsonLine(values: DownloadValues): string {
  let all = '';
  for (const column of DOWNLOAD_COLUMNS) {
    const value = values[column];
    if (value !== null) all += value;
  }
  if (JSON_SPECIAL.test(all)) return `${JSON.stringify(values)}\n`;
  let line = '';
  for (let i = 0; i < DOWNLOAD_COLUMNS.length; i++) {
    const value = values[DOWNLOAD_COLUMNS[i]!];
    line += JSON_KEYS[i]! + (value === null ? 'null' : `"${value}"`);
  }
  return `${line}}\n`;
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xmlItem(values: DownloadValues): string {
  let item = '<item>';
  for (const [name, value] of Object.entries(values))
    if (value !== null)
      item += `<g:${name}>${value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)}</g:${name}>`;
  return `${item}</item>\n`;
}
