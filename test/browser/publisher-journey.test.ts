import { checkAnswersAgainstDocument } from '../support/api-document.js';
import { isMessageKey, translate } from '../../src/i18n/catalogue.js';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import {
  browserAvailable,
  launchBrowser,
  portalLogin,
  expectAccessible,
  expectNoOverflow,
  brokenTableWords,
} from '../support/browser.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { createDemoNetwork, type DemoNetwork } from '../../src/bootstrap/create-demo-network.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { packageRoot } from '../../src/package-root.js';
import { bumpLinksVersion } from '../../src/storage/repositories/cache-versions.js';
import type { FastifyInstance } from 'fastify';
import { repos } from '../../src/storage/repositories/repos.js';

const SECRET = 'browser-test-secret-0123456789abcdefghij';
const SCREENSHOTS = join(packageRoot(), 'docs', 'screenshots');
const available = browserAvailable;

let store: TestStore;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let network: Network;
let app: FastifyInstance;
let demo: DemoNetwork;
let base: string;
let browser: Browser;
/** The advertiser's shop: the program's landing page is on the internet, so a local stand-in. */
let shopServer: Server;
let shop: string;

beforeAll(async () => {
  if (!available) return;
  store = await createSqliteTestStore();
  smtp = await startSmtpSink();
  const now = Date.now();
  demo = await createDemoNetwork(store.store, SECRET, now);
  const today = new Date(now).toISOString().slice(0, 10);
  await repos(store.store).rates.upsert(
    parseEcbCsv(`Date,USD\n${today},1.0950\n`).entries(),
    'test',
    now,
  );
  network = new Network(store.store, {
    secret: SECRET,
    maxBatch: 1000,
    node: 1,
    mail: { smtpUrl: smtp.url, from: 'affnet <no-reply@affnet.test>' },
  });
  await network.start(50);
  app = buildApp(network, { logLevel: 'silent' });
  checkAnswersAgainstDocument(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  shopServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>AliExpress (stand-in)</h1>');
  });
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  shop = `http://127.0.0.1:${(shopServer.address() as AddressInfo).port}`;
  await store.store.db
    .updateTable('programs')
    .set({ landing_url: `${shop}/` })
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
  await smtp?.close();
  shopServer?.close();
  await store?.dispose();
});

const login = (page: Page, email: string, password: string) =>
  portalLogin(page, base, email, password);

async function logout(page: Page) {
  await Promise.all([page.waitForNavigation(), page.click('header form[action="/logout"] button')]);
  await expectAccessible(page);
}

it.skipIf(!available)(
  'signs up, applies, is approved, builds a link, clicks it and sees the explained commission',
  async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    // The landing page is on the internet; the browser gets a stand-in for it.
    await context.route(
      (url) => url.hostname === 'www.aliexpress.com',
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<h1>AliExpress (stand-in)</h1>',
        }),
    );

    // The program page, in Dutch for a Dutch browser.
    await page.goto(`${base}/programs/aliexpress`);
    await expectAccessible(page);
    expect(await page.locator('h2').first().textContent()).toBe('Commissie');
    expect(await page.textContent('body')).toContain('Verkoop van mobiele telefoons op AliExpress');
    expect(await page.textContent('body')).toContain('3,5 %');
    expect(await page.textContent('body')).toContain('Programma met vooruitbetaling');
    await page.screenshot({ path: join(SCREENSHOTS, 'program-page-nl.png'), fullPage: false });

    // Sign-up, three steps (AE-S1).
    await page.click('text=Begin met aanmelden');
    await page.fill('input[name=email]', 'kim@kortingkiezer.nl');
    await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
    await expectAccessible(page);
    expect(await page.textContent('main')).toContain('Stap 2 van 3');
    await page.fill('input[name=siteUrl]', 'https://kortingkiezer.nl');
    await page.fill('input[name=siteName]', 'KortingKiezer');
    await page.fill('input[name=name]', 'Kim de Vries');
    await page.fill('input[name=iban]', 'NL91ABNA0417164300');
    await page.check('input[value=voucher_codes]');
    await page.fill('input[name=password]', 'correct horse battery');
    await page.screenshot({ path: join(SCREENSHOTS, 'signup-step-2.png') });
    await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
    await expectAccessible(page);
    expect(await page.textContent('main')).toContain('kim@kortingkiezer.nl');
    const mail = await smtp.waitFor('kim@kortingkiezer.nl');
    const activation = /(http:\/\/\S+\/activate\?token=[\w-]+)/.exec(mail.text)?.[1];
    expect(activation).toBeDefined();
    // The link opens a page with a button (a mail scanner's GET never uses the token up).
    await page.goto(activation!);
    await expectAccessible(page);
    expect(page.url()).toContain('/activate');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/activate"] button')]);
    await expectAccessible(page);
    expect(page.url()).toContain('/publisher');
    expect(await page.textContent('main')).toContain('Je account is actief');

    // Apply to the program.
    await page.goto(`${base}/publisher/applications`);
    await expectAccessible(page);
    await page.check('input[name=promotionMethods][value=voucher_codes]');
    await page.check('input[name=acceptRules]');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/publisher/applications"] button[type=submit]'),
    ]);
    await expectAccessible(page);
    expect(await page.textContent('main')).toContain('Aanmelding verstuurd');
    await logout(page);

    // The advertiser approves; the publisher is emailed.
    await login(page, demo.advertiser.email, demo.advertiser.password);
    await page.goto(`${base}/advertiser/applications`);
    await expectAccessible(page);
    const application = page.locator('section.card', { hasText: 'KortingKiezer' });
    await page.screenshot({ path: join(SCREENSHOTS, 'advertiser-applications.png') });
    await Promise.all([
      page.waitForNavigation(),
      application.locator('button[value=approve]').click(),
    ]);
    await expectAccessible(page);
    // The Dutch console names the status in Dutch.
    expect(
      await page.locator('section.card', { hasText: 'KortingKiezer' }).textContent(),
    ).toContain('goedgekeurd');
    await smtp.waitFor('kim@kortingkiezer.nl'); // (the activation mail was first; approval follows)
    // Kim signed up on the Dutch pages: her email is Dutch too.
    expect(
      smtp.mails.some(
        (m) => m.to.includes('kim@kortingkiezer.nl') && m.subject.includes('Goedgekeurd'),
      ),
    ).toBe(true);
    await logout(page);

    // The publisher builds a link with a sub id and follows it.
    await login(page, 'kim@kortingkiezer.nl', 'correct horse battery');
    await page.goto(`${base}/publisher/links`);
    await expectAccessible(page);
    await page.fill('input[name=epi]', 'nieuwsbrief');
    await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
    await expectAccessible(page);
    const link = await page.inputValue('#link-url');
    expect(link).toMatch(/\/click\?p=prg_\w+&a=sit_\w+&g=ad_\w+&epi=nieuwsbrief$/);
    expect(await page.inputValue('#link-html')).toContain('rel="sponsored nofollow"');
    await page.screenshot({ path: join(SCREENSHOTS, 'link-builder.png') });
    await page.goto(link);
    expect(page.url()).toMatch(new RegExp(`^${shop}/\\?tduid=clk_`));
    expect(await page.textContent('h1')).toBe('AliExpress (stand-in)');
    const tduid = new URL(page.url()).searchParams.get('tduid')!;

    // The advertiser reports the completed order server to server.
    const response = await fetch(`${base}/api/v1/programs/${demo.programId}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo.advertiserApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        orderNumber: 'AE-BROWSER-1',
        placedAt: new Date().toISOString(),
        currency: 'USD',
        status: 'completed',
        clickId: tduid,
        buyer: { country: 'NL', newBuyer: true },
        items: [
          {
            sku: 'P-1',
            name: 'USB-C kabel',
            category: 'consumer-electronics',
            unitPrice: '12.50',
            quantity: 2,
            sellerCountry: 'CN',
            store: 'aliexpress',
          },
          {
            sku: 'P-2',
            name: 'Cadeaubon',
            category: 'gift-cards',
            unitPrice: '10.00',
            quantity: 1,
            sellerCountry: 'CN',
            store: 'aliexpress',
          },
        ],
      }),
    });
    expect(response.status).toBe(201);

    // The publisher sees the order and why each line earns what it earns.
    await page.goto(`${base}/publisher/transactions`);
    await expectAccessible(page);
    await page.click('text=AE-BROWSER-1');
    const main = await page.textContent('main');
    expect(main).toContain('Levert commissie op');
    expect(main).toContain('AE-C1');
    expect(main).toContain('AE-C2'); // the gift card earns nothing: virtual product
    expect(main).toContain('Nieuwe-koperbonus');
    await page.screenshot({ path: join(SCREENSHOTS, 'transaction-explained.png'), fullPage: true });
    // On a phone the order's tables scroll sideways: no page widening, no word split over lines.
    const wide = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoOverflow(page);
    expect(await brokenTableWords(page)).toEqual([]);
    await page.setViewportSize(wide);
    await network.rollUp(-3_600_000); // count the click now rather than 10 s behind
    await page.goto(`${base}/publisher?lang=en`);
    await expectAccessible(page);
    const dashboard = await page.textContent('main');
    expect(dashboard).toContain('Clicks and commission per day');
    expect(dashboard).toMatch(/nieuwsbrief\s*1\s*1\s*100\.00 %/);
    await page.screenshot({
      path: join(SCREENSHOTS, 'publisher-dashboard-en.png'),
      fullPage: true,
    });

    // The advertiser validates a pending order by CSV upload; the page shows progress and a result per row.
    const pending = await fetch(`${base}/api/v1/programs/${demo.programId}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo.advertiserApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        orderNumber: 'AE-BROWSER-2',
        placedAt: new Date().toISOString(),
        currency: 'USD',
        status: 'pending',
        clickId: tduid,
        items: [
          {
            sku: 'P-3',
            category: 'toys',
            unitPrice: '40.00',
            quantity: 1,
            sellerCountry: 'CN',
            store: 'aliexpress',
          },
        ],
      }),
    });
    expect(pending.status).toBe(201);
    await logout(page);
    await login(page, demo.advertiser.email, demo.advertiser.password);
    await page.goto(`${base}/advertiser/transactions`);
    await expectAccessible(page);
    await page.fill(
      '#csv-upload textarea',
      'orderNumber,decision,reason\nAE-BROWSER-2,approve,\nAE-NOPE,approve,\n',
    );
    await page.click('#csv-upload button[type=submit]');
    await page.waitForSelector('#csv-results tr:nth-child(2)');
    const results = await page.textContent('#csv-results');
    expect(results).toContain('AE-BROWSER-2');
    expect(results).toContain('product: approved');
    expect(results).toContain('no order "AE-NOPE" in this program');
    // Each row's outcome as a badge: approved, and refused for the unknown order.
    expect(await page.locator('#csv-results .badge.approved').count()).toBe(1);
    expect(await page.locator('#csv-results .badge.refused').count()).toBe(1);
    expect(await page.getAttribute('#csv-progress', 'value')).toBe('2');
    await page.screenshot({
      path: join(SCREENSHOTS, 'advertiser-csv-validation.png'),
      fullPage: true,
    });

    // The advertiser's compliance page: review queue, enforcement form, Email Approval tool.
    await page.goto(`${base}/advertiser/compliance`);
    await expectAccessible(page);
    expect(await page.textContent('main')).toContain('Record an enforcement action');
    await page.screenshot({ path: join(SCREENSHOTS, 'advertiser-compliance.png') });
    await context.close();
  },
  120_000,
);

it.skipIf(!available)(
  'speaks Dutch on the Dutch pages: every status badge and every refusal',
  async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    // The demo publisher's pending order, so its transactions carry a status.
    const click = await fetch(`${base}/click?p=${demo.programId}&a=${demo.siteId}&g=${demo.adId}`, {
      redirect: 'manual',
    });
    const clickId = new URL(click.headers.get('location')!).searchParams.get('tduid');
    const order = await fetch(`${base}/api/v1/programs/${demo.programId}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo.advertiserApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        orderNumber: 'AE-DUTCH-1',
        placedAt: new Date().toISOString(),
        currency: 'USD',
        status: 'pending',
        clickId,
        items: [
          {
            sku: 'P-9',
            category: 'consumer-electronics',
            unitPrice: '20.00',
            quantity: 1,
            sellerCountry: 'CN',
            store: 'aliexpress',
          },
        ],
      }),
    });
    expect(order.status).toBe(201);
    await login(page, demo.publisher.email, demo.publisher.password);
    const untranslated: string[] = [];
    let seen = 0;
    for (const path of [
      '/publisher',
      '/publisher/transactions',
      '/publisher/applications',
      '/publisher/sites',
      '/publisher/statements',
      '/publisher/compliance',
    ]) {
      await page.goto(`${base}${path}`);
      await expectAccessible(page);
      expect(await page.getAttribute('html', 'lang'), path).toBe('nl');
      for (const badge of await page.locator('.badge').all()) {
        const code = ((await badge.getAttribute('class')) ?? '').replace('badge', '').trim();
        const text = ((await badge.textContent()) ?? '').trim();
        const key = [`status.${code}`, `policy.${code}`].find(isMessageKey);
        if (key === undefined) continue;
        seen += 1;
        if (text !== translate('nl', key)) untranslated.push(`${path}: ${code} "${text}"`);
      }
    }
    expect(untranslated).toEqual([]);
    expect(seen).toBeGreaterThan(0);

    // A refusal from a service (a malformed sub id) reads as Dutch, not as the English message.
    await page.goto(`${base}/publisher/links?epi=${encodeURIComponent('no spaces!')}`);
    await expectAccessible(page);
    const refusal = (await page.textContent('main')) ?? '';
    expect(refusal).toContain(
      'een parameter klopt niet: epi: gebruik hoogstens 64 letters, cijfers, "-", "_" of "."',
    );
    expect(refusal).not.toContain('use up to 64 letters');

    await context.close();
  },
  60_000,
);
