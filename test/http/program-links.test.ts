import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { createExampleProgram } from '../support/kabelkoning-terms.js';
import {
  addSite,
  demoPublisherId,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { up as defaultAds } from '../../src/storage/migrations/0023-default-ads.js';

/**
 * Issue 27, item 1, on both engines: a program an advertiser creates in its console has a
 * default text link ad, so once the network admin approved it and a publisher's site is
 * approved in it, the portal's link builder gives a link whose click goes to its landing page.
 * Programs stored before (without an active ad) get one from migration 0023.
 */
describeEachEngine('every program has a link', (context) => {
  let t: TestNetwork;
  let programId: string;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    programId = await createExampleProgram(t, {
      id: 'lampenhuis',
      name: 'Lampenhuis',
      landingUrl: 'https://www.lampenhuis.example/welkom',
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('creates the program with one active text ad named after it, pointing at its landing page', async () => {
    const ads = await t.network.store.db
      .selectFrom('ads')
      .selectAll()
      .where('program_id', '=', programId)
      .execute();
    expect(ads).toMatchObject([
      {
        name: 'Lampenhuis',
        kind: 'text',
        status: 'active',
        content: 'https://www.lampenhuis.example/welkom',
      },
    ]);
  });

  it('gives an approved publisher a link from the link builder whose click lands on the landing page', async () => {
    const memberships = repos(t.network.store).memberships;
    const membership = await memberships.apply(
      {
        programId,
        siteId: t.demo.siteId,
        publisherId: await demoPublisherId(t),
        promotionMethods: ['content_sites'],
        contentCategories: [],
      },
      t.clock.now,
    );
    await memberships.decide(membership.id, 'approved', null, 'test', t.clock.now);
    await t.network.refreshIfChanged();
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await publisher.get(`/publisher/links?membership=${programId}:${t.demo.siteId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>Lampenhuis</strong>');
    const url = /id="link-url" readonly value="([^"]+)"/
      .exec(page.body)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(url, page.body).toBeDefined();
    const click = await t.app.inject({ url: url!.slice(url!.indexOf('/click')) });
    expect(click.statusCode).toBe(302);
    expect(String(click.headers.location)).toMatch(
      /^https:\/\/www\.lampenhuis\.example\/welkom\?tduid=/,
    );
  });

  it('migration 0023 gives every program without an active ad one, and leaves the others alone', async () => {
    const db = t.network.store.db;
    const before = await db.selectFrom('ads').select(['id', 'program_id']).execute();
    const bare = t.demo.programs.find((program) => program.slug === 'kabelkoning')!.programId;
    await db.updateTable('ads').set({ status: 'paused' }).where('program_id', '=', bare).execute();
    await defaultAds(db, t.network.store.dialect);
    const after = await db.selectFrom('ads').selectAll().execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((ad) => ad.program_id === bare && ad.status === 'active')).toMatchObject([
      { name: 'Kabelkoning', kind: 'text', content: 'https://www.kabelkoning.example/' },
    ]);
    await defaultAds(db, t.network.store.dialect);
    expect((await db.selectFrom('ads').select('id').execute()).length).toBe(after.length);
  });

  it('builds a deep link in the portal and refuses a foreign one with the reason in the reader’s language', async () => {
    const publisher = client(t);
    await publisher.get('/login?lang=nl');
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = (url: string) =>
      publisher.get(
        `/publisher/links?membership=${programId}:${t.demo.siteId}&url=${encodeURIComponent(url)}`,
      );
    const good = await page('https://www.lampenhuis.example/lampen');
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('name="url"');
    expect(good.body).toContain(
      `url=${encodeURIComponent('https://www.lampenhuis.example/lampen')}`,
    );
    const evil = await page('https://evil.example/');
    expect(evil.statusCode).toBe(400);
    expect(evil.body).toContain('een deeplink moet een http(s)-adres op lampenhuis.example');
    expect(evil.body).not.toContain('id="link-url"');
  });

  describe('POST /api/v1/publisher/links', () => {
    let token: string;
    const post = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/publisher/links',
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
    const clicks = async () =>
      Number(
        (
          await t.network.store.db
            .selectFrom('clicks')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    beforeAll(async () => {
      token = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    });

    it('builds a deep link whose click lands on that page of the shop', async () => {
      const deep = 'https://shop.lampenhuis.example/lampen/42?kleur=wit';
      const answer = await post({ programId, siteId: t.demo.siteId, url: deep, epi: 'news' });
      expect(answer.statusCode, answer.body).toBe(201);
      const { clickUrl, html } = answer.json() as { clickUrl: string; html: string };
      expect(new URL(clickUrl).searchParams.get('url')).toBe(deep);
      expect(new URL(clickUrl).searchParams.get('epi')).toBe('news');
      expect(html).toContain('rel="sponsored nofollow">Lampenhuis</a>');
      const click = await t.app.inject({ url: clickUrl.slice(clickUrl.indexOf('/click')) });
      expect(click.statusCode).toBe(302);
      expect(String(click.headers.location)).toMatch(
        /^https:\/\/shop\.lampenhuis\.example\/lampen\/42\?kleur=wit&tduid=/,
      );
    });

    it('refuses a foreign or javascript: deep link, another publisher’s site, an unapproved site and an unknown program, storing nothing', async () => {
      const other = await addSite(t, 'Rival', true, programId);
      const mine = await repos(t.network.store).publishers.addSite(
        await demoPublisherId(t),
        { name: 'Nog niet', url: 'https://nog-niet.example' },
        t.clock.now,
      );
      const before = await clicks();
      const cases: [object, number, string, string][] = [
        [{ url: 'https://evil.example/' }, 400, 'deeplink_not_allowed', 'lampenhuis.example'],
        [{ url: 'javascript:alert(1)' }, 400, 'deeplink_not_allowed', 'http(s)'],
        [{ url: 'https://lampenhuis.example.evil.example/' }, 400, 'deeplink_not_allowed', ''],
        [{ siteId: other.id }, 403, 'not_your_site', 'use the id of one of yours'],
        [{ siteId: mine.id }, 403, 'not_approved', 'apply first'],
        [{ programId: 'prg_nope' }, 404, 'unknown_program', 'prg_nope'],
      ];
      for (const [change, status, code, words] of cases) {
        const answer = await post({ programId, siteId: t.demo.siteId, ...change });
        expect(answer.statusCode, answer.body).toBe(status);
        expect(answer.json()).toMatchObject({ code });
        expect((answer.json() as { message: string }).message).toContain(words);
      }
      expect(await clicks()).toBe(before);
    });

    it('answers a batch in order, a refused link without failing the others, and refuses 1,001', async () => {
      const good = { programId, siteId: t.demo.siteId };
      const answer = await post({
        links: [
          { ...good, epi: 'one' },
          { ...good, url: 'https://evil.example/' },
          { ...good, epi: 'three' },
          { ...good, programId: 'prg_nope' },
          { ...good, url: 'https://www.lampenhuis.example/five' },
        ],
      });
      expect(answer.statusCode, answer.body).toBe(201);
      const links = (answer.json() as { links: Record<string, unknown>[] }).links;
      expect(links).toHaveLength(5);
      expect(new URL(links[0]!.clickUrl as string).searchParams.get('epi')).toBe('one');
      expect(links[1]).toMatchObject({ error: { code: 'deeplink_not_allowed' } });
      expect(new URL(links[2]!.clickUrl as string).searchParams.get('epi')).toBe('three');
      expect(links[3]).toMatchObject({ error: { code: 'unknown_program' } });
      expect(new URL(links[4]!.clickUrl as string).searchParams.get('url')).toBe(
        'https://www.lampenhuis.example/five',
      );
      const many = await post({ links: Array.from({ length: 1001 }, () => good) });
      expect(many.statusCode).toBe(413);
      expect(many.json()).toMatchObject({ code: 'too_many_links' });
      expect((many.json() as { message: string }).message).toContain('at most 1000');
      const thousand = await post({ links: Array.from({ length: 1000 }, () => good) });
      expect(thousand.statusCode).toBe(201);
      expect((thousand.json() as { links: unknown[] }).links).toHaveLength(1000);
    });
  });
});
