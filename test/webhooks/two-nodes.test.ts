import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, SECRET, type TestNetwork } from '../support/network.js';
import { verifyWebhook, type Receiver } from '../support/webhook-receiver.js';
import {
  startWebhookNetwork,
  WEBHOOKS_TO_LOCAL_RECEIVER,
  type WebhookNetwork,
} from '../support/webhook-network.js';
import { Network } from '../../src/server/network.js';
import type { Store } from '../../src/storage/database.js';

/**
 * Issue 28: several nodes on one database deliver each event once. Two networks on the same
 * store (PostgreSQL: two connections to one schema, as two servers have) report orders on
 * either node and run the dispatch and delivery jobs at the same time, over and over: every
 * event reaches the receiver, signed, and none twice.
 */
describeEachEngine('webhook delivery on two nodes of one database', (context) => {
  let network: WebhookNetwork;
  let t: TestNetwork;
  let secondStore: Store;
  let second: Network;
  let receiver: Receiver;

  beforeAll(async () => {
    network = await startWebhookNetwork(context().store);
    ({ t, receiver } = network);
    secondStore = context().reopen();
    second = new Network(secondStore, {
      secret: SECRET,
      maxBatch: 1000,
      node: 1,
      now: () => t.clock.now,
      webhooks: WEBHOOKS_TO_LOCAL_RECEIVER,
    });
    await second.start(50);
  });
  afterAll(async () => {
    await second.close();
    await secondStore.close();
    await network.close();
  });

  it('delivers every event once while both nodes run the jobs together', async () => {
    const token = network.publisher;
    const hook = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${token}` },
      payload: { url: receiver.url('/hook'), events: ['order.created', 'commission.created'] },
    });
    expect(hook.statusCode).toBe(201);
    const { secret } = hook.json<{ secret: string }>();
    const orders = 12;
    for (let n = 0; n < orders; n++) {
      const tduid = await demoClick(t);
      const answer = await demoOrder(t, { orderNumber: `NODES-${n}`, clickId: tduid });
      expect(answer.statusCode).toBe(201);
    }
    const expected = orders * 2; // order.created and commission.created of each
    const both = () =>
      Promise.all([
        t.network.dispatchEvents(),
        second.dispatchEvents(),
        t.network.deliverWebhooks(),
        second.deliverWebhooks(),
      ]);
    for (let i = 0; i < 300 && receiver.received.length < expected; i++) {
      await both();
      if (receiver.received.length < expected) await new Promise((r) => setTimeout(r, 20));
    }
    // A few more rounds on both nodes: nothing is sent again.
    for (let i = 0; i < 5; i++) await both();
    await new Promise((r) => setTimeout(r, 200));
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    expect(receiver.received).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    for (const request of receiver.received)
      expect(() => verifyWebhook(secret, request, t.clock.now)).not.toThrow();
    const numbers = receiver.received
      .map(
        (request) =>
          JSON.parse(request.body) as { type: string; data: { order?: { orderNumber: string } } },
      )
      .filter((body) => body.type === 'order.created')
      .map((body) => body.data.order!.orderNumber)
      .sort();
    expect(numbers).toEqual(Array.from({ length: orders }, (_, n) => `NODES-${n}`).sort());
  }, 60_000);
});
