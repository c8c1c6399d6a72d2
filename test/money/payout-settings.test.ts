import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  adminLogin,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { orderDoc } from '../support/orders.js';
import { client } from '../support/web-client.js';

/** The minimum payout: the network's, each publisher's (raised, never lower), and its effect. */
describeEachEngine('minimum payout', (context) => {
  let t: TestNetwork;
  let admin: string;
  let relogin: () => Promise<string>;
  let publisher: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    ({ token: admin, again: relogin } = await adminLogin(t));
    publisher = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const call = (method: 'GET' | 'PUT', url: string, token: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('is a network setting publishers start with and may raise, never lower, all audited', async () => {
    expect((await call('GET', '/api/v1/admin/settings/payouts', admin)).json()).toEqual({
      minimumPayout: '50.00',
      currency: 'EUR',
    });
    const raised = await call('PUT', '/api/v1/admin/settings/payouts', admin, {
      minimumPayout: '75',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ minimumPayout: '75.00', publishersMoved: 1 });
    expect((await call('GET', '/api/v1/publisher/payout-settings', publisher)).json()).toEqual({
      minimumPayout: '75.00',
      networkMinimumPayout: '75.00',
      currency: 'EUR',
    });
    const lower = await call('PUT', '/api/v1/publisher/payout-settings', publisher, {
      minimumPayout: '60.00',
    });
    expect(lower.statusCode).toBe(400);
    expect(lower.json()).toMatchObject({
      code: 'below_network_minimum',
      message: 'minimumPayout: the network pays from EUR 75.00; choose that amount or more',
    });
    const own = await call('PUT', '/api/v1/publisher/payout-settings', publisher, {
      minimumPayout: '100.00',
    });
    expect(own.json()).toMatchObject({ minimumPayout: '100.00' });
    // The network lowers its minimum: a publisher who chose its own keeps it.
    const lowered = await call('PUT', '/api/v1/admin/settings/payouts', admin, {
      minimumPayout: '25.00',
    });
    expect(lowered.json()).toMatchObject({ minimumPayout: '25.00', publishersMoved: 0 });
    expect(
      (await call('GET', '/api/v1/publisher/payout-settings', publisher)).json(),
    ).toMatchObject({ minimumPayout: '100.00', networkMinimumPayout: '25.00' });
    const bad = await call('PUT', '/api/v1/admin/settings/payouts', admin, { minimumPayout: '-5' });
    expect(bad.json()).toMatchObject({ code: 'invalid_minimum_payout' });
    expect(
      (await call('PUT', '/api/v1/admin/settings/payouts', publisher, { minimumPayout: '1' }))
        .statusCode,
    ).toBe(403);
    const audit = (
      await call('GET', '/api/v1/admin/audit?action=setting.minimum', admin)
    ).json() as {
      events: { action: string; details: { before: unknown; after: unknown } }[];
    };
    expect(audit.events.map((event) => event.details)).toEqual([
      expect.objectContaining({
        before: { minimumPayout: '75.00' },
        after: { minimumPayout: '25.00' },
      }),
      expect.objectContaining({
        before: { minimumPayout: '50.00' },
        after: { minimumPayout: '75.00' },
      }),
    ]);
  });

  it('says why a payout run has nothing to pay: balances below the minimum are carried over', async () => {
    const click = await t.app.inject({ url: t.demo.clickUrl });
    const tduid = new URL(click.headers.location as string).searchParams.get('tduid')!;
    const order = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/orders`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: orderDoc({
        orderNumber: 'MIN-1',
        clickId: tduid,
        placedAt: new Date(t.clock.now + 1000).toISOString(),
      }),
    });
    expect(order.statusCode, order.body).toBe(201);
    t.clock.now = Date.UTC(2026, 10, 2, 9);
    admin = await relogin();
    const post = (url: string, payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${admin}` },
        payload: payload as Record<string, unknown>,
      });
    const invoices = await post('/api/v1/admin/invoices', { period: '2026-10' });
    for (const id of invoices.json().created as string[])
      await post(`/api/v1/admin/invoices/${id}/paid`, {});
    expect((await post('/api/v1/admin/statements', { period: '2026-10' })).statusCode).toBe(201);
    // A day gone by is refused before anything is looked at (a bank refuses it too).
    const past = await post('/api/v1/admin/payout-runs', { executionDate: '2026-10-31' });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'invalid_execution_date' });
    expect(past.json().message).toContain('is in the past');
    const run = await post('/api/v1/admin/payout-runs', { executionDate: '2026-11-05' });
    expect(run.statusCode).toBe(409);
    expect(run.json().message).toBe(
      "no statement is waiting for a payout: 1 statement(s) of 2026-10 are below their publisher's minimum payout and carried over to next month (EUR 6.39 below EUR 100.00)",
    );
    // The statement itself says so (self-billing: it is the publisher's invoice), CSV and page.
    const publisherNow = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    publisher = publisherNow; // the first session expired with the month
    const statements = await call('GET', '/api/v1/publisher/statements', publisherNow);
    const statementId = (statements.json().statements as { id: string }[])[0]!.id;
    const csv = await call(
      'GET',
      `/api/v1/publisher/statements/${statementId}?format=csv`,
      publisherNow,
    );
    expect(csv.body).toContain(',Minimum payout,,,100.00');
    expect(csv.body).toContain(
      'The balance of EUR 6.39 is below your minimum payout of EUR 100.00: it is carried over to the next statement.',
    );
    const browser = client(t);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await browser.get(`/publisher/statements/${statementId}`);
    expect(page.body).toContain('below your minimum payout of EUR');
    expect(page.body).toContain('Your minimum payout');
  });

  it('shows the minimum on the dashboard, where the publisher raises it', async () => {
    const browser = client(t);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    const dashboard = await browser.get('/publisher');
    expect(dashboard.body).toContain('Minimum payout');
    expect(dashboard.body).toContain('name="minimumPayout"');
    const low = await browser.post('/publisher/payout-settings', { minimumPayout: '10' });
    expect(low.body).toContain('the network pays from EUR 25.00; choose that amount or more');
    const saved = await browser.submit('/publisher/payout-settings', { minimumPayout: '150' });
    expect(saved.body).toContain('Saved: your next statements pay out from this amount.');
    expect(
      (await call('GET', '/api/v1/publisher/payout-settings', publisher)).json(),
    ).toMatchObject({ minimumPayout: '150.00' });
  });
});
