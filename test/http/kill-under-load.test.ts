import http from 'node:http';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runAffnet, startServer } from '../../bench/serve-process.js';
import { openStore } from '../../src/storage/database.js';
import { parseClickId } from '../../src/storage/click-ids.js';
import { ClickSigner } from '../../src/tracking/click-signature.js';
import { killUnderLoad, postOrder } from '../../bench/kill-under-load.js';

it('keeps every click that received a 302 when the server is killed with SIGKILL under load', async () => {
  const result = await killUnderLoad({
    port: 18_000 + Math.floor(Math.random() * 2000),
    loadMs: 1500,
    connections: 16,
  });
  expect(result.acknowledged).toBeGreaterThan(100);
  expect(result.missing).toEqual([]);
  expect(result.found).toBe(result.acknowledged);
  expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged);
}, 60_000);

it('keeps every order answered 201 when the server is killed with SIGKILL under load (writer thread)', async () => {
  const result = await killUnderLoad({
    port: 18_000 + Math.floor(Math.random() * 2000),
    loadMs: 1500,
    connections: 16,
    load: 'orders',
  });
  expect(result.acknowledged).toBeGreaterThan(100);
  expect(result.missing).toEqual([]);
  expect(result.found).toBe(result.acknowledged);
  expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged);
}, 60_000);

it('answers and stores every order in flight on SIGTERM and exits cleanly', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'affnet-term-orders-'));
  const env = { DATA_DIR: dataDir, PORT: '0' };
  try {
    const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as {
      programId: string;
      advertiserApiKey: string;
    };
    const server = await startServer(env);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    // The first answer stops the server while the rest are still in flight.
    const post = (orderNumber: string) =>
      postOrder(server.port, demo, agent, orderNumber).then(
        (status) => {
          if (status === 201 && !server.killed) server.kill('SIGTERM');
          return status;
        },
        () => undefined,
      );
    const numbers = Array.from({ length: 400 }, (_, i) => `TERM-${i}`);
    const answers = numbers.map(post);
    const [code] = (await once(server, 'exit')) as [number];
    const statuses = await Promise.all(answers);
    agent.destroy();
    expect(code).toBe(0);
    const acknowledged = numbers.filter((_, i) => statuses[i] === 201);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Requests that came after the shutdown began are turned away (503: retry elsewhere or
    // later); none failed half-way.
    expect(
      statuses.filter((status) => status !== undefined && status !== 201 && status !== 503),
    ).toEqual([]);
    const store = openStore({
      kind: 'sqlite',
      file: join(dataDir, 'affnet.db'),
      synchronous: 'FULL',
    });
    try {
      const stored = await store.db
        .selectFrom('orders')
        .select('order_number')
        .where('program_id', '=', demo.programId)
        .where('order_number', 'in', acknowledged)
        .execute();
      expect(stored.length).toBe(acknowledged.length);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);

it('flushes every click in flight on SIGTERM and exits cleanly', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'affnet-term-'));
  const env = { DATA_DIR: dataDir, PORT: '0' };
  try {
    const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as { clickUrl: string };
    const server = await startServer(env);
    const port = server.port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const responses = Array.from(
      { length: 400 },
      () =>
        new Promise<string | undefined>((resolve) => {
          http
            .get({ host: '127.0.0.1', port, path: demo.clickUrl, agent }, (response) => {
              response.resume();
              resolve(
                response.statusCode === 302
                  ? new URL(response.headers.location!).searchParams.get('tduid')!
                  : undefined,
              );
            })
            .on('error', () => resolve(undefined));
        }),
    );
    setTimeout(() => server.kill('SIGTERM'), 20);
    const [code] = (await once(server, 'exit')) as [number];
    const acknowledged = (await Promise.all(responses)).filter(
      (tduid): tduid is string => tduid !== undefined,
    );
    agent.destroy();
    expect(code).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(0);
    const store = openStore({
      kind: 'sqlite',
      file: join(dataDir, 'affnet.db'),
      synchronous: 'FULL',
    });
    try {
      // Signed by the writer thread with the network's secret: each tduid verifies, and names
      // a stored click.
      const secret = (await readFile(join(dataDir, 'secret'), 'utf8')).trim();
      const signer = new ClickSigner(secret);
      for (const tduid of acknowledged) {
        const id = parseClickId(tduid.split('.')[0]!)!;
        expect(signer.verify(tduid), tduid).toBe(id);
        expect(
          await store.db.selectFrom('clicks').select('id').where('id', '=', id).executeTakeFirst(),
        ).toBeDefined();
      }
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);
