import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checkIban } from '../../../src/domain/payments/iban.js';
import { checkBic } from '../../../src/domain/payments/bic.js';
import { checkVatNumber } from '../../../src/domain/payments/vat-number.js';
import {
  buildPain001,
  type SepaCreditTransfer,
} from '../../../src/domain/payments/sepa-credit-transfer.js';
import { settleStatement } from '../../../src/domain/payments/settle-statement.js';

describe('IBAN', () => {
  it.each([
    ['NL91ABNA0417164300', true],
    ['nl91 abna 0417 1643 00', true],
    ['DE89370400440532013000', true],
    ['BE68539007547034', true],
    ['GB29NWBK60161331926819', true],
    ['FR1420041010050500013M02606', true],
  ])('accepts %s', (iban, valid) => {
    expect(checkIban(iban).valid).toBe(valid);
  });

  it.each([
    ['NL91ABNA0417164301', 'the check digits do not match: a character is mistyped'],
    ['NL91ABNA041716430', 'a NL IBAN has 18 characters, this one has 17'],
    ['XX91ABNA0417164300', 'IBANs of XX are not supported for payouts'],
    [
      'NL91-ABNA-0417-1643-0*',
      'expected two letters, two check digits and the account (letters and digits only)',
    ],
  ])('refuses %s: %s', (iban, reason) => {
    expect(checkIban(iban)).toEqual({ valid: false, reason });
  });
});

describe('VAT number', () => {
  it.each([
    ['NL', 'NL123456789B01', 'NL123456789B01'],
    ['NL', 'nl 1234.56.789.b01', 'NL123456789B01'],
    ['NL', '123456789B01', 'NL123456789B01'],
    ['BE', 'BE 0123.456.789', 'BE0123456789'],
    ['DE', 'DE123456789', 'DE123456789'],
    ['GR', '123456789', 'EL123456789'],
    ['SE', 'SE556677889901', 'SE556677889901'],
    ['US', '12-3456789', '123456789'],
  ])('accepts a %s number %s as %s', (country, text, vatNumber) => {
    expect(checkVatNumber(country, text)).toEqual({ valid: true, vatNumber });
  });

  it.each([
    ['NL', 'NL123456789', 'not a NL VAT number (such as NL123456789B01): "NL123456789"'],
    ['NL', 'DE123456789', 'a VAT number of NL starts with NL, got "DE123456789"'],
    ['BE', 'BE2123456789', 'not a BE VAT number (such as BE0123456789): "BE2123456789"'],
    ['US', '#', 'expected 4 to 20 letters and digits, got "#"'],
  ])('refuses a %s number %s: %s', (country, text, reason) => {
    expect(checkVatNumber(country, text)).toEqual({ valid: false, reason });
  });
});

describe('BIC', () => {
  it.each([
    ['ABNANL2A', 'ABNANL2A'],
    ['abnanl2a', 'ABNANL2A'],
    ['DEUT DE FF 500', 'DEUTDEFF500'],
    ['RABONL2U', 'RABONL2U'],
  ])('accepts %s as %s', (text, bic) => {
    expect(checkBic(text)).toEqual({ valid: true, bic });
  });

  it.each([
    ['ABNANL2', 'expected 8 or 11 letters and digits such as ABNANL2A, got "ABNANL2"'],
    ['ABN1NL2A', 'the first 4 characters (the bank) must be letters: "ABN1NL2A"'],
    ['ABNAXX2A', 'characters 5-6 must be a country code; "XX" is none'],
    ['ABNANL1A', 'characters 7-8 are not a valid location code: "1A"'],
    ['ABNANL2O', 'characters 7-8 are not a valid location code: "2O"'],
  ])('refuses %s: %s', (text, reason) => {
    expect(checkBic(text)).toEqual({ valid: false, reason });
  });

  it('writes the debtor BIC upper-case (the schema refuses lower case) or refuses a wrong one', () => {
    const plain = { ...transfer, payments: transfer.payments.slice(0, 1) };
    const file = buildPain001({ ...plain, debtorBic: 'abnanl2a' });
    expect(file).toContain('<DbtrAgt><FinInstnId><BIC>ABNANL2A</BIC></FinInstnId></DbtrAgt>');
    expect(() => buildPain001({ ...plain, debtorBic: 'ABNAXX2A' })).toThrow(
      'debtorBic: characters 5-6 must be a country code; "XX" is none',
    );
  });
});

const transfer: SepaCreditTransfer = {
  messageId: 'affnet-por_01-2026-11',
  paymentInfoId: 'por_01',
  createdAt: '2026-11-21T09:00:00Z',
  executionDate: '2026-11-23',
  debtorName: 'affnet network B.V.',
  debtorIban: 'NL91ABNA0417164300',
  payments: [
    {
      endToEndId: 'stm_a',
      creditorName: 'Zoë & Søren Deals',
      creditorIban: 'DE89 3704 0044 0532 0130 00',
      amountMinor: 12_345,
      remittance: 'affnet statement 2026-10',
    },
    {
      endToEndId: 'stm_b',
      creditorName: 'Voucher <Kings>',
      creditorIban: 'BE68539007547034',
      amountMinor: 5_000,
      remittance: 'affnet statement 2026-10',
    },
  ],
};

describe('SEPA credit transfer (pain.001.001.03)', () => {
  it('writes a file whose counts, control sum and accounts read back', () => {
    const xml = buildPain001({ ...transfer, payments: [transfer.payments[0]!] });
    const document = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(
      xml,
    ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const root = document.Document;
    expect(root['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    const header = root.CstmrCdtTrfInitn.GrpHdr;
    expect(header).toMatchObject({
      MsgId: 'affnet-por-01-2026-11',
      NbOfTxs: '1',
      CtrlSum: '123.45',
    });
    const info = root.CstmrCdtTrfInitn.PmtInf;
    expect(info).toMatchObject({
      PmtMtd: 'TRF',
      NbOfTxs: '1',
      CtrlSum: '123.45',
      ReqdExctnDt: '2026-11-23',
      ChrgBr: 'SLEV',
    });
    expect(info.DbtrAcct.Id.IBAN).toBe('NL91ABNA0417164300');
    const payment = info.CdtTrfTxInf;
    expect(payment.Amt.InstdAmt).toEqual({ '#text': '123.45', '@_Ccy': 'EUR' });
    expect(payment.Cdtr.Nm).toBe('Zoe + Soren Deals');
    expect(payment.CdtrAcct.Id.IBAN).toBe('DE89370400440532013000');
    expect(xml).toContain('<CtrlSum>123.45</CtrlSum>');
  });

  it('sums every payment and keeps amounts exact', () => {
    const xml = buildPain001({
      ...transfer,
      payments: [
        transfer.payments[0]!,
        { ...transfer.payments[0]!, endToEndId: 'stm_c', creditorName: 'Other', amountMinor: 10 },
      ],
    });
    expect(xml.match(/<CtrlSum>([^<]+)<\/CtrlSum>/g)).toEqual([
      '<CtrlSum>123.55</CtrlSum>',
      '<CtrlSum>123.55</CtrlSum>',
    ]);
    expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(2);
  });

  it.each<[string, Partial<SepaCreditTransfer>, string]>([
    [
      'a bad creditor IBAN',
      { payments: [{ ...transfer.payments[0]!, creditorIban: 'DE89370400440532013001' }] },
      'payments[0].creditorIban: the check digits do not match',
    ],
    [
      'a name SEPA cannot carry',
      { payments: [transfer.payments[1]!] },
      'payments[0].creditorName: "Voucher <Kings>" has characters SEPA cannot carry',
    ],
    [
      'a zero amount',
      { payments: [{ ...transfer.payments[0]!, amountMinor: 0 }] },
      'payments[0].amountMinor: expected a positive number of cents',
    ],
    [
      'a repeated end-to-end id',
      { payments: [transfer.payments[0]!, transfer.payments[0]!] },
      'payments[1].endToEndId: "stm-a" is used twice',
    ],
    ['no payments', { payments: [] }, 'payments: a credit transfer needs at least one payment'],
  ])('refuses %s', (_, change, message) => {
    expect(() => buildPain001({ ...transfer, ...change })).toThrow(message);
  });
});

describe('statements', () => {
  const base = {
    carriedInMinor: 0,
    payableMinor: 0,
    pendingMinor: 0,
    withheldMinor: 0,
    deductedMinor: 0,
    minimumPayoutMinor: 5_000,
    vatMinor: 0,
  };

  it('pays a balance at or above the minimum', () => {
    expect(settleStatement({ ...base, carriedInMinor: 1_000, payableMinor: 4_000 })).toEqual({
      balanceMinor: 5_000,
      payoutMinor: 5_000,
      carriedOverMinor: 0,
      status: 'payable',
    });
  });

  it('carries a balance below the minimum over to next month', () => {
    expect(
      settleStatement({ ...base, payableMinor: 4_999, pendingMinor: 90_000, withheldMinor: 3_000 }),
    ).toEqual({
      balanceMinor: 4_999,
      payoutMinor: 0,
      carriedOverMinor: 4_999,
      status: 'carried_over',
    });
  });

  it('adds the VAT to the balance the minimum is held against (self-billing, AE-T5 money out)', () => {
    // EUR 41.32 + 21 % VAT (8.68) = 50.00: at the minimum, so it pays with the VAT.
    expect(settleStatement({ ...base, payableMinor: 4_132, vatMinor: 868 })).toEqual({
      balanceMinor: 5_000,
      payoutMinor: 5_000,
      carriedOverMinor: 0,
      status: 'payable',
    });
    expect(
      settleStatement({ ...base, payableMinor: 1_000, deductedMinor: 2_500, vatMinor: -315 }),
    ).toMatchObject({ balanceMinor: -1_815, carriedOverMinor: -1_815 });
  });

  it('carries a negative balance after a deduction larger than the earnings', () => {
    expect(settleStatement({ ...base, payableMinor: 1_000, deductedMinor: 2_500 })).toMatchObject({
      payoutMinor: 0,
      carriedOverMinor: -1_500,
    });
  });
});
