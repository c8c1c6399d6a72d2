import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { createDemoNetwork, type DemoNetwork } from '../../src/bootstrap/create-demo-network.js';
import {
  browserAvailable,
  expectAccessible,
  expectNoOverflow,
  brokenTableWords,
  launchBrowser,
  portalLogin,
} from '../support/browser.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'browser-integrations-secret-0123456789abc';
let store: TestStore;
let network: Network;
let app: FastifyInstance;
let demo: DemoNetwork;
let base: string;
let browser: Browser;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  if (!browserAvailable) return;
  store = await createSqliteTestStore();
  const now = Date.now();
  demo = await createDemoNetwork(store.store, SECRET, now);
  network = new Network(store.store, {
    secret: SECRET,
    maxBatch: 1000,
    node: 1,
    webhooks: { allowPrivate: true, allowHttp: true },
  });
  await network.start(50);
  app = buildApp(network, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  receiver = await startReceiver();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  if (!browserAvailable) return;
  await browser.close();
  await app.close();
  await receiver.close();
  await store.dispose();
});

/**
 * The integrations page for both roles (issue 28): a webhook added in the form shows its secret
 * once, the test button reports the receiver's answer, the log lists the attempt; a publisher
 * adds a postback from a tracker preset. Every page passes axe-core in English and Dutch and
 * fits 390 px.
 */
it.skipIf(!browserAvailable)(
  'lets a publisher and an advertiser add, test and read webhooks and postbacks',
  async () => {
    for (const [role, who] of [
      ['publisher', demo.publisher],
      ['advertiser', demo.advertiser],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      await portalLogin(page, base, who.email, who.password);
      await page.goto(`${base}/${role}/integrations`);
      await expectAccessible(page);
      await page.fill('form[action$="/webhooks"] input[name=url]', receiver.url(`/${role}`));
      await page.check('form[action$="/webhooks"] input[value="order.created"]');
      await Promise.all([
        page.waitForNavigation(),
        page.click('form[action$="/webhooks"] button[type=submit]'),
      ]);
      const secret = await page.textContent('#new-secret');
      expect(secret).toMatch(/^whsec_/);
      await expectAccessible(page);
      await Promise.all([
        page.waitForNavigation(),
        page.click('form[action$="/test"] button[type=submit]'),
      ]);
      expect(await page.textContent('main')).toContain('200');
      expect(receiver.received.some((r) => r.path === `/${role}`)).toBe(true);
      await Promise.all([page.waitForNavigation(), page.click('text=Deliveries')]);
      expect(await page.textContent('main')).toContain('webhook.test');
      await expectAccessible(page);
      if (role === 'publisher') {
        await page.goto(`${base}/publisher/integrations?preset=voluum`);
        expect(await page.inputValue('#postback-url')).toContain('cid={epi}');
        await page.fill('#postback-url', receiver.url('/tracker?cid={epi}&payout={commission}'));
        await page.check('form[action$="/postbacks"] input[value="commission.created"]');
        // One program only: the choice lists the programs the publisher is approved in.
        const program = page.locator('form[action$="/postbacks"] select[name=programId] option');
        expect(await program.count()).toBeGreaterThan(1);
        const programName = (await program.nth(1).textContent())!.trim();
        await page.selectOption('form[action$="/postbacks"] select[name=programId]', {
          index: 1,
        });
        await Promise.all([
          page.waitForNavigation(),
          page.click('form[action$="/postbacks"] button[type=submit]'),
        ]);
        expect(await page.textContent('main')).toContain('/tracker?cid={epi}');
        const row = page.locator('tr', { hasText: '/tracker?cid={epi}' });
        expect(await row.textContent()).toContain(programName);
        expect(await row.textContent()).not.toContain('All programs');
        await expectAccessible(page);
        // An unknown macro is refused in the reader's language, with its name.
        await page.goto(`${base}/publisher/integrations?lang=nl`);
        await page.fill('#postback-url', receiver.url('/t?x={clickid}'));
        await page.check('form[action$="/postbacks"] input[value="commission.created"]');
        await Promise.all([
          page.waitForNavigation(),
          page.click('form[action$="/postbacks"] button[type=submit]'),
        ]);
        expect(await page.textContent('main')).toContain('{clickid}');
        await expectAccessible(page);
      }
      for (const lang of ['nl', 'en']) {
        await page.goto(`${base}/${role}/integrations?lang=${lang}`);
        await expectAccessible(page);
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/${role}/integrations`);
      await expectAccessible(page);
      await expectNoOverflow(page);
      // The endpoints and postbacks tables scroll sideways rather than break their words.
      expect(await brokenTableWords(page)).toEqual([]);
      await page.click('text=Deliveries');
      await page.waitForLoadState();
      await expectAccessible(page);
      await expectNoOverflow(page);
      await context.close();
    }
  },
  120_000,
);
