import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestStore, TEST_DATABASE_URL, type TestStore } from '../support/stores.js';
import { runAffnet, startServer, type ServerProcess } from '../../bench/serve-process.js';
import { orderDoc } from '../support/orders.js';
import { request } from '../support/http-client.js';
import { repos } from '../../src/storage/repositories/repos.js';

const suite = TEST_DATABASE_URL ? describe : describe.skip;

suite(
  `two nodes on one PostgreSQL${TEST_DATABASE_URL ? '' : ' [skipped: TEST_DATABASE_URL is not set]'}`,
  () => {
    let database: TestStore;
    let nodes: ServerProcess[] = [];
    let ports: number[] = [];
    let demo: { programId: string; siteId: string; clickUrl: string; advertiserApiKey: string };

    beforeAll(async () => {
      database = await createPostgresTestStore(TEST_DATABASE_URL!);
      // No SECRET: the nodes share the one the first of them stored in the database.
      const env = { DATABASE_URL: database.url!, SECRET: undefined };
      demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as typeof demo;
      nodes = await Promise.all([0, 1].map(() => startServer({ ...env, PORT: '0' })));
      ports = nodes.map((node) => node.port);
    }, 60_000);

    afterAll(async () => {
      for (const node of nodes) node.kill('SIGTERM');
      await Promise.all(nodes.map((node) => once(node, 'exit')));
      await database?.dispose();
    });

    it('attributes a conversion reported to one node to a click taken by the other', async () => {
      const click = await request(ports[0]!, 'GET', demo.clickUrl);
      expect(click.status).toBe(302);
      const tduid = new URL(click.headers.location!).searchParams.get('tduid')!;
      const order = await request(
        ports[1]!,
        'POST',
        `/api/v1/programs/${demo.programId}/orders`,
        orderDoc({ orderNumber: 'TWO-1', placedAt: new Date().toISOString(), clickId: tduid }),
        { authorization: `Bearer ${demo.advertiserApiKey}` },
      );
      expect(order.status).toBe(201);
      expect(JSON.parse(order.body)).toMatchObject({
        attribution: { status: 'attributed', siteId: demo.siteId },
      });
    });

    it('makes an approval take effect on the other node within a second', async () => {
      const store = database.reopen();
      try {
        const publishers = repos(store).publishers;
        const publisher = await publishers.create({ name: 'Late', country: 'NL' }, Date.now());
        const site = await publishers.addSite(
          publisher.id,
          { name: 'Late', url: 'https://late.example' },
          Date.now(),
        );
        const memberships = repos(store).memberships;
        const membership = await memberships.apply(
          {
            programId: demo.programId,
            siteId: site.id,
            publisherId: publisher.id,
            promotionMethods: [],
            contentCategories: [],
          },
          Date.now(),
        );
        await new Promise((resolve) => setTimeout(resolve, 600));
        const reportFor = async (orderNumber: string) => {
          const click = await request(ports[1]!, 'GET', `/click?p=${demo.programId}&a=${site.id}`);
          const tduid = new URL(click.headers.location!).searchParams.get('tduid')!;
          const order = await request(
            ports[0]!,
            'POST',
            `/api/v1/programs/${demo.programId}/orders`,
            orderDoc({ orderNumber, placedAt: new Date().toISOString(), clickId: tduid }),
            {
              authorization: `Bearer ${demo.advertiserApiKey}`,
            },
          );
          return (JSON.parse(order.body) as { attribution: { status: string } }).attribution.status;
        };
        expect(await reportFor('LATE-1')).toBe('site_not_approved');
        await memberships.decide(membership.id, 'approved', null, 'advertiser:test', Date.now());
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await reportFor('LATE-2')).toBe('attributed');
      } finally {
        await store.close();
      }
    });
  },
);
