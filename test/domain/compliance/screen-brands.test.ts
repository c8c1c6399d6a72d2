import { describe, expect, it } from 'vitest';
import { editDistance, screenBrands } from '../../../src/domain/compliance/screen-brands.js';
import { screenProgramNames } from '../../../src/domain/programs/review.js';
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
    // Whole words and their look-alikes (the program review's false hits on "mall", "tall").
    ['tma1l', ['tmall:homoglyph']],
    ['T Mall shop', ['tmall:separator']],
    ['https://t.mall-shop.example', ['tmall:separator']],
    ['https://tmallshop.nl', ['tmall:contains']],
    ['tmall2024', ['tmall:contains']],
    ['Tnall deals', ['tmall:look_alike']],
    ['https://tmmall.example', ['tmall:look_alike']],
    ['https://myaliexpressdeals.nl', ['aliexpress:contains']],
    ['https://alibabbashop.example', ['alibaba:look_alike']],
    ['a.l.i.e.x.p.r.e.s.s', ['aliexpress:separator']],
    ['taobaoo outlet', ['taobao:look_alike']],
  ])('flags %s', (text, expected) => {
    expect(screen(text).sort()).toEqual([...expected].sort());
  });

  it.each([
    'https://natalie-reviews.nl',
    'Italian kitchen deals',
    'https://www.bol.com',
    'Voordeelmuis',
    'https://taormina-travel.it',
    'Kabelkoning shopping mall',
    'Tall sizes for everyone',
    'https://www.smallshop.nl',
    'Art Mall Amsterdam',
    'https://smartmall.example',
    'Hotmail tips',
    'Taller and smaller',
    'Mall of the Netherlands',
    'https://stall-markt.nl',
  ])('lets %s pass', (text) => {
    expect(screen(text)).toEqual([]);
  });

  it('names what matched as written: the word, or the words a separator splits', () => {
    expect(screenBrands([{ field: 'name', text: 'Deals van T-Mall nu' }], ['tmall'])).toEqual([
      { brand: 'tmall', kind: 'separator', found: 't-mall', field: 'name' },
    ]);
    expect(screenBrands([{ field: 'name', text: 'Beste Tma1l deals' }], ['tmall'])).toEqual([
      { brand: 'tmall', kind: 'homoglyph', found: 'tma1l', field: 'name' },
    ]);
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

  it('finds no brand of another advertiser in a newcomer program’s ordinary words (program review)', () => {
    const program = {
      name: 'Kabelkoning',
      advertiser: 'Kabelkoning B.V.',
      accountName: 'Kabelkoning B.V.',
      landingUrl: 'https://www.kabelkoning.example/',
      description: [
        'Kabelkoning, de shopping mall voor kabels, ook in tall sizes en small formats',
      ],
      brands: ['kabelkoning'],
    };
    expect(screenProgramNames(program, brands)).toEqual([]);
    expect(
      screenProgramNames({ ...program, name: 'Kabelkoning T-Mall' }, brands).map(
        (m) => `${m.brand}:${m.kind}:${m.field}`,
      ),
    ).toEqual(['tmall:separator:program name']);
  });
});
