import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, type TestNetwork } from '../support/network.js';
import { verifyWebhook, type Received, type Receiver } from '../support/webhook-receiver.js';
import { startWebhookNetwork, type WebhookNetwork } from '../support/webhook-network.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * Webhooks and postbacks end to end (issue 28): each delivery verifies with the
 * standardwebhooks package, a postback carries its macros, failures are retried on the
 * schedule, and an account hears only of its own events.
 */
describeEachEngine('webhooks and postbacks', (context) => {
  let network: WebhookNetwork;
  let t: TestNetwork;
  let receiver: Receiver;
  let publisher: string;
  let advertiser: string;
  beforeAll(async () => {
    network = await startWebhookNetwork(context().store);
    ({ t, receiver, publisher, advertiser } = network);
  });
  afterAll(() => network.close());

  const api: WebhookNetwork['api'] = (...request) => network.api(...request);

  const newPublisher: WebhookNetwork['newPublisher'] = (...publisher) =>
    network.newPublisher(...publisher);
  const deliverUntil: WebhookNetwork['deliverUntil'] = (...wait) => network.deliverUntil(...wait);

  const at = (path: string) => (r: Received) => r.path.startsWith(path);

  it('delivers commission.created signed as standardwebhooks verifies it, and the postback with its macros', async () => {
    const hook = await api(publisher, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/publisher-hook'),
      events: ['commission.created', 'order.created'],
      description: 'CRM',
    });
    expect(hook.statusCode).toBe(201);
    const { secret, id } = hook.json<{ secret: string; id: string }>();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    // The secret is shown once: never in the list.
    expect((await api(publisher, 'GET', '/api/v1/webhooks')).body).not.toContain(secret);
    const postback = await api(publisher, 'POST', '/api/v1/publisher/postbacks', {
      url: receiver.url(
        '/tracker?cid={epi}&payout={commission}&cur={currency}&tx={order_number}&st={status}&ev={event}&click={tduid}',
      ),
      events: ['commission.created'],
    });
    expect(postback.statusCode).toBe(201);
    const adHook = await api(advertiser, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/advertiser-hook'),
      events: ['order.created'],
    });
    expect(adHook.statusCode).toBe(201);
    const other = await newPublisher('Elsewhere');
    const otherHook = await api(other.token, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/other-hook'),
      events: ['commission.created', 'order.created', 'commission.updated'],
    });
    expect(otherHook.statusCode).toBe(201);

    const tduid = await demoClick(t, '&epi=my%20click%2F7');
    expect((await demoOrder(t, { orderNumber: 'WH-1', clickId: tduid })).statusCode).toBe(201);
    await deliverUntil(
      () =>
        receiver.received.filter(at('/publisher-hook')).length === 2 &&
        receiver.received.some(at('/tracker')) &&
        receiver.received.some(at('/advertiser-hook')),
      'both webhooks, the advertiser’s and the postback arrive',
    );
    const hooks = receiver.received.filter(at('/publisher-hook'));
    const bodies = hooks.map((request) => verifyWebhook(secret, request, t.clock.now)) as {
      type: string;
      data: Record<string, Record<string, unknown>>;
    }[];
    // Two subjects (the order, its commission): each in order, not one after the other.
    expect(bodies.map((body) => body.type).sort()).toEqual(['commission.created', 'order.created']);
    const commission = bodies.find((body) => body.type === 'commission.created')!;
    expect(commission.data.commission).toMatchObject({
      amount: { value: expect.stringMatching(/^\d+\.\d{2}$/) as unknown, currency: 'EUR' },
    });
    expect(hooks[0]!.headers['webhook-id']).toMatch(/^evt_/);
    // A wrong secret fails verification.
    expect(() =>
      verifyWebhook(`whsec_${Buffer.alloc(24).toString('base64')}`, hooks[0]!, t.clock.now),
    ).toThrow();
    const tracker = new URL(receiver.received.find(at('/tracker'))!.path, 'http://x');
    expect(tracker.searchParams.get('cid')).toBe('my click/7');
    expect(tracker.searchParams.get('payout')).toBe(
      (commission.data.commission!.amount as { value: string }).value,
    );
    expect(tracker.searchParams.get('tx')).toBe('WH-1');
    expect(tracker.searchParams.get('cur')).toBe('EUR');
    expect(tracker.searchParams.get('ev')).toBe('sale');
    // {tduid} is the whole tduid the landing page received, signature and all.
    expect(tduid).toMatch(/^clk_[0-9a-v]+\.[\w-]+$/);
    expect(tracker.searchParams.get('click')).toBe(tduid);
    expect(['pending', 'approved']).toContain(tracker.searchParams.get('st'));
    // The advertiser heard of its program's order; the other publisher of nothing.
    expect(
      (JSON.parse(receiver.received.find(at('/advertiser-hook'))!.body) as { type: string }).type,
    ).toBe('order.created');
    expect(receiver.received.filter(at('/other-hook'))).toEqual([]);
    // The log shows each attempt.
    const log = await api(publisher, 'GET', `/api/v1/webhooks/${id}/deliveries`);
    expect(log.json()).toMatchObject({
      deliveries: [
        { eventType: 'commission.created', status: 'delivered', attempts: [{ status: 200 }] },
        { eventType: 'order.created', status: 'delivered' },
      ],
    });
    await api(publisher, 'DELETE', `/api/v1/webhooks/${id}`);
    await api(advertiser, 'DELETE', `/api/v1/webhooks/${adHook.json<{ id: string }>().id}`);
    await api(other.token, 'DELETE', `/api/v1/webhooks/${otherHook.json<{ id: string }>().id}`);
    await api(
      publisher,
      'DELETE',
      `/api/v1/publisher/postbacks/${postback.json<{ id: string }>().id}`,
    );
  });

  it('retries a receiver answering 500 on the schedule, honours Retry-After, keeps a subject in order, and 410 disables', async () => {
    const hook = await api(publisher, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/flaky'),
      events: ['commission.created', 'commission.updated'],
    });
    const { id, secret } = hook.json<{ id: string; secret: string }>();
    type Log = {
      id: string;
      eventType: string;
      status: string;
      nextAttemptAt: string | null;
      attempts: { status: number }[];
    }[];
    const log = async () =>
      (await api(publisher, 'GET', `/api/v1/webhooks/${id}/deliveries`)).json<{
        deliveries: Log;
      }>().deliveries;
    receiver.fallback.answer = { status: 500 };
    const tduid = await demoClick(t);
    await demoOrder(t, { orderNumber: 'WH-2', clickId: tduid, status: 'pending' });
    const flaky = () => receiver.received.filter(at('/flaky'));
    await deliverUntil(() => flaky().length > 0, 'the first attempt');
    const commissions = (await log()).length;
    await deliverUntil(() => flaky().length === commissions, 'each commission’s first attempt');
    // The order is cancelled: each commission.updated waits behind its commission.created.
    await demoOrder(t, { orderNumber: 'WH-2', clickId: tduid, status: 'cancelled' });
    await t.network.dispatchEvents();
    await t.network.deliverWebhooks();
    expect(flaky()).toHaveLength(commissions);
    const created = (await log()).filter((d) => d.eventType === 'commission.created');
    expect(created).toHaveLength(commissions);
    for (const delivery of created) {
      expect(delivery.status).toBe('pending');
      expect(Date.parse(delivery.nextAttemptAt!) - t.clock.now).toBe(5_000);
    }
    // 5 s later: 503 with Retry-After: 400 waits that long, not the schedule's five minutes.
    t.clock.now += 5_000;
    receiver.fallback.answer = { status: 503, headers: { 'retry-after': '400' } };
    await deliverUntil(() => flaky().length === 2 * commissions, 'the retries after 5 s');
    receiver.fallback.answer = { status: 200 };
    t.clock.now += 300_000;
    await t.network.deliverWebhooks();
    expect(flaky()).toHaveLength(2 * commissions);
    t.clock.now += 100_000;
    await deliverUntil(
      () => flaky().length === 4 * commissions,
      'the retries after Retry-After, then the updates',
    );
    const sent = flaky()
      .slice(2 * commissions)
      .map(
        (request) =>
          verifyWebhook(secret, request, t.clock.now) as {
            type: string;
            data: { commission: { id: string } };
          },
      );
    for (const body of sent.filter((b) => b.type === 'commission.updated')) {
      const createdAt = sent.findIndex(
        (b) => b.type === 'commission.created' && b.data.commission.id === body.data.commission.id,
      );
      expect(createdAt).toBeGreaterThanOrEqual(0);
      expect(createdAt).toBeLessThan(sent.indexOf(body));
    }
    const done = await log();
    for (const delivery of done.filter((d) => d.eventType === 'commission.created'))
      expect(delivery).toMatchObject({
        status: 'delivered',
        attempts: [{ status: 500 }, { status: 503 }, { status: 200 }],
      });

    // The test button shows what the receiver said, and never disables the endpoint.
    receiver.answers.push({ status: 410 });
    const tested = await api(publisher, 'POST', `/api/v1/webhooks/${id}/test`);
    expect(tested.json()).toMatchObject({ delivered: false, status: 410 });
    expect((await api(publisher, 'GET', '/api/v1/webhooks')).json()).toMatchObject({
      webhooks: [{ id, enabled: true }],
    });
    // A delivery answered 410 Gone disables the endpoint.
    receiver.answers.push({ status: 410 });
    const updated = done.find((d) => d.eventType === 'commission.updated')!;
    const redelivered = await api(
      publisher,
      'POST',
      `/api/v1/webhooks/${id}/deliveries/${updated.id}/redeliver`,
    );
    expect(redelivered.statusCode).toBe(202);
    const before = flaky().length;
    await deliverUntil(() => flaky().length === before + 1, 'the redelivery');
    expect((await api(publisher, 'GET', '/api/v1/webhooks')).json()).toMatchObject({
      webhooks: [{ id, enabled: false, disabledReason: 'gone' }],
    });
    const enabled = await api(publisher, 'PATCH', `/api/v1/webhooks/${id}`, { enabled: true });
    expect(enabled.json()).toMatchObject({ enabled: true, disabledReason: null });
    await api(publisher, 'DELETE', `/api/v1/webhooks/${id}`);
  });

  it('disables an endpoint failing for 5 days and emails its users', async () => {
    const hook = await api(publisher, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/down'),
      events: ['order.created'],
    });
    const { id } = hook.json<{ id: string }>();
    receiver.fallback.answer = { status: 502 };
    const down = () => receiver.received.filter(at('/down'));
    await demoOrder(t, { orderNumber: 'WH-5', clickId: await demoClick(t) });
    await deliverUntil(() => down().length === 1, 'the first failure');
    t.clock.now += 5 * 86_400_000;
    await demoOrder(t, { orderNumber: 'WH-6', clickId: await demoClick(t) });
    await deliverUntil(() => down().length === 3, 'a retry and the next order, 5 days on');
    receiver.fallback.answer = { status: 200 };
    expect((await api(publisher, 'GET', '/api/v1/webhooks')).json()).toMatchObject({
      webhooks: [{ id, enabled: false, disabledReason: 'failing' }],
    });
    const mail = (await t.network.mailer.recent(20)).find((m) =>
      m.subject.includes('failed for 5 days'),
    );
    expect(mail?.toAddress).toBe(t.demo.publisher.email);
    expect(mail?.textBody).toContain(receiver.url('/down'));
    // Disabled: nothing is sent until it is enabled again, then what waited goes out.
    await demoOrder(t, { orderNumber: 'WH-7', clickId: await demoClick(t) });
    await t.network.dispatchEvents();
    await t.network.deliverWebhooks();
    expect(down()).toHaveLength(3);
    await api(publisher, 'PATCH', `/api/v1/webhooks/${id}`, { enabled: true });
    t.clock.now += 86_400_000;
    await deliverUntil(() => down().length >= 5, 'what waited, once enabled');
    await api(publisher, 'DELETE', `/api/v1/webhooks/${id}`);
  });

  it('signs with the old secret too for 24 hours after a rotation', async () => {
    const hook = await api(publisher, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/rotated'),
      events: ['order.created'],
    });
    const { id, secret: old } = hook.json<{ id: string; secret: string }>();
    const rotated = await api(publisher, 'POST', `/api/v1/webhooks/${id}/rotate-secret`);
    const { secret } = rotated.json<{ secret: string }>();
    expect(secret).not.toBe(old);
    await demoOrder(t, { orderNumber: 'WH-3', clickId: await demoClick(t) });
    await deliverUntil(() => receiver.received.some(at('/rotated')), 'the order');
    const first = receiver.received.find(at('/rotated'))!;
    expect(first.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifyWebhook(secret, first, t.clock.now)).toMatchObject({ type: 'order.created' });
    expect(verifyWebhook(old, first, t.clock.now)).toMatchObject({ type: 'order.created' });
    t.clock.now += 86_400_000 + 1000;
    await demoOrder(t, { orderNumber: 'WH-4', clickId: await demoClick(t) });
    await deliverUntil(
      () => receiver.received.filter(at('/rotated')).length === 2,
      'the order a day later',
    );
    const later = receiver.received.filter(at('/rotated'))[1]!;
    expect(verifyWebhook(secret, later, t.clock.now)).toMatchObject({ type: 'order.created' });
    expect(() => verifyWebhook(old, later, t.clock.now)).toThrow();
    await api(publisher, 'DELETE', `/api/v1/webhooks/${id}`);
  });

  it('refuses another account’s endpoints, unknown macros, other schemes and abusive lists, storing nothing', async () => {
    const mine = await api(publisher, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/mine'),
      events: ['order.created'],
    });
    const id = mine.json<{ id: string }>().id;
    const other = await newPublisher('Prober');
    for (const [method, path, payload] of [
      ['PATCH', `/api/v1/webhooks/${id}`, { url: receiver.url('/stolen') }],
      ['DELETE', `/api/v1/webhooks/${id}`, undefined],
      ['GET', `/api/v1/webhooks/${id}/deliveries`, undefined],
      ['POST', `/api/v1/webhooks/${id}/rotate-secret`, undefined],
      ['POST', `/api/v1/webhooks/${id}/test`, undefined],
      ['POST', `/api/v1/webhooks/${id}/deliveries/whd_x/redeliver`, undefined],
      ['DELETE', `/api/v1/publisher/postbacks/${id}`, undefined],
    ] as const) {
      for (const token of [other.token, advertiser]) {
        const refused = await api(token, method, path, payload);
        // The postback routes are a publisher's: an advertiser is refused before any id.
        const expected = token === advertiser && path.includes('postbacks') ? 403 : 404;
        expect([method, path, refused.statusCode]).toEqual([method, path, expected]);
        if (expected === 404) expect(refused.json()).toMatchObject({ code: 'unknown_webhook' });
      }
    }
    expect((await api(undefined, 'GET', '/api/v1/webhooks')).statusCode).toBe(401);
    expect(
      (await api(advertiser, 'POST', '/api/v1/publisher/postbacks', { url: 'x', events: [] }))
        .statusCode,
    ).toBe(403);
    const before = await repos(t.network.store).webhooks.endpointsOf(
      'publisher',
      (await repos(t.network.store).users.findByEmail(t.demo.publisher.email))!.publisher_id!,
      'webhook',
    );
    expect(before.map((row) => row.url)).toEqual([receiver.url('/mine')]);

    const refusals: [string, unknown, string][] = [
      [
        '/api/v1/webhooks',
        { url: 'javascript:alert(1)', events: ['order.created'] },
        'invalid_webhook_url',
      ],
      [
        '/api/v1/webhooks',
        { url: 'file:///etc/passwd', events: ['order.created'] },
        'invalid_webhook_url',
      ],
      [
        '/api/v1/webhooks',
        { url: 'https://user:pw@example.com/', events: ['order.created'] },
        'invalid_webhook_url',
      ],
      [
        '/api/v1/webhooks',
        { url: receiver.url('/x'), events: ['invoice.issued'] },
        'invalid_webhook_events',
      ],
      [
        '/api/v1/webhooks',
        { url: receiver.url('/x'), events: ['order.deleted'] },
        'invalid_webhook_events',
      ],
      ['/api/v1/webhooks', { url: receiver.url('/x'), events: [] }, 'invalid_body'],
      [
        '/api/v1/webhooks',
        { url: receiver.url('/x'), events: Array(1_000).fill('order.created') },
        'invalid_body',
      ],
      [
        '/api/v1/webhooks',
        { url: `https://example.com/${'a'.repeat(3000)}`, events: ['order.created'] },
        'invalid_body',
      ],
      [
        '/api/v1/publisher/postbacks',
        { url: receiver.url('/t?x={clickid}'), events: ['commission.created'] },
        'unknown_macro',
      ],
      [
        '/api/v1/publisher/postbacks',
        { url: 'https://{epi}.example/t', events: ['commission.created'] },
        'invalid_webhook_url',
      ],
      // No `//`: the host would be the click's epi (http:{epi}/x reads as http://{epi}/x).
      ...['http:{epi}/pubpb', 'http:{epi}:9000/x', 'https:{epi}'].map(
        (url): [string, unknown, string] => [
          '/api/v1/publisher/postbacks',
          { url, events: ['commission.created'] },
          'invalid_webhook_url',
        ],
      ),
      [
        '/api/v1/publisher/postbacks',
        { url: receiver.url('/t'), events: ['order.created'] },
        'invalid_webhook_events',
      ],
      [
        '/api/v1/publisher/postbacks',
        { url: receiver.url('/t'), events: ['commission.created'], programId: 'prg_none' },
        'unknown_program',
      ],
    ];
    for (const [path, payload, code] of refusals) {
      const refused = await api(publisher, 'POST', path, payload);
      expect([
        path,
        refused.statusCode >= 400 && refused.statusCode < 500,
        refused.json<{ code: string }>().code,
      ]).toEqual([path, true, code]);
    }
    const macro = await api(publisher, 'POST', '/api/v1/publisher/postbacks', {
      url: receiver.url('/t?x={clickid}'),
      events: ['commission.created'],
    });
    expect(macro.json<{ message: string }>().message).toContain('{clickid}');
    expect((await api(publisher, 'GET', '/api/v1/publisher/postbacks')).json()).toEqual({
      postbacks: [],
    });
    expect(
      (await api(publisher, 'GET', '/api/v1/webhooks')).json<{ webhooks: unknown[] }>().webhooks,
    ).toHaveLength(1);
    await api(publisher, 'DELETE', `/api/v1/webhooks/${id}`);
  });
});
