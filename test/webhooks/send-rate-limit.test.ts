import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, type TestNetwork } from '../support/network.js';
import type { Receiver } from '../support/webhook-receiver.js';
import { startWebhookNetwork, type WebhookNetwork } from '../support/webhook-network.js';
import { client } from '../support/web-client.js';
import { SENDS_PER_MINUTE } from '../../src/services/webhooks-service.js';

/**
 * Attack: tests and redeliveries make the server send a signed request at once, so without a
 * limit it is a free signed-POST sender. An account gets SENDS_PER_MINUTE of them a minute
 * (webhooks and postbacks together, API and portal): the next is refused with 429 rate_limited
 * and Retry-After, nothing sent and no delivery stored; another account is not affected.
 */
describeEachEngine('tests and redeliveries are rate-limited per account', (context) => {
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
  const deliveries = () =>
    t.network.store.db.selectFrom('webhook_deliveries').select('id').orderBy('id').execute();

  it('refuses the eleventh test or redelivery of a minute, sending and storing nothing', async () => {
    const hook = await api(publisher, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/hook'),
      events: ['commission.created'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const hookId = hook.json<{ id: string }>().id;
    const postback = await api(publisher, 'POST', '/api/v1/publisher/postbacks', {
      url: receiver.url('/tracker?tx={order_number}'),
      events: ['commission.created'],
    });
    expect(postback.statusCode, postback.body).toBe(201);
    const postbackId = postback.json<{ id: string }>().id;
    expect(
      (await demoOrder(t, { orderNumber: 'RL-1', clickId: await demoClick(t) })).statusCode,
    ).toBe(201);
    await t.network.dispatchEvents();
    const { id: deliveryId } = await t.network.store.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', hookId)
      .executeTakeFirstOrThrow();

    // Start of a fresh minute, so the window does not roll over mid-test.
    t.clock.now = (Math.floor(t.clock.now / 60_000) + 1) * 60_000;
    const sends = [
      () => api(publisher, 'POST', `/api/v1/webhooks/${hookId}/test`),
      () => api(publisher, 'POST', `/api/v1/publisher/postbacks/${postbackId}/test`),
      () => api(publisher, 'POST', `/api/v1/webhooks/${hookId}/deliveries/${deliveryId}/redeliver`),
    ];
    for (let i = 0; i < SENDS_PER_MINUTE; i++) {
      const answer = await sends[i % sends.length]!();
      expect(answer.statusCode, answer.body).toBeLessThan(300);
    }
    // The redeliveries are the background job's to send: sent before the refusals are counted.
    const pending = () =>
      t.network.store.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .execute();
    for (let i = 0; i < 250 && (await pending()).length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await pending()).toEqual([]);
    // …and their answers counted (the outcome is stored after the receiver answered).
    const settled = receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received.length).toBe(settled);
    for (const send of sends) {
      const before = { deliveries: await deliveries(), received: receiver.received.length };
      const refused = await send();
      expect(refused.statusCode, refused.body).toBe(429);
      expect(refused.json().code).toBe('rate_limited');
      expect(refused.json().message).toContain('wait 60 seconds');
      expect(refused.headers['retry-after']).toBe('60');
      expect({ deliveries: await deliveries(), received: receiver.received.length }).toEqual(
        before,
      );
    }

    // The portal's test button shares the budget.
    const portal = client(t);
    await portal.login(t.demo.publisher.email, t.demo.publisher.password);
    await portal.get('/publisher/integrations');
    const before = await deliveries();
    const button = await portal.post(`/publisher/integrations/webhooks/${hookId}/test`, {});
    expect(button.statusCode).toBe(429);
    expect(button.headers['retry-after']).toBe('60');
    expect(button.body).toContain('wait 60 seconds');
    expect(await deliveries()).toEqual(before);

    // Another account has its own budget.
    const advertiserHook = await api(advertiser, 'POST', '/api/v1/webhooks', {
      url: receiver.url('/advertiser-hook'),
      events: ['order.created'],
    });
    const advertiserTest = await api(
      advertiser,
      'POST',
      `/api/v1/webhooks/${advertiserHook.json<{ id: string }>().id}/test`,
    );
    expect(advertiserTest.statusCode, advertiserTest.body).toBe(200);

    // A minute on, the publisher may test again.
    t.clock.now += 61_000;
    const later = await sends[0]!();
    expect(later.statusCode, later.body).toBe(200);
  });
});
