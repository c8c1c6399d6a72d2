import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  adminToken,
  reviewProgram,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { v04Checksum, v05Checksum } from '../support/checksum.js';
import { lampenhuisTerms } from '../support/new-program.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { countRows } from '../../src/storage/repositories/count-rows.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { SESSION_COOKIE } from '../../src/auth/sessions.js';

const PASSWORD = 'a long enough password';

/** A new advertiser with a login of its own (not the demo's). */
async function newAdvertiser(t: TestNetwork, email: string, name: string) {
  const advertiser = await repos(t.network.store).advertisers.create({ name }, t.clock.now);
  await repos(t.network.store).users.create(
    {
      email,
      passwordHash: await hashPassword(PASSWORD),
      role: 'advertiser',
      name,
      advertiserId: advertiser.id,
    },
    t.clock.now,
  );
  const browser = client(t);
  await browser.login(email, PASSWORD);
  return browser;
}

/** Money rows the test conversions must never touch. */
async function moneyRows(t: TestNetwork) {
  const tables = ['orders', 'commissions', 'ledger_entries', 'invoices', 'statements'] as const;
  return Promise.all(tables.map((table) => countRows(t.network.store.db, table)));
}

/**
 * Issue 27, item 2, on both engines: a new advertiser's program created in the console has a
 * tracking page a webshop developer integrates from, with the program's id, the network's
 * address, a checksum made and explained there, the integration status (refused reports with
 * their reasons) and test conversions that are priced and never paid.
 */
describeEachEngine('the tracking setup page', (context) => {
  let t: TestNetwork;
  let programId: string;
  let advertiser: ReturnType<typeof client>;
  let otherProgram: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    advertiser = await newAdvertiser(t, 'dev@lampenhuis.example', 'Lampenhuis B.V.');
    await advertiser.get('/advertiser/programs/new');
    const created = await advertiser.post('/advertiser/programs/new', {
      terms: await lampenhuisTerms(),
      action: 'create',
    });
    expect(created.statusCode, created.body).toBe(303);
    programId = /\/advertiser\/terms\/(prg_[\w-]+)/.exec(String(created.headers.location))![1]!;
    otherProgram = t.demo.programs.find((p) => p.slug === 'kabelkoning')!.programId;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('is linked from the overview and fills in the program, the network and its events, in English and Dutch', async () => {
    const overview = await advertiser.get('/advertiser');
    expect(overview.body).toContain(`href="/advertiser/tracking/${programId}"`);
    const page = await advertiser.get(`/advertiser/tracking/${programId}?lang=en`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('Tracking setup: Lampenhuis');
    // In review until the network approves it: said, and a test conversion works already.
    expect(page.body).toContain('program_not_approved');
    const text = page.body.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    expect(text).toContain(
      `http://localhost:80/report?organization=${programId}&event=1&orderNumber=ORDER_NUMBER&orderValue=ORDER_VALUE&currency=EUR&tduid=TDUID`,
    );
    expect(text).toContain(`curl -X POST http://localhost:80/api/v1/programs/${programId}/orders`);
    expect(text).toContain('data-network="http://localhost:80" data-days="30"');
    expect(text).toContain('leadNumber=LEAD_NUMBER');
    for (const code of ['checksum_mismatch', 'unknown_event', 'lead_unverified', 'report_refused'])
      expect(page.body).toContain(code);
    const dutch = await advertiser.get(`/advertiser/tracking/${programId}?lang=nl`);
    expect(dutch.body).toContain('Tracking instellen: Lampenhuis');
    expect(dutch.body).toContain('Wat het netwerk weigert, en waarom');
    await advertiser.get('/advertiser?lang=en');
  });

  it('makes and rotates the checksum secret on the page, with a worked example computed with it', async () => {
    const generated = await advertiser.submit(`/advertiser/tracking/${programId}/checksum-secret`, {
      action: 'generate',
    });
    expect(generated.location).toBe(`/advertiser/tracking/${programId}`);
    const secret = /<code class="mono">([^<]+)<\/code>/.exec(generated.body)?.[1];
    expect(secret, generated.body).toMatch(/^[\w-]{20,}$/);
    expect(t.network.cache.program(programId)!.checksumSecret).toBe(secret);
    // The worked example on the page is what an integrator computes with the secret.
    const again = await advertiser.get(`/advertiser/tracking/${programId}`);
    expect(again.body).not.toContain(secret);
    expect(again.body).toContain(v04Checksum(secret!, 'ORDER-1001', '249.95'));
    expect(again.body).toContain(
      v05Checksum(secret!, {
        orderNumber: 'ORDER-1001',
        orderValue: '249.95',
        currency: 'EUR',
        event: '1',
      }),
    );
    const rotated = await advertiser.submit(`/advertiser/tracking/${programId}/checksum-secret`, {
      action: 'generate',
    });
    const next = /<code class="mono">([^<]+)<\/code>/.exec(rotated.body)?.[1];
    expect(next).not.toBe(secret);
    expect(t.network.cache.program(programId)!.checksumSecret).toBe(next);
  });

  it('sends a test order from the page: priced and explained, never an order, a commission or an invoice', async () => {
    const before = await moneyRows(t);
    const sent = await advertiser.submit(`/advertiser/tracking/${programId}/test-order`, {
      orderValue: '100.00',
      event: '1',
      category: 'laptops',
    });
    expect(
      sent.body,
      sent.body.slice(sent.body.indexOf('<main'), sent.body.indexOf('<main') + 900),
    ).toContain('arrived: commission 3.00 EUR');
    expect(sent.body).toMatch(/class="test-orders"[\s\S]*TEST-[\s\S]*3\.00 EUR[\s\S]*LH-C1/);
    expect(await moneyRows(t)).toEqual(before);
  });

  it('takes a test click in the pixel and the order API from the shop, and stores no order', async () => {
    admin = await adminToken(t);
    await reviewProgram(t, admin, programId, 'approved');
    await t.network.refreshIfChanged();
    const page = await advertiser.get(`/advertiser/tracking/${programId}`);
    const tduid = /<code class="test-click-id">([^<]+)<\/code>/.exec(page.body)![1]!;
    const secret = t.network.cache.program(programId)!.checksumSecret!;
    const before = await moneyRows(t);
    const fields = { orderNumber: 'SHOP-TEST-1', orderValue: '50.00', currency: 'EUR', event: '1' };
    const pixel = await t.app.inject({
      url: `/report?organization=${programId}&${new URLSearchParams({ ...fields, tduid, checksum: v05Checksum(secret, fields) }).toString()}`,
      headers: { accept: 'application/json' },
    });
    expect(pixel.statusCode, pixel.body).toBe(202);
    // The same test click in a publisher-less forged form, or on another program: refused.
    const forged = await t.app.inject({
      url: `/report?organization=${programId}&orderNumber=SHOP-TEST-2&orderValue=5.00&currency=EUR&tduid=${tduid.slice(0, -2)}AA`,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ code: 'invalid_click_id' });
    const elsewhere = await t.app.inject({
      url: `/report?organization=${otherProgram}&orderNumber=SHOP-TEST-3&orderValue=5.00&currency=EUR&tduid=${tduid}`,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(await moneyRows(t)).toEqual(before);
    const status = await advertiser.get(`/advertiser/tracking/${programId}`);
    expect(status.body).toMatch(/class="test-orders"[\s\S]*SHOP-TEST-1[\s\S]*3\.00 EUR/);
    // The forged one is this program's refused report; the other program's is not shown here.
    expect(status.body).toMatch(/class="refused-reports"[\s\S]*SHOP-TEST-2[\s\S]*invalid_click_id/);
    expect(status.body).not.toContain('SHOP-TEST-3');
  });

  it('shows the last pixel and API reports seen and the refused ones with their reasons', async () => {
    const token = await sessionToken(t, 'dev@lampenhuis.example', PASSWORD);
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/orders`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        orderNumber: 'API-1',
        placedAt: new Date(t.clock.now).toISOString(),
        currency: 'EUR',
        status: 'pending',
        items: [{ sku: 'L', category: 'lamps', unitPrice: '80.00', quantity: 1 }],
      },
    });
    expect(api.statusCode, api.body).toBe(201);
    const badApi = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/orders`,
      headers: { authorization: `Bearer ${token}` },
      payload: { orderNumber: 'API-2', currency: 'EUR', items: [] },
    });
    expect(badApi.statusCode).toBe(400);
    const wrong = await t.app.inject({
      url: `/report?organization=${programId}&event=1&orderNumber=PIX-1&orderValue=10.00&currency=EUR&checksum=v04bad`,
    });
    expect(wrong.statusCode).toBe(200);
    const unknown = await t.app.inject({
      url: `/report?organization=${programId}&event=9&orderNumber=PIX-2&orderValue=10.00&currency=EUR&checksum=${v04Checksum(t.network.cache.program(programId)!.checksumSecret!, 'PIX-2', '10.00')}`,
    });
    expect(unknown.statusCode).toBe(200);
    const unread = await t.app.inject({ url: `/report?organization=${programId}&orderValue=1` });
    expect(unread.statusCode).toBe(400);
    const notAnAmount = await t.app.inject({
      url: `/report?organization=${programId}&orderNumber=PIX-3&orderValue=abc&currency=EUR`,
    });
    expect(notAnAmount.statusCode).toBe(400);
    const page = await advertiser.get(`/advertiser/tracking/${programId}?lang=en`);
    expect(page.body).toMatch(/class="seen-api"[\s\S]*API-1/);
    expect(page.body).toMatch(/class="seen-pixel"[\s\S]*PIX-2[\s\S]*PIX-1/);
    const refused = page.body.slice(page.body.indexOf('class="refused-reports"'));
    for (const expected of [
      /PIX-1<\/code>\s*· <code>checksum_mismatch/,
      /PIX-2<\/code>\s*· <code>unknown_event/,
      /API-2<\/code>\s*· <code>invalid_order/,
      /<code>invalid_parameter<\/code>: orderNumber \(a sale\)/,
    ])
      expect(refused).toMatch(expected);
    expect(refused).toContain('orderValue: expected an amount such as 12.50, got &quot;abc&quot;');
    const dutch = await advertiser.get(`/advertiser/tracking/${programId}?lang=nl`);
    expect(dutch.body).toContain('Geweigerde meldingen');
    // In Dutch too the refusal names the parameter and what is wrong with it, not the words
    // of another use of the code (report filters, sub ids).
    const dutchRefused = dutch.body.slice(dutch.body.indexOf('class="refused-reports"'));
    expect(dutchRefused).toContain(
      'een parameter klopt niet: orderValue: verwacht een bedrag zoals 12.50, kreeg &quot;abc&quot;',
    );
    expect(dutchRefused).toContain(
      'een parameter klopt niet: orderNumber (een verkoop) of leadNumber (een lead) is verplicht',
    );
    expect(dutchRefused).not.toContain('sub-id');
    await advertiser.get('/advertiser?lang=en');
  });

  it('keeps at most the newest refused reports of a program, however many arrive', async () => {
    for (let i = 0; i < 60; i += 1)
      await t.app.inject({ url: `/report?organization=${programId}&orderNumber=FLOOD-${i}` });
    await t.network.integration.flush();
    const rows = await t.network.store.db
      .selectFrom('integration_reports')
      .select('id')
      .where('program_id', '=', programId)
      .where('kind', '=', 'refused')
      .execute();
    expect(rows.length).toBe(20);
  });

  it('documents /click and /report with their parameters in /api/docs and the OpenAPI document', async () => {
    const docs = await t.app.inject({ url: '/api/docs' });
    expect(docs.body).toContain('<code>/report</code');
    expect(docs.body).toContain('?organization&amp;event&amp;orderNumber&amp;leadNumber');
    expect(docs.body).toContain('?p&amp;a&amp;g&amp;epi&amp;epi2&amp;url');
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get: { parameters: { name: string }[]; security: unknown[] } }>;
    };
    expect(document.paths['/report']!.get.parameters.map((p) => p.name)).toEqual([
      'organization',
      'event',
      'orderNumber',
      'leadNumber',
      'orderValue',
      'currency',
      'tduid',
      'voucher',
      'reportInfo',
      'checksum',
      'type',
    ]);
    expect(document.paths['/click']!.get.security).toEqual([]);
  });

  it('is refused to another advertiser, a publisher and a visitor; the admin reads it and changes nothing', async () => {
    const stranger = await newAdvertiser(t, 'dev@elders.example', 'Elders');
    expect((await stranger.get(`/advertiser/tracking/${programId}`)).statusCode).toBe(404);
    await stranger.get('/advertiser');
    const secret = t.network.cache.program(programId)!.checksumSecret;
    const posted = await stranger.post(`/advertiser/tracking/${programId}/checksum-secret`, {
      action: 'remove',
    });
    expect(posted.statusCode).toBe(404);
    const test = await stranger.post(`/advertiser/tracking/${programId}/test-order`, {
      orderValue: '1.00',
    });
    expect(test.statusCode).toBe(404);
    expect(t.network.cache.program(programId)!.checksumSecret).toBe(secret);
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    expect((await publisher.get(`/advertiser/tracking/${programId}`)).statusCode).toBe(403);
    const visitor = client(t);
    expect((await visitor.get(`/advertiser/tracking/${programId}`)).statusCode).toBe(401);
    const asAdmin = (method: 'GET' | 'POST', url: string) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: `${SESSION_COOKIE}=${admin}`, accept: 'text/html' },
      });
    const read = await asAdmin('GET', `/advertiser/tracking/${programId}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('as the network admin');
    expect(read.body).not.toContain('action="/advertiser/tracking/');
    // A publisher cannot mint a test click: the page's click id names this program only.
    const page = await advertiser.get(`/advertiser/tracking/${programId}`);
    const tduid = /<code class="test-click-id">([^<]+)<\/code>/.exec(page.body)![1]!;
    expect(tduid).toMatch(/^tst_/);
    expect(t.network.testClicks.verify(tduid, otherProgram)).toBe(false);
  });
});
