import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addProgram, seedNetwork } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { parseCsv } from '../../src/documents/csv.js';
import { invoiceCsv, invoicePdf, invoiceSheet } from '../../src/documents/invoice-documents.js';
import { isCreditorReference } from '../../src/domain/payments/creditor-reference.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { AdvertiserInvoicingService } from '../../src/services/advertiser-invoicing-service.js';
import { InvoiceService } from '../../src/services/invoice-service.js';
import { repos } from '../../src/storage/repositories/repos.js';

const at = (month: number, date: number) => Date.UTC(2026, month - 1, date, 9);
const PAYEE = { name: 'Test Network B.V.', iban: 'NL91 ABNA 0417 1643 00', bic: 'ABNANL2A' };

/**
 * Advertiser invoices as documents (issue 27, item 6): each invoice is numbered and fixes, when
 * issued, both parties, its VAT (decided by the pure core from the two countries and the
 * advertiser's VAT number), the account to pay into and its due date; its PDF and CSV show the
 * lines, the credit lines, the totals to the cent and how to pay, in English and Dutch.
 */
describeEachEngine('advertiser invoice documents', (context) => {
  const setUp = async (id: string, details?: Record<string, string>) => {
    const { store } = context();
    const { seeded, terms } = await addProgram(store, await seedNetwork(store), id);
    const advertiserId = seeded.advertiser.id;
    if (details !== undefined)
      await new AdvertiserInvoicingService(store).set(advertiserId, details, 'test', at(10, 1));
    const invoices = new InvoiceService(store, new StoredTerms(store.db), {
      payee: () => PAYEE,
      paymentDays: 14,
    });
    const report = (orderNumber: string, items: ReturnType<typeof itemDoc>[], nowMs: number) =>
      reportOrder(store, seeded, orderDoc({ orderNumber, items }), nowMs, true, terms);
    const issue = async (period: string, nowMs: number) => {
      const created = (await invoices.createInvoices(period, nowMs)).created;
      const mine = created.filter((one) => one.program_id === seeded.program.id);
      expect(mine).toHaveLength(1);
      const document = await invoices.document(mine[0]!.id, advertiserId);
      return document!;
    };
    return { store, invoices, advertiserId, report, issue };
  };
  const dutch = {
    legalName: 'Webwinkel B.V.',
    street: 'Coolsingel 10',
    postalCode: '3011AD',
    city: 'Rotterdam',
    country: 'NL',
    vatNumber: 'NL123456789B01',
  };

  it('charges a Dutch advertiser Dutch VAT on commission plus fee, and credits it back exactly', async () => {
    const { report, issue, store, advertiserId } = await setUp('vat-domestic', dutch);
    const two = [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B' })];
    await report('D-1', two, at(10, 5));
    const october = await issue('2026-10', at(11, 2));
    expect(october.invoice).toMatchObject({
      number: 'INV-2026-000001',
      commissionMinor: 1279, // USD 14.00 / 1.0950 = EUR 12.785 → 12.79
      feeMinor: 384, // 12.79 × 0.30 = 3.837 → 3.84
      totalMinor: 1663,
      vatTreatment: 'domestic',
      vatRate: '21',
      vatMinor: 349, // 16.63 × 0.21 = 3.4923 → 3.49
      dueMinor: 2012,
    });
    expect(new Date(october.invoice.dueAt!).toISOString()).toBe('2026-11-16T23:59:59.999Z');
    expect(october.parties).toMatchObject({
      network: { legalName: 'Test Network B.V.', country: 'NL' },
      advertiser: { legalName: 'Webwinkel B.V.', postalCode: '3011 AD', country: 'NL' },
      payee: { iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
    });
    const en = invoiceSheet(october, 'en');
    expect(en.title).toBe('Invoice INV-2026-000001');
    expect(en.totals.map((row) => [row.label, row.amountMinor])).toEqual([
      ['Publisher commission', 1279],
      ['Network fee (30% of the commission)', 384],
      ['Total excluding VAT', 1663],
      ['VAT 21 %', 349],
      ['Total to pay', 2012],
    ]);
    expect(en.payment).toMatch(
      /^Please pay EUR 20\.12 by 2026-11-16 to Test Network B\.V\., IBAN NL91 ABNA 0417 1643 00, BIC ABNANL2A, stating payment reference (RF\d\d INV2 0260 0000 1)\.$/,
    );
    expect(isCreditorReference(/reference (.*)\.$/.exec(en.payment)![1]!)).toBe(true);

    // A later change of the advertiser's address never rewrites an issued invoice.
    await new AdvertiserInvoicingService(store).set(
      advertiserId,
      { ...dutch, street: 'Blaak 1' },
      'test',
      at(11, 3),
    );
    // November: line B is refunded after it was invoiced: a credit note, nothing to pay.
    await report('D-1', [two[0]!, { ...two[1]!, status: 'refunded' }], at(11, 20));
    const november = await issue('2026-11', at(12, 1));
    expect(november.invoice).toMatchObject({
      number: 'INV-2026-000002',
      creditedMinor: -640,
      totalMinor: -832, // −6.40 − 1.92
      vatMinor: -175, // −8.32 × 0.21 = −1.7472 → −1.75
      dueMinor: -1007,
    });
    const nl = invoiceSheet(november, 'nl');
    expect(nl.title).toBe('Creditnota INV-2026-000002');
    expect(nl.lines).toEqual([
      expect.objectContaining({
        amountMinor: -640,
        description: expect.stringMatching(/^Creditering/),
      }),
    ]);
    expect(nl.totals.map((row) => row.label)).toContain('Gecrediteerde netwerkvergoeding');
    expect(nl.payment).toBe('Niets te betalen: deze creditnota is € 10,07 in je voordeel.');
    expect((await invoiceSheet(october, 'en')).customer[1]).toEqual(['Address', 'Coolsingel 10']);

    // The CSV adds up: the lines are the commission, the totals are the invoice's.
    const rows = parseCsv(invoiceCsv(october, 'en'));
    expect(rows[0]).toEqual([
      'section',
      'label',
      'value',
      'order_number',
      'date',
      'publisher_id',
      'amount_eur',
    ]);
    const lines = rows.filter((row) => row[0] === 'line');
    expect(lines.map((row) => [row[3], row[6]])).toEqual([['D-1', '12.79']]);
    expect(rows.find((row) => row[1] === 'Total to pay')![6]).toBe('20.12');
    expect(rows.some((row) => row[2] === 'VAT charged at the standard rate of NL.')).toBe(true);
    const pdf = Buffer.from(await invoicePdf(october, 'nl'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Money is untouched: the ledger still agrees.
    expect((await repos(store).ledger.verify()).mismatches).toEqual([]);
  });

  it.each([
    [
      'reverse-charges a Belgian business',
      { country: 'BE', postalCode: '1000', vatNumber: 'BE0123456789' },
      'reverse_charge',
      'VAT reverse charged, art. 196 Directive 2006/112/EC.',
      'Btw verlegd, art. 196 Richtlijn 2006/112/EG.',
    ],
    [
      'puts AliExpress’s contracting party in Singapore outside the scope of EU VAT',
      { country: 'SG', postalCode: '189554', vatNumber: '' },
      'outside_eu',
      'Outside the scope of EU VAT: the service is supplied to a business established outside the EU (art. 44 Directive 2006/112/EC).',
      'Buiten de reikwijdte van de EU-btw: de dienst wordt verricht aan een ondernemer die buiten de EU is gevestigd (art. 44 Richtlijn 2006/112/EG).',
    ],
  ])('%s: 0 %% with its legal mention', async (_case, place, treatment, en, nl) => {
    const { report, issue } = await setUp(`vat-${treatment}`, { ...dutch, ...place });
    await report('Z-1', [itemDoc({ sku: 'A' })], at(10, 5));
    const october = await issue('2026-10', at(11, 2));
    expect(october.invoice).toMatchObject({
      vatTreatment: treatment,
      vatRate: null,
      vatMinor: 0,
      dueMinor: october.invoice.totalMinor,
    });
    expect(invoiceSheet(october, 'en').mentions[0]).toBe(en);
    expect(invoiceSheet(october, 'nl').mentions[0]).toBe(nl);
  });

  it('still issues an invoice without the advertiser’s details, saying its VAT is not stated', async () => {
    const { report, issue } = await setUp('vat-unknown');
    await report('U-1', [itemDoc({ sku: 'A' })], at(10, 5));
    const october = await issue('2026-10', at(11, 2));
    expect(october.invoice).toMatchObject({ vatTreatment: null, vatMinor: 0 });
    const sheet = invoiceSheet(october, 'en');
    expect(sheet.mentions[0]).toMatch(/^VAT not stated/);
    expect(sheet.customer).toContainEqual(['Address', 'not given']);
  });
});
