import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, startTestNetwork, type TestNetwork } from '../support/network.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * Tradedoubler's URLs as real integrations build them (each case names its source; the forms
 * are documented in docs/tracking.md). Each is sent to a running network on both engines and
 * the stored order, its lines, its attribution and its flags are checked.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const enc = encodeURIComponent;

describeEachEngine('Tradedoubler URL forms as integrations send them', (context) => {
  let t: TestNetwork;
  let program: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    program = t.demo.programId;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const stored = async (orderNumber: string) => {
    const order = await repos(t.network.store).orders.find(program, orderNumber);
    expect(order, orderNumber).toBeDefined();
    const lines = await t.network.store.db
      .selectFrom('order_lines')
      .select(['sku', 'name', 'unit_price_minor', 'quantity'])
      .where('order_id', '=', order!.id)
      .orderBy('line_no')
      .execute();
    return {
      order: order!,
      lines,
      details: JSON.parse(order!.report_details ?? 'null') as Record<string, unknown> | null,
      quote: JSON.parse(order!.quote) as { status: string; reasons: string[] },
    };
  };

  it('stape server-side GTM tag, query form: lower-case names, hashed extid, reportInfo', async () => {
    const tduid = await demoClick(t);
    const reportInfo = enc('f1=SKU-1&f2=Cable&f3=12.50&f4=2');
    const answer = await get(
      `/report?organization=${program}&convtagtid=11&program=1&event=7&ordervalue=25.00&ordernumber=ST-1&tduid=${tduid}&currency=USD&extid=${sha256('kim@example.nl')}&exttype=1&reportInfo=${reportInfo}`,
    );
    expect(answer.statusCode).toBe(200);
    const { order, lines, details } = await stored('ST-1');
    expect(order).toMatchObject({ attribution: 'attributed', source: 'pixel', currency: 'USD' });
    expect(lines).toEqual([{ sku: 'SKU-1', name: 'Cable', unit_price_minor: 1250, quantity: 2 }]);
    expect(details).toMatchObject({
      form: 'query',
      event: '7',
      extId: sha256('kim@example.nl'),
      extType: '1',
      convtagtid: '11',
      flags: [],
    });
  });

  it('stape tag with product-level tracking: the parenthesised form and an encoded basket', async () => {
    const tduid = await demoClick(t);
    const basket = 'pr(i(SKU-9)n(Phone case)gr(5)v(8.00)q(1))pr(i(SKU-10)n(Screen)gr(5)v(4.5)q(3))';
    const answer = await get(
      `/report?o(${program})convtagtid(11)p(1)event(7)ordnum(ST-2)tduid(${tduid})curr(USD)basket(${enc(basket)})enc(3)`,
    );
    expect(answer.statusCode).toBe(200);
    const { order, lines, details } = await stored('ST-2');
    expect(order.attribution).toBe('attributed');
    expect(lines).toEqual([
      { sku: 'SKU-9', name: 'Phone case', unit_price_minor: 800, quantity: 1 },
      { sku: 'SKU-10', name: 'Screen', unit_price_minor: 450, quantity: 3 },
    ]);
    expect(details).toMatchObject({ form: 'parenthesised', event: '7' });
  });

  it('the product-level tag of the Qubit/OpenTag library: a raw (unencoded) basket', async () => {
    const tduid = await demoClick(t);
    const answer = await get(
      `/report?o(${program})event(7)ordnum(QB-1)curr(USD)tduid(${tduid})enc(3)basket(pr(gr(12)i(A-1)n(Lamp)v(19.99)q(2)))`,
    );
    expect(answer.statusCode).toBe(200);
    const { lines } = await stored('QB-1');
    expect(lines).toEqual([{ sku: 'A-1', name: 'Lamp', unit_price_minor: 1999, quantity: 2 }]);
  });

  it('Android SDK: `reportinfo` in lower case, decoded once, a quantity sent as a double', async () => {
    const tduid = await demoClick(t);
    const reportInfo = enc('f1=B-1&f2=C++ Primer&f3=30.00&f4=2.0');
    await get(
      `/report?organization=${program}&event=7&orderNumber=AN-1&orderValue=60.00&currency=USD&voucher=&tduid=${tduid}&exttype=1&extid=${sha256('x')}&reportinfo=${reportInfo}`,
    );
    const { lines, order } = await stored('AN-1');
    expect(order.attribution).toBe('attributed');
    expect(lines).toEqual([
      { sku: 'B-1', name: 'C++ Primer', unit_price_minor: 3000, quantity: 2 },
    ]);
  });

  it('iOS SDK: `currency` twice (the last one counts, the order is flagged), a plain email extid', async () => {
    const tduid = await demoClick(t);
    await get(
      `/report?organization=${program}&event=7&orderNumber=IOS-1&orderValue=10.00&currency=EUR&checksum=v04abc&extid=${enc('Kim@Example.nl')}&exttype=1&currency=USD&tduid=${tduid}`,
    );
    const { order, details } = await stored('IOS-1');
    expect(order.currency).toBe('USD');
    expect(details).toMatchObject({
      flags: ['conflicting_parameters'],
      conflicting: ['currency'],
      extId: sha256('kim@example.nl'),
      checksum: 'not_required',
    });
    // The advertiser sees what the reader forgave, beside the transaction.
    const transactions = await t.app.inject({
      url: `/api/v1/programs/${program}/transactions`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
    });
    const rows = (
      transactions.json() as {
        transactions: { orderNumber: string; reportedBy: string; reportFlags: string[] }[];
      }
    ).transactions;
    expect(rows.find((row) => row.orderNumber === 'IOS-1')).toMatchObject({
      reportedBy: 'pixel',
      reportFlags: ['conflicting_parameters', 'unsigned_fields'],
    });
  });

  it('WooCommerce plugin, server to server: an empty tduid and a PHP float amount', async () => {
    const answer = await get(
      `/report?organization=${program}&event=7&orderNumber=WC-1&orderValue=33.335&currency=USD&voucher=&convtagtid=13&tduid=`,
    );
    expect(answer.statusCode).toBe(200);
    const { order, lines, details } = await stored('WC-1');
    // No click: stored unattributed, as the README promises, not refused.
    expect(order.attribution).not.toBe('attributed');
    expect(order.click_id).toBeNull();
    expect(lines).toEqual([{ sku: 'order', name: null, unit_price_minor: 3334, quantity: 1 }]);
    expect(details).toMatchObject({ flags: ['amount_rounded'], convtagtid: '13' });
  });

  it('WooCommerce plugin, browser fallback: tduid=null and type=iframe answer an empty page', async () => {
    const answer = await get(
      `/report?organization=${program}&event=7&orderNumber=WC-2&orderValue=12.00&currency=USD&tduid=null&convtagtid=34&type=iframe&reportInfo=${enc('f1=P-1&f2=Mug&f3=12.00&f4=1')}`,
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body).toContain('<body></body>');
    const { order, lines } = await stored('WC-2');
    expect(order.click_id).toBeNull();
    expect(lines).toEqual([{ sku: 'P-1', name: 'Mug', unit_price_minor: 1200, quantity: 1 }]);
  });

  it('OXID module: `&amp;` separators copied out of HTML, an empty reportInfo, a long float', async () => {
    const tduid = await demoClick(t);
    const answer = await get(
      `/report?organization=${program}&amp;event=7&amp;orderNumber=OX-1&amp;checksum=v04x&amp;tduid=${tduid}&amp;reportInfo=&amp;orderValue=84.0336134&amp;currency=USD`,
    );
    expect(answer.statusCode).toBe(200);
    const { order, lines, details } = await stored('OX-1');
    expect(order.attribution).toBe('attributed');
    expect(lines).toEqual([{ sku: 'order', name: null, unit_price_minor: 8403, quantity: 1 }]);
    expect(details).toMatchObject({ flags: ['amount_rounded'] });
  });

  it('Magento module: `ordernumber` and `ordervalue` in lower case', async () => {
    const tduid = await demoClick(t);
    await get(
      `/report?organization=${program}&event=7&ordernumber=MG-1&ordervalue=99.90&currency=USD&tduid=${tduid}`,
    );
    const { order, lines } = await stored('MG-1');
    expect(order.attribution).toBe('attributed');
    expect(lines).toEqual([{ sku: 'order', name: null, unit_price_minor: 9990, quantity: 1 }]);
  });

  it('Tradedoubler’s documented reportInfo example, names with spaces', async () => {
    const tduid = await demoClick(t);
    const reportInfo = enc(
      'f1=12345&f2=Product Y&f3=10.99&f4=3|f1=67890&f2=Product Z&f3=1000.00&f4=1',
    );
    await get(
      `/report?organization=${program}&event=7&orderNumber=TD-1&orderValue=1032.97&currency=USD&tduid=${tduid}&reportInfo=${reportInfo}`,
    );
    const { lines } = await stored('TD-1');
    expect(lines).toEqual([
      { sku: '12345', name: 'Product Y', unit_price_minor: 1099, quantity: 3 },
      { sku: '67890', name: 'Product Z', unit_price_minor: 100000, quantity: 1 },
    ]);
  });

  it('a lead (Android and iOS SDKs): stored with its lead number; a program without that lead event pays nothing (NET-R2)', async () => {
    const tduid = await demoClick(t);
    const answer = await get(
      `/report?organization=${program}&event=9&leadNumber=L-1&tduid=${tduid}&exttype=1&extid=${sha256('y')}`,
    );
    expect(answer.statusCode).toBe(200);
    const { order, details, quote } = await stored('L-1');
    expect(order.attribution).toBe('attributed');
    expect(details).toMatchObject({ lead: true, event: '9' });
    // AliExpress pays for no lead event: the lead is kept and says why it earns nothing.
    expect(quote.status).toBe('disqualified');
    expect(quote.reasons).toContain('unknown_event');
  });

  it('refuses what cannot be an order, saying what to fix, and counts it by reason', async () => {
    const noNumber = await get(`/report?organization=${program}&orderValue=1.00&currency=USD`);
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json()).toMatchObject({ code: 'invalid_parameter' });
    expect(noNumber.json().message).toContain('leadNumber');
    const half = await get(
      `/report?organization=${program}&orderNumber=Q-1&currency=USD&reportInfo=${enc('f1=A&f3=1.00&f4=2.5')}`,
    );
    expect(half.statusCode).toBe(400);
    expect(half.json().message).toContain('whole number');
    const metrics = await get('/metrics');
    expect(metrics.body).toMatch(
      /affnet_pixel_reports_refused_total\{reason="invalid_parameter"\} [2-9]/,
    );
  });

  it('the click in the parenthesised form with a sub id and a deeplink', async () => {
    const answer = await get(
      `/click?p(${program})a(${t.demo.siteId})g(${t.demo.adId})epi(news)epi2(top)`,
    );
    expect(answer.statusCode).toBe(302);
    const location = new URL(answer.headers.location as string);
    expect(location.searchParams.get('tduid')).toMatch(/^clk_/);
    const upper = await get(`/click?P=${program}&A=${t.demo.siteId}&G=${t.demo.adId}`);
    expect(upper.statusCode).toBe(302);
  });

  it('checks the checksum when the program has a secret: a wrong one is stored, refused and never paid', async () => {
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.advertiser.email, password: t.demo.advertiser.password },
    });
    const secretFor = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/advertiser/programs/${program}/checksum-secret`,
        headers: { authorization: `Bearer ${(session.json() as { token: string }).token}` },
        payload,
      });
    expect((await secretFor({ secret: 'short' })).statusCode).toBe(400);
    const set = await secretFor({ secret: 's3cret-checksum' });
    expect(set.json()).toEqual({ programId: program, secret: 's3cret-checksum' });
    await t.network.refreshIfChanged();
    const good = `v04${md5('s3cret-checksum' + 'CK-1' + '20.00')}`;
    await get(
      `/report?organization=${program}&event=7&orderNumber=CK-1&orderValue=20.00&currency=USD&checksum=${good}&tduid=${await demoClick(t)}`,
    );
    const valid = await stored('CK-1');
    expect(valid.details).toMatchObject({ checksum: 'valid' });
    expect(valid.quote.reasons).not.toContain('checksum_mismatch');

    await get(
      `/report?organization=${program}&event=7&orderNumber=CK-2&orderValue=20.00&currency=USD&checksum=${good}&tduid=${await demoClick(t)}`,
    );
    await get(
      `/report?organization=${program}&event=7&orderNumber=CK-3&orderValue=20.00&currency=USD&tduid=${await demoClick(t)}`,
    );
    for (const number of ['CK-2', 'CK-3']) {
      const refused = await stored(number);
      expect(refused.details).toMatchObject({ checksum: 'mismatch' });
      expect(refused.quote).toMatchObject({ status: 'disqualified' });
      expect(refused.quote.reasons).toContain('checksum_mismatch');
      const commissions = await t.network.store.db
        .selectFrom('commissions')
        .select(['amount_minor'])
        .where('order_id', '=', refused.order.id)
        .execute();
      expect(commissions.every((c) => c.amount_minor === 0)).toBe(true);
    }
    const metrics = await get('/metrics');
    expect(metrics.body).toMatch(
      /affnet_pixel_reports_refused_total\{reason="checksum_mismatch"\} 2/,
    );
    expect((await secretFor({ secret: null })).json()).toEqual({
      programId: program,
      secret: null,
    });
    await t.network.refreshIfChanged();
  });
});
