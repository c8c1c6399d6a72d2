import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { orderDoc } from '../support/orders.js';

describeEachEngine('validation API', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const auth = () => ({ authorization: `Bearer ${t.demo.advertiserApiKey}` });
  const base = () => `/api/v1/programs/${t.demo.programId}`;
  const click = async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/click?p=${t.demo.programId}&a=${t.demo.siteId}&g=${t.demo.adId}`,
    });
    return new URL(response.headers.location as string).searchParams.get('tduid')!;
  };
  const pendingOrder = async (orderNumber: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${base()}/orders`,
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: orderDoc({
        orderNumber,
        status: 'pending',
        placedAt: new Date(t.clock.now + 1000).toISOString(),
        clickId: await click(),
      }),
    });
    expect(response.statusCode).toBe(201);
  };

  it('approves and declines one order with a reason from the taxonomy', async () => {
    await pendingOrder('V-1');
    await pendingOrder('V-2');
    const approve = await t.app.inject({
      method: 'POST',
      url: `${base()}/orders/V-1/validation`,
      headers: auth(),
      payload: { decision: 'approve' },
    });
    expect(approve.statusCode).toBe(200);
    expect(approve.json()).toMatchObject({
      ok: true,
      changed: true,
      commissions: [{ kind: 'product', status: 'approved', amountMinor: 639 }],
    });
    const cases: [string, object, number, string][] = [
      ['V-2', { decision: 'decline' }, 400, 'invalid_decline_reason'],
      ['V-2', { decision: 'decline', reason: 'lost' }, 400, 'invalid_decline_reason'],
      ['V-2', { decision: 'maybe' }, 400, 'invalid_decision'],
      ['NOPE', { decision: 'approve' }, 404, 'unknown_order'],
    ];
    for (const [orderNumber, payload, status, code] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: `${base()}/orders/${orderNumber}/validation`,
        headers: auth(),
        payload,
      });
      expect([response.statusCode, response.json().code]).toEqual([status, code]);
    }
    const decline = await t.app.inject({
      method: 'POST',
      url: `${base()}/orders/V-2/validation`,
      headers: auth(),
      payload: { decision: 'decline', reason: 'cancelled' },
    });
    expect(decline.json()).toMatchObject({ commissions: [{ status: 'declined' }] });
    const list = await t.app.inject({
      method: 'GET',
      url: `${base()}/transactions?status=declined`,
      headers: auth(),
    });
    expect(list.json().transactions).toMatchObject([
      { orderNumber: 'V-2', reason: 'cancelled', declineReason: 'cancelled', rule: 'AE-Q2' },
    ]);
  });

  it('validates a CSV upload row by row', async () => {
    await pendingOrder('V-3');
    await pendingOrder('V-4');
    const response = await t.app.inject({
      method: 'POST',
      url: `${base()}/validations`,
      headers: { ...auth(), 'content-type': 'text/csv' },
      payload:
        'orderNumber,decision,reason\nV-3,approve,\r\nV-4,decline,returned\n"V-404",approve,\n',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      summary: { rows: 3, ok: 2, refused: 1 },
      results: [
        { orderNumber: 'V-3', ok: true },
        { orderNumber: 'V-4', ok: true },
        { orderNumber: 'V-404', ok: false, code: 'unknown_order' },
      ],
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: `${base()}/validations`,
      headers: { ...auth(), 'content-type': 'text/csv' },
      payload: 'order,what\nV-3,approve\n',
    });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_csv']);
  });

  it('refuses a request without an API key and lists only its own invoices', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `${base()}/validations`,
      payload: { validations: [] },
    });
    expect(anonymous.statusCode).toBe(401);
    const invoices = await t.app.inject({
      method: 'GET',
      url: `${base()}/invoices`,
      headers: auth(),
    });
    expect(invoices.json()).toEqual({ invoices: [] });
  });
});
