import type { FastifyInstance } from 'fastify';
import { Network, type NetworkOptions } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { createDemoNetwork, type DemoNetwork } from '../../src/bootstrap/create-demo-network.js';
import { RatesRepository } from '../../src/storage/repositories/rates-repository.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import type { Store } from '../../src/storage/database.js';

export const SECRET = 'test-secret-0123456789abcdef-0123456789';

export interface TestNetwork {
  network: Network;
  app: FastifyInstance;
  demo: DemoNetwork;
  clock: { now: number };
}

/** The demo network on `store`, served by an app with a clock the test moves. */
export async function startTestNetwork(
  store: Store,
  startMs = Date.UTC(2026, 9, 5, 12),
  options: Partial<NetworkOptions> = {},
): Promise<TestNetwork> {
  const clock = { now: startMs };
  const demo = await createDemoNetwork(store, SECRET, startMs);
  await new RatesRepository(store.db).upsert(
    parseEcbCsv('Date,USD\n2026-10-05,1.0950\n2026-10-06,1.0950\n2026-10-07,1.0950\n').entries(),
    'test',
    startMs,
  );
  const network = new Network(store, {
    secret: SECRET,
    maxBatch: 1000,
    node: 0,
    now: () => clock.now,
    ...options,
  });
  await network.start(50);
  const app = buildApp(network, { logLevel: 'silent', trustProxy: true });
  return { network, app, demo, clock };
}
