import { describe, expect, it } from 'vitest';
import {
  decideVat,
  mentionIn,
  standardVatRate,
  vatMention,
  vatOn,
  VatError,
} from '../../../src/domain/payments/vat.js';
import {
  addressLines,
  checkInvoicingDetails,
} from '../../../src/domain/payments/invoicing-details.js';

describe('VAT on self-billing statements', () => {
  const nl = { networkCountry: 'NL', supplyDate: '2026-10-31' };

  it('charges Dutch VAT to a Dutch business, reverse-charges a foreign one, none for a private person', () => {
    expect(
      decideVat({ ...nl, publisherCountry: 'NL', publisherVatNumber: 'NL123456789B01' }),
    ).toEqual({ treatment: 'domestic', ratePercent: '21' });
    expect(
      decideVat({ ...nl, publisherCountry: 'BE', publisherVatNumber: 'BE0123456789' }),
    ).toEqual({ treatment: 'reverse_charge', ratePercent: null });
    expect(decideVat({ ...nl, publisherCountry: 'GB', publisherVatNumber: 'GB123456789' })).toEqual(
      {
        treatment: 'reverse_charge',
        ratePercent: null,
      },
    );
    expect(decideVat({ ...nl, publisherCountry: 'NL', publisherVatNumber: null })).toEqual({
      treatment: 'not_a_business',
      ratePercent: null,
    });
  });

  it('takes the rate of the date of supply from the rate table', () => {
    expect(standardVatRate('NL', '2012-09-30')).toBe('19');
    expect(standardVatRate('NL', '2012-10-01')).toBe('21');
    expect(standardVatRate('DE', '2020-12-31')).toBe('16');
    expect(standardVatRate('DE', '2021-01-01')).toBe('19');
    expect(standardVatRate('XX', '2026-01-01')).toBeUndefined();
  });

  it('refuses to tax a domestic business at 0 % when it holds no rate', () => {
    expect(() =>
      decideVat({
        networkCountry: 'SE',
        supplyDate: '2026-10-31',
        publisherCountry: 'SE',
        publisherVatNumber: 'SE123456789001',
      }),
    ).toThrow(VatError);
  });

  it('rounds half away from zero to the cent, exactly, for charges and credits alike', () => {
    expect(vatOn(4_132, '21')).toBe(868); // 867.72
    expect(vatOn(50, '21')).toBe(11); // 10.5 → 11
    expect(vatOn(-50, '21')).toBe(-11);
    expect(vatOn(1_234_567_890_123, '21')).toBe(259_259_256_926); // 259 259 256 925.83
    expect(vatOn(1_000, '5.5')).toBe(55);
    expect(vatOn(1_000, null)).toBe(0);
    expect(() => vatOn(1.5, '21')).toThrow(RangeError);
    expect(() => vatOn(100, '21%')).toThrow(RangeError);
  });

  it('says why no VAT is charged', () => {
    expect(vatMention('reverse_charge', 'BE')).toContain('Article 196');
    expect(vatMention('reverse_charge', 'GB')).not.toContain('Article 196');
    expect(vatMention('not_a_business', 'NL')).toContain('not a VAT-registered business');
  });

  it('gives a Dutch page the Dutch half of a bilingual mention', () => {
    expect(mentionIn(vatMention('reverse_charge', 'GB'), 'nl')).toBe('Btw verlegd');
    expect(mentionIn(vatMention('reverse_charge', 'GB'), 'en')).toBe(
      'VAT reverse-charged: the recipient accounts for the VAT',
    );
    expect(mentionIn('One language only', 'nl')).toBe('One language only');
  });
});

describe('invoicing details', () => {
  const valid = {
    legalName: 'Koopjes Media B.V.',
    street: 'Damrak 1',
    postalCode: '1012lg',
    city: 'Amsterdam',
    country: 'nl',
    vatNumber: 'nl 1234.56789.b01',
    cocNumber: '1234 5678',
  };

  it('normalises what it accepts', () => {
    const check = checkInvoicingDetails(valid, { requireVatNumber: true });
    expect(check).toEqual({
      valid: true,
      details: {
        legalName: 'Koopjes Media B.V.',
        street: 'Damrak 1',
        postalCode: '1012 LG',
        city: 'Amsterdam',
        country: 'NL',
        vatNumber: 'NL123456789B01',
        cocNumber: '12345678',
      },
    });
    if (check.valid)
      expect(addressLines(check.details)).toEqual([
        'Koopjes Media B.V.',
        'Damrak 1',
        '1012 LG Amsterdam',
        'NL',
        'VAT NL123456789B01',
        'KvK 12345678',
      ]);
  });

  it('names every field it refuses', () => {
    const check = checkInvoicingDetails(
      {
        ...valid,
        legalName: ' ',
        postalCode: '1012',
        vatNumber: 'NL123',
        cocNumber: '123',
        country: 'NL',
      },
      { requireVatNumber: true },
    );
    expect(check.valid).toBe(false);
    if (!check.valid)
      expect(check.issues.map((issue) => issue.path)).toEqual([
        'legalName',
        'postalCode',
        'vatNumber',
        'cocNumber',
      ]);
    const noCountry = checkInvoicingDetails(
      { ...valid, country: 'Holland' },
      { requireVatNumber: false },
    );
    expect(noCountry.valid).toBe(false);
    if (!noCountry.valid) expect(noCountry.issues[0]!.message).toContain('ISO 3166-1');
  });

  it('requires a VAT number of the network, not of a private publisher', () => {
    expect(
      checkInvoicingDetails({ ...valid, vatNumber: '' }, { requireVatNumber: true }).valid,
    ).toBe(false);
    expect(
      checkInvoicingDetails(
        { ...valid, vatNumber: '', cocNumber: '' },
        { requireVatNumber: false },
      ),
    ).toMatchObject({ valid: true, details: { vatNumber: null, cocNumber: null } });
  });
});
