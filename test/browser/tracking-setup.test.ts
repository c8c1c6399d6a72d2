import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { createDemoNetwork } from '../../src/bootstrap/create-demo-network.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { packageRoot } from '../../src/package-root.js';
import { lampenhuisTerms } from '../support/new-program.js';
import {
  browserAvailable,
  expectAccessible,
  expectNoOverflow,
  launchBrowser,
  portalLogin,
} from '../support/browser.js';

const SECRET = 'tracking-setup-secret-0123456789abcdefghij';
const SCREENSHOTS = join(packageRoot(), 'docs', 'screenshots');
const available = browserAvailable;
const EMAIL = 'developer@lampenhuis.example';
const PASSWORD = 'a long enough password';

let store: TestStore;
let network: Network;
let app: FastifyInstance;
let base: string;
let browser: Browser;
/** The advertiser's shop on another origin, integrated from the tracking page's snippets only. */
let shopServer: Server;
let shop: string;
const integration = { tag: '', conversion: '', secret: '' };

beforeAll(async () => {
  if (!available) return;
  store = await createSqliteTestStore();
  await createDemoNetwork(store.store, SECRET, Date.now());
  network = new Network(store.store, { secret: SECRET, maxBatch: 100, node: 3 });
  await network.start(50);
  app = buildApp(network, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const script = await (await fetch(`${base}/tracking/first-party.js`)).text();
  shopServer = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/affnet.js')
      return response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (path === '/thanks') {
      // The shop's server signs the order with the secret (v05), as the page explains.
      const fields = { orderNumber: 'SHOP-1', orderValue: '80.00' };
      const signed = integration.conversion
        .replace('ORDER_NUMBER', fields.orderNumber)
        .replace('ORDER_VALUE', fields.orderValue);
      const currency = /currency: '(\w+)'/.exec(signed)![1]!;
      const event = /event: '(\w+)'/.exec(signed)?.[1] ?? '';
      const text = `orderNumber=${fields.orderNumber}\norderValue=${fields.orderValue}\ncurrency=${currency}\nevent=${event}\nvoucher=\nreportInfo=\nbasket=`;
      const checksum = `v05${createHmac('sha256', integration.secret).update(text).digest('hex')}`;
      return response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><title>Thanks</title>${integration.tag}${signed.replace('CHECKSUM', checksum)}`,
        );
    }
    return response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><title>Lampenhuis</title>${integration.tag}<h1>Welkom</h1>`);
  });
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  shop = `http://localhost:${(shopServer.address() as AddressInfo).port}`;
  // A new advertiser, not the demo's.
  const advertiser = await repos(store.store).advertisers.create(
    { name: 'Lampenhuis B.V.' },
    Date.now(),
  );
  await repos(store.store).users.create(
    {
      email: EMAIL,
      passwordHash: await hashPassword(PASSWORD),
      role: 'advertiser',
      name: 'Developer',
      advertiserId: advertiser.id,
    },
    Date.now(),
  );
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
  'a new advertiser integrates its shop from the tracking page alone: secret, script, pixel and test conversions, never paid',
  async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await portalLogin(page, base, EMAIL, PASSWORD);
    // The program, created in the console.
    await page.goto(`${base}/advertiser/programs/new/yaml?lang=en`);
    const terms = await lampenhuisTerms(`${shop}/welkom`);
    await page.fill('textarea[name=terms]', terms);
    await Promise.all([page.waitForNavigation(), page.click('button[name=action][value=create]')]);
    const programId = /\/advertiser\/terms\/(prg_\w+)/.exec(page.url())![1]!;
    await network.programReviews.decide(
      programId,
      { decision: 'approved', reason: undefined },
      'test',
      Date.now(),
    );
    await network.refreshIfChanged();

    // From the overview to the tracking page, in both languages, wide and at 390 px.
    await page.goto(`${base}/advertiser?lang=en`);
    await Promise.all([
      page.waitForNavigation(),
      page.click(`a[href="/advertiser/tracking/${programId}"]`),
    ]);
    await expectAccessible(page);
    for (const lang of ['nl', 'en']) {
      for (const width of [390, 1100]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${base}/advertiser/tracking/${programId}?lang=${lang}`);
        await expectAccessible(page);
        await expectNoOverflow(page);
      }
    }
    expect(await page.textContent('h1')).toBe('Tracking setup: Lampenhuis');

    // The checksum secret, made on the page (shown once).
    await Promise.all([
      page.waitForNavigation(),
      page.click('form.checksum-secret button[value=generate]'),
    ]);
    await expectAccessible(page);
    integration.secret = (await page.textContent('.notice code.mono'))!.trim();
    expect(integration.secret).toMatch(/^[\w-]{20,}$/);

    // The shop copies the script tag and the conversion call from the page.
    const snippets = await page.$$eval('pre.snippet', (nodes) =>
      nodes.map((node) => (node as unknown as { textContent: string }).textContent),
    );
    integration.tag = snippets.find((text) => text.startsWith('<script src="/affnet.js"'))!;
    integration.conversion = snippets.find((text) => text.includes('affnet.conversion'))!;
    expect(integration.tag).toContain(`data-network="${base}"`);
    expect(integration.conversion).toContain(`organization: '${programId}'`);

    // A test click from the page: the landing URL, then the confirmation page, in the shop.
    const landing = (await page.textContent('dl.test-click dd:nth-of-type(2) code'))!;
    expect(landing).toMatch(new RegExp(`^${shop}/welkom\\?tduid=tst_`));
    const shopper = await context.newPage();
    await shopper.goto(landing);
    await shopper.goto(`${shop}/thanks`);
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/advertiser/tracking/${programId}`);
          return page.textContent('#test');
        },
        { timeout: 10_000 },
      )
      .toMatch(/pixel\s*·\s*SHOP-1[\s\S]*Commission:\s*4\.80 EUR/);
    await shopper.close();

    // A test order sent from the page itself, shown with its commission explained: its line
    // has no category, so the catch-all group (Other electronics, 6 %) prices it.
    await page.fill('form.test-order input[name=orderValue]', '100.00');
    await Promise.all([page.waitForNavigation(), page.click('form.test-order button')]);
    await expectAccessible(page);
    expect(await page.textContent('.notice')).toMatch(/arrived: commission 6\.00 EUR/);
    expect(await page.textContent('#test')).toContain('LH-C1');
    expect(await page.textContent('#test')).toContain('commission group “Other electronics”');
    await page.screenshot({ path: join(SCREENSHOTS, 'advertiser-tracking-setup.png') });
    await page.setViewportSize({ width: 390, height: 900 });
    await expectNoOverflow(page);

    // Tests are never orders: nothing to validate, invoice or pay.
    const orders = await store.store.db
      .selectFrom('orders')
      .select('id')
      .where('program_id', '=', programId)
      .execute();
    expect(orders).toEqual([]);
    await context.close();
  },
  120_000,
);
