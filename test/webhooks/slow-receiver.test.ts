import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  demoClick,
  demoOrder,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { WEBHOOKS_TO_LOCAL_RECEIVER } from '../support/webhook-network.js';
import { repos } from '../../src/storage/repositories/repos.js';

/** The sender's timeout here (15 s in production). */
const TIMEOUT_MS = 2_000;

/**
 * A receiver that answers with its headers at once, then drips one byte every 300 ms and never
 * ends (an attacker holding the delivery job's attempts open until they time out).
 */
async function startDripReceiver() {
  const open = new Set<http.ServerResponse>();
  let requests = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests++;
      open.add(response);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('.');
      const drip = setInterval(() => response.write('.'), 300);
      response.on('close', () => {
        clearInterval(drip);
        open.delete(response);
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    open,
    requests: () => requests,
    close: async () => {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/**
 * Issue 28, an outsider's attack: one account's endpoints that answer byte by byte hold their
 * own attempts only. Another account's deliveries arrive at once while those hang (the pool
 * starts the next due delivery as soon as a slot frees, and caps the slots per endpoint and per
 * account), and the hanging endpoints are backed off rather than retried in the same run.
 */
describeEachEngine('a slow receiver does not delay other accounts’ deliveries', (context) => {
  let t: TestNetwork;
  let fast: Receiver;
  let slow: Awaited<ReturnType<typeof startDripReceiver>>;

  beforeAll(async () => {
    t = await startTestNetwork(context().store, undefined, {
      webhooks: { ...WEBHOOKS_TO_LOCAL_RECEIVER, timeoutMs: TIMEOUT_MS },
    });
    fast = await startReceiver();
    slow = await startDripReceiver();
  });
  afterAll(async () => {
    await t.app.close();
    await fast.close();
    await slow.close();
  });

  it('delivers endpoint B’s events within a second while endpoint A’s attempts hang', async () => {
    const publisher = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    const advertiser = await sessionToken(t, t.demo.advertiser.email, t.demo.advertiser.password);
    const add = async (token: string, url: string, events: string[]) => {
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: { authorization: `Bearer ${token}` },
        payload: { url, events },
      });
      expect(answer.statusCode).toBe(201);
      return answer.json<{ id: string }>().id;
    };
    // The attacker (the demo publisher): five endpoints, each taking both events of an order.
    const slowIds: string[] = [];
    for (let n = 0; n < 5; n++)
      slowIds.push(
        await add(publisher, slow.url(`/a${n}`), ['order.created', 'commission.created']),
      );
    // Another account (the demo advertiser): one endpoint that answers at once.
    const fastId = await add(advertiser, fast.url('/b'), ['order.created']);

    const orders = 6;
    for (let n = 0; n < orders; n++) {
      const tduid = await demoClick(t);
      expect((await demoOrder(t, { orderNumber: `SLOW-${n}`, clickId: tduid })).statusCode).toBe(
        201,
      );
    }
    while ((await t.network.dispatchEvents()) > 0);
    const r = repos(t.network.store);
    expect(await r.webhooks.deliveriesOf(fastId, 100)).toHaveLength(orders);

    const started = performance.now();
    // The delivery job runs (this call, or the background run that has it already).
    const run = t.network.deliverWebhooks();
    while (fast.received.length < orders && performance.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const took = performance.now() - started;
    expect(fast.received.filter((request) => request.path === '/b')).toHaveLength(orders);
    expect(took).toBeLessThan(1_500);
    // …while the attacker's attempts still hang.
    expect(slow.open.size).toBeGreaterThan(0);
    // At most the account's share of the slots.
    expect(slow.open.size).toBeLessThanOrEqual(4);
    await run;

    // Every attacker endpoint was tried; each hanging attempt deferred its endpoint, so no
    // delivery was tried twice in the run and none of its pending ones is due for 30 s.
    const until = performance.now() + 4 * TIMEOUT_MS + 5_000;
    const tried = async () => {
      let all = 0;
      for (const id of slowIds)
        for (const delivery of await r.webhooks.deliveriesOf(id, 100)) all += delivery.attempts;
      return all;
    };
    while (slow.open.size > 0 && performance.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await t.network.deliverWebhooks();
    expect(slow.open.size).toBe(0);
    const attempts = await tried();
    expect(attempts).toBe(slow.requests());
    expect(attempts).toBeGreaterThanOrEqual(slowIds.length);
    expect(attempts).toBeLessThanOrEqual(slowIds.length * 2);
    for (const id of slowIds) {
      const deliveries = await r.webhooks.deliveriesOf(id, 100);
      expect(deliveries).toHaveLength(orders * 2);
      expect(deliveries.some((delivery) => delivery.attempts === 1)).toBe(true);
      for (const delivery of deliveries) {
        expect(delivery.status).toBe('pending');
        expect(delivery.attempts).toBeLessThanOrEqual(1);
        expect(delivery.next_attempt_at).toBeGreaterThanOrEqual(t.clock.now + 30_000);
      }
    }
    // The timed-out attempts are failures (an answer dripped until the timeout is none).
    const endpoint = await r.webhooks.endpoint(slowIds[0]!);
    expect(endpoint?.failing_since).toBe(t.clock.now);
    // Later events of the other account still go at once, though the attacker's wait.
    const tduid = await demoClick(t);
    expect((await demoOrder(t, { orderNumber: 'SLOW-after', clickId: tduid })).statusCode).toBe(
      201,
    );
    while ((await t.network.dispatchEvents()) > 0);
    const again = performance.now();
    await t.network.deliverWebhooks();
    while (fast.received.length < orders + 1 && performance.now() - again < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fast.received).toHaveLength(orders + 1);
    expect(performance.now() - again).toBeLessThan(1_500);
    // The new event's delivery to an attacker endpoint waits for the backoff too.
    expect(slow.requests()).toBe(attempts);
  }, 60_000);
});
