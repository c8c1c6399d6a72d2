import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  demoClick,
  demoOrder,
  demoPublisherId,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';

type Json = Record<string, unknown>;

/**
 * A publisher's network-wide status is the network admin's alone (an advertiser's enforcement
 * reaches its own programs): set with a reason, audited, over the API and on the admin's
 * Publishers page. Nobody else can, and a refused change stores nothing.
 */
describeEachEngine('the network admin sets a publisher’s network status', (context) => {
  let t: TestNetwork;
  let admin: ReturnType<typeof client>;
  let adminApi: string;
  let advertiser: string;
  let publisher: string;
  let publisherId: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const first = (await ensureAdmin(t.network.store, t.clock.now))!;
    admin = client(t);
    const password = await admin.loginAsFirstAdmin(first);
    adminApi = await sessionToken(t, first.email, password);
    advertiser = await sessionToken(t, t.demo.advertiser.email, t.demo.advertiser.password);
    publisher = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    publisherId = await demoPublisherId(t);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const setStatus = (token: string, payload: Json, id = publisherId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/publishers/${id}/status`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const stored = async () => ({
    status: (
      await t.network.store.db
        .selectFrom('publishers')
        .select('status')
        .where('id', '=', publisherId)
        .executeTakeFirstOrThrow()
    ).status,
    audits: (
      await t.network.store.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('action', '=', 'publisher.network_status_changed')
        .execute()
    ).length,
  });
  const earns = async (orderNumber: string) => {
    await t.network.refreshIfChanged();
    const answer = await demoOrder(t, { orderNumber, clickId: await demoClick(t) });
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    const rows = await t.network.store.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select('commissions.id')
      .where('orders.order_number', '=', orderNumber)
      .execute();
    return rows.length > 0;
  };

  it('refuses anyone but the admin, a status that is none and a change without a reason', async () => {
    const before = await stored();
    for (const token of [advertiser, publisher]) {
      const refused = await setStatus(token, { status: 'terminated', reason: 'rival' });
      expect(refused.statusCode).toBe(403);
    }
    const list = await t.app.inject({
      url: '/api/v1/admin/publishers',
      headers: { authorization: `Bearer ${advertiser}` },
    });
    expect(list.statusCode).toBe(403);
    const wrong = await setStatus(adminApi, { status: 'banned', reason: 'x' });
    expect([wrong.statusCode, wrong.json().code]).toEqual([400, 'invalid_network_status']);
    const silent = await setStatus(adminApi, { status: 'terminated', reason: '  ' });
    expect([silent.statusCode, silent.json().code]).toEqual([
      400,
      'network_status_reason_required',
    ]);
    const nobody = await setStatus(adminApi, { status: 'terminated', reason: 'x' }, 'pub_nobody');
    expect([nobody.statusCode, nobody.json().code]).toEqual([404, 'unknown_publisher']);
    expect(await stored()).toEqual(before);
    // The advertiser's portal has no such page either.
    const portal = client(t);
    t.clock.now += 61_000;
    await portal.login(t.demo.advertiser.email, t.demo.advertiser.password);
    expect((await portal.get('/admin/publishers')).statusCode).toBe(403);
  });

  it('terminates a publisher in the whole network, audited, and makes it active again', async () => {
    expect(await earns('NET-1')).toBe(true);
    const terminated = await setStatus(adminApi, {
      status: 'terminated',
      reason: 'fraud confirmed across three programs',
    });
    expect(terminated.statusCode, terminated.body).toBe(200);
    expect(terminated.json()).toMatchObject({
      publisherId,
      status: 'terminated',
      previousStatus: 'active',
      changed: true,
    });
    expect(await stored()).toEqual({ status: 'terminated', audits: 1 });
    expect(await earns('NET-2')).toBe(false);
    const listed = await t.app.inject({
      url: '/api/v1/admin/publishers',
      headers: { authorization: `Bearer ${adminApi}` },
    });
    expect(
      (listed.json() as { publishers: { publisherId: string; status: string }[] }).publishers,
    ).toContainEqual(expect.objectContaining({ publisherId, status: 'terminated' }));

    // The Publishers page shows it and changes it back, with the reason in the audit log.
    const page = await admin.get('/admin/publishers');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/admin/publishers/${publisherId}/status`);
    const refused = await admin.post(`/admin/publishers/${publisherId}/status`, {
      status: 'active',
      reason: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(await stored()).toEqual({ status: 'terminated', audits: 1 });
    const done = await admin.submit(`/admin/publishers/${publisherId}/status`, {
      status: 'active',
      reason: 'the claim showed the traffic was not theirs',
    });
    expect(done.body).toContain('→');
    expect(await stored()).toEqual({ status: 'active', audits: 2 });
    const audit = await t.network.store.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'publisher.network_status_changed')
      .orderBy('id')
      .execute();
    expect(JSON.parse(audit[1]!.details)).toEqual({
      before: 'terminated',
      after: 'active',
      reason: 'the claim showed the traffic was not theirs',
    });
    expect(await earns('NET-3')).toBe(true);
  });
});
