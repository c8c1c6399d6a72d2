import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addSite, sessionToken, startTestNetwork, type TestNetwork } from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { LAMPENHUIS } from '../support/program-setup.js';
import { client } from '../support/web-client.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The public page of a program a new advertiser made in the portal's guided form (no benefits,
 * no documents), as each reader sees it: no empty section; the commission table says what each
 * rate applies to as the terms define it; the call to action fits the reader (a visitor signs
 * up, a publisher applies or reads where its application stands, an advertiser or the admin is
 * offered none).
 */
describeEachEngine('a newcomer program’s public page', (context) => {
  let t: TestNetwork;
  let lamp: NewProgram;
  let fiets: NewProgram;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    lamp = await newAdvertiserProgram(t, 'Lampenhuis', { setup: LAMPENHUIS });
    fiets = await newAdvertiserProgram(t, 'Fietsplein', { admin: lamp.admin });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const text = (body: string) => body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

  /** A publisher with one site and a portal login, applied to nothing. */
  const newPublisher = async (name: string) => {
    const site = await addSite(t, name, false);
    const email = `${name.toLowerCase()}@example.nl`;
    await repos(t.network.store).users.create(
      {
        email,
        passwordHash: await hashPassword(`${name} password 1`),
        role: 'publisher',
        name,
        publisherId: site.publisher_id,
      },
      t.clock.now,
    );
    const browser = client(t);
    await browser.login(email, `${name} password 1`);
    return { browser, site, token: await sessionToken(t, email, `${name} password 1`) };
  };

  it('shows a visitor no empty heading, what each rate applies to, and the sign-up', async () => {
    const nl = await client(t).get('/programs/lampenhuis', { 'accept-language': 'nl' });
    expect(nl.statusCode).toBe(200);
    for (const absent of ['Voordelen van het werken met', 'Programmadocumenten', 'id="documents"'])
      expect(nl.body).not.toContain(absent);
    const words = text(nl.body);
    expect(words).toContain('Slimme lampen Categorieën: smart-lighting 4 %');
    expect(words).toContain('Overige verlichting Al het andere 7,5 %');
    expect(words).toContain('Newsletter sign-up Elke lead gemeld als event 2');
    expect(words).toContain('Beleid'); // the guided form's methods: a section with content
    expect(nl.body).toContain('action="/signup"');

    const en = await client(t).get('/programs/lampenhuis?lang=en');
    for (const absent of ['Benefits of working with', 'Program documents'])
      expect(en.body).not.toContain(absent);
    expect(text(en.body)).toContain('Smart lamps Categories: smart-lighting 4%');
    expect(text(en.body)).toContain('Applies to');
    expect(text(en.body)).toContain('Other lighting Everything else 7.5%');
    expect(text(en.body)).toContain('Sign up in three short steps');
  });

  it('keeps the sections a program fills in: benefits, documents, each group’s categories', async () => {
    const en = await client(t).get('/programs/fietsplein?lang=en');
    const words = text(en.body);
    expect(words).toContain('Benefits of working with Fietsplein');
    expect(words).toContain('Delivered tomorrow when ordered before 23:00');
    expect(en.body).toContain('<h2 id="documents">Program documents</h2>');
    expect(words).toContain('Laptops and computers Categories: laptops, desktops, tablets 3%');
    expect(words).toContain('Other electronics Everything else 6%');
  });

  it('shows an approved publisher the way to its links, not the sign-up', async () => {
    const browser = client(t);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await browser.get(`/programs/lampenhuis?lang=en`);
    expect(page.body).not.toContain('action="/signup"');
    expect(page.body).not.toContain('Sign up in three short steps');
    expect(text(page.body)).toContain(
      'Your applications to this program Demo Deals approved Get your links',
    );
    expect(page.body).toContain(
      `href="/publisher/links?membership=${lamp.programId}:${t.demo.siteId}"`,
    );
    expect(page.body).not.toContain('Apply to this program');
  });

  it('shows a publisher who has not applied the application, then where it stands', async () => {
    t.clock.now += 61_000;
    const { browser, site, token } = await newPublisher('Lampenblog');
    const before = await browser.get('/programs/lampenhuis?lang=en');
    expect(before.body).not.toContain('action="/signup"');
    expect(text(before.body)).toContain('You have not applied to this program yet');
    expect(before.body).toContain(
      `<a class="button" href="/publisher/applications?program=${lamp.programId}">Apply to this program</a>`,
    );

    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/publisher/applications',
      headers: { authorization: `Bearer ${token}` },
      payload: { programId: lamp.programId, siteId: site.id, acceptRules: true },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const pending = text((await browser.get('/programs/lampenhuis?lang=en')).body);
    expect(pending).toContain(
      'Lampenblog pending The advertiser decides; you get an email when it has.',
    );
    expect(pending).not.toContain('Apply to this program');

    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/advertiser/applications/${(applied.json() as { id: string }).id}/decision`,
      headers: { authorization: `Bearer ${lamp.advertiserSession}` },
      payload: { decision: 'reject', reason: 'Geen verlichting op de site' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const nl = await browser.get('/programs/lampenhuis?lang=nl');
    expect(text(nl.body)).toContain('Niet goedgekeurd: Geen verlichting op de site');
    expect(nl.body).toContain(`href="/publisher/applications?program=${lamp.programId}"`);
    expect(text(nl.body)).toContain('Opnieuw aanmelden');
  });

  it('offers an advertiser (its own program or another’s) and the admin no publisher call to action', async () => {
    t.clock.now += 61_000;
    const readers: [string, ReturnType<typeof client>][] = [];
    const own = client(t);
    await own.login(lamp.advertiserEmail, lamp.advertiserPassword);
    readers.push(['own advertiser', own]);
    const other = client(t);
    await other.login(fiets.advertiserEmail, fiets.advertiserPassword);
    readers.push(['other advertiser', other]);
    const demo = client(t);
    await demo.login(t.demo.advertiser.email, t.demo.advertiser.password);
    readers.push(['demo advertiser', demo]);
    await repos(t.network.store).users.create(
      {
        email: 'reviewer@network.example',
        passwordHash: await hashPassword('reviewer password 1'),
        role: 'admin',
        name: 'Reviewer',
      },
      t.clock.now,
    );
    const admin = client(t);
    await admin.login('reviewer@network.example', 'reviewer password 1');
    readers.push(['admin', admin]);
    for (const [who, reader] of readers) {
      const page = await reader.get('/programs/lampenhuis?lang=en');
      expect(page.statusCode, who).toBe(200);
      for (const absent of [
        'id="apply"',
        'action="/signup"',
        'Apply to this program',
        'Sign up in three short steps',
        '/publisher/applications',
      ])
        expect(page.body, `${who}: ${absent}`).not.toContain(absent);
    }
  });
});
