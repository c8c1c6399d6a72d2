import { gzipSync, gunzipSync } from 'node:zlib';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

const HEADER =
  'id,title,description,link,image_link,price,availability,brand,google_product_category';
const CSV = [
  HEADER,
  'K-1,USB-C kabel,"Een kabel, 2 m",https://www.feedshop.example/k-1,https://img.feedshop.example/k-1.jpg,12.99 EUR,in stock,Kabelco,Kabels',
  'K-2,HDMI kabel,Een kabel,https://www.feedshop.example/k-2,https://img.feedshop.example/k-2.jpg,24.50 EUR,in_stock,Beeldco,Kabels',
  'K-3,Geen prijs,Een kabel,https://www.feedshop.example/k-3,https://img.feedshop.example/k-3.jpg,,in_stock,Kabelco,Kabels',
  'K-4,Elders,Een kabel,https://evil.example/k-4,https://img.feedshop.example/k-4.jpg,5.00 EUR,in_stock,Kabelco,Kabels',
  'K-5,Script,Een kabel,javascript:alert(1),https://img.feedshop.example/k-5.jpg,5.00 EUR,in_stock,Kabelco,Kabels',
  'K-6,Bad stock,Een kabel,https://www.feedshop.example/k-6,https://img.feedshop.example/k-6.jpg,5.00 EUR,maybe,Kabelco,Kabels',
  '',
].join('\n');

/**
 * Issue 29, product feeds, on both engines, with a program a new advertiser made in its
 * console: a feed in each format imported with its good and bad rows reported, products an
 * import no longer lists marked gone, a publisher's filtered download with working tracked
 * links, the refusals of other accounts with nothing stored, and the program page's count.
 */
describeEachEngine('product feeds', (context) => {
  let t: TestNetwork;
  let programId: string;
  let advertiserToken: string;
  let publisherToken: string;

  const upload = (
    body: string | Buffer,
    type: string,
    token = advertiserToken,
    program = programId,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${program}/feed-imports`,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      payload: body,
    });
  const download = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      url: `/api/v1/publisher/feeds/${programId}?${query}`,
      headers: { authorization: `Bearer ${publisherToken}`, ...headers },
    });
  const products = () =>
    t.network.store.db
      .selectFrom('feed_products')
      .select(['product_id', 'status', 'price_minor'])
      .where('program_id', '=', programId)
      .orderBy('product_id')
      .execute();

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    programId = await createExampleProgram(t, {
      id: 'feedshop',
      name: 'Feedshop',
      landingUrl: 'https://www.feedshop.example/',
    });
    const r = repos(t.network.store);
    const membership = await r.memberships.apply(
      {
        programId,
        siteId: t.demo.siteId,
        publisherId: await demoPublisherId(t),
        promotionMethods: [],
        contentCategories: [],
      },
      t.clock.now,
    );
    await r.memberships.decide(membership.id, 'approved', null, 'test', t.clock.now);
    await t.network.refreshIfChanged();
    advertiserToken = await sessionToken(t, t.demo.advertiser.email, t.demo.advertiser.password);
    publisherToken = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('imports a CSV feed, storing the good rows and reporting each bad one with its reason', async () => {
    const answer = await upload(CSV, 'text/csv');
    expect(answer.statusCode, answer.body).toBe(201);
    const report = answer.json();
    expect(report).toMatchObject({ accepted: 2, refusedCount: 4, gone: 0 });
    expect(report.refused.map((r: { row: number }) => r.row)).toEqual([3, 4, 5, 6]);
    expect(report.refused[0].reason).toMatch(/^price: required/);
    expect(report.refused[1].reason).toMatch(
      /link: must be an http\(s\) address on feedshop\.example/,
    );
    expect(report.refused[3].reason).toMatch(/^availability/);
    expect(await products()).toEqual([
      { product_id: 'K-1', status: 'active', price_minor: 1299 },
      { product_id: 'K-2', status: 'active', price_minor: 2450 },
    ]);
  });

  it('imports TSV and gzipped Merchant Center XML; a product no longer listed is gone, not deleted', async () => {
    const tsv = `${HEADER.replace(/,/g, '\t')}\nK-1\tUSB-C kabel\tKabel\thttps://www.feedshop.example/k-1\thttps://img.feedshop.example/k-1.jpg\t11.99 EUR\tin stock\tKabelco\tKabels\n`;
    const tsvAnswer = await upload(tsv, 'text/tab-separated-values');
    expect(tsvAnswer.json()).toMatchObject({ accepted: 1, gone: 1 });
    expect(await products()).toEqual([
      { product_id: 'K-1', status: 'active', price_minor: 1199 },
      { product_id: 'K-2', status: 'gone', price_minor: 2450 },
    ]);
    const xml = `<?xml version="1.0"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Feedshop</title>
<item><g:id>K-1</g:id><g:title>USB-C kabel &amp; adapter</g:title><g:description>Kabel</g:description><g:link>https://www.feedshop.example/k-1</g:link><g:image_link>https://img.feedshop.example/k-1.jpg</g:image_link><g:price>12.99 EUR</g:price><g:availability>in_stock</g:availability><g:brand>Kabelco</g:brand></item>
<item><g:id>K-2</g:id><g:title>HDMI kabel</g:title><g:description>Kabel</g:description><g:link>https://www.feedshop.example/k-2</g:link><g:image_link>https://img.feedshop.example/k-2.jpg</g:image_link><g:price>24.50 EUR</g:price><g:availability>preorder</g:availability><g:brand>Beeldco</g:brand></item>
<item><g:id>K-7</g:id><g:title>Kapot</g:title></item>
</channel></rss>`;
    const xmlAnswer = await upload(gzipSync(xml), 'application/xml');
    expect(xmlAnswer.statusCode, xmlAnswer.body).toBe(201);
    expect(xmlAnswer.json()).toMatchObject({ accepted: 2, refusedCount: 1, gone: 0 });
    expect((await products()).map((p) => p.status)).toEqual(['active', 'active']);
  });

  it('refuses entity declarations, other formats, a file without its header row and a publisher, storing nothing', async () => {
    const before = await products();
    const imports = async () =>
      (await t.network.store.db.selectFrom('feed_imports').select('id').execute()).length;
    const importsBefore = await imports();
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss><channel><item><g:id>&lol2;</g:id></item></channel></rss>`;
    const doctype = await upload(laughs, 'application/xml');
    expect(doctype.statusCode).toBe(400);
    expect(doctype.json().code).toBe('feed_unreadable');
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/feed-imports`,
      headers: { authorization: `Bearer ${advertiserToken}` },
      payload: { id: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('feed_format_unknown');
    const noHeader = await upload('K-9,x\n', 'text/csv');
    expect(noHeader.statusCode).toBe(400);
    const asPublisher = await upload(CSV, 'text/csv', publisherToken);
    expect(asPublisher.statusCode).toBe(403);
    expect(await products()).toEqual(before);
    expect(await imports()).toBe(importsBefore);
  });

  it('gives an approved publisher its filtered feed with tracked links that land on the product page', async () => {
    const csv = await download(`siteId=${t.demo.siteId}&brand=Kabelco&minPrice=10`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,title,description,link,trackingLink,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('K-1');
    const jsonl = await download(`siteId=${t.demo.siteId}&format=jsonl`, {
      'accept-encoding': 'gzip',
    });
    expect(jsonl.headers['content-encoding']).toBe('gzip');
    const rows = gunzipSync(jsonl.rawPayload)
      .toString('utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { id: string; link: string; trackingLink: string; price: string },
      );
    expect(rows.map((row) => [row.id, row.price])).toEqual([
      ['K-1', '12.99 EUR'],
      ['K-2', '24.50 EUR'],
    ]);
    const tracking = new URL(rows[1]!.trackingLink);
    expect(tracking.searchParams.get('a')).toBe(t.demo.siteId);
    const click = await t.app.inject({
      url: `${tracking.pathname}${tracking.search}`,
      remoteAddress: '198.51.100.23',
    });
    expect(click.statusCode).toBe(302);
    expect(String(click.headers.location)).toMatch(
      /^https:\/\/www\.feedshop\.example\/k-2\?tduid=/,
    );
    const xml = await download(`siteId=${t.demo.siteId}&format=xml`);
    expect(xml.body).toContain('<g:id>K-1</g:id>');
    expect(xml.body).toContain('&amp;url=');
  });

  it('refuses a site that is not approved in the program, another publisher’s site and bad filters', async () => {
    const unapproved = await addSite(t, 'Onbekend', false);
    const r = repos(t.network.store);
    await r.publishers.addSite(
      await demoPublisherId(t),
      { name: 'Tweede', url: 'https://tweede.example' },
      t.clock.now,
    );
    const refused = async (query: string) => {
      const answer = await download(query);
      return [answer.statusCode, answer.json().code];
    };
    expect(await refused(`siteId=${unapproved.id}`)).toEqual([403, 'not_your_site']);
    const sites = await r.publishers.sitesOf(await demoPublisherId(t));
    const second = sites.find((site) => site.id !== t.demo.siteId)!;
    expect(await refused(`siteId=${second.id}`)).toEqual([403, 'not_approved']);
    expect((await download(`siteId=${t.demo.siteId}&minPrice=abc`)).statusCode).toBe(400);
    expect((await download(`siteId=${t.demo.siteId}&changedSince=yesterday`)).statusCode).toBe(400);
    expect((await download('format=csv')).statusCode).toBe(400);
  });

  it('says on the program page that it has a product feed, with the count of products', async () => {
    const visitor = client(t);
    const page = await visitor.get('/programs/feedshop?lang=nl');
    expect(page.statusCode).toBe(200);
    const row = /Productfeed<\/th>([\s\S]*?)<\/td>/.exec(page.body)?.[1] ?? '';
    expect(row.replace(/\s+/g, ' '), page.body.slice(0, 200)).toContain('Ja (2 producten)');
  });

  it('finds an id listed twice within a batch and across batches, the first row counting, and marks the rest gone', async () => {
    const row = (id: string, price: string) =>
      `${id},Kabel ${id},Een kabel,https://www.feedshop.example/${id},https://img.feedshop.example/${id}.jpg,${price} EUR,in_stock,Kabelco,Kabels`;
    const lines = [HEADER];
    for (let n = 1; n <= 1200; n++) lines.push(row(`B-${String(n).padStart(4, '0')}`, '10.00'));
    lines.splice(11, 0, row('B-0003', '99.00')); // row 11: the same batch as row 3
    lines.push(row('B-0002', '98.00')); // row 1202: two batches after row 2
    const answer = await upload(`${lines.join('\n')}\n`, 'text/csv');
    expect(answer.statusCode, answer.body).toBe(201);
    const report = answer.json();
    expect(report).toMatchObject({ accepted: 1200, refusedCount: 2, gone: 2 });
    expect(report.refused).toEqual([
      {
        row: 11,
        line: 12,
        productId: 'B-0003',
        code: 'listed_twice',
        values: { id: 'B-0003' },
        reason: 'id: "B-0003" is listed twice; the first row counts',
      },
      {
        row: 1202,
        line: 1203,
        productId: 'B-0002',
        code: 'listed_twice',
        values: { id: 'B-0002' },
        reason: 'id: "B-0002" is listed twice; the first row counts',
      },
    ]);
    const stored = await products();
    expect(stored.filter((p) => p.status === 'active')).toHaveLength(1200);
    expect(stored.find((p) => p.product_id === 'B-0002')?.price_minor).toBe(1000);
    expect(stored.find((p) => p.product_id === 'B-0003')?.price_minor).toBe(1000);
    expect(stored.filter((p) => p.status === 'gone').map((p) => p.product_id)).toEqual([
      'K-1',
      'K-2',
    ]);

    const again = await upload(`${[HEADER, ...lines.slice(601, 1201)].join('\n')}\n`, 'text/csv');
    expect(again.json()).toMatchObject({ accepted: 600, refusedCount: 0, gone: 600 });
    const after = await products();
    expect(after.filter((p) => p.status === 'active').map((p) => p.product_id)).toEqual(
      lines.slice(601, 1201).map((line) => line.split(',')[0]),
    );
    expect(after.filter((p) => p.status === 'gone')).toHaveLength(602);
  });

  it('imports one file of a program at a time: a second while the first streams is refused (409), nothing stored', async () => {
    const program = await repos(t.network.store).programs.findById(programId);
    const advertiserId = program!.advertiser_id;
    const first = new PassThrough();
    first.write(`${HEADER}\n`);
    const running = t.network.feeds.import(
      advertiserId,
      programId,
      'csv',
      first,
      'test',
      t.clock.now,
    );
    const before = await products();
    // The API, the portal and the feed URL job all import through the service.
    const second = await upload(CSV, 'text/csv');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'feed_import_running' });
    expect(await products()).toEqual(before);
    first.end(`${CSV.split('\n')[1]}\n`);
    expect((await running).accepted).toBe(1);
    // Ended, the next one runs.
    expect((await upload(CSV, 'text/csv')).statusCode).toBe(201);
  });

  it('pages a download of more than one page, each filter applied exactly as the rows say', async () => {
    // 2,500 products (the download reads 2,000 a page) written straight to the store, with
    // brands, categories (Google's or the shop's own), prices, states and change times that
    // vary, so every filter selects a different subset across the page boundary.
    const importId = 'fim_paging';
    const changedBase = t.clock.now - 1_000_000;
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      program_id: programId,
      product_id: `P-${String(i).padStart(5, '0')}`,
      title: `Product ${i}`,
      description: 'Een kabel',
      link: `https://www.feedshop.example/p-${i}`,
      image_link: `https://img.feedshop.example/p-${i}.jpg`,
      price_minor: 100 + ((i * 37) % 5000),
      currency: 'EUR',
      sale_price_minor: null,
      availability: 'in_stock',
      brand: i % 3 === 0 ? 'Pagebrand' : null,
      gtin: null,
      mpn: null,
      google_product_category: i % 4 === 0 ? 'Kabels' : null,
      product_type: i % 5 === 0 ? 'Kabels' : 'Overig',
      status: i % 7 === 0 ? 'gone' : 'active',
      last_import_id: importId,
      first_seen_at: changedBase,
      changed_at: changedBase + i * 100,
    }));
    const r = repos(t.network.store);
    for (let i = 0; i < rows.length; i += 500) await r.feeds.upsert(rows.slice(i, i + 500));
    const ids = async (query: string) => {
      const answer = await download(`siteId=${t.demo.siteId}&format=jsonl&${query}`);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.body
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id)
        .filter((id) => id.startsWith('P-'));
    };
    const expected = (keep: (row: (typeof rows)[number]) => boolean) =>
      rows.filter(keep).map((row) => row.product_id);
    const active = (row: (typeof rows)[number]) => row.status === 'active';
    expect(await ids('')).toEqual(expected(active));
    expect(await ids('category=Kabels')).toEqual(
      expected(
        (row) =>
          active(row) &&
          (row.google_product_category === 'Kabels' || row.product_type === 'Kabels'),
      ),
    );
    expect(await ids('brand=Pagebrand&minPrice=10&maxPrice=30.50')).toEqual(
      expected(
        (row) =>
          active(row) &&
          row.brand === 'Pagebrand' &&
          row.price_minor >= 1000 &&
          row.price_minor <= 3050,
      ),
    );
    // changedSince lists gone products too (a client learns what left), active or not.
    const since = changedBase + 1500 * 100;
    const sinceIso = new Date(since).toISOString();
    const changed = await ids(`changedSince=${encodeURIComponent(sinceIso)}`);
    expect(changed).toEqual(expected((row) => row.changed_at >= since));
    expect(changed.length).toBeGreaterThan(900);
  });
});
