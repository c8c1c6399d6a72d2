import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { runAffnet, startServer } from '../../bench/serve-process.js';
import { postOrder } from '../../bench/kill-under-load.js';
import { describeEachEngine } from '../support/stores.js';
import { startReceiver } from '../support/webhook-receiver.js';
import { servedWebhookEnv } from '../support/webhook-network.js';

/**
 * `{tduid}` in a postback template is the tduid the click's landing page received (signature
 * and all) also when the postback is sent by a real `affnet serve` (dist/): on SQLite its
 * integrations thread dispatches the events and delivers (it signs click ids with its own
 * signer, from the same secret); on PostgreSQL the server's own jobs do. webhooks.test.ts
 * covers the in-process path.
 */
describeEachEngine('{tduid} in a postback sent by affnet serve', (context) => {
  it('is the tduid the landing page received', async () => {
    const test = context();
    const dataDir = await mkdtemp(join(tmpdir(), 'affnet-postback-tduid-'));
    const receiver = await startReceiver();
    // The click comes from a shopper's address (X-Forwarded-For), not the publisher's own.
    const env = servedWebhookEnv(test, dataDir, { TRUST_PROXY: 'true' });
    const agent = new http.Agent({ keepAlive: false });
    try {
      const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as {
        programId: string;
        clickUrl: string;
        advertiserApiKey: string;
        publisher: { email: string; password: string };
      };
      const server = await startServer(env);
      try {
        const base = `http://127.0.0.1:${server.port}`;
        const click = await fetch(`${base}${demo.clickUrl}&epi=tracker-7`, {
          redirect: 'manual',
          headers: { 'x-forwarded-for': '198.51.100.23' },
        });
        expect(click.status).toBe(302);
        const tduid = new URL(click.headers.get('location')!).searchParams.get('tduid')!;
        expect(tduid).toMatch(/^clk_[0-9a-v]+\.[\w-]+$/);

        const session = await fetch(`${base}/api/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(demo.publisher),
        });
        expect(session.status).toBe(201);
        const { token } = (await session.json()) as { token: string };
        const postback = await fetch(`${base}/api/v1/publisher/postbacks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            url: receiver.url('/tracker?click={tduid}&cid={epi}&tx={order_number}'),
            events: ['commission.created'],
          }),
        });
        expect(postback.status, await postback.clone().text()).toBe(201);

        // The click is written by the writer thread's batch: the order may come a moment later.
        let status: number | undefined;
        for (let i = 0; i < 50 && status !== 201; i++) {
          status = await postOrder(server.port, demo, agent, 'TDUID-1', tduid);
          if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(status, server.output()).toBe(201);
        for (let i = 0; i < 300 && receiver.received.length === 0; i++)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(receiver.received, server.output()).toHaveLength(1);
        const tracker = new URL(receiver.received[0]!.path, 'http://x');
        expect(tracker.pathname).toBe('/tracker');
        expect(tracker.searchParams.get('click')).toBe(tduid);
        expect(tracker.searchParams.get('cid')).toBe('tracker-7');
        expect(tracker.searchParams.get('tx')).toBe('TDUID-1');
        // On SQLite the integrations thread ran all along (the server says when it ends or does
        // not start, and then delivers in its request thread).
        expect(server.output()).not.toContain('integrations thread');
      } finally {
        server.kill('SIGKILL');
        await once(server, 'exit');
      }
    } finally {
      agent.destroy();
      await receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
