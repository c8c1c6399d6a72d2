import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { orderDoc, itemDoc } from '../support/orders.js';
import { clickRow } from '../support/clicks.js';
import { toClickRecord } from '../../src/storage/repositories/clicks-repository.js';

describeEachEngine('hourly rollups and the reporting API', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const auth = () => ({ authorization: `Bearer ${t.demo.advertiserApiKey}` });
  const report = (query: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/reports?programId=${t.demo.programId}&${query}`,
      headers: auth(),
    });
  const click = async (epi: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/click?p=${t.demo.programId}&a=${t.demo.siteId}&g=${t.demo.adId}&epi=${epi}`,
    });
    return new URL(response.headers.location as string).searchParams.get('tduid')!;
  };

  it('counts clicks once, orders at once, and corrections where they were counted', async () => {
    const first = await click('newsletter');
    await click('newsletter');
    await click('sidebar');
    const order = orderDoc({
      orderNumber: 'R-1',
      placedAt: new Date(t.clock.now + 60_000).toISOString(),
      clickId: first,
      items: [itemDoc({ sku: 'A' }), itemDoc({ sku: 'B' })],
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/programs/${t.demo.programId}/orders`,
          headers: { ...auth(), 'content-type': 'application/json' },
          payload: order,
        })
      ).statusCode,
    ).toBe(201);

    // Clicks are counted by the rollup job, a lag behind; here the lag is negative: count all.
    expect(await t.network.rollUp(-3_600_000)).toBe(3);
    expect(await t.network.rollUp(-3_600_000)).toBe(0);

    const byEpi = await report('from=2026-10-05&to=2026-10-05&groupBy=epi');
    expect(byEpi.statusCode).toBe(200);
    expect(byEpi.json()).toMatchObject({
      currency: 'EUR',
      groupBy: 'epi',
      rows: [
        {
          epi: 'newsletter',
          clicks: 2,
          orders: 1,
          orderValue: '200.00',
          commission: '12.79',
          conversionRate: '0.5000',
          epc: '6.3950',
        },
        { epi: 'sidebar', clicks: 1, orders: 0, orderValue: '0.00', commission: '0.00' },
      ],
    });

    const refund = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programs/${t.demo.programId}/orders/R-1`,
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: { items: [{ sku: 'B', status: 'refunded' }] },
    });
    expect(refund.statusCode).toBe(200);
    const byDay = await report('from=2026-10-01&to=2026-10-31&groupBy=day');
    expect(byDay.json().rows).toEqual([
      {
        day: '2026-10-05',
        clicks: 3,
        orders: 1,
        orderValue: '200.00',
        commission: '6.39',
        conversionRate: '0.3333',
        epc: '2.1300',
      },
    ]);
    const filtered = await report('from=2026-10-05&to=2026-10-05&groupBy=hour&epi=sidebar');
    expect(filtered.json().rows).toEqual([
      {
        hour: '2026-10-05T12:00:00.000Z',
        clicks: 1,
        orders: 0,
        orderValue: '0.00',
        commission: '0.00',
        conversionRate: '0.0000',
        epc: '0.0000',
      },
    ]);
  });

  it('exports CSV', async () => {
    const csv = await report('from=2026-10-05&to=2026-10-05&groupBy=site&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe(
      `site,clicks,orders,orderValue,commission,conversionRate,epc\n${t.demo.siteId},3,1,200.00,6.39,0.3333,2.1300\n`,
    );
  });

  it.each([
    ['from=2026-10-05&to=2026-10-04', 'to: must not be before from'],
    ['from=yesterday&to=2026-10-04', 'from: expected a date as YYYY-MM-DD'],
    [
      'from=2026-10-05&to=2026-10-05&groupBy=week',
      'groupBy: expected one of day, hour, site, ad, epi',
    ],
    ['from=2026-10-05&to=2026-10-05&format=xml', 'format: expected json or csv'],
  ])('refuses %s', async (query, message) => {
    const response = await report(query);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'invalid_parameter', message });
  });

  it('needs the API key of the program’s advertiser', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports?programId=${t.demo.programId}&from=2026-10-05&to=2026-10-05`,
    });
    expect(response.statusCode).toBe(401);
  });

  it('counts a backlog larger than one rollup chunk exactly once, chunk after chunk', async () => {
    // Counted up to an hour ahead so far (see above): the backlog lies past that.
    await t.network.rollUp(-3_600_000);
    const backlog = Array.from({ length: 4_500 }, (_, n) =>
      clickRow(n, t.demo.programId, t.demo.siteId, t.clock.now + 3_700_000 + n),
    );
    await t.network.clicks.insertBatch(backlog.map(toClickRecord));
    expect(await t.network.rollUp(-7_200_000)).toBe(4_500);
    expect(await t.network.rollUp(-7_200_000)).toBe(0);
    const counted = await t.network.store.db
      .selectFrom('report_hourly')
      .select((eb) => eb.fn.sum<number>('clicks').as('clicks'))
      .where('site_id', '=', t.demo.siteId)
      .where('epi', 'like', 'newsletter-%')
      .executeTakeFirstOrThrow();
    expect(Number(counted.clicks)).toBe(4_500);
  });
});
