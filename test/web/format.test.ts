import { expect, it } from 'vitest';
import { formatAmountText, formatMoney, formatRate } from '../../src/web/format.js';
import { pickLocale } from '../../src/web/i18n.js';

it.each([
  ['0.07', '7%', '7 %'],
  ['0.035', '3.5%', '3,5 %'],
  ['0.008', '0.8%', '0,8 %'],
  ['0.30', '30%', '30 %'],
  ['1', '100%', '100 %'],
])('formats the rate %s exactly', (rate, en, nl) => {
  expect([formatRate(rate, 'en'), formatRate(rate, 'nl')]).toEqual([en, nl]);
});

it('formats money in both languages', () => {
  expect(formatMoney(123456, 'EUR', 'nl')).toBe('€ 1.234,56');
  expect(formatMoney(-300, 'EUR', 'en')).toBe('EUR -3.00');
  expect(formatAmountText('30.94', 'EUR', 'nl')).toBe('€ 30,94');
  expect(formatAmountText('1.2', 'EUR', 'en')).toBe('EUR 1.20');
});

it.each([
  [undefined, undefined, 'nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
  [undefined, undefined, 'de-DE,en;q=0.5,nl;q=0.4', 'en'],
  [undefined, undefined, 'fr', 'en'],
  [undefined, 'nl', 'en', 'nl'],
  ['en', 'nl', 'nl', 'en'],
])('picks the locale (query %s, cookie %s, header %s)', (query, cookie, header, locale) => {
  expect(pickLocale(query, cookie, header)).toBe(locale);
});
