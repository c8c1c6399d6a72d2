import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  addSite,
  demoPublisherId,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { packageRoot } from '../../src/package-root.js';
import { SERVED_GUIDES } from '../../src/web/guides.js';

const DAY = 86_400_000;

/**
 * Promotions in the portal, on both engines, as a newcomer walked them: a refused new promotion
 * keeps what was typed and names the fields by their labels in the reader's language; the
 * period reads in the page's date format; the publisher's list shows each promotion once with
 * a link per site (each site named) and downloads its CSV with the browser's session, never
 * another's exclusive code; the guides the pages cite are served.
 */
describeEachEngine('promotions in the portal', (context) => {
  let t: TestNetwork;
  let advertiser: ReturnType<typeof client>;
  let publisher: ReturnType<typeof client>;
  let secondSiteId: string;
  let strangerSiteId: string;

  const day = (offset: number) => new Date(t.clock.now + offset * DAY).toISOString().slice(0, 10);
  const dutchDay = (offset: number) => day(offset).split('-').reverse().join('-');
  const page = () => `/advertiser/promotions/${t.demo.programId}`;
  const stored = async () =>
    (
      await t.network.store.db
        .selectFrom('promotions')
        .select('id')
        .where('program_id', '=', t.demo.programId)
        .execute()
    ).length;
  const text = (body: string) =>
    body
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, ' ')
      .replace(/ :/g, ':');

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const r = repos(t.network.store);
    const publisherId = await demoPublisherId(t);
    secondSiteId = (
      await r.publishers.addSite(
        publisherId,
        { name: 'Tweede site', url: 'https://tweede.example' },
        t.clock.now,
      )
    ).id;
    const membership = await r.memberships.apply(
      {
        programId: t.demo.programId,
        siteId: secondSiteId,
        publisherId,
        promotionMethods: [],
        contentCategories: [],
      },
      t.clock.now,
    );
    await r.memberships.decide(membership.id, 'approved', null, 'test', t.clock.now);
    strangerSiteId = (await addSite(t, 'Vreemde', true)).id;
    advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('keeps what was typed in a refused promotion and names the fields by their labels, in English and Dutch', async () => {
    const before = await stored();
    const typed = {
      titleNl: 'Tien procent',
      titleEn: 'Ten percent',
      descriptionEn: 'On every cable',
      url: 'https://evil.example/cables',
      kind: 'amount',
      code: 'KEEP10',
      exclusiveSiteId: '',
      startsOn: day(5),
      endsOn: day(2),
    };
    for (const [lang, words] of [
      [
        'en',
        ['Last day: must be the first day or later', 'Page: this program allows no deep links'],
      ],
      [
        'nl',
        [
          'Laatste dag: moet de eerste dag zijn of later',
          'Pagina: dit programma staat geen deeplinks toe',
        ],
      ],
    ] as const) {
      await advertiser.get(`${page()}?lang=${lang}`);
      const refused = await advertiser.post(page(), typed);
      expect(refused.statusCode, refused.body).toBe(400);
      const shown = text(refused.body);
      for (const word of words) expect(shown).toContain(word);
      expect(shown).not.toMatch(/endsAt|startsAt|url:/);
      expect(refused.body).toContain('href="#promotion-endsOn"');
      for (const name of ['titleNl', 'titleEn', 'url', 'code', 'startsOn', 'endsOn'] as const)
        expect(refused.body).toContain(`value="${typed[name]}"`);
      expect(refused.body).toMatch(/name="descriptionEn"[^>]*>\s*On every cable<\/textarea/);
      expect(refused.body).toMatch(/<option value="amount" selected/);
    }
    // The form's own refusal (a code it cannot take) names its label too, the text kept.
    await advertiser.get(`${page()}?lang=nl`);
    const badCode = await advertiser.post(page(), {
      ...typed,
      code: '<b>',
      url: '',
      endsOn: day(9),
    });
    expect(badCode.statusCode).toBe(400);
    expect(text(badCode.body)).toContain('Kortingscode: 3 tot 40 letters');
    expect(badCode.body).toContain('value="&lt;b&gt;"');
    expect(await stored()).toBe(before);
  });

  it('shows the period in the page’s date format, both days', async () => {
    await advertiser.get(`${page()}?lang=nl`);
    await advertiser.submit(page(), {
      titleNl: 'Voor iedereen',
      titleEn: 'For everyone',
      kind: 'percentage',
      code: 'IEDEREEN5',
      startsOn: day(-1),
      endsOn: day(20),
    });
    const dutch = text((await advertiser.get(`${page()}?lang=nl`)).body);
    expect(dutch).toContain(`${dutchDay(-1)} – ${dutchDay(20)}`);
    expect(dutch).not.toContain(day(20));
    const english = text((await advertiser.get(`${page()}?lang=en`)).body);
    expect(english).toContain(`${day(-1)} – ${day(20)}`);
    // An exclusive code for another publisher's site.
    await advertiser.submit(page(), {
      titleNl: 'Alleen Vreemde',
      titleEn: 'Only Vreemde',
      kind: 'percentage',
      code: 'VREEMDE25',
      exclusiveSiteId: strangerSiteId,
      startsOn: day(-1),
      endsOn: day(20),
    });
    await t.network.refreshIfChanged();
  });

  it('lists a promotion once with a named link per site, no form label, in the page’s dates', async () => {
    const list = await publisher.get('/publisher/promotions?lang=nl');
    expect(list.statusCode).toBe(200);
    const cards = [...list.body.matchAll(/<li class="card" data-promotion="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(cards).toHaveLength(1);
    const shown = text(list.body);
    expect(shown).toContain('Voor iedereen');
    expect(shown).not.toContain('Alleen Vreemde');
    expect(shown).not.toContain('VREEMDE25');
    expect(shown).not.toContain('(optioneel)');
    expect(shown).toContain('Kortingscode: IEDEREEN5');
    expect(shown).toContain('Jouw link voor Tweede site');
    expect(shown).toMatch(/Jouw link voor \S/);
    expect(shown).toContain(`${dutchDay(-1)} – ${dutchDay(20)}`);
    const links = [...list.body.matchAll(/class="mono link-box" data-site="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(links.sort()).toEqual([t.demo.siteId, secondSiteId].sort());
    const one = await publisher.get(`/publisher/promotions?siteId=${secondSiteId}`);
    expect([...one.body.matchAll(/class="mono link-box"/g)]).toHaveLength(1);
  });

  it('downloads the CSV with the browser’s session, never another’s exclusive code', async () => {
    const list = await publisher.get('/publisher/promotions');
    expect(list.body).toContain('href="/publisher/promotions?format=csv"');
    expect(list.body).not.toContain('/api/v1/publisher/promotions?format=csv');
    const csv = await publisher.get('/publisher/promotions?format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="promotions.csv"');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,programId,programName,siteId,/);
    expect(lines.slice(1)).toHaveLength(2);
    expect(csv.body).toContain('IEDEREEN5');
    expect(csv.body).not.toContain('VREEMDE25');
    expect(csv.body).not.toContain(strangerSiteId);
    const filtered = await publisher.get(`/publisher/promotions?format=csv&siteId=${secondSiteId}`);
    expect(filtered.body.trim().split('\n')).toHaveLength(2);
    // Another's site is refused, its code never shown; an advertiser or a visitor gets nothing.
    const stolen = await publisher.get(`/publisher/promotions?format=csv&siteId=${strangerSiteId}`);
    expect(stolen.statusCode).toBe(403);
    expect(stolen.headers['content-type']).not.toMatch(/csv/);
    expect(stolen.body).not.toContain('VREEMDE25');
    expect((await advertiser.get('/publisher/promotions?format=csv')).statusCode).toBe(403);
    const visitor = await client(t).get('/publisher/promotions?format=csv');
    expect(visitor.statusCode).not.toBe(200);
    expect(visitor.body).not.toContain('IEDEREEN5');
  });

  it('serves the guides the pages cite, and ships them in the package', async () => {
    const pkg = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8')) as {
      files: string[];
    };
    for (const name of SERVED_GUIDES) {
      const guide = await publisher.get(`/docs/${name}`);
      expect(guide.statusCode).toBe(200);
      expect(guide.headers['content-type']).toMatch(/^text\/plain/);
      expect(guide.body).toBe(await readFile(join(packageRoot(), 'docs', name), 'utf8'));
      expect(pkg.files).toContain(`docs/${name}`);
    }
    // The stylesheet and scripts the portal reads from the package are shipped too.
    expect(pkg.files).toContain('assets');
    expect((await publisher.get('/publisher/integrations')).body).toContain(
      'href="/docs/integrations.md"',
    );
    expect((await advertiser.get('/advertiser/integrations')).body).toContain(
      'href="/docs/integrations.md"',
    );
    for (const path of ['/publisher/promotions', '/publisher/feeds'])
      expect((await publisher.get(path)).body).toContain('href="/docs/feeds-and-promotions.md"');
    expect((await advertiser.get(page())).body).toContain('href="/docs/feeds-and-promotions.md"');
    expect((await advertiser.get(`/advertiser/feeds/${t.demo.programId}`)).body).toContain(
      'href="/docs/feeds-and-promotions.md"',
    );
  });
});
