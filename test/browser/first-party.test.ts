import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { createDemoNetwork, type DemoNetwork } from '../../src/bootstrap/create-demo-network.js';
import { bumpLinksVersion } from '../../src/storage/repositories/cache-versions.js';
import { repos } from '../../src/storage/repositories/repos.js';

const available = browserAvailable;

let store: TestStore;
let network: Network;
let app: FastifyInstance;
let demo: DemoNetwork;
let base: string;
let browser: Browser;
/** The advertiser's shop on another origin (localhost vs the network's 127.0.0.1). */
let shopServer: Server;
let shop: string;
const reports: string[] = [];

beforeAll(async () => {
  if (!available) return;
  store = await createSqliteTestStore();
  demo = await createDemoNetwork(store.store, 'first-party-test-secret-0123456789abc', Date.now());
  network = new Network(store.store, {
    secret: 'first-party-test-secret-0123456789abc',
    maxBatch: 100,
    node: 2,
  });
  await network.start(50);
  app = buildApp(network, { logLevel: 'silent' });
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/report')) reports.push(request.url);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The shop serves its own copy of the script, as the snippet in docs/tracking.md says.
  const script = await (await fetch(`${base}/tracking/first-party.js`)).text();
  shopServer = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/affnet.js')
      return response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const tag = `<script src="/affnet.js" data-network="${base}" data-days="30"></script>`;
    if (path === '/thanks')
      return response.writeHead(200, { 'content-type': 'text/html' }).end(
        `<!doctype html><title>Thanks</title>${tag}<script>
          window.sent = affnet.conversion({ organization: '${demo.programId}', event: '1',
            orderNumber: 'FP-1', orderValue: '24.00', currency: 'USD',
            products: [{ id: 'SKU-1', name: 'Lamp & shade', price: '12.00', qty: 2 }] });
        </script>`,
      );
    return response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><title>Shop</title>${tag}<h1>Welcome</h1>`);
  });
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  shop = `http://localhost:${(shopServer.address() as AddressInfo).port}`;
  await store.store.db
    .updateTable('programs')
    .set({ landing_url: `${shop}/landing` })
    .execute();
  await bumpLinksVersion(store.store.db);
  await network.refreshIfChanged();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await app?.close();
  await network?.close();
  shopServer?.close();
  await store?.dispose();
});

it.skipIf(!available)(
  'keeps the click in a first-party cookie on the shop and reports the sale with it',
  async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/click?p=${demo.programId}&a=${demo.siteId}&g=${demo.adId}`);
    expect(page.url()).toMatch(new RegExp(`^${shop}/landing\\?tduid=clk_`));
    const tduid = new URL(page.url()).searchParams.get('tduid')!;
    const cookies = await context.cookies(shop);
    expect(cookies.find((c) => c.name === 'affnet_tduid')).toMatchObject({
      value: tduid,
      domain: 'localhost',
      sameSite: 'Lax',
    });
    // The network's own (third-party) cookie is gone, as a browser blocking them would have it.
    await context.clearCookies({ domain: '127.0.0.1' });
    await page.goto(`${shop}/thanks`);
    await expect
      .poll(() => repos(store.store).orders.find(demo.programId, 'FP-1'), {
        timeout: 10_000,
      })
      .toMatchObject({ attribution: 'attributed', attributed_by: 'pixel', source: 'pixel' });
    expect(reports.at(-1)).toContain(`tduid=${tduid}`);
    const lines = await store.store.db
      .selectFrom('order_lines')
      .select(['sku', 'name', 'quantity'])
      .execute();
    // reportInfo cannot carry & or | in a value: the script writes them as spaces.
    expect(lines).toEqual([{ sku: 'SKU-1', name: 'Lamp shade', quantity: 2 }]);
    await context.close();
  },
  60_000,
);
