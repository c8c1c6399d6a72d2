import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { createDemoNetwork, type DemoNetwork } from '../../src/bootstrap/create-demo-network.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { packageRoot } from '../../src/package-root.js';
import { previousPeriod } from '../../src/domain/payments/periods.js';
import {
  browserAvailable,
  expectAccessible,
  launchBrowser,
  portalLogin,
} from '../support/browser.js';
import { repos } from '../../src/storage/repositories/repos.js';

const SECRET = 'browser-invoices-secret-0123456789abcdefgh';
const SCREENSHOTS = join(packageRoot(), 'docs', 'screenshots');
const available = browserAvailable;
const DAY = 86_400_000;
// From today (the browser reads the real time), never a fixed date.
const START = Math.floor(Date.now() / DAY) * DAY + 10 * 3_600_000;
const clock = { now: START };

let store: TestStore;
let network: Network;
let app: FastifyInstance;
let demo: DemoNetwork;
let base: string;
let browser: Browser;
let invoiceId: string;

beforeAll(async () => {
  if (!available) return;
  store = await createSqliteTestStore();
  demo = await createDemoNetwork(store.store, SECRET, clock.now);
  const today = new Date(START).toISOString().slice(0, 10);
  await repos(store.store).rates.upsert(
    parseEcbCsv(`Date,USD\n${today},1.0950\n`).entries(),
    'test',
    clock.now,
  );
  network = new Network(store.store, {
    secret: SECRET,
    maxBatch: 1000,
    node: 1,
    now: () => clock.now,
    payoutDebtor: { name: 'Demo Affiliate Network B.V.', iban: 'NL91ABNA0417164300' },
  });
  await network.start(50);
  app = buildApp(network, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The way the money tests click (a shopper's address; the demo publisher signs in from here).
  const click = await app.inject({
    url: `/click?p=${demo.programId}&a=${demo.siteId}&g=${demo.adId}`,
    remoteAddress: '198.51.100.23',
  });
  expect(click.statusCode).toBe(302);
  const clickId = new URL(String(click.headers.location)).searchParams.get('tduid')!;
  const order = await fetch(`${base}/api/v1/programs/${demo.programId}/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${demo.advertiserApiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      orderNumber: 'AE-INVOICE-1',
      placedAt: new Date(clock.now + 60_000).toISOString(),
      currency: 'USD',
      status: 'completed',
      clickId,
      items: [
        {
          sku: 'P-1',
          category: 'consumer-electronics',
          unitPrice: '100.00',
          quantity: 1,
          sellerCountry: 'CN',
          store: 'aliexpress',
        },
      ],
    }),
  });
  expect(order.status, await order.text()).toBe(201);
  // The month ends; its invoice is issued on the next one's second day.
  const date = new Date(START);
  clock.now = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 2, 9);
  const { created } = await network.invoices.createInvoices(
    previousPeriod(clock.now).text,
    clock.now,
  );
  expect(created.length).toBeGreaterThan(0);
  invoiceId = created.find((invoice) => invoice.program_id === demo.programId)!.id;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await app?.close();
  await network?.close();
  await store?.dispose();
});

/** Passes axe-core, and nothing makes the page wider than the screen. */
async function checkPage(page: Page, width: number): Promise<void> {
  await expectAccessible(page);
  const scrollWidth = await page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
  expect(scrollWidth, page.url()).toBeLessThanOrEqual(width);
}

it.skipIf(!available)(
  'shows the advertiser its invoices, an invoice and its invoicing details, in Dutch and English on a phone',
  async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await portalLogin(page, base, demo.advertiser.email, demo.advertiser.password);
    for (const lang of ['nl', 'en'] as const) {
      await page.goto(`${base}/advertiser/invoices?lang=${lang}`);
      await checkPage(page, 390);
      expect(await page.textContent('main')).toContain('INV-');
      await page.goto(`${base}/advertiser/invoices/${invoiceId}?lang=${lang}`);
      await checkPage(page, 390);
      expect(await page.textContent('main')).toContain(
        lang === 'nl' ? 'Buiten de reikwijdte van de EU-btw' : 'Outside the scope of EU VAT',
      );
      if (lang === 'en')
        await page.screenshot({
          path: join(SCREENSHOTS, 'advertiser-invoice.png'),
          fullPage: true,
        });
      await page.goto(`${base}/advertiser/invoicing?lang=${lang}`);
      await checkPage(page, 390);
    }
    // The details form: a refusal keeps what was typed and says what to fix; then it saves.
    await page.fill('input[name=postalCode]', 'not a code');
    await page.fill('input[name=country]', 'NL');
    await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
    await checkPage(page, 390);
    expect(await page.inputValue('input[name=postalCode]')).toBe('not a code');
    await page.fill('input[name=postalCode]', '1012 AB');
    await page.fill('input[name=city]', 'Amsterdam');
    await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
    await checkPage(page, 390);
    expect(await page.textContent('main')).toContain('VAT 21 %');
    const download = await page.request.get(`${base}/advertiser/invoices/${invoiceId}.pdf`);
    expect(download.headers()['content-type']).toBe('application/pdf');
    await context.close();
  },
  60_000,
);
