import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { client } from '../support/web-client.js';
import { ADVERTISERS_PER_PAGE } from '../../src/services/advertiser-invites-service.js';

/**
 * The admin's advertisers page lists every advertiser (a newcomer's made through the API among
 * the demo's), a page at a time, with what the admin can do for each; an invitation is written
 * in the invitee's language, by default the inviting admin's own, which is stored as the
 * invitee's and opens their first portal session.
 */
describeEachEngine('the admin’s advertisers', (context) => {
  let t: TestNetwork;
  let shop: NewProgram;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    shop = await newAdvertiserProgram(t, 'Lampenhuis');
    t.clock.now += 61_000;
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** The admin in the portal, with the session the API gave (`?lang=` sets the language). */
  const adminClient = () => {
    const admin = client(t);
    admin.useCookie('affnet_session', shop.admin);
    return admin;
  };
  const mailTo = async (to: string) =>
    t.network.store.db
      .selectFrom('emails')
      .select(['subject', 'text_body'])
      .where('to_address', '=', to)
      .executeTakeFirstOrThrow();
  const localeOf = async (email: string) =>
    (
      await t.network.store.db
        .selectFrom('users')
        .select('locale')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).locale;
  const rowsOf = (body: string) =>
    body.slice(body.indexOf('<tbody>'), body.indexOf('</tbody>')).split('<tr>').slice(1);

  it('lists the advertisers with users, programs, status, created date and what to do', async () => {
    const admin = adminClient();
    const page = await admin.get('/admin/advertisers?lang=en');
    expect(page.statusCode).toBe(200);
    const rows = rowsOf(page.body);
    const names = await t.network.store.db.selectFrom('advertisers').select('name').execute();
    expect(rows).toHaveLength(names.length);
    const newcomer = rows.find((row) => row.includes('Lampenhuis B.V.'))!;
    expect(newcomer).toBeDefined();
    const cells = newcomer
      .split('<td')
      .slice(1)
      .map((cell) => cell.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
    expect(cells[1]).toMatch(/^ class="num"> 1 $/);
    expect(cells[2]).toContain('1 1 listed');
    expect(cells[3]).toContain('live');
    expect(newcomer).toContain('href="/admin/advertisers?advertiser=Lampenhuis%20B.V.#invite"');
    expect(newcomer).toContain('href="/admin/network-fees"');
    expect(page.body).toContain(`Page 1 of 1 (${names.length} advertisers)`);
    // The invitation link prefills the advertiser.
    const prefilled = await admin.get('/admin/advertisers?advertiser=Lampenhuis%20B.V.');
    expect(prefilled.body).toContain(
      'name="advertiser" required maxlength="120" value="Lampenhuis B.V."',
    );
    // An invitee who has not come in yet is counted apart, and their advertiser is "invited".
    const invited = await admin.submit('/admin/advertisers/invitations', {
      advertiser: 'Nieuwkomer B.V.',
      email: 'team@nieuwkomer.example',
      locale: 'en',
    });
    const row = rowsOf(invited.body).find((r) => r.includes('Nieuwkomer B.V.'))!;
    expect(row).toContain('1 invited, not in yet');
    expect(row).toContain('>invited</span');

    // The publisher and the advertiser have no such page.
    const advertiser = client(t);
    await advertiser.login(shop.advertiserEmail, shop.advertiserPassword);
    expect((await advertiser.get('/admin/advertisers')).statusCode).toBe(403);
  });

  it('pages through many advertisers', async () => {
    const repo = t.network.store.db;
    const before = Number(
      (
        await repo
          .selectFrom('advertisers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (let i = 0; i < ADVERTISERS_PER_PAGE; i += 1) {
      t.clock.now += 1000;
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/advertisers/invitations',
        headers: { authorization: `Bearer ${shop.admin}` },
        payload: {
          advertiser: `Winkel ${String(i).padStart(2, '0')}`,
          email: `w${i}@winkel.example`,
          locale: 'en',
        },
      });
    }
    const total = before + ADVERTISERS_PER_PAGE;
    const admin = adminClient();
    const first = await admin.get('/admin/advertisers?lang=en');
    expect(rowsOf(first.body)).toHaveLength(ADVERTISERS_PER_PAGE);
    expect(first.body).toContain(`Page 1 of 2 (${total} advertisers)`);
    expect(first.body).toContain('href="/admin/advertisers?page=2" rel="next"');
    expect(first.body).toContain(`Winkel ${ADVERTISERS_PER_PAGE - 1}`);
    const second = await admin.get('/admin/advertisers?page=2');
    expect(rowsOf(second.body)).toHaveLength(total - ADVERTISERS_PER_PAGE);
    expect(second.body).toContain('Lampenhuis B.V.');
    expect(second.body).toContain('href="/admin/advertisers?page=1" rel="prev"');
    // Past the last page: the last page; nonsense: the first.
    expect(rowsOf((await admin.get('/admin/advertisers?page=9')).body)).toHaveLength(
      total - ADVERTISERS_PER_PAGE,
    );
    expect((await admin.get('/admin/advertisers?page=abc')).body).toContain('Page 1 of 2');
  });

  it('invites in the admin’s own language unless another is chosen, and opens the portal in it', async () => {
    const admin = adminClient();
    const dutch = await admin.get('/admin/advertisers?lang=nl');
    expect(dutch.body).toMatch(/<option\s+value="nl"\s+lang="nl"\s+selected\s*>/);
    expect(dutch.body).not.toMatch(/<option\s+value="en"\s+lang="en"\s+selected/);
    // The admin's Dutch portal, no language chosen: the invitee gets Dutch.
    await admin.submit('/admin/advertisers/invitations', {
      advertiser: 'Fietsenmaker B.V.',
      email: 'inkoop@fietsenmaker.example',
    });
    const mail = await mailTo('inkoop@fietsenmaker.example');
    expect(mail.subject).toBe('Je bent uitgenodigd om Fietsenmaker B.V. op affnet te beheren');
    expect(await localeOf('inkoop@fietsenmaker.example')).toBe('nl');
    // English chosen on the Dutch page: English.
    await admin.submit('/admin/advertisers/invitations', {
      advertiser: 'Fietsenmaker B.V.',
      email: 'sales@fietsenmaker.example',
      locale: 'en',
    });
    expect((await mailTo('sales@fietsenmaker.example')).subject).toBe(
      'You are invited to run Fietsenmaker B.V. on affnet',
    );
    expect(await localeOf('sales@fietsenmaker.example')).toBe('en');

    // The invitee's first session: the link opens the portal in Dutch, whatever the browser says.
    const link = /\/password-reset\/[\w-]+\?invite=1&lang=nl/.exec(mail.text_body)?.[0];
    expect(link).toBeDefined();
    // A language appended to the link (as the invitee's own switch would be): the last one wins.
    const appended = await client(t).get(`${link!}&lang=en`, { 'accept-language': 'nl' });
    expect(appended.body).toContain('<html lang="en"');
    const invitee = client(t);
    const page = await invitee.get(link!, { 'accept-language': 'en' });
    expect(page.body).toContain('Stel je wachtwoord in');
    const chosen = await invitee.post(
      link!.replace('&lang=nl', ''),
      {
        password: 'fietsen password 1',
      },
      true,
      { 'accept-language': 'en' },
    );
    expect(chosen.statusCode, chosen.body).toBe(303);
    await invitee.get('/login', { 'accept-language': 'en' });
    const login = await invitee.post(
      '/login',
      { email: 'inkoop@fietsenmaker.example', password: 'fietsen password 1' },
      true,
      { 'accept-language': 'en' },
    );
    expect(login.statusCode).toBe(303);
    const home = await invitee.get(String(login.headers.location), { 'accept-language': 'en' });
    expect(home.body).toContain('<html lang="nl"');
  });

  it('through the API: the admin’s stored language by default, or the one asked', async () => {
    const invite = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/advertisers/invitations',
        headers: { authorization: `Bearer ${shop.admin}` },
        payload,
      });
    // The admin switched the portal to Dutch in the test before: that is their language.
    expect(
      (await invite({ advertiser: 'Bakker B.V.', email: 'a@bakker.example' })).statusCode,
    ).toBe(201);
    expect((await mailTo('a@bakker.example')).subject).toMatch(/^Je bent uitgenodigd/);
    expect(await localeOf('a@bakker.example')).toBe('nl');
    const english = await invite({
      advertiser: 'Bakker B.V.',
      email: 'b@bakker.example',
      locale: 'en',
    });
    expect(english.statusCode).toBe(201);
    expect((await mailTo('b@bakker.example')).subject).toMatch(/^You are invited/);
    expect((await mailTo('b@bakker.example')).text_body).toContain('?invite=1&lang=en');
    const refused = await invite({
      advertiser: 'Bakker B.V.',
      email: 'c@bakker.example',
      locale: 'de',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'invalid_body' });
  });
});
