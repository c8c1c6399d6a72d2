import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { client } from '../support/web-client.js';
import { gifHeader, pngImage } from '../support/images.js';

/**
 * Issue 27, item 1, in the portal, on both engines, as a newcomer: the advertiser adds a text
 * link and an uploaded banner in its console and retires one; the publisher's link builder
 * lists the active ads with the banner previewed and gives HTML with the image. Abuse (another
 * advertiser, a publisher, an SVG, a mislabelled image, alt text with HTML) is refused with
 * nothing stored, and what was typed comes back escaped.
 */
describeEachEngine('ads in the portal', (context) => {
  let t: TestNetwork;
  let shop: NewProgram;
  let advertiser: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    shop = await newAdvertiserProgram(t, 'Fietsplein');
    advertiser = client(t);
    await advertiser.get('/login?lang=nl');
    await advertiser.login(shop.advertiserEmail, shop.advertiserPassword);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const adCount = async () =>
    (await t.network.store.db.selectFrom('ads').select('id').execute()).length;
  const banner = (fields: Record<string, string>, file: Buffer, type = 'image/png') =>
    advertiser.postMultipart(
      '/advertiser/ads/banner',
      { program: shop.programId, size: '728x90', alt: 'Fietsen in de aanbieding', ...fields },
      [{ name: 'image', filename: 'banner.png', type, content: file }],
    );

  it('adds a text link and a banner in the console (in Dutch)', async () => {
    const page = await advertiser.get('/advertiser/ads');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nieuwe banner');
    expect(page.body).toContain('Fietsplein'); // its default text link
    const added = await advertiser.submit('/advertiser/ads/text', {
      program: shop.programId,
      text: 'E-bikes bij Fietsplein',
      landingUrl: 'https://www.fietsplein.example/e-bikes',
    });
    expect(added.body).toContain('Advertentie “E-bikes bij Fietsplein” toegevoegd');
    const posted = await banner({}, pngImage(728, 90));
    const shown = await advertiser.follow(posted);
    expect(shown.body).toContain('toegevoegd');
    expect(shown.body).toMatch(/<img\s+class="banner-preview"\s+src="\/banners\/ad_\w+"/);
  });

  it('refuses abuse with nothing stored, in the reader’s language, what was typed escaped', async () => {
    const before = await adCount();
    const svg = await banner(
      {},
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'image/svg+xml',
    );
    expect(svg.statusCode).toBe(400);
    expect(svg.body).toContain('stuur een PNG-, JPEG-, GIF- of WebP-afbeelding');
    const mislabelled = await banner({}, gifHeader(728, 90));
    expect(mislabelled.statusCode).toBe(400);
    expect(mislabelled.body).toContain('de inhoud is image/gif');
    const alt = await banner({ alt: '"><script>alert(1)</script>' }, pngImage(728, 90));
    expect(alt.statusCode).toBe(400);
    expect(alt.body).toContain('alt-tekst: beschrijf de banner');
    expect(alt.body).not.toContain('<script>alert(1)');
    expect(alt.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const script = await advertiser.post('/advertiser/ads/text', {
      program: shop.programId,
      text: 'Fietsen',
      landingUrl: 'javascript:alert(1)',
    });
    expect(script.statusCode).toBe(400);
    expect(script.body).toContain('fietsplein.example');

    // Another advertiser (the demo's) and a publisher cannot add to this program.
    const other = client(t);
    await other.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await other.get('/advertiser/ads');
    const foreign = await other.post('/advertiser/ads/text', {
      program: shop.programId,
      text: 'Overgenomen',
    });
    expect(foreign.statusCode).toBe(404);
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/publisher/links');
    const asPublisher = await publisher.post('/advertiser/ads/text', {
      program: shop.programId,
      text: 'Van een publisher',
    });
    expect(asPublisher.statusCode).toBe(403);
    expect(await adCount()).toBe(before);
  });

  it('gives the publisher the banner, previewed, as HTML with its size and alt text; retired, it is gone', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    const ads = await t.network.ads.ofProgram(
      t.network.cache.program(shop.programId)!.advertiserId,
      shop.programId,
    );
    const bannerAd = ads.find((ad) => ad.kind === 'banner')!;
    const page = await publisher.get(
      `/publisher/links?membership=${shop.programId}:${t.demo.siteId}&ad=${bannerAd.id}&epi=nieuwsbrief`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${bannerAd.id}"`);
    expect(page.body).toContain('E-bikes bij Fietsplein');
    const htmlSnippet = /<textarea id="link-html"[^>]*>([^<]*)<\/textarea>/.exec(page.body)![1]!;
    expect(htmlSnippet).toContain(
      `&lt;img src=&quot;http://localhost:80/banners/${bannerAd.id}&quot; width=&quot;728&quot; height=&quot;90&quot; alt=&quot;Fietsen in de aanbieding&quot; /&gt;`,
    );
    expect(htmlSnippet).toContain('epi=nieuwsbrief');

    const listed = await advertiser.get(`/advertiser/ads?program=${shop.programId}`);
    expect(listed.body).toContain(`action="/advertiser/ads/${bannerAd.id}/retire"`);
    const retired = await advertiser.submit(`/advertiser/ads/${bannerAd.id}/retire`, {
      program: shop.programId,
    });
    expect(retired.body).toContain('gestopt');
    expect(retired.body).not.toContain(`action="/advertiser/ads/${bannerAd.id}/retire"`);
    const after = await publisher.get(
      `/publisher/links?membership=${shop.programId}:${t.demo.siteId}`,
    );
    expect(after.body).not.toContain(`value="${bannerAd.id}"`);
  });
});
