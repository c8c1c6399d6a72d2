import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';

/**
 * Post/Redirect/Get: a form post that did something answers 303 to the page's GET, which shows
 * the outcome once; refreshing that page repeats nothing. The flash that carries the outcome is
 * this server's only (a forged or tampered cookie shows nothing) and only on its own page.
 */
describeEachEngine('portal forms answer 303 to their page', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('creates an API key once: the key is shown on the GET, and a refresh neither shows it again nor makes another', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const keys = async () =>
      ((await advertiser.get('/advertiser/keys')).body.match(/<td class="mono">ak_/g) ?? []).length;
    const before = await keys();
    const shown = await advertiser.submit('/advertiser/keys', { name: 'shop backend' });
    expect(shown.location).toBe('/advertiser/keys');
    expect(shown.body).toMatch(/<code id="new-key">ak_/);
    // The key travels encrypted: the cookie does not contain it.
    const setCookie = [shown.posted.headers['set-cookie'] ?? []].flat().join('\n');
    const key = /<code id="new-key">([^<]+)<\/code>/.exec(shown.body)![1]!;
    expect(setCookie).toContain('affnet_flash=');
    expect(setCookie).not.toContain(key.slice(3, 12));
    const refreshed = await advertiser.get('/advertiser/keys');
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.body).not.toContain('id="new-key"');
    expect(await keys()).toBe(before + 1);

    // A refused form writes nothing and shows the form again with what to fix.
    const refused = await advertiser.post('/advertiser/keys', { name: ' ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('give the key a name');
    expect(await keys()).toBe(before + 1);
  });

  it("shows a new API key's flash only to the session that made it (an attacker's finding)", async () => {
    // The flash cookie, copied from a log or a shared HAR file into another browser or another
    // account's session, showed the new key there for two minutes.
    const maker = client(t);
    await maker.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await maker.get('/advertiser/keys');
    const posted = await maker.post('/advertiser/keys', { name: 'copied flash' });
    expect(posted.statusCode).toBe(303);
    const flash = /affnet_flash=([^;]+)/.exec(
      [posted.headers['set-cookie'] ?? []].flat().join('\n'),
    )![1]!;
    const other = client(t);
    await other.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const keysWith = async (session: string) =>
      (
        await t.app.inject({
          url: '/advertiser/keys',
          headers: { cookie: `affnet_flash=${flash}; affnet_session=${session}` },
        })
      ).body;
    expect(await keysWith(other.cookie('affnet_session')!)).not.toContain('id="new-key"');
    expect(await keysWith(maker.cookie('affnet_session')!)).toContain('id="new-key"');
  });

  it('shows a flash only on its own page, and never one it did not write', async () => {
    const admin = client(t);
    await admin.loginAsFirstAdmin((await ensureAdmin(t.network.store, t.clock.now))!);
    await admin.get('/admin/money');
    const posted = await admin.post('/admin/money/minimum-payout', { minimumPayout: '30' });
    expect([posted.statusCode, posted.headers.location]).toEqual([303, '/admin/money']);
    const flash = /affnet_flash=([^;]+)/.exec(
      [posted.headers['set-cookie'] ?? []].flat().join('\n'),
    )![1]!;
    // Another page leaves it for its own.
    expect((await admin.get('/admin/network-fees')).body).not.toContain('moved with it');
    const page = await admin.get('/admin/money');
    expect(page.body).toContain('moved with it');
    expect((await admin.get('/admin/money')).body).not.toContain('moved with it');

    // The same cookie tampered with, made up, or replayed for another page shows nothing.
    const session = admin.cookie('affnet_session')!;
    const tampered = `${flash.slice(0, -2)}${flash.at(-2) === 'A' ? 'B' : 'A'}${flash.slice(-1)}`;
    const show = async (value: string) =>
      (
        await t.app.inject({
          url: '/admin/money',
          headers: { cookie: `affnet_flash=${value}; affnet_session=${session}` },
        })
      ).body;
    expect(await show(flash)).toContain('moved with it'); // the real one, replayed, as a check
    for (const value of [tampered, 'bm90IG91cnM', `${flash}x`])
      expect(await show(value)).not.toContain('moved with it');
  });

  it('sends a refresh of a done form nowhere near the action: the password reset link is used once', async () => {
    const browser = client(t);
    await browser.get('/password-reset');
    const asked = await browser.submit('/password-reset', { email: t.demo.publisher.email });
    expect(asked.location).toBe('/password-reset');
    expect(asked.body).toContain('notice success');
    // Refreshing the page after the redirect mails nothing more.
    const mails = async () =>
      (
        await t.network.store.db
          .selectFrom('emails')
          .select('id')
          .where('to_address', '=', t.demo.publisher.email)
          .execute()
      ).length;
    const sent = await mails();
    const again = await browser.get('/password-reset');
    expect(again.body).not.toContain('notice success');
    expect(await mails()).toBe(sent);
  });

  it('carries sign-up step one to step two as a page of its own, and refuses a missing step', async () => {
    const browser = client(t);
    expect((await browser.get('/signup/details')).headers.location).toBe('/signup');
    await browser.get('/signup');
    const step2 = await browser.submit('/signup', { email: 'new.publisher@example.nl' });
    expect(step2.location).toBe('/signup/details');
    expect(step2.body).toContain('Step 2 of 3');
    expect(step2.body).toContain('value="new.publisher@example.nl"');
    // A refresh of step two keeps the address.
    expect((await browser.get('/signup/details')).body).toContain(
      'value="new.publisher@example.nl"',
    );
  });

  it('never redirects off the site: every Location is a path here', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await advertiser.get('/advertiser/keys');
    const posted = await advertiser.post('/advertiser/keys?next=//evil.example', {
      name: 'second key',
    });
    expect(posted.headers.location).toBe('/advertiser/keys');
  });
});
