import { describe, expect, it } from 'vitest';
import {
  addMoney,
  mainCurrency,
  mergeMoney,
  revenueCurrencyOf,
  type MoneyByCurrency,
} from '../../src/domain/reports/money-by-currency.js';

describe('money by currency', () => {
  it('never adds amounts of two currencies together', () => {
    const total: MoneyByCurrency = {};
    addMoney(total, 'EUR', 150);
    addMoney(total, 'USD', 1_000);
    mergeMoney(total, { EUR: 50, GBP: 0 });
    expect(total).toEqual({ EUR: 200, USD: 1_000 });
    addMoney(total, 'GBP', 0);
    expect(total).not.toHaveProperty('GBP');
    addMoney(total, 'USD', -1_000);
    expect(total).toEqual({ EUR: 200, USD: 0 });
  });

  it('names the currency with the most money, ties alphabetically', () => {
    expect(mainCurrency({ EUR: 200, USD: 1_000 })).toBe('USD');
    expect(mainCurrency({ USD: 5, EUR: 5 })).toBe('EUR');
    expect(mainCurrency({})).toBeUndefined();
  });

  it('knows a program’s revenue currency only when its orders come in one', () => {
    expect(revenueCurrencyOf([{ orderCurrencies: new Set(['USD']) }])).toBe('USD');
    expect(
      revenueCurrencyOf([
        { orderCurrencies: new Set(['USD']) },
        { orderCurrencies: new Set(['USD']) },
      ]),
    ).toBe('USD');
    expect(
      revenueCurrencyOf([
        { orderCurrencies: new Set(['USD']) },
        { orderCurrencies: new Set(['EUR']) },
      ]),
    ).toBeNull();
  });
});
