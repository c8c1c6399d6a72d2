import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { runAffnet, startServer } from '../../bench/serve-process.js';
import { postOrder } from '../../bench/kill-under-load.js';
import { describeEachEngine } from '../support/stores.js';
import { openStore } from '../../src/storage/database.js';
import { startReceiver, verifyWebhook } from '../support/webhook-receiver.js';
import { servedWebhookEnv } from '../support/webhook-network.js';

async function json<T>(
  port: number,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as T;
}

/**
 * Killed with SIGKILL between the money change and its delivery, the server delivers after a
 * restart exactly the events that were committed: each order stored is announced, none that
 * was not (issue 28). Runs the built server (dist/).
 */
describeEachEngine('webhook delivery across a SIGKILL', (context) => {
  it('delivers after a restart every committed order event, and no other', async () => {
    const test = context();
    const dataDir = await mkdtemp(join(tmpdir(), 'affnet-webhook-kill-'));
    const receiver = await startReceiver();
    const env = servedWebhookEnv(test, dataDir);
    try {
      const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as {
        programId: string;
        clickUrl: string;
        advertiserApiKey: string;
        advertiser: { email: string; password: string };
      };
      let server = await startServer(env);
      const { token } = await json<{ token: string }>(
        server.port,
        'POST',
        '/api/v1/sessions',
        null,
        {
          email: demo.advertiser.email,
          password: demo.advertiser.password,
        },
      );
      const { secret } = await json<{ secret: string }>(
        server.port,
        'POST',
        '/api/v1/webhooks',
        token,
        {
          url: receiver.url('/orders'),
          events: ['order.created'],
        },
      );
      expect(secret).toMatch(/^whsec_/);
      // Orders credited to a click (an order credited to nobody is no one's event) in flight;
      // the server is killed at the tenth answer.
      const numbers = Array.from({ length: 60 }, (_, i) => `KILL-${i}`);
      const clicks: string[] = [];
      for (let i = 0; i < numbers.length; i++) {
        const click = await fetch(`http://127.0.0.1:${server.port}${demo.clickUrl}`, {
          redirect: 'manual',
        });
        clicks.push(new URL(click.headers.get('location')!).searchParams.get('tduid')!);
      }
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const acknowledged: string[] = [];
      const port = server.port;
      const answers = numbers.map((number, i) =>
        postOrder(port, demo, agent, number, clicks[i]!).then(
          (status) => {
            if (status === 201) acknowledged.push(number);
            if (acknowledged.length >= 10 && !server.killed) server.kill('SIGKILL');
          },
          () => undefined,
        ),
      );
      await once(server, 'exit');
      await Promise.all(answers);
      agent.destroy();
      const announcedBeforeKill = receiver.received.length;
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);

      server = await startServer(env);
      try {
        const store =
          test.store.dialect === 'sqlite'
            ? openStore({ kind: 'sqlite', file: join(dataDir, 'affnet.db'), synchronous: 'FULL' })
            : test.reopen();
        const rows = await store.db
          .selectFrom('orders')
          .select('order_number')
          .where('order_number', 'like', 'KILL-%')
          .execute()
          .finally(() => store.close());
        const stored = () => rows.map((row) => row.order_number);
        const committed = new Set(stored());
        for (const number of acknowledged) expect(committed.has(number)).toBe(true);
        // Some were committed and not yet announced when the server died.
        expect(announcedBeforeKill).toBeLessThan(committed.size);
        const announced = () =>
          new Set(
            receiver.received.map(
              (request) =>
                (
                  verifyWebhook(secret, request, Date.now()) as {
                    data: { order: { orderNumber: string } };
                  }
                ).data.order.orderNumber,
            ),
          );
        for (let i = 0; i < 300 && announced().size < committed.size; i++)
          await new Promise((resolve) => setTimeout(resolve, 100));
        const hooks = await json<{ webhooks: { id: string }[] }>(
          server.port,
          'GET',
          '/api/v1/webhooks',
          token,
        );
        const log = await json<unknown>(
          server.port,
          'GET',
          `/api/v1/webhooks/${hooks.webhooks[0]?.id}/deliveries`,
          token,
        );
        expect(
          [...announced()].sort(),
          JSON.stringify(log).slice(0, 1500) + server.output(),
        ).toEqual([...committed].sort());
      } finally {
        server.kill('SIGKILL');
        await once(server, 'exit');
      }
    } finally {
      await receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
