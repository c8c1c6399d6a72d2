import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openStore } from '../src/storage/database.js';
import { parseClickId } from '../src/storage/click-ids.js';
import { runAffnet, startServer } from './serve-process.js';

export interface KillUnderLoadResult {
  /** Clicks that got their 302 (orders their 201) before the server died. */
  acknowledged: number;
  /** Of those, found in the store after the restart. */
  found: number;
  missing: string[];
  /** Clicks (orders) in the store, acknowledged or not. */
  stored: number;
}

interface Demo {
  clickUrl: string;
  programId: string;
  advertiserApiKey: string;
}

/** One click: its tduid once the 302 came back. */
function click(port: number, demo: Demo, agent: http.Agent): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: demo.clickUrl, agent },
      (response) => {
        response.resume();
        const location = response.statusCode === 302 ? response.headers.location : undefined;
        resolve(location ? new URL(location).searchParams.get('tduid')! : undefined);
      },
    );
    request.on('error', reject);
  });
}

let orderCount = 0;

/**
 * Reports a new order `orderNumber` through the order API, credited to `clickId` when given;
 * the answer's status.
 */
export function postOrder(
  port: number,
  demo: Pick<Demo, 'programId' | 'advertiserApiKey'>,
  agent: http.Agent,
  orderNumber: string,
  clickId?: string,
): Promise<number | undefined> {
  const body = JSON.stringify({
    orderNumber,
    ...(clickId === undefined ? {} : { clickId }),
    placedAt: new Date().toISOString(),
    currency: 'USD',
    status: 'pending',
    items: [{ sku: 'K1', category: 'consumer-electronics', unitPrice: '10.00', quantity: 1 }],
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/v1/programs/${demo.programId}/orders`,
        agent,
        headers: {
          authorization: `Bearer ${demo.advertiserApiKey}`,
          'content-type': 'application/json',
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One new order: its number once the 201 came back. */
async function order(port: number, demo: Demo, agent: http.Agent): Promise<string | undefined> {
  const orderNumber = `KILL-${process.pid}-${++orderCount}`;
  return (await postOrder(port, demo, agent, orderNumber)) === 201 ? orderNumber : undefined;
}

/**
 * Sends clicks (or new orders through the order API) from `connections` keep-alive
 * connections, kills the server with SIGKILL after `loadMs`, restarts it on the same store and
 * checks that every click that received a 302 (every order answered 201) is there. Durability
 * is the claim: an answer is only sent after the batch holding it committed.
 */
export async function killUnderLoad(options: {
  port: number;
  loadMs: number;
  connections: number;
  load?: 'clicks' | 'orders';
}): Promise<KillUnderLoadResult> {
  const load = options.load ?? 'clicks';
  const dataDir = await mkdtemp(join(tmpdir(), 'affnet-kill-'));
  const env = { DATA_DIR: dataDir, PORT: '0' };
  try {
    const demo = JSON.parse(await runAffnet(['demo', '--json'], env)) as Demo;
    const server = await startServer(env);
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
    const acknowledged: string[] = [];
    let running = true;
    const send = load === 'clicks' ? click : order;
    const loop = async () => {
      while (running) {
        try {
          const key = await send(server.port, demo, agent);
          if (key !== undefined) acknowledged.push(key);
        } catch {
          return; // the server is gone
        }
      }
    };
    const loops = Array.from({ length: options.connections }, loop);
    await new Promise((resolve) => setTimeout(resolve, options.loadMs));
    server.kill('SIGKILL');
    running = false;
    await once(server, 'exit');
    await Promise.all(loops);
    agent.destroy();

    // Restart on the same store (recovery runs on open), then look every acknowledged click up.
    const restarted = await startServer(env);
    restarted.kill('SIGTERM');
    await once(restarted, 'exit');
    const store = openStore({
      kind: 'sqlite',
      file: join(dataDir, 'affnet.db'),
      synchronous: 'FULL',
    });
    try {
      const missing: string[] = [];
      let found = 0;
      for (const key of acknowledged) {
        const row =
          load === 'clicks'
            ? await store.db
                .selectFrom('clicks')
                .select('id')
                .where('id', '=', parseClickId(key.split('.')[0]!)!)
                .executeTakeFirst()
            : await store.db
                .selectFrom('orders')
                .select('id')
                .where('program_id', '=', demo.programId)
                .where('order_number', '=', key)
                .executeTakeFirst();
        if (row) found += 1;
        else missing.push(key);
      }
      const stored = Number(
        (
          await store.db
            .selectFrom(load === 'clicks' ? 'clicks' : 'orders')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      return { acknowledged: acknowledged.length, found, missing, stored };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// `node dist/bench/kill-under-load.js`: the same check as a script.
if (process.argv[1]?.endsWith('kill-under-load.js')) {
  const result = await killUnderLoad({
    port: Number(process.env.PORT ?? 18_181),
    loadMs: 3000,
    connections: 32,
    load: process.argv[2] === 'orders' ? 'orders' : 'clicks',
  });
  process.stdout.write(`${JSON.stringify({ ...result, missing: result.missing.length })}\n`);
  process.exitCode = result.missing.length === 0 && result.acknowledged > 0 ? 0 : 1;
}
