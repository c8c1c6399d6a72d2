import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  addSite,
  demoPublisherId,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { newAdvertiserProgram } from '../support/new-advertiser-program.js';
import { client } from '../support/web-client.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { repos } from '../../src/storage/repositories/repos.js';

const HEADER = 'id,title,description,link,image_link,price,availability,brand';
const row = (id: string, link: string, price: string, brand = 'Kabelco') =>
  `${id},Kabel ${id},Een kabel,${link},https://img.feedwinkel.example/${id}.jpg,${price},in_stock,${brand}`;
const CSV = [
  HEADER,
  row('K-1', 'https://www.feedwinkel.example/k-1', '12.99 EUR'),
  row('K-2', 'https://www.feedwinkel.example/k-2', '24.50 EUR', 'Beeldco'),
  row('K-3', 'https://www.feedwinkel.example/k-3', ''),
  row('K-4', 'https://evil.example/k-4', '5.00 EUR'),
  row('K-5', 'https://www.feedwinkel.example/k-5', '7.50 EUR'),
  '',
].join('\n');

/** An href as the page wrote it, read back as a path to request. */
const unescaped = (href: string) => href.replace(/&amp;/g, '&');

/**
 * Issue 29, product feeds in the portal, on both engines: a new advertiser uploads its
 * program's feed through the console's form (multipart with the CSRF token) and reads the
 * import's report on the page; another advertiser's upload, a wrong file, a file too large and
 * a form without its token are refused with nothing stored; the publisher approved in the
 * program downloads the feed per site and format from its portal, with working tracked links,
 * and nobody gets another's site's links or a program's feed without approval.
 */
describeEachEngine('product feeds in the portal', (context) => {
  let t: TestNetwork;
  let programId: string;
  let advertiserEmail: string;
  let advertiserPassword: string;
  let advertiser: ReturnType<typeof client>;
  let publisher: ReturnType<typeof client>;

  const products = () =>
    t.network.store.db
      .selectFrom('feed_products')
      .select(['product_id', 'status', 'price_minor'])
      .where('program_id', '=', programId)
      .orderBy('product_id')
      .execute();
  const imports = async () =>
    (
      await t.network.store.db
        .selectFrom('feed_imports')
        .select('id')
        .where('program_id', '=', programId)
        .execute()
    ).length;
  const page = () => `/advertiser/feeds/${programId}`;
  const text = (body: string) =>
    body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/&#39;|&#x27;/g, "'");

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const made = await newAdvertiserProgram(t, 'Feedwinkel');
    programId = made.programId;
    advertiserEmail = made.advertiserEmail;
    advertiserPassword = made.advertiserPassword;
    t.clock.now += 61_000;
    advertiser = client(t);
    await advertiser.login(made.advertiserEmail, made.advertiserPassword);
    publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lets the advertiser upload its feed through the console and shows the import’s report', async () => {
    const overview = await advertiser.get('/advertiser');
    expect(overview.body).toContain(`href="/advertiser/feeds/${programId}"`);
    const empty = await advertiser.get(page());
    expect(empty.statusCode).toBe(200);
    expect(text(empty.body)).toContain('Products in the feed now: 0');
    expect(text(empty.body)).toContain('No feed imported yet.');
    expect(empty.body).toContain('enctype="multipart/form-data"');

    const posted = await advertiser.postMultipart(page(), {}, [
      { name: 'feed', filename: 'feed.csv', type: 'text/csv', content: CSV },
    ]);
    const shown = await advertiser.follow(posted);
    const words = text(shown.body);
    expect(words).toContain('Imported: 3 accepted, 2 refused, 0 marked gone.');
    expect(words).toContain('Products in the feed now: 3');
    expect(words).toMatch(/Accepted 3 Refused 2 Marked gone 0/);
    // Where: the file's line, the header being line 1 (K-3 is the fourth line), and its id.
    expect(words).toMatch(/line 4 K-3 price: required/);
    expect(words).toMatch(/line 5 K-4 link: must be an http\(s\) address on feedwinkel\.example/);
    expect(words).toContain('the header being line 1');
    expect((await products()).map((p) => p.product_id)).toEqual(['K-1', 'K-2', 'K-5']);

    // The same feed gzipped, without K-5: it is marked gone; the page says so in Dutch too.
    t.clock.now += 60_000;
    const shorter = CSV.split('\n')
      .filter((line) => !line.startsWith('K-5'))
      .join('\n');
    const again = await advertiser.follow(
      await advertiser.postMultipart(page(), {}, [
        {
          name: 'feed',
          filename: 'feed.csv.gz',
          type: 'application/gzip',
          content: gzipSync(shorter),
        },
      ]),
    );
    expect(text(again.body)).toContain('Imported: 2 accepted, 2 refused, 1 marked gone.');
    expect(await products()).toEqual([
      { product_id: 'K-1', status: 'active', price_minor: 1299 },
      { product_id: 'K-2', status: 'active', price_minor: 2450 },
      { product_id: 'K-5', status: 'gone', price_minor: 750 },
    ]);
    const dutch = text((await advertiser.get(`${page()}?lang=nl`)).body);
    expect(dutch).toContain('Producten nu in de feed: 2');
    expect(dutch).toMatch(
      /Laatste import .* Geaccepteerd 2 Geweigerd 2 Als verdwenen gemarkeerd 1/,
    );
    // The reasons in Dutch too, from their codes and values.
    expect(dutch).toMatch(/regel 4 K-3 price: verplicht, ontbreekt of is leeg/);
    expect(dutch).toMatch(/regel 5 K-4 link: moet een http\(s\)-adres op feedwinkel\.example zijn/);
    expect(dutch).not.toContain('required, missing');
    expect(dutch).not.toContain('must be an http(s) address');
  });

  it('refuses a wrong file, a file too large, a form without its token and another advertiser, storing nothing', async () => {
    const before = await products();
    const importsBefore = await imports();
    await advertiser.get(`${page()}?lang=en`);
    const pdf = await advertiser.postMultipart(page(), {}, [
      { name: 'feed', filename: 'feed.pdf', type: 'application/pdf', content: '%PDF-1.4 x' },
    ]);
    expect(pdf.statusCode).toBe(415);
    expect(text(pdf.body)).toContain('feed.pdf: choose a CSV, TSV or XML file');
    const none = await advertiser.postMultipart(page(), {}, []);
    expect(none.statusCode).toBe(400);
    expect(text(none.body)).toContain('choose the feed file');
    const huge = await advertiser.postMultipart(page(), {}, [
      {
        name: 'feed',
        filename: 'feed.csv',
        type: 'text/csv',
        content: Buffer.concat([Buffer.from(CSV), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]),
      },
    ]);
    expect(huge.statusCode).toBe(413);
    expect(text(huge.body)).toContain('the feed file is larger than 20 MiB');
    const forged = await advertiser.postMultipart(page(), { _csrf: 'forged' }, [
      { name: 'feed', filename: 'feed.csv', type: 'text/csv', content: CSV },
    ]);
    expect(forged.statusCode).toBe(403);

    // The demo advertiser owns other programs, not this one: refused before its file is read.
    t.clock.now += 61_000;
    const rival = client(t);
    await rival.login(t.demo.advertiser.email, t.demo.advertiser.password);
    expect((await rival.get(page())).statusCode).toBe(404);
    await rival.get('/advertiser/feeds/' + t.demo.programId);
    const stolen = await rival.postMultipart(page(), {}, [
      {
        name: 'feed',
        filename: 'feed.csv',
        type: 'text/csv',
        content: CSV.replace(/in_stock/g, 'out_of_stock'),
      },
    ]);
    expect(stolen.statusCode).toBe(404);
    expect(text(stolen.body)).toContain('among your programs');
    // A publisher cannot reach the page or its form at all.
    const asPublisher = await publisher.postMultipart(page(), {}, [
      { name: 'feed', filename: 'feed.csv', type: 'text/csv', content: CSV },
    ]);
    expect(asPublisher.statusCode).toBe(403);
    expect(await products()).toEqual(before);
    expect(await imports()).toBe(importsBefore);
  });

  it('gives the approved publisher download links per site and format, whose tracked links work', async () => {
    const feeds = await publisher.get('/publisher/feeds');
    expect(feeds.statusCode).toBe(200);
    expect(feeds.body).toContain('href="/publisher/feeds"');
    expect(text(feeds.body)).toContain('Feedwinkel');
    expect(text(feeds.body)).toContain('2 products');
    const hrefs = [...feeds.body.matchAll(/href="(\/publisher\/feeds\/[^"]+)"/g)].map((m) =>
      unescaped(m[1]!),
    );
    const base = `/publisher/feeds/${programId}/download?siteId=${t.demo.siteId}`;
    for (const format of ['csv', 'xml', 'jsonl']) {
      expect(hrefs).toContain(`${base}&format=${format}`);
      expect(hrefs).toContain(`${base}&format=${format}&gzip=1`);
    }
    expect(feeds.body).toContain(`action="/publisher/feeds/${programId}/download"`);
    expect(text((await publisher.get('/publisher/feeds?lang=nl')).body)).toContain('2 producten');

    const csv = await publisher.get(`${base}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="feed-.*\.csv"/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,title,description,link,trackingLink,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['K-1', 'K-2']);

    const gz = await publisher.get(`${base}&format=jsonl&gzip=1`);
    expect(gz.headers['content-type']).toMatch(/^application\/gzip/);
    const rows = gunzipSync(gz.rawPayload)
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; trackingLink: string });
    expect(rows.map((r) => r.id)).toEqual(['K-1', 'K-2']);
    const tracking = new URL(rows[1]!.trackingLink);
    expect(tracking.searchParams.get('a')).toBe(t.demo.siteId);
    const click = await t.app.inject({
      url: `${tracking.pathname}${tracking.search}`,
      remoteAddress: '198.51.100.24',
    });
    expect(click.statusCode).toBe(302);
    expect(String(click.headers.location)).toMatch(
      /^https:\/\/www\.feedwinkel\.example\/k-2\?tduid=/,
    );

    // The selection form: a brand and a price range, as the browser sends it (empty fields too).
    const filtered = await publisher.get(
      `/publisher/feeds/${programId}/download?siteId=${t.demo.siteId}&format=xml&category=&brand=Kabelco&minPrice=10&maxPrice=&`,
    );
    expect(filtered.statusCode, filtered.body).toBe(200);
    expect(filtered.body).toContain('<g:id>K-1</g:id>');
    expect(filtered.body).not.toContain('K-2');
    const badPrice = await publisher.get(`${base}&minPrice=abc`);
    expect(badPrice.statusCode).toBe(400);
  });

  it('never gives a publisher another’s site’s links, nor a feed of a program it is not approved in', async () => {
    // The demo publisher asks for another publisher's approved site, and for its own unapproved one.
    const stranger = await addSite(t, 'Vreemde', true, programId);
    const refused = await publisher.get(
      `/publisher/feeds/${programId}/download?siteId=${stranger.id}&format=csv`,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('not_your_site');
    expect(refused.body).not.toContain(stranger.id + '&amp;url');
    const own = await repos(t.network.store).publishers.addSite(
      await demoPublisherId(t),
      { name: 'Tweede', url: 'https://tweede.example' },
      t.clock.now,
    );
    const unapproved = await publisher.get(
      `/publisher/feeds/${programId}/download?siteId=${own.id}&format=csv`,
    );
    expect(unapproved.statusCode).toBe(403);
    expect(unapproved.body).toContain('not_approved');
    // Its feeds page offers downloads for its approved site only.
    const feeds = await publisher.get('/publisher/feeds');
    expect(feeds.body).not.toContain(`siteId=${own.id}`);

    // A publisher approved in no program sees no feed and cannot download this one.
    const db = t.network.store.db;
    const other = await repos(db).publishers.create({ name: 'Nieuw', country: 'NL' }, t.clock.now);
    const site = await repos(db).publishers.addSite(
      other.id,
      { name: 'Nieuw', url: 'https://nieuw.example' },
      t.clock.now,
    );
    await repos(db).users.create(
      {
        email: 'nieuw@feeds.example',
        passwordHash: await hashPassword('nieuw password 1'),
        role: 'publisher',
        name: 'Nieuw',
        publisherId: other.id,
      },
      t.clock.now,
    );
    t.clock.now += 61_000;
    const newcomer = client(t);
    await newcomer.login('nieuw@feeds.example', 'nieuw password 1');
    const none = await newcomer.get('/publisher/feeds');
    expect(none.statusCode).toBe(200);
    expect(text(none.body)).toContain(
      'None of the programs you are approved in has a product feed yet.',
    );
    expect(none.body).not.toContain(`/publisher/feeds/${programId}`);
    const notApproved = await newcomer.get(
      `/publisher/feeds/${programId}/download?siteId=${site.id}&format=csv`,
    );
    expect(notApproved.statusCode).toBe(403);
    expect(notApproved.body).toContain('not_approved');
    const notTheirs = await newcomer.get(
      `/publisher/feeds/${programId}/download?siteId=${t.demo.siteId}&format=csv`,
    );
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.body).toContain('not_your_site');
    // An advertiser is no publisher here.
    expect(
      (await advertiser.get(`/publisher/feeds/${programId}/download?siteId=${t.demo.siteId}`))
        .statusCode,
    ).toBe(403);
  });

  it('gives each refused row by API its code, values, line (a quoted value spanning lines) and product id', async () => {
    t.clock.now += 61_000;
    const token = await sessionToken(t, advertiserEmail, advertiserPassword);
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/feed-imports`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: `${HEADER}\n"K-1","Kabel","Een kabel\nover twee regels",https://www.feedwinkel.example/k-1,https://img.feedwinkel.example/k.jpg,12.99 EUR,in_stock,X\n${row('K-6', 'https://www.feedwinkel.example/k-6', 'gratis')}\n`,
    });
    expect(api.statusCode, api.body).toBe(201);
    expect((api.json() as { refused: unknown[] }).refused).toEqual([
      {
        row: 2,
        line: 4,
        productId: 'K-6',
        code: 'bad_price',
        values: { value: 'gratis' },
        reason: 'price: expected an amount and currency such as "12.99 EUR", got "gratis"',
      },
    ]);
    // An XML feed's rows are its items, counted from the first.
    t.clock.now += 60_000; // the page shows the last import by its time
    const xml = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/feed-imports`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      payload:
        '<rss><channel><item><g:id>X-1</g:id><g:title>T</g:title></item><item><id>X-2</id></item></channel></rss>',
    });
    expect(xml.statusCode, xml.body).toBe(201);
    const items = (
      xml.json() as { refused: { row: number; line?: number; productId: string; code: string }[] }
    ).refused;
    expect(items.map((r) => [r.row, r.line, r.productId, r.code])).toEqual([
      [1, undefined, 'X-1', 'required'],
      [2, undefined, 'X-2', 'required'],
    ]);
    const page = text((await advertiser.get(`/advertiser/feeds/${programId}?lang=en`)).body);
    expect(page).toMatch(/item 2 X-2 title: required/);
  });
});
