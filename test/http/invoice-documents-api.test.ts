import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  adminToken,
  demoClick,
  demoOrder,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { parseCsv } from '../../src/documents/csv.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * An advertiser's invoice as a document (issue 27, item 6), over the API and in the portal:
 * issued at month end and mailed to the advertiser's users, read as JSON, CSV and PDF in English
 * and Dutch by its own advertiser only; every other reader is refused and learns nothing.
 */
describeEachEngine('advertiser invoice documents over HTTP', (context) => {
  let t: TestNetwork;
  let invoiceId: string;
  const aliexpress = () => t.demo.programs[0]!;
  const kabelkoning = () => t.demo.programs[1]!;
  const sessionOf = async (email: string, password: string) =>
    (
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { email, password },
        })
      ).json() as { token: string }
    ).token;
  const invoiceUrl = (programId: string, id: string, query = '') =>
    `/api/v1/programs/${programId}/invoices/${id}${query}`;
  const get = (url: string, authorization?: string) =>
    t.app.inject({ url, headers: authorization === undefined ? {} : { authorization } });

  beforeAll(async () => {
    t = await startTestNetwork(context().store, undefined, {
      payoutDebtor: { name: 'Demo Affiliate Network B.V.', iban: 'NL91ABNA0417164300' },
      publicUrl: 'https://affnet.example',
    });
    const tduid = await demoClick(t);
    expect((await demoOrder(t, { orderNumber: 'INV-DOC-1', clickId: tduid })).statusCode).toBe(201);
    t.clock.now = Date.UTC(2026, 10, 2, 9);
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/invoices',
      headers: { authorization: `Bearer ${await adminToken(t)}` },
      payload: { period: '2026-10' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const created = (issued.json() as { created: string[] }).created;
    expect(created).toHaveLength(1);
    invoiceId = created[0]!;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('mails the advertiser’s users when issued, with a link to the PDF', async () => {
    const mails = (await repos(t.network.store).emails.recent(50)).filter(
      (mail) => mail.to_address === aliexpress().advertiser.email,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(
      /^Invoice INV-2026-000001 for AliExpress.*, 2026-10: EUR \d+\.\d\d$/,
    );
    expect(mails[0]!.text_body).toContain(
      `https://affnet.example/advertiser/invoices/${invoiceId}.pdf`,
    );
    expect(mails[0]!.text_body).toContain('due by 2026-12-02');
  });

  it('answers the invoice as JSON, CSV and PDF, in English and Dutch, to its advertiser', async () => {
    const key = `Bearer ${aliexpress().advertiserApiKey}`;
    const json = await get(invoiceUrl(aliexpress().programId, invoiceId), key);
    expect(json.statusCode, json.body).toBe(200);
    const body = json.json() as Record<string, unknown>;
    expect(body).toMatchObject({
      number: 'INV-2026-000001',
      vatTreatment: 'outside_eu',
      vatRate: null,
      vat: '0.00',
      dueDate: '2026-12-02',
      paymentReference: expect.stringMatching(/^RF\d\dINV2026000001$/),
      parties: {
        advertiser: { legalName: 'Singapore E-Commerce Private Limited', country: 'SG' },
        network: { country: 'NL' },
        payee: { iban: 'NL91ABNA0417164300' },
      },
      lines: [expect.objectContaining({ orderNumber: 'INV-DOC-1' })],
    });
    expect(body.amountDue).toBe(body.total);
    // The list says the same.
    const list = await get(`/api/v1/programs/${aliexpress().programId}/invoices`, key);
    expect(list.json()).toMatchObject({
      invoices: [{ id: invoiceId, number: 'INV-2026-000001', amountDue: body.total }],
    });

    const csv = await get(
      invoiceUrl(aliexpress().programId, invoiceId, '?format=csv&lang=nl'),
      key,
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.body);
    expect(rows).toContainEqual(['invoice', 'Factuurnummer', 'INV-2026-000001', '', '', '', '']);
    expect(rows.some((row) => row[2]?.startsWith('Buiten de reikwijdte van de EU-btw'))).toBe(true);
    expect(rows.find((row) => row[1] === 'Te betalen')![6]).toBe(body.total);
    const pdf = await get(invoiceUrl(aliexpress().programId, invoiceId, '?format=pdf'), key);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses another advertiser, a publisher and the anonymous, and bad parameters', async () => {
    const other = `Bearer ${kabelkoning().advertiserApiKey}`;
    const refused = [
      // Another advertiser, under the invoice's program and under its own.
      [await get(invoiceUrl(aliexpress().programId, invoiceId), other), 404, 'unknown_program'],
      [await get(invoiceUrl(kabelkoning().programId, invoiceId), other), 404, 'unknown_invoice'],
      [
        await get(invoiceUrl(kabelkoning().programId, invoiceId, '?format=pdf'), other),
        404,
        'unknown_invoice',
      ],
      // A publisher's session, and nobody.
      [
        await get(
          invoiceUrl(aliexpress().programId, invoiceId),
          `Bearer ${await sessionOf(t.demo.publisher.email, t.demo.publisher.password)}`,
        ),
        403,
        'forbidden',
      ],
      [await get(invoiceUrl(aliexpress().programId, invoiceId)), 401, 'unauthorized'],
      [
        await get(
          invoiceUrl(aliexpress().programId, invoiceId, '?format=xls'),
          `Bearer ${aliexpress().advertiserApiKey}`,
        ),
        400,
        'invalid_parameter',
      ],
      [
        await get(
          invoiceUrl(aliexpress().programId, 'invoice_nope'),
          `Bearer ${aliexpress().advertiserApiKey}`,
        ),
        404,
        'unknown_invoice',
      ],
    ] as const;
    for (const [response, status, code] of refused) {
      expect([response.statusCode, (response.json() as { code: string }).code]).toEqual([
        status,
        code,
      ]);
      expect(response.body).not.toContain('INV-2026-000001');
    }
  });

  it('serves the invoice in the portal to its advertiser only', async () => {
    const own = client(t);
    await own.login(aliexpress().advertiser.email, aliexpress().advertiser.password);
    // The overview's invoice table leads to the documents.
    expect((await own.get('/advertiser')).body).toContain(
      `href="/advertiser/invoices/${invoiceId}"`,
    );
    const list = await own.get('/advertiser/invoices');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('INV-2026-000001');
    const page = await own.get(`/advertiser/invoices/${invoiceId}`);
    expect(page.body).toContain('Outside the scope of EU VAT');
    expect(page.body).toContain('NL91 ABNA 0417 1643 00');
    const pdf = await own.get(`/advertiser/invoices/${invoiceId}.pdf`);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);

    const other = client(t);
    await other.login(kabelkoning().advertiser.email, kabelkoning().advertiser.password);
    for (const path of ['', '.pdf', '.csv'])
      expect((await other.get(`/advertiser/invoices/${invoiceId}${path}`)).statusCode).toBe(404);
    expect((await other.get('/advertiser/invoices')).body).not.toContain('INV-2026-000001');

    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    expect((await publisher.get(`/advertiser/invoices/${invoiceId}.pdf`)).statusCode).toBe(403);
    const anonymous = await client(t).get(`/advertiser/invoices/${invoiceId}.pdf`);
    expect(anonymous.statusCode).not.toBe(200);
    expect(anonymous.body).not.toContain('%PDF');
  });

  it('keeps the advertiser’s invoicing details, refusing bad ones with nothing changed', async () => {
    const token = `Bearer ${await sessionOf(kabelkoning().advertiser.email, kabelkoning().advertiser.password)}`;
    const url = '/api/v1/advertiser/invoicing-details';
    const before = await get(url, token);
    expect(before.json()).toMatchObject({ country: 'NL', vatTreatment: 'domestic', vatRate: '21' });
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: token },
      payload: { legalName: 'K', street: 'S 1', postalCode: 'nope', city: 'U', country: 'BE' },
    });
    expect([bad.statusCode, (bad.json() as { code: string }).code]).toEqual([
      400,
      'invalid_invoicing_details',
    ]);
    expect((await get(url, token)).json()).toEqual(before.json());
    const belgian = await t.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: token },
      payload: {
        legalName: 'Kabelkoning BV',
        street: 'Rue 1',
        postalCode: '1000',
        city: 'Brussel',
        country: 'BE',
        vatNumber: 'BE0123456789',
      },
    });
    expect(belgian.json()).toMatchObject({ vatTreatment: 'reverse_charge', vatRate: null });
    // A publisher has no advertiser details to read or set.
    const publisher = `Bearer ${await sessionOf(t.demo.publisher.email, t.demo.publisher.password)}`;
    expect((await get(url, publisher)).statusCode).toBe(403);
  });
});
