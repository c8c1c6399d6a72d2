import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
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
import {
  browserAvailable,
  launchBrowser,
  portalLogin,
  expectAccessible,
  brokenTableWords,
  headerHeight,
} from '../support/browser.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { hashPassword } from '../../src/auth/passwords.js';

const SECRET = 'browser-views-secret-0123456789abcdefghij';
const SCREENSHOTS = join(packageRoot(), 'docs', 'screenshots');
const available = browserAvailable;

const DAY = 86_400_000;
// The network's clock starts from today (10:00 UTC), not a fixed date: the browser reads the
// real time, and a fixed date drifts further from it every day the suite is run.
const START = Math.floor(Date.now() / DAY) * DAY + 10 * 3_600_000;
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

let store: TestStore;
let network: Network;
let app: FastifyInstance;
let demo: DemoNetwork;
let base: string;
let browser: Browser;
const clock = { now: START - 6 * DAY };
/** Per day of the week of traffic: clicks and orders (order value USD 100.00 each). */
const TRAFFIC = [
  [12, 1],
  [30, 2],
  [8, 0],
  [21, 3],
  [45, 1],
  [16, 2],
  [27, 1],
] as const;

beforeAll(async () => {
  if (!available) return;
  store = await createSqliteTestStore();
  demo = await createDemoNetwork(store.store, SECRET, clock.now);
  const days = TRAFFIC.map((_, index) =>
    new Date(START - (6 - index) * DAY).toISOString().slice(0, 10),
  );
  await repos(store.store).rates.upsert(
    parseEcbCsv(`Date,USD\n${days.map((day) => `${day},1.0950`).join('\n')}\n`).entries(),
    'test',
    clock.now,
  );
  network = new Network(store.store, {
    secret: SECRET,
    maxBatch: 1000,
    node: 1,
    now: () => clock.now,
  });
  await network.start(50);
  app = buildApp(network, { logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The publisher logs in from this machine: clicks from the same address are self-purchases.
  const login = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demo.publisher.email, password: demo.publisher.password }),
  });
  expect(login.status).toBe(201);
  let orderNumber = 0;
  for (const [index, [clicks, orders]] of TRAFFIC.entries()) {
    clock.now = START - (6 - index) * DAY;
    const clickIds: string[] = [];
    for (let click = 0; click < clicks; click += 1) {
      const answer = await fetch(
        `${base}/click?p=${demo.programId}&a=${demo.siteId}&g=${demo.adId}`,
        {
          redirect: 'manual',
          headers: {
            'user-agent': CHROME,
            'sec-fetch-dest': 'document',
            'sec-fetch-mode': 'navigate',
            referer: 'https://deals.demo.affnet.local/',
          },
        },
      );
      expect(answer.status).toBe(302);
      clickIds.push(new URL(answer.headers.get('location')!).searchParams.get('tduid')!);
    }
    for (let order = 0; order < orders; order += 1) {
      orderNumber += 1;
      const answer = await fetch(`${base}/api/v1/programs/${demo.programId}/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${demo.advertiserApiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          orderNumber: `AE-VIEW-${orderNumber}`,
          placedAt: new Date(clock.now + 10 * 60_000).toISOString(),
          currency: 'USD',
          status: 'pending',
          clickId: clickIds[order],
          items: [
            {
              sku: `P-${orderNumber}`,
              category: 'consumer-electronics',
              unitPrice: '100.00',
              quantity: 1,
              sellerCountry: 'CN',
              store: 'aliexpress',
            },
          ],
        }),
      });
      expect(answer.status, await answer.text()).toBe(201);
    }
  }
  clock.now = START + 60 * 60_000;
  await network.scanner.scan(clock.now);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await app?.close();
  await network?.close();
  await store?.dispose();
});

const login = (page: Page, email: string, password: string) =>
  portalLogin(page, base, email, password);

/** Every label of every chart inside its chart: a clipped axis label is a failure. */
async function clippedChartLabels(page: Page): Promise<string[]> {
  return page.$$eval('svg.chart', (charts) =>
    charts.flatMap((chart) => {
      const box = chart.getBoundingClientRect();
      return [...chart.querySelectorAll('text')]
        .filter((text) => {
          const own = text.getBoundingClientRect();
          return own.left < box.left - 0.5 || own.right > box.right + 0.5;
        })
        .map((text) => text.textContent ?? '');
    }),
  );
}

it.skipIf(!available)(
  'shows the advertiser clicks, orders, revenue, commission and EPC over time and by publisher',
  async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await login(page, demo.advertiser.email, demo.advertiser.password);
    await page.goto(`${base}/advertiser`);
    await expectAccessible(page);
    const clicks = TRAFFIC.reduce((sum, [count]) => sum + count, 0);
    const orders = TRAFFIC.reduce((sum, [, count]) => sum + count, 0);
    const stats = await page.$$eval('.stat', (elements) =>
      Object.fromEntries(
        elements.map((element) => [
          element.querySelector('.label')?.textContent?.trim() ?? '',
          element.querySelector('.value')?.textContent?.trim() ?? '',
        ]),
      ),
    );
    expect(stats).toMatchObject({
      Clicks: String(clicks),
      Orders: String(orders),
      'Revenue (order value)': `USD ${(orders * 100).toLocaleString('en-US')}.00`,
    });
    expect(stats.Commission).toMatch(/^EUR \d+\.\d{2}$/);
    expect(stats.EPC).toMatch(/^EUR \d+\.\d{2}$/);
    expect(await page.locator('svg.chart').count()).toBe(2);
    expect(await clippedChartLabels(page)).toEqual([]);
    // The busiest day's bar carries its clicks in its tooltip.
    const busiest = new Date(START - 2 * DAY).toISOString().slice(5, 10);
    expect(await page.textContent('svg.chart')).toContain(`${busiest}: 45 clicks`);
    const row = page.locator('table tr', { hasText: 'Demo Deals' }).first();
    expect(await row.textContent()).toContain(`USD ${(orders * 100).toLocaleString('en-US')}.00`);
    await page.screenshot({ path: join(SCREENSHOTS, 'advertiser-overview.png'), fullPage: true });
    // A shorter period: the last week, chosen in the overview's form.
    const weekAgo = new Date(START - 6 * DAY).toISOString().slice(0, 10);
    await page.fill('input[name=from]', weekAgo);
    await page.click('form:has(input[name=from]) button[type=submit]');
    await page.waitForURL((url) => url.searchParams.get('from') === weekAgo);
    expect(await page.textContent('main h2')).toContain(`Performance from ${weekAgo}`);
    await expectAccessible(page);
    await context.close();
  },
  60_000,
);

it.skipIf(!available)(
  'shows the compliance queue as readable facts, each flag with its order linked',
  async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await login(page, demo.advertiser.email, demo.advertiser.password);
    await page.goto(`${base}/advertiser/compliance`);
    await expectAccessible(page);
    const queue = page.locator('section.card').first();
    const text = (await queue.textContent()) ?? '';
    expect(text).toContain('self_purchase');
    expect(text).toContain('the click came from an address the publisher logs in from');
    expect(text).not.toMatch(/[{}"]/); // facts, not JSON
    // The most severe flag comes first, whatever the hundreds of click flags after it.
    const firstRow = (await queue.locator('tbody tr').first().textContent()) ?? '';
    expect(firstRow).toContain('self_purchase');
    for (const row of await queue.locator('tbody tr', { hasText: 'self_purchase' }).all())
      expect(await row.locator('a[href^="/advertiser/transactions?order="]').count()).toBe(1);
    const links = await queue.locator('a[href^="/advertiser/transactions?order="]').all();
    expect(links.length).toBeGreaterThan(0);
    const numbers = await Promise.all(links.map((link) => link.textContent()));
    expect(new Set(numbers).size).toBe(numbers.length); // one order per flag: no look-alikes
    await page.screenshot({
      path: join(SCREENSHOTS, 'advertiser-compliance-queue.png'),
      fullPage: false,
    });
    const first = numbers[0]!.trim();
    await links[0]!.click();
    await page.waitForURL((url) => url.searchParams.get('order') === first);
    expect(await page.textContent('main')).toContain(first);
    await context.close();
  },
  60_000,
);

/** The pages each role reaches from the navigation, with the data this suite made. */
const PAGES_OF_ROLE = {
  publisher: [
    '/publisher',
    '/publisher/sites',
    '/publisher/applications',
    '/publisher/links',
    '/publisher/promotions',
    '/publisher/feeds',
    '/publisher/transactions',
    '/publisher/statements',
    '/publisher/invoicing',
    '/publisher/compliance',
    '/account',
    '/account/password',
  ],
  advertiser: [
    '/advertiser',
    '/advertiser/applications',
    '/advertiser/transactions',
    '/advertiser/ads',
    '/advertiser/compliance',
    '/advertiser/keys',
    '/advertiser/programs/new',
    '/advertiser/promotions/{program}',
    '/advertiser/feeds/{program}',
    '/account',
    '/account/password',
  ],
  admin: [
    '/admin',
    '/admin/money',
    '/admin/advertisers',
    '/admin/program-reviews',
    '/admin/network-fees',
    '/admin/publishers',
    '/admin/outbox',
    '/admin/audit',
    '/account',
    '/account/password',
  ],
} as const;

/** The network admin of this suite (the demo has none): logged in like the other roles. */
const ADMIN = { email: 'admin@views.example', password: 'views admin password 1' };

it.skipIf(!available)(
  'passes axe-core (WCAG 2 A and AA) on every page of every role, in Dutch and English, wide and at 390 px',
  async () => {
    if (!(await repos(store.store).users.findByEmail(ADMIN.email)))
      await repos(store.store).users.create(
        {
          email: ADMIN.email,
          passwordHash: await hashPassword(ADMIN.password),
          role: 'admin',
          name: 'Views admin',
        },
        clock.now,
      );
    // A program waiting for the network's review: its card and decision form are on the admin's page.
    const source = (await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8'))
      .replace(/^id: kabelkoning$/m, 'id: views-review')
      .replace(/^name: Kabelkoning$/m, 'name: Views Review Shop');
    const created = await fetch(`${base}/api/v1/programs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.advertiserApiKey}`, 'content-type': 'text/yaml' },
      body: source,
    });
    expect([201, 409]).toContain(created.status);
    // A product feed with a refused row: the advertiser's report and the publisher's downloads.
    const domain = network.cache.program(demo.programId)!.terms.file.tracking.deeplinking
      .domains[0];
    const feed = await fetch(`${base}/api/v1/programs/${demo.programId}/feed-imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.advertiserApiKey}`, 'content-type': 'text/csv' },
      body: [
        'id,title,description,link,image_link,price,availability',
        `V-1,Kabel,Een kabel,https://www.${domain}/v-1,https://www.${domain}/v-1.jpg,9.99 EUR,in_stock`,
        `V-2,Zonder prijs,Een kabel,https://www.${domain}/v-2,https://www.${domain}/v-2.jpg,,in_stock`,
        '',
      ].join('\n'),
    });
    expect(feed.status, await feed.text()).toBe(201);
    const wider: string[] = [];
    for (const width of [1100, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [role, paths] of Object.entries(PAGES_OF_ROLE)) {
        const who =
          role === 'publisher' ? demo.publisher : role === 'admin' ? ADMIN : demo.advertiser;
        await login(page, who.email, who.password);
        for (const lang of ['nl', 'en'])
          for (const pattern of paths) {
            const path = pattern.replace('{program}', demo.programId);
            await page.goto(`${base}${path}?lang=${lang}`);
            expect(await page.getAttribute('html', 'lang'), path).toBe(lang);
            await expectAccessible(page);
            // Nothing widens the page: wide tables scroll inside it, the navigation wraps. The
            // innermost element reaching past the edge is named.
            const [pageWidth, culprit] = await page.evaluate(() => {
              type Box = { right: number };
              type El = {
                tagName: string;
                className: string;
                outerHTML: string;
                children: ArrayLike<El>;
                getBoundingClientRect(): Box;
              };
              const { document } = globalThis as unknown as {
                document: { documentElement: El & { scrollWidth: number; clientWidth: number } };
              };
              const root = document.documentElement;
              let widest: El | undefined;
              const visit = (element: El) => {
                if (element.getBoundingClientRect().right > root.clientWidth + 0.5)
                  widest = element;
                for (const child of Array.from(element.children)) visit(child);
              };
              visit(root);
              return [root.scrollWidth, widest ? widest.outerHTML.slice(0, 160) : ''] as const;
            });
            if (pageWidth > width)
              wider.push(`${path}?lang=${lang} at ${width}px: ${pageWidth}px (${culprit})`);
            // At 390 px a table scrolls sideways: no word in a transactions cell is split over
            // lines, and the navigation is one scrolling line, not a screenful of links.
            if (width === 390) {
              if (path.includes('/transactions'))
                for (const word of await brokenTableWords(page))
                  wider.push(`${path}?lang=${lang}: broken word ${word}`);
              const header = await headerHeight(page);
              if (header > 130) wider.push(`${path}?lang=${lang}: header ${header}px high`);
            }
          }
        await page.goto(`${base}/programs/aliexpress`);
        await expectAccessible(page);
        await Promise.all([
          page.waitForNavigation(),
          page.click('header form[action="/logout"] button'),
        ]);
      }
      await context.close();
    }
    expect(wider).toEqual([]);
  },
  300_000,
);
