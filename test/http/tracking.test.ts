import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addSite, startTestNetwork, type TestNetwork } from '../support/network.js';
import { demoPublisherId as publisherIdOfDemo } from '../support/network.js';
import { orderDoc, itemDoc } from '../support/orders.js';
import { parseClickId } from '../../src/storage/click-ids.js';
import { countRows } from '../../src/storage/repositories/count-rows.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { parseProgramTermsOrThrow } from '../../src/programs/load-program-terms.js';
import { ALIEXPRESS_PATH } from '../support/terms.js';
import { readFileSync } from 'node:fs';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine('tracking over HTTP', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const click = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'GET',
      url: `/click?${query}`,
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', ...headers },
    });
  const demoClick = (extra = '', headers: Record<string, string> = {}) =>
    click(`p=${t.demo.programId}&a=${t.demo.siteId}&g=${t.demo.adId}${extra}`, headers);
  const tduidOf = (location: string) => new URL(location).searchParams.get('tduid')!;
  const demoPublisherId = () => publisherIdOfDemo(t);
  const newSite = (name: string, approve: boolean) => addSite(t, name, approve);
  const api = (
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    key = t.demo.advertiserApiKey,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/programs/${t.demo.programId}/orders${path}`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('redirects a click to the landing URL with a signed tduid and a session cookie (AE-T1, T2, T4)', async () => {
    const response = await demoClick('&epi=summer&epi2=slot1&url=https://evil.example/', {
      referer: 'https://deals.demo.affnet.local/page?gclid=abc',
      'sec-fetch-dest': 'document',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-user': '?1',
    });
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(location.origin + location.pathname).toBe('https://www.aliexpress.com/');
    const tduid = location.searchParams.get('tduid')!;
    expect(tduid).toMatch(/^clk_[0-9a-v]+\.[A-Za-z0-9_-]{22}$/);
    const cookie = response.headers['set-cookie'] as string;
    expect(cookie).toBe(`affnet_${t.demo.programId}=${tduid}; Path=/; HttpOnly; SameSite=Lax`);
    expect(cookie).not.toMatch(/Expires|Max-Age/i);
    const stored = await t.network.clicks.find(parseClickId(tduid.split('.')[0]!)!);
    expect(stored).toMatchObject({
      programId: t.demo.programId,
      siteId: t.demo.siteId,
      adId: t.demo.adId,
      epi: 'summer',
      epi2: 'slot1',
      notAttributableReason: null,
      signals: {
        referrerHost: 'deals.demo.affnet.local',
        secFetchDest: 'document',
        secFetchMode: 'navigate',
        secFetchUser: '?1',
        bot: false,
        paidMarkers: ['gclid'],
      },
    });
    expect(stored!.ipHash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('sets SameSite=None; Secure behind HTTPS, and flags bots', async () => {
    const response = await demoClick('', {
      'x-forwarded-proto': 'https',
      'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)',
    });
    expect(response.headers['set-cookie']).toMatch(/; HttpOnly; SameSite=None; Secure$/);
    const stored = await t.network.clicks.find(
      parseClickId(tduidOf(response.headers.location as string).split('.')[0]!)!,
    );
    expect(stored!.signals.bot).toBe(true);
  });

  it.each([
    ['p=prg_nosuch&a=sit_x', 404, 'Unknown program'],
    ['a=sit_x', 400, 'Incomplete link'],
  ])('answers %s with a page and no redirect', async (query, status, title) => {
    const response = await click(query);
    expect(response.statusCode).toBe(status);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain(title);
  });

  it('404s an unknown site', async () => {
    const response = await click(`p=${t.demo.programId}&a=sit_nosuch`);
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Unknown site');
  });

  it('lands visitors of a site not approved for the program, but the click does not attribute', async () => {
    const site = await newSite('Pending', false);
    const response = await click(`p=${t.demo.programId}&a=${site.id}`);
    expect(response.statusCode).toBe(302);
    const tduid = tduidOf(response.headers.location as string);
    const order = await api('POST', '', orderDoc({ orderNumber: 'NA-1', clickId: tduid }));
    expect(order.statusCode).toBe(201);
    expect(order.json()).toMatchObject({
      attribution: { status: 'site_not_approved', siteId: null },
    });
  });

  it('attributes a pixel conversion through the session cookie, last click winning (AE-T3)', async () => {
    const site = await newSite('Second', true);
    await demoClick();
    const last = await click(`p=${t.demo.programId}&a=${site.id}`);
    const cookie = (last.headers['set-cookie'] as string).split(';')[0]!;
    const reportInfo = encodeURIComponent(
      'f1=SKU-1&f2=Cable&f3=50.00&f4=2|f1=SKU-2&f3=10.00&f4=1&f5=gift-cards',
    );
    const pixel = await t.app.inject({
      method: 'GET',
      url: `/report?organization=${t.demo.programId}&event=1&orderNumber=PX-1&currency=USD&reportInfo=${reportInfo}`,
      headers: { cookie },
    });
    expect(pixel.statusCode).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');
    const json = await t.app.inject({
      method: 'GET',
      url: `/report?organization=${t.demo.programId}&event=1&orderNumber=PX-1&currency=USD&reportInfo=${reportInfo}`,
      headers: { cookie, accept: 'application/json' },
    });
    // The same report again (a repeat); the anonymous pixel learns nothing about the order: not
    // its click, site or quote.
    expect(json.statusCode).toBe(202);
    expect(json.json()).toEqual({ status: 'accepted' });
    const stored = await repos(t.network.store).orders.find(t.demo.programId, 'PX-1');
    expect(stored).toMatchObject({
      attribution: 'attributed',
      site_id: site.id,
      source: 'pixel',
      attributed_by: 'cookie',
    });
    expect(JSON.parse(stored!.quote)).toMatchObject({
      status: 'provisional',
      lines: [{ commission: '7.00' }, { reasons: ['virtual_product'] }],
      productCommission: '6.39',
    });
  });

  it('attributes a server-to-server order by tduid, and a re-report changes nothing', async () => {
    const tduid = tduidOf((await demoClick()).headers.location as string);
    const document = orderDoc({
      orderNumber: 'S2S-1',
      placedAt: new Date(t.clock.now).toISOString(),
      clickId: tduid,
      buyer: { country: 'NL', newBuyer: true },
    });
    const first = await api('POST', '', document);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      outcome: 'created',
      attribution: { status: 'attributed', siteId: t.demo.siteId, clickId: tduid },
      quote: { total: '8.84' },
    });
    const ledger = repos(t.network.store).ledger;
    const publisher = await demoPublisherId();
    const before = await ledger.balances(publisher);
    const again = await api('POST', '', document);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'unchanged' });
    expect(await ledger.balances(publisher)).toEqual(before);

    const refund = await api('PATCH', '/S2S-1', { items: [{ index: 0, status: 'refunded' }] });
    expect(refund.statusCode).toBe(200);
    expect(refund.json()).toMatchObject({
      outcome: 'updated',
      quote: { productCommission: '0.00', newBuyerBonus: '0.00' },
    });
    expect((await ledger.balances(publisher)).total).toBe(before.total - 884);
    expect((await ledger.verify()).mismatches).toEqual([]);
  });

  it('does not attribute an order placed after the session window (AE-T1)', async () => {
    const tduid = tduidOf((await demoClick()).headers.location as string);
    const started = t.clock.now;
    t.clock.now += 24 * 3_600_000 + 120_000;
    const late = new Date(started + 24 * 3_600_000 + 60_000).toISOString();
    const response = await api(
      'POST',
      '',
      orderDoc({ orderNumber: 'LATE-1', placedAt: late, clickId: tduid }),
    );
    t.clock.now = started;
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      attribution: { status: 'session_expired', siteId: null },
    });
  });

  it.each<[string, () => Promise<{ statusCode: number; json(): unknown }>, number, string]>([
    [
      'a forged tduid',
      () =>
        api(
          'POST',
          '',
          orderDoc({ orderNumber: 'BAD-1', clickId: 'clk_ajksnam800.AAAAAAAAAAAAAAAAAAAAAA' }),
        ),
      400,
      'invalid_click_id',
    ],
    [
      'a malformed order',
      () =>
        api(
          'POST',
          '',
          orderDoc({ orderNumber: 'BAD-2', items: [itemDoc({ unitPrice: '1.234' })] }),
        ),
      400,
      'invalid_order',
    ],
    ['invalid JSON', () => api('POST', '', '{"orderNumber": '), 400, 'invalid_json'],
    [
      'an oversized body',
      () => api('POST', '', JSON.stringify({ pad: 'x'.repeat(1_100_000) })),
      413,
      'body_too_large',
    ],
    [
      'no API key',
      () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/programs/${t.demo.programId}/orders`,
          payload: {},
        }),
      401,
      'unauthorized',
    ],
    [
      'a wrong API key',
      () => api('POST', '', orderDoc(), 'ak_0000000000_' + 'A'.repeat(43)),
      401,
      'unauthorized',
    ],
    [
      'an unknown order update',
      () => api('PATCH', '/NOPE', { status: 'completed' }),
      404,
      'order_not_found',
    ],
    ['a bad update', () => api('PATCH', '/S2S-1', { status: 'shipped' }), 400, 'invalid_change'],
    [
      'a pixel without program',
      () => t.app.inject({ method: 'GET', url: '/report?orderNumber=1' }),
      400,
      'invalid_parameter',
    ],
  ])('refuses %s with a stable code, storing nothing', async (_, send, status, code) => {
    const orders = await countRows(t.network.store.db, 'orders');
    const ledger = await countRows(t.network.store.db, 'ledger_entries');
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code, message: expect.any(String) });
    expect(await countRows(t.network.store.db, 'orders')).toBe(orders);
    expect(await countRows(t.network.store.db, 'ledger_entries')).toBe(ledger);
  });

  it('holds an order without an exchange rate, and prices it once the rate is imported (AE-C6)', async () => {
    // The test network has rates up to 2026-10-07 only: an order of 2026-10-20 has none.
    const started = t.clock.now;
    t.clock.now = Date.UTC(2026, 9, 20, 9);
    const tduid = tduidOf((await demoClick()).headers.location as string);
    t.clock.now = Date.UTC(2026, 9, 20, 11);
    const held = await api(
      'POST',
      '',
      orderDoc({ orderNumber: 'FX-1', placedAt: '2026-10-20T10:00:00Z', clickId: tduid }),
    );
    t.clock.now = started;
    expect(held.json()).toMatchObject({
      attribution: { status: 'attributed' },
      quote: { status: 'held', reasons: ['missing_fx_rate'], total: null },
    });
    await repos(t.network.store).rates.upsert(
      parseEcbCsv('Date,USD\n2026-10-20,1.1000\n').entries(),
      'test',
      t.clock.now,
    );
    expect(await t.network.conversions.repriceHeld('test', t.clock.now)).toEqual({
      checked: 1,
      released: 1,
    });
    const order = await t.network.store.db
      .selectFrom('orders')
      .selectAll()
      .where('order_number', '=', 'FX-1')
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({ quote_status: 'qualified', total_minor: 636 });
    const commissions = await t.network.store.db
      .selectFrom('commissions')
      .select(['status', 'amount_minor'])
      .where('order_id', '=', order.id)
      .execute();
    expect(commissions).toEqual([{ status: 'approved', amount_minor: 636 }]);
    expect((await repos(t.network.store).ledger.verify()).mismatches).toEqual([]);
  });

  it('deeplinks only to the allow-listed domains of a program that allows deeplinks (AE-T4)', async () => {
    const yaml = readFileSync(ALIEXPRESS_PATH, 'utf8')
      .replace(/^id: aliexpress$/m, 'id: shop')
      .replace(/^landingUrl: .*$/m, 'landingUrl: https://www.shop.example/')
      .replace('allowed: false', 'allowed: true')
      .replace('domains: []', 'domains: [shop.example]');
    const terms = parseProgramTermsOrThrow(yaml, 'shop (test)');
    const { program } = await repos(t.network.store).programs.upsertFromTerms(
      terms,
      yaml,
      'adv_test',
      t.clock.now,
      null,
    );
    const publisher = await demoPublisherId();
    const memberships = repos(t.network.store).memberships;
    const membership = await memberships.apply(
      {
        programId: program.id,
        siteId: t.demo.siteId,
        publisherId: publisher,
        promotionMethods: [],
        contentCategories: [],
      },
      t.clock.now,
    );
    await memberships.decide(membership.id, 'approved', null, 'test', t.clock.now);
    await t.network.refreshIfChanged();
    const go = async (target: string) => {
      const response = await click(
        `p=${program.id}&a=${t.demo.siteId}&url=${encodeURIComponent(target)}`,
      );
      const location = new URL(response.headers.location as string);
      location.searchParams.delete('tduid');
      return location.toString();
    };
    expect(await go('https://deals.shop.example/item/1?x=1')).toBe(
      'https://deals.shop.example/item/1?x=1',
    );
    expect(await go('https://shop.example/')).toBe('https://shop.example/');
    expect(await go('https://evil.example/?shop.example')).toBe('https://www.shop.example/');
    expect(await go('https://shop.example.evil.example/')).toBe('https://www.shop.example/');
    expect(await go('javascript:alert(1)')).toBe('https://www.shop.example/');
    expect(await go('//shop.example@evil.example/')).toBe('https://www.shop.example/');
  });

  it('answers health, readiness and metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.body).toContain('affnet_clicks_total{attributable="yes"}');
    expect(metrics.body).toContain('affnet_click_batch_size_bucket');
  });
});
