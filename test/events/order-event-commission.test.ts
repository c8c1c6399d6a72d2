import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';

interface Amount {
  value: string;
  currency: string;
}

/**
 * An order's events and its commissions' events tell one amount in one currency: the
 * commission is in the program's currency (EUR for the demo program) whatever the order's
 * (USD), on order.created as on commission.created, and again after a status change.
 */
describeEachEngine('order events carry the commission in the program currency', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const eventsOf = async (type: string) =>
    (
      await t.network.store.db
        .selectFrom('events')
        .select('data')
        .where('type', '=', type)
        .orderBy('id')
        .execute()
    ).map((row) => JSON.parse(row.data) as Record<string, Record<string, unknown>>);
  const sum = (amounts: Amount[]) =>
    (
      amounts.reduce((total, amount) => total + Math.round(Number(amount.value) * 100), 0) / 100
    ).toFixed(2);

  it('order.created and commission.created of one order agree', async () => {
    const reported = await demoOrder(t, {
      orderNumber: 'EVT-1',
      clickId: await demoClick(t),
      status: 'pending',
    });
    expect(reported.statusCode, reported.body).toBe(201);
    const quote = reported.json().quote as { total: string };
    const [order] = await eventsOf('order.created');
    const orderData = order!.order as { id: string; commission: Amount; value: Amount };
    const commissions = (await eventsOf('commission.created'))
      .map((event) => event.commission as { orderId: string; amount: Amount })
      .filter((commission) => commission.orderId === orderData.id);
    expect(commissions.length).toBeGreaterThan(0);
    expect(orderData.value.currency).toBe('USD');
    expect(orderData.commission).toEqual({ value: quote.total, currency: 'EUR' });
    expect(Number(orderData.commission.value)).toBeGreaterThan(0);
    for (const commission of commissions) expect(commission.amount.currency).toBe('EUR');
    expect(sum(commissions.map((commission) => commission.amount))).toBe(
      orderData.commission.value,
    );
  });

  it('order.updated after a status change carries the commission in EUR too', async () => {
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programs/${t.demo.programId}/orders/EVT-1`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: { status: 'completed' },
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    const updated = await eventsOf('order.updated');
    expect(updated.length).toBeGreaterThan(0);
    const last = updated.at(-1)!.order as { commission: Amount };
    expect(last.commission.currency).toBe('EUR');
  });
});
