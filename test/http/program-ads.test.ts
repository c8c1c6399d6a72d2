import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { sessionToken, startTestNetwork, type TestNetwork } from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { gifHeader, pngImage } from '../support/images.js';

type Json = Record<string, unknown>;

/**
 * Issue 27, item 1, on both engines, as a newcomer: an advertiser invited today makes a program
 * through the API, adds a text link and a banner to it, and a publisher approved in it links
 * with them; retiring an ad takes it out of the link builder while links already placed keep
 * tracking and its banner keeps showing. Every abusive request is refused with nothing stored.
 */
describeEachEngine('advertisers’ ads', (context) => {
  let t: TestNetwork;
  let shop: NewProgram;
  let publisher: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    shop = await newAdvertiserProgram(t, 'Lampenhuis');
    publisher = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const call = (method: 'GET' | 'POST', url: string, token: string | undefined, payload?: Json) =>
    t.app.inject({
      method,
      url,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload }),
    });
  const adsUrl = () => `/api/v1/programs/${shop.programId}/ads`;
  const banner = (overrides: Json = {}) => ({
    kind: 'banner',
    width: 300,
    height: 250,
    alt: 'Lampen & licht: 20 % korting',
    image: { contentType: 'image/png', data: pngImage(300, 250).toString('base64') },
    ...overrides,
  });
  /** The newcomer adds a banner with this image (and other fields as given). */
  const postBanner = (contentType: string, bytes: Buffer, overrides: Json = {}) =>
    call(
      'POST',
      adsUrl(),
      shop.apiKey,
      banner({ image: { contentType, data: bytes.toString('base64') }, ...overrides }),
    );
  const link = (payload: Json) =>
    call('POST', '/api/v1/publisher/links', publisher, {
      programId: shop.programId,
      siteId: t.demo.siteId,
      ...payload,
    });
  /** What an ad request could have changed: ads, images and their audit entries. */
  const stored = async () => {
    const db = t.network.store.db;
    const count = async (table: 'ads' | 'ad_images') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const audits = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', 'like', 'ad.%')
      .execute();
    return { ads: await count('ads'), images: await count('ad_images'), audits: audits.length };
  };

  let textAd: Json;
  let bannerAd: Json;

  it('lists the new program’s default text link, named after it', async () => {
    const answer = await call('GET', adsUrl(), shop.apiKey);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({
      ads: [{ kind: 'text', status: 'active', text: 'Lampenhuis', imageUrl: null }],
    });
  });

  it('adds a text link with a landing page; the publisher’s link lands there', async () => {
    t.clock.now += 60_000;
    const created = await call('POST', adsUrl(), shop.apiKey, {
      kind: 'text',
      text: 'Bureaulampen "Nova" & meer',
      landingUrl: 'https://www.lampenhuis.example/bureaulampen',
    });
    expect(created.statusCode, created.body).toBe(201);
    textAd = created.json() as Json;
    expect(textAd).toMatchObject({
      kind: 'text',
      status: 'active',
      name: 'Bureaulampen "Nova" & meer',
    });
    const built = await link({ adId: textAd.id });
    expect(built.statusCode, built.body).toBe(201);
    const { clickUrl, html } = built.json() as { clickUrl: string; html: string };
    expect(new URL(clickUrl).searchParams.get('url')).toBe(
      'https://www.lampenhuis.example/bureaulampen',
    );
    expect(html).toBe(
      `<a href="${clickUrl.replace(/&/g, '&amp;')}" rel="sponsored nofollow">Bureaulampen &quot;Nova&quot; &amp; meer</a>`,
    );
    // The publisher's own deep link wins over the ad's landing page.
    const deep = await link({ adId: textAd.id, url: 'https://www.lampenhuis.example/plafond' });
    expect(new URL((deep.json() as { clickUrl: string }).clickUrl).searchParams.get('url')).toBe(
      'https://www.lampenhuis.example/plafond',
    );
    const click = await t.app.inject({
      url: clickUrl.slice(clickUrl.indexOf('/click')),
      remoteAddress: '198.51.100.23',
    });
    expect(String(click.headers.location)).toMatch(
      /^https:\/\/www\.lampenhuis\.example\/bureaulampen\?tduid=/,
    );
  });

  it('adds a banner whose image the network serves as the image it is, and links with it', async () => {
    t.clock.now += 60_000;
    const created = await call('POST', adsUrl(), shop.apiKey, banner({ name: 'Najaar 300x250' }));
    expect(created.statusCode, created.body).toBe(201);
    bannerAd = created.json() as Json;
    expect(bannerAd).toMatchObject({
      kind: 'banner',
      width: 300,
      height: 250,
      imageType: 'image/png',
      alt: 'Lampen & licht: 20 % korting',
    });
    const imageUrl = String(bannerAd.imageUrl);
    const image = await t.app.inject({ url: imageUrl.slice(imageUrl.indexOf('/banners/')) });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain('sandbox');
    expect(image.rawPayload.equals(pngImage(300, 250))).toBe(true);

    const ads = await call('GET', `/api/v1/publisher/programs/${shop.programId}/ads`, publisher);
    expect(ads.statusCode, ads.body).toBe(200);
    expect((ads.json() as { ads: Json[] }).ads.map((ad) => ad.kind)).toEqual([
      'text',
      'text',
      'banner',
    ]);
    const built = await link({ adId: bannerAd.id, epi: 'nieuwsbrief', epi2: 'week-45' });
    expect(built.statusCode, built.body).toBe(201);
    const { clickUrl, html } = built.json() as { clickUrl: string; html: string };
    expect(new URL(clickUrl).searchParams.get('epi')).toBe('nieuwsbrief');
    expect(html).toBe(
      `<a href="${clickUrl.replace(/&/g, '&amp;')}" rel="sponsored nofollow"><img src="${imageUrl}" width="300" height="250" alt="Lampen &amp; licht: 20 % korting" /></a>`,
    );
  });

  describe('refused, with nothing stored', () => {
    const refusals: [
      string,
      () => Promise<{ statusCode: number; json(): unknown }>,
      number,
      string,
    ][] = [
      ['anonymous', () => call('POST', adsUrl(), undefined, banner()), 401, 'unauthorized'],
      ['a publisher', () => call('POST', adsUrl(), publisher, banner()), 403, 'forbidden'],
      [
        'another advertiser’s key',
        () => call('POST', adsUrl(), t.demo.advertiserApiKey, banner()),
        404,
        'unknown_program',
      ],
      [
        'a javascript: landing page',
        () => call('POST', adsUrl(), shop.apiKey, banner({ landingUrl: 'javascript:alert(1)' })),
        400,
        'deeplink_not_allowed',
      ],
      [
        'a data: landing page',
        () =>
          call('POST', adsUrl(), shop.apiKey, {
            kind: 'text',
            text: 'Lampen',
            landingUrl: 'data:text/html,<script>alert(1)</script>',
          }),
        400,
        'deeplink_not_allowed',
      ],
      [
        'an SVG',
        () =>
          postBanner(
            'image/svg+xml',
            Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          ),
        400,
        'ad_image_type',
      ],
      [
        'HTML sent as a PNG',
        () => postBanner('image/png', Buffer.from('<script>alert(1)</script>')),
        400,
        'ad_image_type',
      ],
      [
        'a GIF sent as a PNG',
        () => postBanner('image/png', gifHeader(728, 90), { width: 728, height: 90 }),
        400,
        'ad_image_mislabelled',
      ],
      [
        'a PNG cut short after its header',
        () => postBanner('image/png', pngImage(300, 250).subarray(0, 60)),
        400,
        'ad_image_damaged',
      ],
      [
        'a PNG with a script after its end',
        () =>
          postBanner(
            'image/png',
            Buffer.concat([pngImage(300, 250), Buffer.from('<script>alert(1)</script>')]),
          ),
        400,
        'ad_image_damaged',
      ],
      [
        'an image over 300 KB',
        () => postBanner('image/png', Buffer.concat([pngImage(300, 250), Buffer.alloc(310_000)])),
        400,
        'ad_image_too_large',
      ],
      [
        'alt text with HTML',
        () => call('POST', adsUrl(), shop.apiKey, banner({ alt: '<img src=x onerror=alert(1)>' })),
        400,
        'invalid_alt_text',
      ],
      [
        'a text link with HTML',
        () =>
          call('POST', adsUrl(), shop.apiKey, { kind: 'text', text: '<script>alert(1)</script>' }),
        400,
        'invalid_ad_text',
      ],
      [
        'an image that is not base64',
        () =>
          call(
            'POST',
            adsUrl(),
            shop.apiKey,
            banner({ image: { contentType: 'image/png', data: '<%>' } }),
          ),
        400,
        'invalid_body',
      ],
      [
        'retiring another advertiser’s ad through one’s own program',
        () =>
          call('POST', `/api/v1/programs/${shop.programId}/ads/${t.demo.adId}/retire`, shop.apiKey),
        404,
        'unknown_ad',
      ],
      [
        'retiring the newcomer’s ad with another advertiser’s key',
        () =>
          call(
            'POST',
            `/api/v1/programs/${shop.programId}/ads/${String(textAd.id)}/retire`,
            t.demo.advertiserApiKey,
          ),
        404,
        'unknown_program',
      ],
      [
        'a publisher retiring an ad',
        () =>
          call(
            'POST',
            `/api/v1/programs/${shop.programId}/ads/${String(textAd.id)}/retire`,
            publisher,
          ),
        403,
        'forbidden',
      ],
    ];
    it.each(refusals)('%s', async (_label, send, status, code) => {
      const before = await stored();
      const answer = await send();
      expect([answer.statusCode, (answer.json() as { code: string }).code]).toEqual([status, code]);
      expect(await stored()).toEqual(before);
    });

    it('lists ads only to their program’s advertiser and approved publishers', async () => {
      expect((await call('GET', adsUrl(), t.demo.advertiserApiKey)).statusCode).toBe(404);
      // The demo publisher's site, no longer approved in Kabelkoning, is offered none of its ads.
      const kabelkoning = t.demo.programs.find((p) => p.slug === 'kabelkoning')!.programId;
      await t.network.store.db
        .updateTable('memberships')
        .set({ status: 'suspended' })
        .where('program_id', '=', kabelkoning)
        .execute();
      await t.network.refreshIfChanged();
      const other = await call('GET', `/api/v1/publisher/programs/${kabelkoning}/ads`, publisher);
      expect(other.statusCode).toBe(403);
      expect((other.json() as { code: string }).code).toBe('not_approved');
      expect((other.json() as { message: string }).message).toContain('apply first');
    });
  });

  it('retires a banner: out of the link builder, placed links keep tracking and its image showing', async () => {
    const placed = (await (await link({ adId: bannerAd.id })).json()) as { clickUrl: string };
    const retired = await call(
      'POST',
      `/api/v1/programs/${shop.programId}/ads/${String(bannerAd.id)}/retire`,
      shop.apiKey,
    );
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ ad: { status: 'retired' }, changed: true });
    const again = await call(
      'POST',
      `/api/v1/programs/${shop.programId}/ads/${String(bannerAd.id)}/retire`,
      shop.apiKey,
    );
    expect(again.json()).toMatchObject({ changed: false });

    const offered = await call(
      'GET',
      `/api/v1/publisher/programs/${shop.programId}/ads`,
      publisher,
    );
    expect((offered.json() as { ads: Json[] }).ads.map((ad) => ad.id)).not.toContain(bannerAd.id);
    const refused = await link({ adId: bannerAd.id });
    expect([refused.statusCode, (refused.json() as { code: string }).code]).toEqual([
      404,
      'unknown_ad',
    ]);

    const click = await t.app.inject({
      url: placed.clickUrl.slice(placed.clickUrl.indexOf('/click')),
      remoteAddress: '198.51.100.24',
    });
    expect(click.statusCode).toBe(302);
    const tracked = await t.network.store.db
      .selectFrom('clicks')
      .select(['ad_id', 'not_attributable_reason'])
      .where('program_id', '=', shop.programId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(tracked).toEqual({ ad_id: bannerAd.id, not_attributable_reason: null });
    const imageUrl = String(bannerAd.imageUrl);
    expect(
      (await t.app.inject({ url: imageUrl.slice(imageUrl.indexOf('/banners/')) })).statusCode,
    ).toBe(200);
    // Adding and retiring are audited, with who did it.
    const audited = await t.network.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('subject_id', '=', String(bannerAd.id))
      .orderBy('id')
      .execute();
    expect(audited.map((row) => row.action)).toEqual(['ad.created', 'ad.retired']);
    expect(audited[0]!.actor).toMatch(/^key_/);
    // The advertiser still sees it, retired, after its active ads.
    const listed = (await call('GET', adsUrl(), shop.apiKey)).json() as { ads: Json[] };
    expect(listed.ads.at(-1)).toMatchObject({ id: bannerAd.id, status: 'retired' });
  });

  it('answers an unknown banner with a plain 404', async () => {
    const missing = await t.app.inject({ url: '/banners/ad_nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('text/plain');
  });
});
