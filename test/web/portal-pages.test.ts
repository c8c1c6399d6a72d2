import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  addSite,
  demoClick,
  demoOrder,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine('portal pages', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** A publisher of its own, logged in: no test depends on another's password or data. */
  const newPublisher = async (name: string, email: string, password: string) => {
    const db = t.network.store.db;
    const publisher = await repos(db).publishers.create({ name, country: 'NL' }, Date.now());
    await repos(db).users.create(
      {
        email,
        passwordHash: await hashPassword(password),
        role: 'publisher',
        name,
        publisherId: publisher.id,
      },
      Date.now(),
    );
    const browser = client(t);
    await browser.login(email, password);
    return browser;
  };

  it('renders the program page in Dutch for Accept-Language nl and in English otherwise', async () => {
    const browser = client(t);
    const nl = await browser.get('/programs/aliexpress', { 'accept-language': 'nl-NL,nl;q=0.9' });
    expect(nl.statusCode).toBe(200);
    for (const text of [
      '<html lang="nl">',
      'Verkoop van mobiele telefoons op AliExpress',
      '3,5 %',
      '0,8 %',
      'Gesloten',
      'Toegestaan, na goedkeuring van elk voorbeeld',
      'Niet toegestaan',
      '€ 30,94',
      '€ 2,45',
      'Programma met vooruitbetaling',
      'Nee',
      'Deeplinking is niet mogelijk',
      'Danny Esveldt',
      'Updated: September 2015',
      '13.These Rules shall be governed',
      'Aanmelden in drie korte stappen',
    ])
      expect([text, nl.body.includes(text)]).toEqual([text, true]);
    const en = await browser.get('/programs/aliexpress', { 'accept-language': 'de-DE,en;q=0.5' });
    for (const text of [
      '<html lang="en">',
      'AliExpress Mobile Phone Sale',
      '3.5%',
      'Closed',
      'EUR 30.94',
      'Countries with Russian Speakers include',
      'Sign up in three short steps',
    ])
      expect([text, en.body.includes(text)]).toEqual([text, true]);
    expect((await browser.get('/programs/nosuch')).statusCode).toBe(404);
  });

  it('refuses a form post without the CSRF token, and logs in and out with it', async () => {
    const browser = client(t);
    await browser.get('/login');
    const forged = await browser.post(
      '/login',
      { email: t.demo.publisher.email, password: t.demo.publisher.password },
      false,
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('csrf_failed');
    const wrong = await browser.post('/login', {
      email: t.demo.publisher.email,
      password: 'not the password',
    });
    expect(wrong.statusCode).toBe(401);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    const dashboard = await browser.get('/publisher');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('<svg class="chart"');
    const logout = await browser.post('/logout', {}, false);
    expect(logout.statusCode).toBe(403); // logging out is a form post too
    expect((await browser.post('/logout', {})).statusCode).toBe(303);
    expect((await browser.get('/publisher')).statusCode).toBe(401);
  });

  it('rate-limits the login form as the API (the limit is attached to the form route too)', async () => {
    // A fresh window: the tests before logged in from the same address.
    t.clock.now += 61_000;
    const browser = client(t);
    await browser.get('/login');
    const statuses = [];
    try {
      for (let i = 0; i < 11; i++)
        statuses.push(
          (await browser.post('/login', { email: 'probe@example.nl', password: `guess ${i}` }))
            .statusCode,
        );
    } finally {
      // And another for the tests after.
      t.clock.now += 61_000;
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it('keeps each role to its own pages and each publisher to their own data', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    expect((await publisher.get('/advertiser')).statusCode).toBe(403);
    expect((await publisher.get('/admin/outbox')).statusCode).toBe(403);
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    expect((await advertiser.get('/publisher/transactions')).statusCode).toBe(403);
    // Another publisher cannot open the demo publisher's order or statement.
    const db = t.network.store.db;
    const other = await repos(db).publishers.create({ name: 'Other', country: 'NL' }, Date.now());
    await repos(db).users.create(
      {
        email: 'other@example.nl',
        passwordHash: await hashPassword('other password 1'),
        role: 'publisher',
        name: 'Other',
        publisherId: other.id,
      },
      Date.now(),
    );
    const tduid = await demoClick(t);
    await demoOrder(t, { orderNumber: 'PORTAL-1', clickId: tduid });
    const order = await db
      .selectFrom('orders')
      .select('id')
      .where('order_number', '=', 'PORTAL-1')
      .executeTakeFirstOrThrow();
    expect((await publisher.get(`/publisher/transactions/${order.id}`)).statusCode).toBe(200);
    const intruder = client(t);
    await intruder.login('other@example.nl', 'other password 1');
    expect((await intruder.get(`/publisher/transactions/${order.id}`)).statusCode).toBe(404);
    expect((await intruder.get('/publisher/transactions')).body).not.toContain('PORTAL-1');
    // An order the terms disqualify shows the reason in words with its rule id.
    await demoOrder(t, {
      orderNumber: 'PORTAL-EUR',
      placedAt: new Date(t.clock.now + 2000).toISOString(),
      currency: 'EUR',
      clickId: tduid,
    });
    const eurOrder = await db
      .selectFrom('orders')
      .select('id')
      .where('order_number', '=', 'PORTAL-EUR')
      .executeTakeFirstOrThrow();
    const explained = await publisher.get(`/publisher/transactions/${eurOrder.id}`);
    expect(explained.body).toContain('The order was not paid in USD.');
    expect(explained.body).toContain('<code>AE-C5</code>');
    const csv = await publisher.get('/publisher/transactions?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('PORTAL-1');
  });

  it('keeps mail in the outbox without SMTP and resets a password by the emailed link', async () => {
    const browser = client(t);
    await browser.get('/password-reset');
    const asked = await browser.submit('/password-reset', { email: t.demo.publisher.email });
    expect(asked.statusCode).toBe(200);
    const mail = await t.network.store.db
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', t.demo.publisher.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.status).toBe('outbox');
    const link = /\/password-reset\/([\w-]+)/.exec(mail.text_body)![0];
    await browser.get(link);
    expect((await browser.post(link, { password: 'short' })).statusCode).toBe(400);
    expect((await browser.submit(link, { password: 'a brand new password' })).statusCode).toBe(200);
    expect((await browser.post(link, { password: 'another new password' })).statusCode).toBe(400); // single use
    await browser.login(t.demo.publisher.email, 'a brand new password');
  });

  it('screens sign-ups for Alibaba brands and refuses a barred address', async () => {
    const browser = client(t);
    await browser.get('/signup');
    const step2 = await browser.submit('/signup', { email: 'deals@aliexpress-korting.nl' });
    expect(step2.body).toContain('Step 2 of 3');
    const done = await browser.submit('/signup/details', {
      email: 'deals@aliexpress-korting.nl',
      siteUrl: 'https://aliexpress-korting.nl',
      siteName: 'AliExpress Korting',
      name: 'Jan',
      country: 'NL',
      promotionMethods: 'voucher_codes',
      password: 'a fine password',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('a brand a program protects');
    expect(done.body).toContain('<strong>aliexpress</strong>');
    await t.network.store.db
      .insertInto('registration_bars')
      .values({
        id: 'bar_test',
        email: null,
        domain: 'banned.example',
        action_id: null,
        created_at: Date.now(),
      })
      .execute();
    const barred = await browser.post('/signup', { email: 'someone@banned.example' });
    expect(barred.statusCode).toBe(403);
    expect(barred.body).toContain('barred from registering');
  });

  it('lets a publisher add a site, screened for brands', async () => {
    const browser = await newPublisher('Sites', 'sites@example.nl', 'sites password 1');
    await browser.get('/publisher/sites');
    const bad = await browser.post('/publisher/sites', { name: 'X', url: 'not a url' });
    expect(bad.statusCode).toBe(400);
    const added = await browser.submit('/publisher/sites', {
      name: 'Tmall Koopjes',
      url: 'https://tmall-koopjes.nl',
      promotionMethods: 'voucher_codes',
    });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('tmall (');
    expect(added.body).toContain('https://tmall-koopjes.nl');
  });
  it('puts the program the publisher came from first on Applications, its form focused', async () => {
    const browser = await newPublisher('Chooser', 'chooser@example.nl', 'chooser password 1');
    const [first, second] = t.demo.programs;
    for (const chosen of [first!, second!]) {
      const page = await browser.get(`/publisher/applications?program=${chosen.programId}`);
      expect(page.statusCode).toBe(200);
      const forms = [...page.body.matchAll(/<h2 id="apply-([\w]+)"/g)].map((m) => m[1]);
      expect(forms[0]).toBe(chosen.programId);
      expect(forms).toHaveLength(2);
      expect(page.body.match(/autofocus/g)).toHaveLength(1);
    }
    const plain = await browser.get('/publisher/applications');
    expect(plain.body).not.toContain('autofocus');
    const bad = await browser.get(`/publisher/applications?program=${'x'.repeat(65)}`);
    expect(bad.statusCode).toBe(400);
  });
  it("shows a Kabelkoning order in Kabelkoning's words only: no AliExpress rule, no EUR/EUR rate", async () => {
    const kabelkoning = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    const site = await addSite(t, 'Kabelfan', true, kabelkoning.programId);
    await repos(t.network.store.db).users.create(
      {
        email: 'kabelfan@example.nl',
        passwordHash: await hashPassword('kabelfan password 1'),
        role: 'publisher',
        name: 'Kabelfan',
        publisherId: site.publisher_id,
      },
      Date.now(),
    );
    const click = await t.app.inject({
      url: `/click?p=${kabelkoning.programId}&a=${site.id}&g=${kabelkoning.adId}`,
      remoteAddress: '198.51.100.24',
    });
    const tduid = new URL(click.headers.location as string).searchParams.get('tduid')!;
    const reported = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${kabelkoning.programId}/orders`,
      headers: { authorization: `Bearer ${kabelkoning.advertiserApiKey}` },
      payload: {
        orderNumber: 'KK-PAGE-1',
        placedAt: new Date(t.clock.now + 1000).toISOString(),
        currency: 'EUR',
        status: 'completed',
        clickId: tduid,
        items: [{ sku: 'L1', category: 'laptops', unitPrice: '500.00', quantity: 1 }],
      },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const browser = client(t);
    await browser.login('kabelfan@example.nl', 'kabelfan password 1');
    const list = await browser.get('/publisher/transactions');
    const href = /href="(\/publisher\/transactions\/[\w-]+)"[^>]*>\s*KK-PAGE-1/.exec(
      list.body,
    )?.[1];
    expect(href, 'the order is listed').toBeDefined();
    for (const lang of ['en', 'nl']) {
      const page = await browser.get(`${href!}?lang=${lang}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('KK-C1');
      expect(page.body).not.toMatch(/AE-[A-Z]+\d/);
      expect(page.body).not.toContain('EUR/EUR');
    }
  });
});
