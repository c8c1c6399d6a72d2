import type { DownloadProduct } from '../storage/repositories/feeds-repository.js';
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
  products: readonly DownloadProduct[],
  clickUrl: string,
): string {
  let text = '';
  for (const product of products) {
    const values = downloadValues(product, `${clickUrl}&url=${encodeURIComponent(product.link)}`);
    if (format === 'jsonl') text += `${JSON.stringify(values)}\n`;
    else if (format === 'csv') text += csvLine(values);
    else text += xmlItem(values);
  }
  return text;
}

type DownloadValues = Record<(typeof DOWNLOAD_COLUMNS)[number], string | null>;

function downloadValues(product: DownloadProduct, trackingLink: string): DownloadValues {
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

function csvLine(values: DownloadValues): string {
  let line = '';
  for (const column of DOWNLOAD_COLUMNS) {
    if (column !== 'id') line += ',';
    const value = values[column];
    if (value !== null) line += CSV_SPECIAL.test(value) ? csvCell(value) : value;
  }
  return `${line}\n`;
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
