import { describe, expect, it } from 'vitest';
import { priceOrder } from '../../src/domain/engine/price-order.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { RateTable } from '../../src/domain/fx/rate-table.js';
import type { Quote } from '../../src/domain/engine/quote.js';
import type { ProgramTerms } from '../../src/domain/terms/compile-terms.js';
import type { OrderDocument } from '../../src/domain/orders/order-schema.js';
import { itemDoc, order } from '../support/orders.js';
import { aliexpress, aliexpressWith, rates } from '../support/terms.js';

interface Case {
  rule: string;
  name: string;
  order: Partial<OrderDocument>;
  terms?: ProgramTerms;
  rates?: RateTable;
  expect: Partial<Omit<Quote, 'lines'>> & { lines?: Partial<Quote['lines'][number]>[] };
}

const heldFraudTerms = aliexpressWith((version) => {
  version.fraud = { outcome: 'held' };
});
const russianSpeakingBonusTerms = aliexpressWith((version) => {
  (version.newBuyerBonus as { rows: unknown[] }).rows.push({
    countries: ['group:russian_speaking'],
    amount: '0.50',
  });
  // RU is in the group and already has a row: move it into the group's row.
  (version.newBuyerBonus as { rows: { countries: string[] }[] }).rows.shift();
});
/** Only Friday 2026-10-02 is published: lookback cases. */
const fridayOnly = parseEcbCsv('Date,USD\n2026-10-02,1.1000\n');
/** A rate that makes half-cent ties in the conversion. */
const twoDollars = parseEcbCsv('Date,USD\n2026-10-05,2.0000\n');

const cases: Case[] = [
  // ---- Q: qualified purchases --------------------------------------------------------------
  {
    rule: 'AE-Q1',
    name: 'a completed order is qualified: 100.00 × 7% = 7.00 USD ÷ 1.0950 = 6.39 EUR',
    order: {},
    expect: {
      status: 'qualified',
      reasons: [],
      fxRate: '1.0950',
      fxDate: '2026-10-05',
      lines: [
        {
          commissionable: true,
          base: '100.00',
          rate: '0.07',
          commission: '7.00',
          reasons: [],
          rule: 'AE-C1',
        },
      ],
      productCommission: '6.39',
      capApplied: false,
      total: '6.39',
    },
  },
  {
    rule: 'AE-Q1',
    name: 'a pending order gets a provisional quote with the same amounts',
    order: { status: 'pending', buyer: { country: 'NL', newBuyer: true } },
    expect: {
      status: 'provisional',
      reasons: [],
      productCommission: '6.39',
      newBuyerBonus: '2.45',
      total: '8.84',
    },
  },
  {
    rule: 'AE-Q1',
    name: 'a pending line in a completed order keeps the order provisional',
    order: { items: [itemDoc(), itemDoc({ sku: 'SKU-2', status: 'pending' })] },
    expect: { status: 'provisional', productCommission: '12.79', total: '12.79' },
  },
  {
    rule: 'AE-Q2',
    name: 'a cancelled order is disqualified and earns nothing',
    order: { status: 'cancelled', buyer: { country: 'NL', newBuyer: true } },
    expect: {
      status: 'disqualified',
      reasons: ['order_cancelled'],
      lines: [
        {
          commissionable: false,
          commission: '0.00',
          rate: '0',
          reasons: ['order_cancelled'],
          rule: 'AE-Q2',
        },
      ],
      productCommission: '0.00',
      newBuyerBonus: '0.00',
      total: '0.00',
    },
  },
  {
    rule: 'AE-Q2',
    name: 'a refunded order is disqualified',
    order: { status: 'refunded' },
    expect: { status: 'disqualified', reasons: ['order_refunded'], total: '0.00' },
  },
  {
    rule: 'AE-Q2',
    name: 'a refunded line earns nothing; the rest of the order still counts (40.00 × 7% = 2.80 → 2.56)',
    order: {
      items: [
        itemDoc({ sku: 'KEEP', unitPrice: '40.00' }),
        itemDoc({ sku: 'BACK', unitPrice: '60.00', status: 'refunded' }),
        itemDoc({ sku: 'GONE', unitPrice: '10.00', status: 'cancelled' }),
      ],
    },
    expect: {
      status: 'qualified',
      lines: [
        { sku: 'KEEP', commissionable: true, commission: '2.80' },
        {
          sku: 'BACK',
          commissionable: false,
          commission: '0.00',
          reasons: ['line_refunded'],
          rule: 'AE-Q2',
        },
        {
          sku: 'GONE',
          commissionable: false,
          commission: '0.00',
          reasons: ['line_cancelled'],
          rule: 'AE-Q2',
        },
      ],
      productCommission: '2.56',
    },
  },
  {
    rule: 'AE-Q3',
    name: 'a fraud order is disqualified and gets no bonus',
    order: { fraud: true, buyer: { country: 'NL', newBuyer: true } },
    expect: { status: 'disqualified', reasons: ['fraud'], newBuyerBonus: '0.00', total: '0.00' },
  },
  {
    rule: 'AE-Q3',
    name: 'with fraud.outcome = held, a fraud order is held with its commission priced, no bonus',
    terms: heldFraudTerms,
    order: { fraud: true, buyer: { country: 'NL', newBuyer: true } },
    expect: {
      status: 'held',
      reasons: ['fraud'],
      lines: [{ commissionable: true, commission: '7.00' }],
      productCommission: '6.39',
      newBuyerBonus: '0.00',
      total: '6.39',
    },
  },
  {
    rule: 'AE-Q4',
    name: 'two vouchers on one order disqualify it',
    order: { vouchers: ['NEWUSER5', 'SUMMER3'] },
    expect: {
      status: 'disqualified',
      reasons: ['multiple_vouchers'],
      lines: [{ rule: 'AE-Q4' }],
      total: '0.00',
    },
  },
  {
    rule: 'AE-Q4',
    name: 'one voucher is allowed',
    order: { vouchers: ['NEWUSER5'] },
    expect: { status: 'qualified', reasons: [], total: '6.39' },
  },
  // ---- C: commission -----------------------------------------------------------------------
  {
    rule: 'AE-C1',
    name: 'mobile phones earn 3.5%: 200.00 → 7.00 USD → 6.39 EUR',
    order: { items: [itemDoc({ category: 'mobile-phones', unitPrice: '200.00' })] },
    expect: {
      lines: [{ rate: '0.035', commission: '7.00', group: 'mobile', rule: 'AE-C1' }],
      productCommission: '6.39',
    },
  },
  {
    rule: 'AE-C1',
    name: 'mobile accessories earn 3.5%: 10.00 → 0.35 USD → 0.32 EUR',
    order: { items: [itemDoc({ category: 'mobile-accessories', unitPrice: '10.00' })] },
    expect: {
      lines: [{ rate: '0.035', commission: '0.35', group: 'mobile' }],
      productCommission: '0.32',
    },
  },
  {
    rule: 'AE-C1',
    name: 'a marketplace item earns 0.8% whatever its category: 200.00 → 1.60 USD → 1.46 EUR',
    order: {
      items: [itemDoc({ store: 'marketplace', category: 'mobile-phones', unitPrice: '200.00' })],
    },
    expect: {
      lines: [{ rate: '0.008', commission: '1.60', group: 'marketplace' }],
      productCommission: '1.46',
    },
  },
  {
    rule: 'AE-C1',
    name: 'groups mix in one order: 7.00 + 3.50 + 0.80 = 11.30 USD → 10.32 EUR',
    order: {
      items: [
        itemDoc({ sku: 'A' }),
        itemDoc({ sku: 'B', category: 'mobile-phones' }),
        itemDoc({ sku: 'C', store: 'marketplace' }),
      ],
    },
    expect: {
      lines: [{ commission: '7.00' }, { commission: '3.50' }, { commission: '0.80' }],
      productCommission: '10.32',
    },
  },
  {
    rule: 'AE-C1',
    name: 'line commission rounds half up: 0.50 × 7% = 0.035 → 0.04',
    order: { items: [itemDoc({ unitPrice: '0.50' })] },
    expect: { lines: [{ commission: '0.04' }], productCommission: '0.04' },
  },
  {
    rule: 'AE-C2',
    name: 'an item flagged virtual earns nothing',
    order: { items: [itemDoc({ virtual: true })] },
    expect: {
      status: 'qualified',
      lines: [
        { commissionable: false, commission: '0.00', reasons: ['virtual_product'], rule: 'AE-C2' },
      ],
      productCommission: '0.00',
      total: '0.00',
    },
  },
  ...['gift-cards', 'coupons', 'travel', 'books', 'special'].map((category): Case => ({
    rule: 'AE-C2',
    name: `category ${category} is virtual and earns nothing`,
    order: { items: [itemDoc({ category })] },
    expect: { lines: [{ commissionable: false, reasons: ['virtual_product'] }], total: '0.00' },
  })),
  {
    rule: 'AE-C2',
    name: 'a virtual item in the marketplace still earns nothing',
    order: { items: [itemDoc({ store: 'marketplace', category: 'gift-cards' })] },
    expect: {
      lines: [{ commissionable: false, reasons: ['virtual_product'], group: 'marketplace' }],
    },
  },
  {
    rule: 'AE-C3',
    name: 'base = 12.50 × 2 − 1.00 = 24.00; the service fee is outside it; 8% exactly is not flagged',
    order: {
      items: [itemDoc({ unitPrice: '12.50', quantity: 2, discount: '1.00', serviceFee: '2.00' })],
    },
    expect: {
      lines: [{ base: '24.00', commission: '1.68', flags: [] }],
      productCommission: '1.53',
    },
  },
  {
    rule: 'AE-C3',
    name: 'a service fee above 8% of 25.00 is accepted and flagged; commission unchanged',
    order: {
      items: [itemDoc({ unitPrice: '12.50', quantity: 2, discount: '1.00', serviceFee: '2.01' })],
    },
    expect: { lines: [{ base: '24.00', commission: '1.68', flags: ['service_fee_above_limit'] }] },
  },
  {
    rule: 'AE-C4',
    name: 'a seller outside the PRC earns nothing',
    order: { items: [itemDoc({ sellerCountry: 'RU' })] },
    expect: {
      lines: [{ commissionable: false, reasons: ['seller_not_prc'], rule: 'AE-C4' }],
      total: '0.00',
    },
  },
  {
    rule: 'AE-C4',
    name: 'tmall and plaza items earn nothing',
    order: {
      items: [itemDoc({ sku: 'T', store: 'tmall' }), itemDoc({ sku: 'P', store: 'plaza' })],
    },
    expect: {
      lines: [
        { commissionable: false, reasons: ['excluded_store'], rule: 'AE-C4' },
        { commissionable: false, reasons: ['excluded_store'], rule: 'AE-C4' },
      ],
      total: '0.00',
    },
  },
  {
    rule: 'AE-C4',
    name: 'every applicable reason is listed, in catalogue order',
    order: {
      items: [itemDoc({ category: 'travel', sellerCountry: 'RU', store: 'tmall', inStock: false })],
    },
    expect: {
      lines: [
        {
          reasons: ['virtual_product', 'seller_not_prc', 'excluded_store', 'not_in_stock'],
          rule: 'AE-C2',
        },
      ],
    },
  },
  {
    rule: 'AE-C5',
    name: 'an order paid in euros is disqualified',
    order: { currency: 'EUR' },
    expect: {
      status: 'disqualified',
      reasons: ['currency_not_usd'],
      fxRate: null,
      lines: [{ base: '100.00', commission: '0.00', reasons: ['currency_not_usd'], rule: 'AE-C5' }],
      total: '0.00',
    },
  },
  {
    rule: 'AE-C5',
    name: 'an order paid in yen is disqualified (amounts in whole yen)',
    order: { currency: 'JPY', items: [itemDoc({ unitPrice: '1500' })] },
    expect: { status: 'disqualified', reasons: ['currency_not_usd'], lines: [{ base: '1500' }] },
  },
  {
    rule: 'AE-C6',
    name: 'cap: 500.00 × 7% = 35.00 USD → 31.96 EUR is capped at 30.94; the bonus comes on top',
    order: { items: [itemDoc({ unitPrice: '500.00' })], buyer: { country: 'NL', newBuyer: true } },
    expect: {
      lines: [{ commission: '35.00' }],
      productCommission: '30.94',
      capApplied: true,
      newBuyerBonus: '2.45',
      total: '33.39',
    },
  },
  {
    rule: 'AE-C6',
    name: 'just under the cap: 483.86 × 7% = 33.87 USD → 30.93 EUR is not capped',
    order: { items: [itemDoc({ unitPrice: '483.86' })] },
    expect: { lines: [{ commission: '33.87' }], productCommission: '30.93', capApplied: false },
  },
  {
    rule: 'AE-C6',
    name: 'the cap is per order, over all lines: (200.00 + 400.00) × 7% = 42.00 USD → 30.94',
    order: {
      items: [
        itemDoc({ sku: 'A', unitPrice: '200.00' }),
        itemDoc({ sku: 'B', unitPrice: '400.00' }),
      ],
    },
    expect: { productCommission: '30.94', capApplied: true, total: '30.94' },
  },
  {
    rule: 'AE-C6',
    name: 'a Saturday order uses the latest earlier rate (Friday 1.1000): 7.00 → 6.36',
    order: { placedAt: '2026-10-03T10:00:00Z' },
    expect: { fxRate: '1.1000', fxDate: '2026-10-02', productCommission: '6.36' },
  },
  {
    rule: 'AE-C6',
    name: 'a rate 7 days back is still used',
    rates: fridayOnly,
    order: { placedAt: '2026-10-09T23:59:59Z' },
    expect: {
      status: 'qualified',
      fxRate: '1.1000',
      fxDate: '2026-10-02',
      productCommission: '6.36',
    },
  },
  {
    rule: 'AE-C6',
    name: 'no rate within 7 days: held with missing_fx_rate, never guessed',
    rates: fridayOnly,
    order: { placedAt: '2026-10-10T00:00:00Z', buyer: { country: 'NL', newBuyer: true } },
    expect: {
      status: 'held',
      reasons: ['missing_fx_rate'],
      fxRate: null,
      lines: [{ commissionable: true, commission: '7.00' }],
      productCommission: null,
      capApplied: null,
      newBuyerBonus: '2.45',
      total: null,
    },
  },
  {
    rule: 'AE-C6',
    name: 'the rate date is the UTC date: 00:30+02:00 on Oct 2 is Oct 1 in UTC, before any rate',
    rates: fridayOnly,
    order: { placedAt: '2026-10-02T00:30:00+02:00' },
    expect: { status: 'held', reasons: ['missing_fx_rate'] },
  },
  {
    rule: 'AE-C6',
    name: 'the rate date is the UTC date: 23:30−02:00 on Oct 2 is Oct 3 in UTC',
    rates: fridayOnly,
    order: { placedAt: '2026-10-02T23:30:00-02:00' },
    expect: { status: 'qualified', fxDate: '2026-10-02' },
  },
  {
    rule: 'AE-C6',
    name: 'the conversion rounds half up: 0.71 × 7% = 0.05 USD ÷ 2.0000 = 0.025 → 0.03 EUR',
    rates: twoDollars,
    order: { items: [itemDoc({ unitPrice: '0.71' })] },
    expect: { lines: [{ commission: '0.05' }], productCommission: '0.03' },
  },
  {
    rule: 'AE-C6',
    name: 'nothing to convert needs no rate: an order with no commissionable line is not held',
    rates: new RateTable(),
    order: { items: [itemDoc({ store: 'tmall' })] },
    expect: { status: 'qualified', reasons: [], productCommission: '0.00', total: '0.00' },
  },
  {
    rule: 'AE-C7',
    name: 'a redeemed voucher is outside the base: 50.00 − 5.00 = 45.00 × 7% = 3.15',
    order: { vouchers: ['SAVE5'], items: [itemDoc({ unitPrice: '50.00', discount: '5.00' })] },
    expect: {
      status: 'qualified',
      lines: [{ base: '45.00', commission: '3.15' }],
      productCommission: '2.88',
    },
  },
  {
    rule: 'AE-C8',
    name: 'an item out of stock earns nothing',
    order: { items: [itemDoc({ inStock: false })] },
    expect: {
      lines: [{ commissionable: false, reasons: ['not_in_stock'], rule: 'AE-C8' }],
      total: '0.00',
    },
  },
  {
    rule: 'AE-C9',
    name: 'the russian_speaking group can be used in a rule: a KZ new buyer earns its bonus',
    terms: russianSpeakingBonusTerms,
    order: { buyer: { country: 'KZ', newBuyer: true } },
    expect: { newBuyerBonus: '0.50', total: '6.89' },
  },
  // ---- B: new-buyer bonus ------------------------------------------------------------------
  ...(
    [
      ['RU', '1.23', '7.62'],
      ['ES', '2.45', '8.84'],
      ['FR', '2.45', '8.84'],
      ['NL', '2.45', '8.84'],
      ['BE', '2.45', '8.84'],
      ['PL', '1.84', '8.23'],
      ['SA', '1.84', '8.23'],
      ['AE', '1.84', '8.23'],
      ['TR', '1.84', '8.23'],
      ['DE', '0.00', '6.39'],
    ] as const
  ).map(([country, bonus, total]): Case => ({
    rule: 'AE-B1',
    name: `a new buyer from ${country} earns a bonus of ${bonus}`,
    order: { buyer: { country, newBuyer: true } },
    expect: { newBuyerBonus: bonus, productCommission: '6.39', total },
  })),
  {
    rule: 'AE-B1',
    name: 'a returning buyer earns no bonus',
    order: { buyer: { country: 'NL', newBuyer: false } },
    expect: { newBuyerBonus: '0.00', total: '6.39' },
  },
  {
    rule: 'AE-B1',
    name: 'no bonus without a commissionable line',
    order: { buyer: { country: 'NL', newBuyer: true }, items: [itemDoc({ sellerCountry: 'RU' })] },
    expect: { status: 'qualified', newBuyerBonus: '0.00', total: '0.00' },
  },
];

describe('priceOrder: SPEC sections Q, C and B', () => {
  it.each(cases.map((c) => [`${c.rule} ${c.name}`, c] as const))('%s', (_, c) => {
    const quote = priceOrder(c.terms ?? aliexpress, order(c.order), c.rates ?? rates);
    expect(quote).toMatchObject(c.expect);
    expect(quote.currency).toBe('EUR');
  });

  it('covers every rule id of sections Q, C and B', () => {
    const covered = new Set(cases.map((c) => c.rule));
    const expected = ['AE-Q1', 'AE-Q2', 'AE-Q3', 'AE-Q4', 'AE-B1'].concat(
      Array.from({ length: 9 }, (_, i) => `AE-C${i + 1}`),
    );
    expect([...covered].sort()).toEqual(expected.sort());
  });

  it('prices an order by the terms version in force at its placedAt', () => {
    const terms = aliexpressWith((version, file) => {
      const next = structuredClone(version) as Record<string, unknown>;
      next.id = '2026-10';
      next.effectiveFrom = '2026-10-01T00:00:00Z';
      const groups = (next.commission as { groups: { id: string; rate: string }[] }).groups;
      groups.find((group) => group.id === 'sales')!.rate = '0.10';
      (file.versions as unknown[]).push(next);
    });
    const before = priceOrder(terms, order({ placedAt: '2026-09-30T23:59:59Z' }), rates);
    const after = priceOrder(terms, order({ placedAt: '2026-10-05T12:00:00Z' }), rates);
    expect(before).toMatchObject({
      termsVersion: '2015-09',
      lines: [{ rate: '0.07', commission: '7.00' }],
    });
    expect(after).toMatchObject({
      termsVersion: '2026-10',
      lines: [{ rate: '0.10', commission: '10.00' }],
    });
  });

  it('refuses an order placed before the first terms version', () => {
    expect(() =>
      priceOrder(aliexpress, order({ placedAt: '2014-01-01T00:00:00Z' }), rates),
    ).toThrow(
      /placedAt: the order predates the program's terms \(first version 2015-09 starts 2015-09-01T00:00:00.000Z\)/,
    );
  });

  it('reproduces the DESIGN.md example quote exactly', () => {
    const quote = priceOrder(
      aliexpress,
      order({
        orderNumber: 'AE-10001',
        placedAt: '2026-10-05T14:03:00Z',
        buyer: { country: 'NL', newBuyer: true },
        vouchers: ['NEWUSER5'],
        items: [
          itemDoc({
            sku: '1005001234',
            unitPrice: '12.50',
            quantity: 2,
            discount: '1.00',
            serviceFee: '2.00',
          }),
        ],
      }),
      rates,
    );
    expect(quote).toEqual({
      orderNumber: 'AE-10001',
      status: 'qualified',
      reasons: [],
      currency: 'EUR',
      fxRate: '1.0950',
      fxDate: '2026-10-05',
      termsVersion: '2015-09',
      lines: [
        {
          sku: '1005001234',
          commissionable: true,
          base: '24.00',
          rate: '0.07',
          commission: '1.68',
          reasons: [],
          rule: 'AE-C1',
          group: 'sales',
          flags: [],
        },
      ],
      productCommission: '1.53',
      capApplied: false,
      newBuyerBonus: '2.45',
      total: '3.98',
    });
  });
});
