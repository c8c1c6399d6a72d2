import { describe, expect, it } from 'vitest';
import { editDistance, screenBrands } from '../../../src/domain/compliance/screen-brands.js';
import { aliexpress } from '../../support/terms.js';

const brands = aliexpress.file.brands;
const screen = (text: string) =>
  screenBrands([{ field: 'site URL', text }], brands).map((m) => `${m.brand}:${m.kind}`);

describe('brand screening (AE-P5)', () => {
  it.each([
    ['https://www.aliexpress-deals.nl/', ['aliexpress:exact', 'ali:contains']],
    ['AliExpress Deals', ['aliexpress:exact', 'ali:contains']],
    ['https://alideals.nl', ['ali:contains']],
    ['https://a1iexpress.com', ['aliexpress:homoglyph', 'ali:homoglyph']],
    ['https://ali-express.shop', ['aliexpress:separator', 'ali:exact']],
    ['https://www.аliexpress.com', ['aliexpress:homoglyph', 'ali:homoglyph']], // Cyrillic а
    ['https://aliexpres-korting.nl', ['aliexpress:look_alike']],
    ['https://alibabba.example', ['alibaba:look_alike']],
    ['taobao-koopjes.nl', ['tao:contains', 'taobao:exact']],
    ['https://tmall.deals', ['tmall:exact']],
    ['https://t-mall.deals', ['tmall:separator']],
  ])('flags %s', (text, expected) => {
    expect(screen(text).sort()).toEqual([...expected].sort());
  });

  it.each([
    'https://natalie-reviews.nl',
    'Italian kitchen deals',
    'https://www.bol.com',
    'Voordeelmuis',
    'https://taormina-travel.it',
  ])('lets %s pass', (text) => {
    expect(screen(text)).toEqual([]);
  });

  it('names the field and what matched', () => {
    expect(
      screenBrands(
        [
          { field: 'name', text: 'Deals NL' },
          { field: 'company', text: null },
          { field: 'site URL', text: 'https://alibaba-deals.nl' },
        ],
        ['alibaba'],
      ),
    ).toEqual([{ brand: 'alibaba', kind: 'exact', found: 'alibaba', field: 'site URL' }]);
  });

  it('measures edit distance with adjacent swaps', () => {
    expect(editDistance('aliexpress', 'ailexpress')).toBe(1);
    expect(editDistance('taobao', 'taobao')).toBe(0);
    expect(editDistance('abc', 'xyz1234', 2)).toBe(3);
  });
});
