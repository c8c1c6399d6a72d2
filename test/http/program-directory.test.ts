import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { browseDirectory, directoryQuerySchema } from '../../src/domain/programs/directory.js';

type Listed = { slug: string; epc: string | null; clicks: number; markets: string[] };

/** Publishers browse the directory: search, filters, EPC over the last 30 days. */
describeEachEngine('the program directory', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const kabelkoning = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    // Kabelkoning: 4 clicks and one 100 EUR headphone order (6.00 commission) → EPC 1.5000.
    let tduid = '';
    for (let i = 0; i < 4; i++) {
      const answer = await t.app.inject({ url: kabelkoning.clickUrl });
      tduid = new URL(answer.headers.location as string).searchParams.get('tduid')!;
    }
    const order = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${kabelkoning.programId}/orders`,
      headers: { authorization: `Bearer ${kabelkoning.advertiserApiKey}` },
      payload: {
        orderNumber: 'KK-1',
        placedAt: new Date(t.clock.now).toISOString(),
        currency: 'EUR',
        status: 'pending',
        clickId: tduid,
        items: [{ sku: 'HP', category: 'headphones', unitPrice: '100.00', quantity: 1 }],
      },
    });
    expect(order.statusCode, order.body).toBe(201);
    // AliExpress: 2 clicks, no order → EPC 0.0000.
    for (let i = 0; i < 2; i++) await t.app.inject({ url: t.demo.clickUrl });
    // Roll the clicks into the reports a second later (the scheduled run may be busy: retry).
    t.clock.now += 1000;
    for (let rolled = 0, tries = 0; rolled === 0 && tries < 100; tries++) {
      rolled = await t.network.rollUp(0);
      if (rolled === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(async () => {
    await t.app.close();
  });

  const list = async (query = '') => {
    const answer = await t.app.inject({ url: `/api/v1/programs${query}` });
    expect(answer.statusCode, answer.body).toBe(200);
    return (answer.json() as { programs: Listed[] }).programs;
  };

  it('sorts by EPC over the last 30 days by default, or by name', async () => {
    const byEpc = await list();
    expect(byEpc.map((p) => [p.slug, p.clicks, p.epc])).toEqual([
      ['kabelkoning', 4, '1.5000'],
      ['aliexpress', 2, '0.0000'],
    ]);
    expect((await list('?sort=name')).map((p) => p.slug)).toEqual(['aliexpress', 'kabelkoning']);
    // 31 days on, the clicks have left the window: no EPC, sorted by name.
    t.clock.now += 31 * 86_400_000;
    expect((await list()).map((p) => [p.slug, p.epc])).toEqual([
      ['aliexpress', null],
      ['kabelkoning', null],
    ]);
    t.clock.now -= 31 * 86_400_000;
  });

  it('filters by search text, category, commission type and country', async () => {
    expect((await list('?q=ELEKTRONICA')).map((p) => p.slug)).toEqual(['kabelkoning']);
    expect((await list('?category=fashion')).map((p) => p.slug)).toEqual(['aliexpress']);
    expect((await list('?type=lead')).map((p) => p.slug)).toEqual(['kabelkoning']);
    expect((await list('?type=sale')).length).toBe(2);
    expect((await list('?country=be')).length).toBe(2);
    expect(await list('?country=DE')).toEqual([]);
    const page = await t.app.inject({
      url: '/programs?type=lead',
      headers: { accept: 'text/html' },
    });
    expect(page.body).toContain('data-slug="kabelkoning"');
    expect(page.body).not.toContain('data-slug="aliexpress"');
    expect(page.body).toMatch(/<option value="lead"\s+selected>/);
  });

  it('shows the advertiser its last 30 days: a chart per day and a table per publisher site', async () => {
    const kabelkoning = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    const browser = client(t);
    await browser.login(kabelkoning.advertiser.email, kabelkoning.advertiser.password);
    const overview = await browser.get('/advertiser');
    expect(overview.statusCode).toBe(200);
    // The default range: the 30 days up to today, by the network's clock.
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(overview.body).toContain(
      `Performance from ${day(t.clock.now - 29 * 86_400_000)} to ${day(t.clock.now)}`,
    );
    expect(overview.body).toContain('<svg class="chart"');
    expect(overview.body).toMatch(
      /<td>Demo Deals \(Demo Deals\)<\/td>\s*<td class="num">4<\/td>\s*<td class="num">1<\/td>/,
    );
    expect(overview.body).toContain('EUR 1.50<'); // EPC with two decimals (issue 27, item 5)
  });

  it('refuses a filter it does not understand, naming it', async () => {
    const answer = await t.app.inject({ url: '/api/v1/programs?sort=cheapest' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'invalid_parameter' });
    expect(answer.json().message).toContain('sort: expected epc or name');
  });
});

it('sorts EPCs exactly, programs without clicks last', () => {
  const entry = (slug: string, epc: string | null) => ({
    id: slug,
    slug,
    name: slug,
    advertiser: slug,
    description: { en: '', nl: '' },
    categories: [],
    markets: [],
    commissionTypes: ['sale' as const],
    saleRates: [],
    leadFees: [],
    currency: 'EUR',
    clicks: epc === null ? 0 : 1,
    epc,
  });
  const sorted = browseDirectory(
    [entry('a', null), entry('b', '0.0999'), entry('c', '10.0000'), entry('d', '9.9999')],
    directoryQuerySchema.parse({}),
  );
  expect(sorted.map((e) => e.slug)).toEqual(['c', 'd', 'b', 'a']);
});
