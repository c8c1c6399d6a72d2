import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { packageRoot } from '../../src/package-root.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { repos } from '../../src/storage/repositories/repos.js';
import {
  browserAvailable,
  expectAccessible,
  launchBrowser,
  portalLogin,
} from '../support/browser.js';
import { LAMPENHUIS } from '../support/program-setup.js';
import { fillSetup } from '../support/program-setup-form.js';

/**
 * Issue 27, "Done when": a brand-new program walked from the admin's invitation to the
 * publisher's paid statement in Chromium, through the portal only (no YAML, no CLI); the JSON
 * API only where a real shop would call it (the shop's server reporting the order). The
 * network's clock is injected and starts today (the browser's session cookies are real), then
 * moves past the month's end. One screenshot per step, on SQLite only.
 */
const SCREENSHOTS = join(packageRoot(), 'docs', 'screenshots');
const DAY = 86_400_000;
const ADMIN = { email: 'admin@walk.example', password: 'walk admin password 1' };
const ADVERTISER = { email: 'lotte@lampenhuis.example', password: 'lampenhuis password 1' };
const PUBLISHER = { email: 'sam@lichtblog.example', password: 'lichtblog password 1' };
const SHOP = 'www.lampenhuis.example';
/** The shop's stand-in page (its own, outside the portal: still accessible). */
const SHOP_PAGE =
  '<!doctype html><html lang="nl"><title>Lampenhuis</title><main><h1>Lampenhuis</h1></main></html>';

describeEachEngine('the newcomer walk', (context) => {
  let t: TestNetwork;
  let base: string;
  let browser: Browser;
  let sqlite = false;
  let step = 0;

  beforeAll(async () => {
    if (!browserAvailable) return;
    const store = context();
    sqlite = store.store.dialect === 'sqlite';
    t = await startTestNetwork(store.store, Math.floor(Date.now() / DAY) * DAY + 10 * 3_600_000, {
      payoutDebtor: { name: 'Walk Network B.V.', iban: 'NL91ABNA0417164300' },
    });
    await repos(store.store).users.create(
      {
        email: ADMIN.email,
        passwordHash: await hashPassword(ADMIN.password),
        role: 'admin',
        name: 'Walk admin',
      },
      t.clock.now,
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    if (!browserAvailable) return;
    await browser?.close();
    await t?.app.close();
    await t?.network.close();
  });

  /** axe-clean, then the step's screenshot (SQLite only, so PostgreSQL does not rewrite them). */
  async function shot(page: Page, name: string): Promise<void> {
    await expectAccessible(page);
    step += 1;
    if (sqlite)
      await page.screenshot({
        path: join(SCREENSHOTS, `walk-${String(step).padStart(2, '0')}-${name}.png`),
      });
  }

  async function submit(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
    await expectAccessible(page);
  }

  /** A browser of its own (the shop's stand-in answers for the landing domain). */
  async function person(): Promise<{ context: BrowserContext; page: Page }> {
    const own = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await own.route(
      (url) => url.hostname === SHOP,
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: SHOP_PAGE }),
    );
    return { context: own, page: await own.newPage() };
  }

  it.skipIf(!browserAvailable)(
    'invitation, guided setup, review, test conversion, sign-up, apply, approval, deep link, click, order, validation, month end, invoice PDF, payout, paid statement',
    async () => {
      // 1. The admin invites the advertiser; the invitation is in the outbox.
      const { page: admin } = await person();
      await portalLogin(admin, base, ADMIN.email, ADMIN.password);
      await admin.goto(`${base}/admin/advertisers?lang=en`);
      await expectAccessible(admin);
      await admin.fill('input[name=advertiser]', 'Lampenhuis B.V.');
      await admin.fill('input[name=email]', ADVERTISER.email);
      await admin.fill('input[name=name]', 'Lotte');
      await admin.selectOption('select[name=locale]', 'en');
      await submit(admin, 'form[action="/admin/advertisers/invitations"] button[type=submit]');
      expect(await admin.textContent('.notice')).toContain(ADVERTISER.email);
      await shot(admin, 'invite');
      await admin.goto(`${base}/admin/outbox`);
      await expectAccessible(admin);
      const invitation = await admin.getAttribute('a[href*="/password-reset/"]', 'href');

      // 2. The advertiser sets its password from the invitation.
      const { page: lotte } = await person();
      await lotte.goto(`${invitation!}&lang=en`);
      await lotte.fill('input[name=password]', ADVERTISER.password);
      await shot(lotte, 'password');
      await submit(lotte, 'form.card button[type=submit]');
      await portalLogin(lotte, base, ADVERTISER.email, ADVERTISER.password);

      // 3. The guided program form, then 4. submitted to the network's review.
      await lotte.goto(`${base}/advertiser/programs/new?lang=en`);
      await fillSetup(lotte, LAMPENHUIS);
      await shot(lotte, 'guided-setup');
      await submit(lotte, 'button[value=create]');
      expect(lotte.url()).toMatch(/\/advertiser\/terms\/prg_/);
      const program = (await repos(t.network.store).programs.findBySlug('lampenhuis'))!;
      expect(program.review_status).toBe('in_review');
      await shot(lotte, 'submitted');

      // 5. The admin approves it in the review page.
      await admin.goto(`${base}/admin/program-reviews`);
      await expectAccessible(admin);
      const review = `form[action="/admin/programs/${program.id}/review"]`;
      await admin.check(`${review} input[value=approved]`);
      await shot(admin, 'review');
      await submit(admin, `${review} button[type=submit]`);

      // 6. A test conversion from the tracking page: arrives, explained, never paid.
      await lotte.goto(`${base}/advertiser/tracking/${program.id}?lang=en`);
      await expectAccessible(lotte);
      await lotte.fill('form.test-order input[name=orderValue]', '100.00');
      await submit(lotte, 'form.test-order button');
      // Its line has no category: the catch-all group (Other lighting, 7.5 %) prices it.
      expect(await lotte.textContent('.notice')).toMatch(/arrived: commission 7\.50 EUR/);
      expect(await lotte.textContent('#test')).toContain('commission group “Other lighting”');
      await shot(lotte, 'test-conversion');

      // 7. A publisher signs up from the program's page and activates (the mail in the outbox).
      const { page: sam } = await person();
      await sam.goto(`${base}/programs/lampenhuis?lang=en`);
      await expectAccessible(sam);
      await submit(sam, 'form[action="/signup"] button');
      await sam.fill('input[name=email]', PUBLISHER.email);
      await submit(sam, 'form.card button[type=submit]');
      await sam.fill('input[name=siteUrl]', 'https://lichtblog.example');
      await sam.fill('input[name=siteName]', 'Lichtblog');
      await sam.fill('input[name=name]', 'Sam');
      await sam.fill('input[name=country]', 'NL');
      await sam.fill('input[name=iban]', 'NL91ABNA0417164300');
      await sam.check('input[value=content_sites]');
      await sam.fill('input[name=password]', PUBLISHER.password);
      await shot(sam, 'signup');
      await submit(sam, 'form.card button[type=submit]');
      await admin.goto(`${base}/admin/outbox`);
      const activation = await admin.getAttribute('a[href*="/activate"]', 'href');
      await sam.goto(activation!);
      await submit(sam, 'form[action="/activate"] button');

      // 8. It applies with its site (the program preselected).
      await sam.goto(`${base}/publisher/applications?program=${program.id}&lang=en`);
      await expectAccessible(sam);
      await sam.check('input[name=promotionMethods][value=content_sites]');
      await sam.check('input[name=acceptRules]');
      await shot(sam, 'apply');
      await submit(sam, 'form[action="/publisher/applications"] button[type=submit]');

      // 9. The advertiser approves the application.
      await lotte.goto(`${base}/advertiser/applications?lang=en`);
      await expectAccessible(lotte);
      const application = lotte.locator('section.card', { hasText: 'Lichtblog' });
      await shot(lotte, 'applications');
      await Promise.all([
        lotte.waitForNavigation(),
        application.locator('button[value=approve]').click(),
      ]);
      await expectAccessible(lotte);

      // 10. The link builder, with a deep link into the shop.
      await sam.goto(`${base}/publisher/links?lang=en`);
      await expectAccessible(sam);
      await sam.fill('input[name=url]', `https://${SHOP}/lampen/bureaulamp`);
      await sam.fill('input[name=epi]', 'review');
      await submit(sam, 'form.card button[type=submit]');
      const link = await sam.inputValue('#link-url');
      expect(link).toContain(`p=${program.id}`);
      await shot(sam, 'link');

      // 11. A shopper follows it: 302 to the deep link, with the click's tduid.
      const { page: shopper } = await person();
      // (The shopper's address, as a proxy in front of the network passes it on: the publisher signed
      // in from 127.0.0.1, and a click from there would be held as a self-purchase.)
      const answer = await shopper.request.get(link, {
        maxRedirects: 0,
        headers: { 'x-forwarded-for': '198.51.100.23' },
      });
      expect(answer.status()).toBe(302);
      const landing = new URL(answer.headers().location!);
      expect(`${landing.origin}${landing.pathname}`).toBe(`https://${SHOP}/lampen/bureaulamp`);
      // (The browser's request API makes the click: a route cannot answer a redirect's target.)
      await shopper.goto(landing.href);
      expect(landing.searchParams.get('tduid')).toMatch(/^clk_/);
      const tduid = landing.searchParams.get('tduid')!;
      await shot(shopper, 'click');

      // 12. The order: the shop's server calls the pixel URL copied from the tracking page.
      await lotte.goto(`${base}/advertiser/tracking/${program.id}?lang=en`);
      const pixel = (
        await lotte.$$eval('pre.snippet', (nodes) =>
          nodes.map((node) => (node as unknown as { textContent: string }).textContent),
        )
      ).find((text) => text.startsWith('<img src=') && text.includes('orderNumber='))!;
      const reported = /src="([^"]+)"/
        .exec(pixel)![1]!
        .replace('ORDER_NUMBER', 'LH-1001')
        .replace('ORDER_VALUE', '1250.00')
        .replace('TDUID', tduid);
      expect((await fetch(reported)).status).toBe(200);
      await lotte.goto(`${base}/advertiser/transactions?lang=en`);
      await expect.poll(() => lotte.textContent('main')).toContain('LH-1001');

      // 13. The advertiser approves it in the portal.
      await expectAccessible(lotte);
      await lotte.check('input[name=orders][aria-label="LH-1001"]');
      await shot(lotte, 'validation');
      await submit(lotte, 'button[name=decision][value=approve]');
      expect(
        await lotte.locator('tr', { hasText: 'LH-1001' }).locator('.badge').first().textContent(),
      ).toMatch(/approved/i);

      // 14. The month ends (the injected clock moves to the next month's second day): the
      // admin issues the invoices and the statements in the money page.
      const today = new Date(t.clock.now);
      t.clock.now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 2, 9);
      await portalLogin(admin, base, ADMIN.email, ADMIN.password);
      await admin.goto(`${base}/admin/money?lang=en`);
      await expectAccessible(admin);
      await submit(admin, 'form[action="/admin/money/invoices"] button');
      // The advertiser's payment arrives: the admin marks its invoice paid, then makes statements.
      await submit(admin, 'form[action^="/admin/money/invoices/"][action$="/paid"] button');
      await submit(admin, 'form[action="/admin/money/statements"] button');
      await shot(admin, 'month-end');

      // 15. The advertiser downloads its invoice as PDF.
      await portalLogin(lotte, base, ADVERTISER.email, ADVERTISER.password);
      await lotte.goto(`${base}/advertiser/invoices?lang=en`);
      await shot(lotte, 'invoices');
      const pdfHref = await lotte.getAttribute('a[href$=".pdf"]', 'href');
      const pdf = await lotte.request.get(`${base}${pdfHref!}`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // 16. A payout run: created, exported (its SEPA file) and marked paid.
      const execution = new Date(t.clock.now + 3 * DAY).toISOString().slice(0, 10);
      await admin.fill('form[action="/admin/money/payouts"] input[name=executionDate]', execution);
      await submit(admin, 'form[action="/admin/money/payouts"] button');
      const sepaHref = await admin.getAttribute('a[href$=".xml"]', 'href');
      const sepa = await admin.request.get(`${base}${sepaHref!}`);
      expect(sepa.status()).toBe(200);
      expect(await sepa.text()).toContain('NL91ABNA0417164300');
      await admin.goto(`${base}/admin/money?lang=en`);
      await submit(admin, 'form[action$="/paid"][action^="/admin/money/payouts/"] button');
      await shot(admin, 'payout');

      // 17. The publisher's statement says paid out.
      await portalLogin(sam, base, PUBLISHER.email, PUBLISHER.password);
      await sam.goto(`${base}/publisher/statements?lang=en`);
      await expectAccessible(sam);
      await submit(sam, 'main a[href^="/publisher/statements/stm"]:not([href*="."])');
      expect(await sam.textContent('main')).toContain('Paid out');
      expect(await sam.textContent('main')).not.toContain('To be paid out');
      await shot(sam, 'statement');
    },
    120_000,
  );
});
