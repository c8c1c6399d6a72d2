import { describe, expect, it } from 'vitest';
import {
  conversionRate,
  countsAsConversion,
  earningsPerClick,
} from '../../src/domain/reports/performance.js';

describe('EPC and conversion rate, defined once', () => {
  it.each([
    [639, 1, 2, '6.3900'],
    [639, 300, 2, '0.0213'],
    [1, 3, 2, '0.0033'],
    [1, 200, 2, '0.0001'], // 0.00005 rounds half up
    [1, 201, 2, '0.0000'],
    [0, 10, 2, '0.0000'],
    [-639, 300, 2, '-0.0213'],
  ])('EPC of %i minor units over %i clicks is %s', (commission, clicks, digits, epc) => {
    expect(earningsPerClick(commission, clicks, digits)).toBe(epc);
  });

  it('has no EPC and no rate without clicks', () => {
    expect(earningsPerClick(100, 0, 2)).toBeNull();
    expect(conversionRate(1, 0)).toBeNull();
  });

  it.each([
    [1, 80, '0.0125'],
    [3, 3, '1.0000'],
    [2, 3, '0.6667'],
  ])('%i orders over %i clicks convert at %s', (orders, clicks, rate) => {
    expect(conversionRate(orders, clicks)).toBe(rate);
  });

  it('counts an order as a conversion unless disqualified (cancelled, refunded, fraud)', () => {
    expect(['qualified', 'provisional', 'held'].map(countsAsConversion)).toEqual([
      true,
      true,
      true,
    ]);
    expect(countsAsConversion('disqualified')).toBe(false);
  });
});
