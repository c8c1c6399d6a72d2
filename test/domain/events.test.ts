import { describe, expect, it } from 'vitest';
import { priceOrder } from '../../src/domain/engine/price-order.js';
import { order } from '../support/orders.js';
import { aliexpressWith, rates } from '../support/terms.js';

/** Programs that declare their events: sales by the groups, leads a fixed amount (NET-R2). */
describe('conversion events', () => {
  const terms = aliexpressWith((_version, file) => {
    file.events = [
      { id: '7', name: 'Sale', kind: 'sale' },
      { id: '9', name: 'Newsletter sign-up', kind: 'lead', amount: '2.50', rule: 'AE-L1' },
    ];
  });
  const lead = (overrides: Parameters<typeof order>[0] = {}) =>
    order({
      event: '9',
      currency: 'EUR',
      items: [
        {
          sku: 'lead',
          category: 'lead',
          unitPrice: '0.00',
          quantity: 1,
          sellerCountry: 'CN',
          store: 'aliexpress',
        },
      ],
      ...overrides,
    });

  it('pays a lead its fixed amount in the program currency, without a rate', () => {
    const quote = priceOrder(terms, lead({ status: 'completed' }), rates);
    expect(quote).toMatchObject({
      status: 'qualified',
      reasons: [],
      productCommission: '2.50',
      total: '2.50',
      fxRate: null,
    });
    expect(quote.lines[0]).toMatchObject({ commission: '2.50', rule: 'AE-L1' });
  });

  it('a cancelled lead earns nothing, like a cancelled sale', () => {
    const quote = priceOrder(terms, lead({ status: 'cancelled' }), rates);
    expect(quote).toMatchObject({ status: 'disqualified', total: '0.00' });
    expect(quote.reasons).toContain('order_cancelled');
  });

  it('prices a declared sale event by the groups', () => {
    const quote = priceOrder(terms, order({ event: '7', status: 'completed' }), rates);
    expect(quote.status).toBe('qualified');
    expect(quote.total).not.toBe('0.00');
  });

  it('stores an undeclared event and says why it earns nothing (unknown_event, NET-R2)', () => {
    const quote = priceOrder(terms, order({ event: '42', status: 'completed' }), rates);
    expect(quote).toMatchObject({ status: 'disqualified', total: '0.00' });
    expect(quote.reasons).toEqual(['unknown_event']);
    expect(quote.lines[0]!.rule).toBe('NET-R2');
  });

  it('refuses terms whose lead amount has more decimals than the currency', () => {
    expect(() =>
      aliexpressWith((_version, file) => {
        file.events = [{ id: '9', name: 'Lead', kind: 'lead', amount: '2.505', rule: 'AE-L1' }];
      }),
    ).toThrow(/events\[0\]\.amount: at most 2 decimals in EUR/);
  });

  it('limits conversions per click per event (NET-R4): one lead, unlimited sales, unless the terms say', () => {
    expect(terms.events.get('9')!.perClick).toBe(1);
    expect(terms.events.get('7')!.perClick).toBe(Infinity);
    const set = aliexpressWith((_version, file) => {
      file.events = [
        { id: '7', name: 'Sale', kind: 'sale', perClick: 2 },
        {
          id: '9',
          name: 'Sign-up',
          kind: 'lead',
          amount: '2.50',
          rule: 'AE-L1',
          perClick: 'unlimited',
        },
      ];
    });
    expect(set.events.get('7')!.perClick).toBe(2);
    expect(set.events.get('9')!.perClick).toBe(Infinity);
    for (const perClick of [0, 1.5, 'many'])
      expect(() =>
        aliexpressWith((_version, file) => {
          file.events = [
            { id: '9', name: 'Lead', kind: 'lead', amount: '2.50', rule: 'AE-L1', perClick },
          ];
        }),
      ).toThrow(
        /events\[0\]\.perClick: expected a whole number of conversions per click \(1 or more\) or "unlimited"/,
      );
  });
});
