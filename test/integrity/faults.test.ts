import http from 'node:http';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestStore, TEST_DATABASE_URL, type TestStore } from '../support/stores.js';
import { runAffnet, startServer, type ServerProcess } from '../../bench/serve-process.js';
import { request } from '../support/http-client.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { orderDoc } from '../support/orders.js';
import { openStore } from '../../src/storage/database.js';
import { parseClickId } from '../../src/storage/click-ids.js';

interface Demo {
  programId: string;
  siteId: string;
  clickUrl: string;
  advertiserApiKey: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stop(servers: ServerProcess[]): Promise<void> {
  await Promise.all(
    servers
      .filter((server) => server.exitCode === null && server.signalCode === null)
      .map((server) => {
        server.kill('SIGTERM');
        return once(server, 'exit');
      }),
  );
}

/** Runs `count` requests over `concurrency` keep-alive connections. */
async function load<T>(count: number, concurrency: number, one: (i: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await one(i);
      }
    }),
  );
  return results;
}

/** Each engine's way to start servers on one shared database. */
const engines: [
  string,
  (() => Promise<{ env: NodeJS.ProcessEnv; dispose: () => Promise<void> }>) | undefined,
][] = [
  [
    'sqlite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'affnet-faults-'));
      return {
        env: { DATA_DIR: dir, DATABASE_URL: undefined, SECRET: undefined },
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    TEST_DATABASE_URL
      ? async () => {
          const database = await createPostgresTestStore(TEST_DATABASE_URL!);
          return {
            env: { DATABASE_URL: database.url!, SECRET: undefined },
            dispose: () => database.dispose(),
          };
        }
      : undefined,
  ],
];

for (const [engine, create] of engines) {
  const suite = create ? describe : describe.skip;
  suite(
    `two servers on one database [${engine}${create ? '' : ': skipped, TEST_DATABASE_URL is not set'}]`,
    () => {
      let servers: ServerProcess[] = [];
      let env: NodeJS.ProcessEnv;
      let dispose: () => Promise<void>;
      let demo: Demo;

      beforeAll(async () => {
        ({ env, dispose } = await create!());
        demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as Demo;
        servers = await Promise.all([0, 1].map(() => startServer({ ...env, PORT: '0' })));
      }, 60_000);

      afterAll(async () => {
        await stop(servers);
        await dispose?.();
      });

      it('lease different node numbers and answer 3,000 clicks with no 5xx and no lost click', async () => {
        const nodes = servers.map((server) => Number(/node (\d+)\)/.exec(server.output())![1]));
        expect(new Set(nodes).size).toBe(2);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
        const answers = await load(3000, 32, (i) =>
          request(servers[i % 2]!.port, 'GET', demo.clickUrl, undefined, {}, agent),
        );
        agent.destroy();
        expect(answers.filter((answer) => answer.status !== 302)).toEqual([]);
        const tduids = answers.map((answer) =>
          new URL(answer.headers.location!).searchParams.get('tduid')!,
        );
        expect(tduids.every((tduid) => tduid !== null)).toBe(true);
        const ids = tduids.map((tduid) => parseClickId(tduid.split('.')[0]!)!);
        expect(new Set(ids).size).toBe(3000);
        // Every acknowledged click is stored.
        const store = openStore(
          env.DATABASE_URL
            ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 2 }
            : { kind: 'sqlite', file: join(env.DATA_DIR!, 'affnet.db'), synchronous: 'FULL' },
        );
        try {
          let stored = 0;
          for (let i = 0; i < ids.length; i += 500) {
            const rows = await store.db
              .selectFrom('clicks')
              .select('id')
              .where('id', 'in', ids.slice(i, i + 500))
              .execute();
            stored += rows.length;
          }
          expect(stored).toBe(3000);
        } finally {
          await store.close();
        }
      }, 60_000);
    },
  );
}

const pgSuite = TEST_DATABASE_URL ? describe : describe.skip;

pgSuite(
  `PostgreSQL away under load${TEST_DATABASE_URL ? '' : ' [skipped: TEST_DATABASE_URL is not set]'}`,
  () => {
    let database: TestStore;
    let proxy: TcpProxy;
    let server: ServerProcess | undefined;
    let demo: Demo;
    const applicationName = `affnet_fault_${process.pid}`;

    beforeAll(async () => {
      database = await createPostgresTestStore(TEST_DATABASE_URL!);
      demo = JSON.parse(
        await runAffnet(['demo', '--json'], { DATABASE_URL: database.url!, SECRET: undefined }),
      ) as Demo;
      proxy = await TcpProxy.start(Number(new URL(TEST_DATABASE_URL!).port || 5432));
      const viaProxy = new URL(database.url!);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      viaProxy.searchParams.set('application_name', applicationName);
      server = await startServer({
        DATABASE_URL: viaProxy.toString(),
        SECRET: undefined,
        PORT: '0',
      });
    }, 60_000);

    afterAll(async () => {
      if (server) await stop([server]);
      await proxy?.close();
      await database?.dispose();
    });

    it('keeps serving through terminated connections and an outage, and loses nothing acknowledged', async () => {
      const port = server!.port;
      const clicks: string[] = [];
      const orders: string[] = [];
      const statuses = { click: new Map<number, number>(), order: new Map<number, number>() };
      const count = (map: Map<number, number>, status: number) =>
        map.set(status, (map.get(status) ?? 0) + 1);
      let running = true;
      let orderSeq = 0;
      const worker = async () => {
        while (running) {
          const click = await request(port, 'GET', demo.clickUrl);
          count(statuses.click, click.status);
          const tduid = click.headers.location
            ? new URL(click.headers.location).searchParams.get('tduid')
            : null;
          if (tduid) clicks.push(tduid);
          const orderNumber = `FAULT-${orderSeq++}`;
          const order = await request(
            port,
            'POST',
            `/api/v1/programs/${demo.programId}/orders`,
            orderDoc({
              orderNumber,
              placedAt: new Date().toISOString(),
              ...(tduid ? { clickId: tduid } : {}),
            }),
            { authorization: `Bearer ${demo.advertiserApiKey}` },
          );
          count(statuses.order, order.status);
          if (order.status === 201 || order.status === 200) orders.push(orderNumber);
          else {
            expect(order.status, order.body).toBe(503);
            expect(order.headers['retry-after']).toBe('5');
            expect(JSON.parse(order.body)).toMatchObject({ code: 'database_unavailable' });
          }
        }
      };
      const workers = Array.from({ length: 8 }, worker);
      await sleep(500);

      // 1. The server ends every connection (what a restart or pg_terminate_backend does: 57P01).
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      for (let i = 0; i < 5; i++) {
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        await sleep(200);
      }
      await admin.end();

      // 2. The database is away for three seconds.
      proxy.cut();
      await sleep(1000);
      const ready = await request(port, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      const during = await request(port, 'GET', demo.clickUrl);
      expect(during.status).toBe(302);
      expect(during.headers.location).toMatch(/^https:\/\//);
      await sleep(2000);
      proxy.restore();

      // 3. Back within seconds, by itself.
      const back = Date.now();
      while ((await request(port, 'GET', '/readyz')).status !== 200) {
        expect(Date.now() - back).toBeLessThan(10_000);
        await sleep(100);
      }
      await sleep(1000);
      running = false;
      await Promise.all(workers);

      expect(server!.exitCode).toBeNull();
      expect([...statuses.click.keys()]).toEqual([302]);
      expect([...statuses.order.keys()].every((s) => [200, 201, 503].includes(s))).toBe(true);
      expect(statuses.order.get(503) ?? 0).toBeGreaterThan(0);
      const metrics = await request(port, 'GET', '/metrics');
      expect(metrics.body).toMatch(/affnet_clicks_lost_total [1-9]/);

      // Every click that got its tduid and every order answered 200/201 is stored.
      const store = database.reopen();
      try {
        const ids = clicks.map((tduid) => parseClickId(tduid.split('.')[0]!)!);
        let stored = 0;
        for (let i = 0; i < ids.length; i += 500)
          stored += (
            await store.db
              .selectFrom('clicks')
              .select('id')
              .where('id', 'in', ids.slice(i, i + 500))
              .execute()
          ).length;
        expect(stored).toBe(ids.length);
        const storedOrders = await store.db
          .selectFrom('orders')
          .select('order_number')
          .where('order_number', 'like', 'FAULT-%')
          .execute();
        const numbers = new Set(storedOrders.map((row) => row.order_number));
        expect(orders.filter((orderNumber) => !numbers.has(orderNumber))).toEqual([]);
        expect(orders.length).toBeGreaterThan(10);
      } finally {
        await store.close();
      }
    }, 60_000);
  },
);

// --workers runs on PostgreSQL only (on SQLite it is refused: test/config/server-config.test.ts).
const workersSuite = TEST_DATABASE_URL ? describe : describe.skip;
workersSuite(
  `--workers replaces a worker that dies${TEST_DATABASE_URL ? '' : ' [skipped: TEST_DATABASE_URL is not set]'}`,
  () => {
    let database: TestStore | undefined;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      database = await createPostgresTestStore(TEST_DATABASE_URL!);
      server = await startServer({ DATABASE_URL: database.url!, SECRET: undefined, PORT: '0' }, [
        '--workers',
        '2',
      ]);
    }, 60_000);

    afterAll(async () => {
      if (server) await stop([server]);
      await database?.dispose();
    });

    it('starts a new worker after one is killed, and keeps answering', async () => {
      const listening = () => [...server!.output().matchAll(/process (\d+), node (\d+)/g)];
      const began = Date.now();
      while (listening().length < 2) {
        expect(Date.now() - began, server!.output()).toBeLessThan(15_000);
        await sleep(100);
      }
      const [first] = listening();
      const victim = Number(first![1]);
      process.kill(victim, 'SIGKILL');
      const started = Date.now();
      // The connection the primary was handing to the killed worker at that instant may be lost
      // (a browser retries it); the survivor answers meanwhile and the replacement joins it.
      while (listening().length < 3) {
        expect(Date.now() - started, server!.output()).toBeLessThan(15_000);
        await request(server!.port, 'GET', '/healthz', undefined, {}, undefined, 1000).catch(
          () => undefined,
        );
        await sleep(100);
      }
      for (let i = 0; i < 20; i++)
        expect(
          (await request(server!.port, 'GET', '/healthz', undefined, {}, undefined, 5000)).status,
        ).toBe(200);
      expect(server!.output()).toContain(`worker ${victim} exited with SIGKILL`);
      const nodes = listening()
        .slice(1)
        .map((match) => Number(match[2]));
      expect(new Set(nodes).size).toBe(2);
      expect(server!.exitCode).toBeNull();
    }, 30_000);
  },
);
