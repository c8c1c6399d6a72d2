import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSqliteTestStore, type TestStore } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { pngImage } from '../support/images.js';
import { packageRoot } from '../../src/package-root.js';
import {
  browserAvailable,
  expectAccessible,
  expectNoOverflow,
  launchBrowser,
  portalLogin,
} from '../support/browser.js';

const SCREENSHOTS = join(packageRoot(), 'docs', 'screenshots');
const available = browserAvailable;
const DAY = 86_400_000;

let store: TestStore;
let t: TestNetwork;
let shop: NewProgram;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  store = await createSqliteTestStore();
  // Today, not a fixed date: the browser keeps the session cookie by the real time.
  t = await startTestNetwork(store.store, Math.floor(Date.now() / DAY) * DAY + 10 * 3_600_000);
  shop = await newAdvertiserProgram(t, 'Fietsplein');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  if (!available) return;
  await browser?.close();
  await t?.app.close();
  await t?.network.close();
  await store?.dispose();
});

async function submit(page: Page, form: string) {
  await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
  await expectAccessible(page);
  await expectNoOverflow(page);
}

it.skipIf(!available)(
  'a newcomer advertiser uploads a banner on a phone in Dutch; the publisher links with it, previewed, in both languages',
  async () => {
    // The advertiser of a program made through the API, at 390 px, in Dutch.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    await page.goto(`${base}/login?lang=nl`);
    await portalLogin(page, base, shop.advertiserEmail, shop.advertiserPassword);
    await page.goto(`${base}/advertiser/ads`);
    await expectAccessible(page);
    await expectNoOverflow(page);
    expect(await page.textContent('h1')).toBe('Advertenties');

    // A text link with a landing page on the shop.
    await page.fill(
      'form[action="/advertiser/ads/text"] input[name=text]',
      'E-bikes in de uitverkoop',
    );
    await page.fill(
      'form[action="/advertiser/ads/text"] input[name=landingUrl]',
      'https://www.fietsplein.example/e-bikes',
    );
    await submit(page, 'form[action="/advertiser/ads/text"]');
    expect(await page.textContent('main')).toContain(
      'Advertentie “E-bikes in de uitverkoop” toegevoegd',
    );

    // An SVG is refused, in Dutch, with nothing stored; then the real banner (a leaderboard).
    const banner = 'form[action="/advertiser/ads/banner"]';
    await page.selectOption(`${banner} select[name=size]`, '728x90');
    await page.fill(`${banner} input[name=alt]`, 'Fietsplein: e-bikes tot 20 % korting');
    await page.setInputFiles(`${banner} input[name=image]`, {
      name: 'banner.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    });
    await submit(page, banner);
    expect(await page.textContent('main')).toContain('SVG en andere bestanden worden geweigerd');
    expect(await page.inputValue(`${banner} input[name=alt]`)).toBe(
      'Fietsplein: e-bikes tot 20 % korting',
    );
    await page.selectOption(`${banner} select[name=size]`, '728x90');
    await page.setInputFiles(`${banner} input[name=image]`, {
      name: 'leaderboard.png',
      mimeType: 'image/png',
      buffer: pngImage(1456, 180), // twice 728×90, for sharp screens
    });
    await submit(page, banner);
    expect(await page.textContent('main')).toContain('toegevoegd');
    const preview = page.locator('img.banner-preview').first();
    expect(await preview.getAttribute('alt')).toBe('Fietsplein: e-bikes tot 20 % korting');
    expect(
      await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1456);
    await page.screenshot({ path: join(SCREENSHOTS, 'advertiser-ads-390.png'), fullPage: true });
    await phone.close();

    // The publisher, wide in English and at 390 px in Dutch: the banner previewed, its HTML an img.
    for (const width of [1100, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const publisher = await context.newPage();
      await publisher.goto(`${base}/login?lang=${width === 390 ? 'nl' : 'en'}`);
      await portalLogin(publisher, base, t.demo.publisher.email, t.demo.publisher.password);
      await publisher.goto(`${base}/publisher/links?membership=${shop.programId}:${t.demo.siteId}`);
      await expectAccessible(publisher);
      await expectNoOverflow(publisher);
      await publisher.check('label:has-text("728×90") input[name=ad]'); // the banner
      await publisher.fill('input[name=epi]', 'newsletter');
      await publisher.fill('input[name=epi2]', 'week-49');
      await publisher.fill('input[name=url]', 'https://www.fietsplein.example/e-bikes/stad');
      await submit(publisher, 'form.card');
      const snippet = await publisher.inputValue('#link-html');
      expect(snippet).toMatch(
        /^<a href="[^"]+\/click\?p=prg_\w+&amp;a=sit_\w+&amp;g=ad_\w+&amp;epi=newsletter&amp;epi2=week-49&amp;url=https%3A%2F%2Fwww\.fietsplein\.example%2Fe-bikes%2Fstad" rel="sponsored nofollow"><img src="[^"]+\/banners\/ad_\w+" width="728" height="90" alt="Fietsplein: e-bikes tot 20 % korting" \/><\/a>$/,
      );
      if (width === 1100)
        await publisher.screenshot({
          path: join(SCREENSHOTS, 'link-builder-banner.png'),
          fullPage: true,
        });
      // A deep link off the shop's domains: the reason, and no link.
      await publisher.fill('input[name=url]', 'https://evil.example/');
      await Promise.all([
        publisher.waitForNavigation(),
        publisher.click('form.card button[type=submit]'),
      ]);
      await expectAccessible(publisher);
      expect(await publisher.textContent('main')).toContain('fietsplein.example');
      expect(await publisher.locator('#link-html').count()).toBe(0);
      await context.close();
    }
  },
  120_000,
);
