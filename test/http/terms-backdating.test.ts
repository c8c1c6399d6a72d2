import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { kabelkoningApi, kabelkoningTerms, withVersion } from '../support/kabelkoning-terms.js';

const DAY = 86_400_000;

/**
 * No back-dating: new terms take effect no earlier than their publication, and an order keeps
 * the terms it was recorded under, for its price and its validation rule.
 */
describeEachEngine('terms cannot be back-dated', (context) => {
  let t: TestNetwork;
  let source: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    source = await kabelkoningTerms();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const { shop, auth, putTerms: put } = kabelkoningApi(() => t);
  const lead = async (orderNumber: string) => {
    const click = await t.app.inject({ url: shop().clickUrl });
    expect(click.statusCode, click.body).toBe(302);
    const tduid = new URL(click.headers.location as string).searchParams.get('tduid')!;
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${shop().programId}/orders`,
      headers: auth(),
      payload: {
        orderNumber,
        clickId: tduid,
        event: '2',
        placedAt: new Date(t.clock.now - 60_000).toISOString(),
        currency: 'EUR',
        status: 'pending',
        items: [{ sku: 'nieuwsbrief', category: 'newsletter', unitPrice: '0.00', quantity: 1 }],
      },
    });
  };
  const commissionsOf = (orderNumber: string) =>
    t.network.store.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select(['commissions.status', 'commissions.amount_minor'])
      .where('orders.order_number', '=', orderNumber)
      .execute();
  const stored = async () => ({
    terms: (await t.network.store.db.selectFrom('program_terms').select('id').execute()).length,
    programs: await t.network.store.db
      .selectFrom('programs')
      .select(['id', 'current_terms_id'])
      .orderBy('id')
      .execute(),
    orders: await t.network.store.db
      .selectFrom('orders')
      .select(['order_number', 'quote', 'terms_id', 'revision'])
      .orderBy('order_number')
      .execute(),
  });

  it('refuses a version that would take effect before it is published, storing nothing', async () => {
    expect((await lead('BD-1')).statusCode).toBe(201);
    const before = await stored();
    // A version from the start of the year with every rate at 0, added today.
    const zero = withVersion(source, { id: '2026-06', effectiveFrom: '2026-06-01', rate: '0' });
    const backdated = await put(zero);
    expect(backdated.statusCode, backdated.body).toBe(400);
    expect(backdated.json()).toMatchObject({ code: 'terms_backdated' });
    expect(backdated.json().message).toContain(
      'version "2026-06" is new and would take effect 2026-06-01, before it is published (2026-10-05T12:00:00.000Z)',
    );
    // Changing the version in force since January is back-dating too.
    const changed = await put(source.replace("rate: '0.06'", "rate: '0'"));
    expect(changed.json()).toMatchObject({ code: 'terms_backdated' });
    expect(await stored()).toEqual(before);
    // The same version from tomorrow is published.
    const later = await put(zero.replace("'2026-06-01'", "'2026-10-06'"));
    expect(later.statusCode, later.body).toBe(200);
  });

  it('keeps an order’s terms: a later file neither re-prices it nor changes its deadline rule', async () => {
    expect(await commissionsOf('BD-1')).toEqual([{ status: 'pending', amount_minor: 150 }]);
    // New terms: leads pay nothing and a pending order is declined at its deadline.
    const harsher = source
      .replace("amount: '1.50'", "amount: '0.00'")
      .replace('atDeadline: approve', 'atDeadline: decline');
    const applied = await put(
      withVersion(harsher, { id: '2026-11', effectiveFrom: '2026-11-01', rate: '0.05' }),
    );
    expect(applied.statusCode, applied.body).toBe(200);
    await t.network.refreshIfChanged();
    // A status update re-prices the order under the terms it was recorded under.
    const update = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programs/${shop().programId}/orders/BD-1`,
      headers: auth(),
      payload: { status: 'pending' },
    });
    expect(update.statusCode, update.body).toBeLessThan(300);
    expect(await commissionsOf('BD-1')).toEqual([{ status: 'pending', amount_minor: 150 }]);
    // So does a report of the order again.
    const again = await lead('BD-1');
    expect(again.statusCode, again.body).toBeLessThan(300);
    expect(await commissionsOf('BD-1')).toEqual([{ status: 'pending', amount_minor: 150 }]);
    // An order recorded now is under the new terms.
    expect((await lead('BD-2')).statusCode).toBe(201);
    expect(await commissionsOf('BD-2')).toEqual([{ status: 'pending', amount_minor: 0 }]);

    // Past both deadlines: each order is decided by the rule of its own terms.
    t.clock.now += 31 * DAY;
    await t.network.applyValidationDeadlines();
    expect(await commissionsOf('BD-1')).toEqual([{ status: 'approved', amount_minor: 150 }]);
    expect((await commissionsOf('BD-2'))[0]?.status).toBe('declined');
  });
});
