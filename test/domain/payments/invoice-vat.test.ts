import { describe, expect, it } from 'vitest';
import {
  decideInvoiceVat,
  formatInvoiceNumber,
  invoiceDueAt,
  invoiceVatMinor,
} from '../../../src/domain/payments/invoice-vat.js';
import { VatError } from '../../../src/domain/payments/vat.js';
import {
  creditorReference,
  groupedReference,
  isCreditorReference,
} from '../../../src/domain/payments/creditor-reference.js';

describe('VAT on advertiser invoices', () => {
  const nl = { networkCountry: 'NL', supplyDate: '2026-10-31' };

  it.each([
    ['a Dutch advertiser: Dutch VAT', 'NL', 'NL123456789B01', 'domestic', '21'],
    ['a Dutch advertiser without VAT number: Dutch VAT', 'NL', null, 'domestic', '21'],
    ['a Belgian business: reverse charge', 'BE', 'BE0123456789', 'reverse_charge', null],
    ['a German business: reverse charge', 'DE', 'DE123456789', 'reverse_charge', null],
    ['an EU advertiser without VAT number: Dutch VAT (art. 45)', 'BE', null, 'domestic', '21'],
    ['AliExpress in Singapore: outside EU VAT', 'SG', null, 'outside_eu', null],
    ['a UK business: outside EU VAT', 'GB', 'GB123456789', 'outside_eu', null],
    ['a US advertiser: outside EU VAT', 'US', '', 'outside_eu', null],
  ])('%s', (_case, advertiserCountry, advertiserVatNumber, treatment, ratePercent) => {
    expect(decideInvoiceVat({ ...nl, advertiserCountry, advertiserVatNumber })).toEqual({
      treatment,
      ratePercent,
    });
  });

  it('taxes at the rate of the date of supply, and refuses a country whose rate it lacks', () => {
    expect(
      decideInvoiceVat({
        networkCountry: 'DE',
        advertiserCountry: 'DE',
        advertiserVatNumber: null,
        supplyDate: '2020-08-31',
      }).ratePercent,
    ).toBe('16');
    expect(() =>
      decideInvoiceVat({
        networkCountry: 'FR',
        advertiserCountry: 'FR',
        advertiserVatNumber: null,
        supplyDate: '2026-10-31',
      }),
    ).toThrow(VatError);
    // Zero-rated treatments need no rate of the network's country.
    expect(
      decideInvoiceVat({
        networkCountry: 'FR',
        advertiserCountry: 'SG',
        advertiserVatNumber: null,
        supplyDate: '2026-10-31',
      }).treatment,
    ).toBe('outside_eu');
  });

  it('rounds the VAT of the net total once, half away from zero, a credit mirroring a charge', () => {
    const domestic = { treatment: 'domestic' as const, ratePercent: '21' };
    expect(invoiceVatMinor(1_050, domestic)).toBe(221); // 220.5 → 221
    expect(invoiceVatMinor(-1_050, domestic)).toBe(-221);
    expect(invoiceVatMinor(1_049, domestic)).toBe(220); // 220.29
    expect(invoiceVatMinor(9_007_199_254_740, domestic)).toBe(1_891_511_843_495);
    expect(invoiceVatMinor(1_050, { treatment: 'reverse_charge', ratePercent: null })).toBe(0);
  });

  it('numbers invoices per year and dates them due at the end of the day, days after issue', () => {
    expect(formatInvoiceNumber('2026', 42)).toBe('INV-2026-000042');
    const issued = Date.parse('2026-11-02T09:30:00Z');
    expect(new Date(invoiceDueAt(issued, 30)).toISOString()).toBe('2026-12-02T23:59:59.999Z');
    expect(new Date(invoiceDueAt(issued, 0)).toISOString()).toBe('2026-11-02T23:59:59.999Z');
    expect(() => invoiceDueAt(issued, -1)).toThrow(RangeError);
  });
});

describe('creditor references (ISO 11649)', () => {
  it('matches the standard’s example and checks its digits', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(groupedReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isCreditorReference('RF18 5390 0754 7035')).toBe(false);
  });

  it('makes a valid reference of an invoice number and refuses one too long', () => {
    const reference = creditorReference('INV-2026-000001');
    expect(reference).toMatch(/^RF\d{2}INV2026000001$/);
    expect(isCreditorReference(reference)).toBe(true);
    expect(() => creditorReference('X'.repeat(22))).toThrow(RangeError);
    expect(() => creditorReference('--')).toThrow(RangeError);
  });
});
