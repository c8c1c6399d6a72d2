import { afterAll, beforeAll, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describeEachEngine } from '../support/stores.js';
import {
  adminLogin,
  demoClick,
  demoOrder,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { orderDoc } from '../support/orders.js';

/** The text of every page of a PDF, read by Mozilla's PDF.js (not by the library that wrote it). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await getDocument({ data: bytes, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await document.destroy();
  return pages.join('\n');
}

const BUSINESS = {
  legalName: 'Koopjes Media B.V.',
  street: 'Oudegracht 231',
  postalCode: '3511nk',
  city: 'Utrecht',
  country: 'NL',
  vatNumber: 'NL8123.45.678B01',
  cocNumber: '30123456',
};

/**
 * Self-billing statements (issue 16): the network writes the publisher's invoice, with both
 * parties' details, a gapless number and the VAT its treatment calls for; PDF and CSV say the
 * same, an issued statement never changes when the details do.
 */
describeEachEngine('self-billing statements', (context) => {
  let t: TestNetwork;
  let admin: { token: string; again(): Promise<string> };
  let publisher: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    admin = await adminLogin(t);
    publisher = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, token: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('keeps the invoicing details of network and publisher, each field checked, every change audited', async () => {
    const network = await call('GET', '/api/v1/admin/settings/invoicing', admin.token);
    expect(network.json()).toMatchObject({ country: 'NL', vatNumber: 'NL000099998B57' });
    const badNetwork = await call('PUT', '/api/v1/admin/settings/invoicing', admin.token, {
      ...(network.json() as Record<string, unknown>),
      vatNumber: '',
    });
    expect(badNetwork.statusCode).toBe(400);
    expect(badNetwork.json()).toMatchObject({
      code: 'invalid_invoicing_details',
      issues: [{ path: 'vatNumber', message: 'VAT number is required' }],
    });
    expect(
      (await call('PUT', '/api/v1/admin/settings/invoicing', publisher, network.json())).statusCode,
    ).toBe(403);

    // The demo publisher starts as a private person: no VAT on its statements.
    expect(
      (await call('GET', '/api/v1/publisher/invoicing-details', publisher)).json(),
    ).toMatchObject({ vatNumber: null, vatTreatment: 'not_a_business', vatRate: null });
    const bad = await call('PUT', '/api/v1/publisher/invoicing-details', publisher, {
      ...BUSINESS,
      postalCode: '351',
      vatNumber: 'NL123',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((issue: { path: string }) => issue.path)).toEqual([
      'postalCode',
      'vatNumber',
    ]);
    expect(bad.json().message).toContain('not a NL postal code (e.g. 1012 AB), got "351"');
    const saved = await call('PUT', '/api/v1/publisher/invoicing-details', publisher, BUSINESS);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({
      legalName: 'Koopjes Media B.V.',
      street: 'Oudegracht 231',
      postalCode: '3511 NK',
      city: 'Utrecht',
      country: 'NL',
      vatNumber: 'NL812345678B01',
      cocNumber: '30123456',
      vatTreatment: 'domestic',
      vatRate: '21',
      vatNumberVerified: false,
    });
    const audit = (
      await call('GET', '/api/v1/admin/audit?action=publisher.invoicing', admin.token)
    ).json() as {
      events: { actor: string; details: { before: { vatNumber: unknown }; after: unknown } }[];
    };
    // Newest first: the publisher's change, then the demo's address when it was set up.
    expect(audit.events.map((event) => event.actor)).toEqual([
      expect.stringMatching(/^user:/),
      'system:demo',
    ]);
    expect(audit.events[0]!.details.before.vatNumber).toBeNull();
    expect(audit.events[0]!.details.after).toMatchObject({ vatNumber: 'NL812345678B01' });
  });

  it('refuses a bad form in the portal with what to fix and keeps what was typed', async () => {
    const browser = client(t);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await browser.get('/publisher/invoicing');
    expect(page.body).toContain('value="Koopjes Media B.V."');
    expect(page.body).toContain('Your statements now: 21 % VAT is added to your commission');
    // Another site cannot change where the money's invoice points (CSRF).
    expect(
      (await browser.post('/publisher/invoicing', { ...BUSINESS, legalName: 'Evil B.V.' }, false))
        .statusCode,
    ).toBe(403);
    const refused = await browser.post('/publisher/invoicing', {
      ...BUSINESS,
      legalName: 'Koopjes Media Holding B.V.',
      cocNumber: 'abc',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('chamber of commerce number: not a NL number (e.g. 12345678)');
    expect(refused.body).toContain('value="Koopjes Media Holding B.V."');
    expect(
      (await call('GET', '/api/v1/publisher/invoicing-details', publisher)).json(),
    ).toMatchObject({ legalName: 'Koopjes Media B.V.', cocNumber: '30123456' });
  });

  it('issues the statement as an invoice with Dutch VAT on top, and PDF and CSV carry every field', async () => {
    await call('PUT', '/api/v1/admin/settings/payouts', admin.token, { minimumPayout: '1.00' });
    const order = await demoOrder(t, {
      orderNumber: 'SB-1',
      clickId: await demoClick(t),
      items: [orderDoc().items[0]!],
    });
    expect(order.statusCode, order.body).toBe(201);
    t.clock.now = Date.UTC(2026, 10, 2, 9);
    const token = await admin.again();
    publisher = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    const invoices = await call('POST', '/api/v1/admin/invoices', token, { period: '2026-10' });
    for (const id of invoices.json().created as string[])
      await call('POST', `/api/v1/admin/invoices/${id}/paid`, token, {});
    const made = await call('POST', '/api/v1/admin/statements', token, { period: '2026-10' });
    expect(made.statusCode, made.body).toBe(201);

    const list = await call('GET', '/api/v1/publisher/statements', publisher);
    const listed = (list.json().statements as { id: string; payable: string }[])[0]!;
    const statement = (
      await call('GET', `/api/v1/publisher/statements/${listed.id}`, publisher)
    ).json();
    // 21 % of the net, to the cent, half away from zero; the payout includes it.
    const netCents = Number(statement.net.replace('.', ''));
    const vatCents = Math.floor((netCents * 21 + 50) / 100);
    expect(statement).toMatchObject({
      vatTreatment: 'domestic',
      vatRate: '21',
      net: listed.payable,
      vat: (vatCents / 100).toFixed(2),
      balance: ((netCents + vatCents) / 100).toFixed(2),
      payout: ((netCents + vatCents) / 100).toFixed(2),
      status: 'payable',
      parties: {
        publisher: { legalName: 'Koopjes Media B.V.', vatNumber: 'NL812345678B01' },
        network: { legalName: 'Demo Affiliate Network B.V.' },
      },
    });
    expect(netCents).toBeGreaterThan(0);
    expect(statement.number).toMatch(/^2026-\d{6}$/);

    const pdf = await call(
      'GET',
      `/api/v1/publisher/statements/${listed.id}?format=pdf`,
      publisher,
    );
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(pdf.rawPayload));
    const csv = (
      await call('GET', `/api/v1/publisher/statements/${listed.id}?format=csv`, publisher)
    ).body;
    const fields = [
      'Self-billing / Factuur uitgereikt door afnemer',
      statement.number,
      '2026-11-02', // issue date
      '2026-10-01 to 2026-10-31', // period of supply
      'Affiliate marketing services',
      // supplier: the publisher
      'Koopjes Media B.V.',
      'Oudegracht 231',
      '3511 NK Utrecht',
      'NL812345678B01',
      '30123456',
      // recipient: the network
      'Demo Affiliate Network B.V.',
      'Keizersgracht 100',
      '1015 CV Amsterdam',
      'NL000099998B57',
      '12345678',
      // the money
      'Net this month (excl. VAT)',
      statement.net,
      'VAT 21 %',
      statement.vat,
      statement.balance,
      'VAT charged by the publisher at the standard rate',
      'SB-1',
    ];
    for (const field of fields) {
      expect(text, `PDF lacks ${field}`).toContain(field);
      expect(csv, `CSV lacks ${field}`).toContain(field);
    }

    // The VAT on top is paid only under a VAT number the network verified: a made-up number
    // would otherwise draw 21 % more.
    await t.network.store.db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300' })
      .execute();
    const waiting = await call('POST', '/api/v1/admin/payout-runs', token, {
      executionDate: '2026-11-05',
    });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().message).toContain(
      'VAT number NL812345678B01 not verified by the network',
    );
    const numbers = (await call('GET', '/api/v1/admin/vat-numbers', token)).json();
    expect(numbers.vatNumbers).toEqual([
      expect.objectContaining({ vatNumber: 'NL812345678B01', verified: false }),
    ]);
    const publisherId = numbers.vatNumbers[0].publisherId as string;
    // The publisher who gains the 21 % cannot verify its own number: refused, nothing stored.
    const self = await call('POST', `/api/v1/admin/vat-numbers/${publisherId}/verify`, publisher, {
      vatNumber: 'NL812345678B01',
    });
    expect(self.statusCode).toBe(403);
    expect((await call('GET', '/api/v1/admin/vat-numbers', token)).json().vatNumbers).toEqual([
      expect.objectContaining({ publisherId, verified: false }),
    ]);
    expect(
      (await call('GET', '/api/v1/publisher/invoicing-details', publisher)).json(),
    ).toMatchObject({ vatNumberVerified: false });
    const stale = await call('POST', `/api/v1/admin/vat-numbers/${publisherId}/verify`, token, {
      vatNumber: 'NL999999999B01',
    });
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toMatchObject({ code: 'vat_number_changed' });
    const verified = await call('POST', `/api/v1/admin/vat-numbers/${publisherId}/verify`, token, {
      vatNumber: 'NL812345678B01',
    });
    expect(verified.json()).toEqual({
      publisherId,
      vatNumber: 'NL812345678B01',
      verified: true,
      changed: true,
    });
    const paid = await call('POST', '/api/v1/admin/payout-runs', token, {
      executionDate: '2026-11-05',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ payments: 1, total: statement.payout });

    // The publisher moves abroad: the issued invoice keeps the details it was issued with,
    // and the next statements are reverse-charged.
    const moved = await call('PUT', '/api/v1/publisher/invoicing-details', publisher, {
      ...BUSINESS,
      street: 'Meir 1',
      postalCode: '2000',
      city: 'Antwerpen',
      country: 'BE',
      vatNumber: 'BE0123456789',
      cocNumber: '0123456789',
    });
    expect(moved.json()).toMatchObject({
      vatTreatment: 'reverse_charge',
      vatRate: null,
      vatNumberVerified: false, // a new number waits for verification again
    });
    const again = (
      await call('GET', `/api/v1/publisher/statements/${listed.id}`, publisher)
    ).json();
    expect(again.parties.publisher).toMatchObject({ street: 'Oudegracht 231', country: 'NL' });
    expect(again.vat).toBe(statement.vat);

    const browser = client(t);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await browser.get(`/publisher/statements/${listed.id}`);
    expect(page.body).toContain('VAT 21 %');
    expect(page.body).toContain('Oudegracht 231');
    expect(page.body).toContain('Self-billing / Factuur uitgereikt door afnemer');
    // In a payout run that is created, not paid: the statement does not say "paid out" yet.
    expect(page.body).toContain('To be paid out');
    expect(page.body).not.toMatch(/>\s*Paid out\s*</);
  });
});
