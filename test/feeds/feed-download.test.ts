import { describe, expect, it } from 'vitest';
import { feedChunk } from '../../src/feeds/feed-download.js';
import { csvCell, parseCsv } from '../../src/documents/csv.js';
import type { StoredFeedProduct } from '../../src/storage/repositories/feeds-repository.js';

const product = (title: string, brand: string | null): StoredFeedProduct => ({
  program_id: 'prg_x',
  product_id: 'P-1',
  title,
  description: 'Een kabel',
  link: 'https://www.shop.example/p-1',
  image_link: 'https://img.shop.example/p-1.jpg',
  price_minor: 1299,
  currency: 'EUR',
  sale_price_minor: null,
  availability: 'in_stock',
  brand,
  gtin: null,
  mpn: null,
  google_product_category: null,
  product_type: null,
  status: 'active',
  last_import_id: 'fim_x',
  first_seen_at: 0,
  changed_at: 0,
});

/**
 * The download's CSV lines skip csvCell for plain cells (issue 29, the download's speed): a
 * cell that needs quoting or defusing as a formula must still get exactly csvCell's treatment.
 */
describe('a downloaded feed as CSV', () => {
  it.each([
    '=HYPERLINK("https://evil.example")',
    '+31 kabel',
    '-kabel',
    '@SUM(A1)',
    '\tkabel',
    'kabel, 2 m',
    'kabel "pro"',
    'regel\nregel',
    '-12.50',
    'gewone kabel',
  ])('writes %j as csvCell does', (title) => {
    const line = feedChunk('csv', [product(title, null)], 'https://net.example/click?a=s');
    expect(line.startsWith(`P-1,${csvCell(title)},Een kabel,`)).toBe(true);
    const cells = parseCsv(line)[0]!;
    expect(cells[1]!.endsWith(title)).toBe(true);
    expect(cells[4]).toBe('https://net.example/click?a=s&url=https%3A%2F%2Fwww.shop.example%2Fp-1');
    expect(cells[9]).toBe('');
    expect(cells).toHaveLength(15);
  });
});

/** Each JSON Lines line is one JSON object of the product's values, whatever a value holds. */
describe('a downloaded feed as JSON Lines', () => {
  it.each([
    'gewone kabel',
    'kabel "pro"',
    'back\\slash',
    'regel\nregel',
    'tab\there',
    '\u0001control',
    'emoji 🔌 kabel',
    'lone \ud800 surrogate',
    'ünïcödé – kabel',
    '',
  ])('writes %j as JSON.stringify does', (title) => {
    const line = feedChunk('jsonl', [product(title, null)], 'https://net.example/click?a=s');
    const values = JSON.parse(line) as Record<string, unknown>;
    expect(line).toBe(`${JSON.stringify(values)}\n`);
    expect(values.title).toBe(title);
    expect(values.brand).toBeNull();
    expect(values.price).toBe('12.99 EUR');
  });

  it('encodes each product link whole, however the products share their paths', () => {
    const links = [
      'https://www.shop.example/p/a?x=1&y=2',
      'https://www.shop.example/p/b c',
      'https://www.shop.example/p/é',
      'https://www.shop.example/other/',
      'no-slash',
      'https://www.shop.example/p/a?x=1&y=2',
    ];
    const products = links.map((link, i) => ({
      ...product('kabel', 'Merk'),
      product_id: `P-${i}`,
      link,
    }));
    const lines = feedChunk('jsonl', products, 'https://net.example/click?a=s')
      .trimEnd()
      .split('\n');
    expect(
      lines.map((line) => (JSON.parse(line) as { trackingLink: string }).trackingLink),
    ).toEqual(links.map((link) => `https://net.example/click?a=s&url=${encodeURIComponent(link)}`));
  });
});
