import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { createExampleProgram } from '../support/kabelkoning-terms.js';
import {
  demoPublisherId,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { hashPassword } from '../../src/auth/passwords.js';

const DAY = 86_400_000;

/**
 * Issue 29, promotions and voucher codes, on both engines, with a program a new advertiser made
 * in its console (terms with `attribution.voucherCodes: fallback`): promotions are published
 * through the API, a publisher sees the running ones of its approved programs with its tracked
 * link, an exclusive code only its owner sees, and an order without a click that reports that
 * code is credited to the code's site with the reason.
 */
describeEachEngine('promotions and voucher codes', (context) => {
  let t: TestNetwork;
  let programId: string;
  let advertiserToken: string;
  let otherAdvertiserToken: string;
  let publisherToken: string;
  let otherPublisherToken: string;
  let otherSiteId: string;

  const api = (method: string, url: string, token: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const promotion = (over: Record<string, unknown> = {}) => ({
    title: { nl: 'Tien procent korting', en: 'Ten percent off' },
    startsAt: new Date(t.clock.now - DAY).toISOString(),
    endsAt: new Date(t.clock.now + 30 * DAY).toISOString(),
    kind: 'percentage',
    ...over,
  });

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    programId = await createExampleProgram(t, {
      id: 'codeshop',
      name: 'Codeshop',
      landingUrl: 'https://www.codeshop.example/',
      extra: '\nattribution:\n  voucherCodes: fallback\n',
    });

    const r = repos(t.network.store);
    const now = t.clock.now;
    const approve = async (siteId: string, publisherId: string) => {
      const membership = await r.memberships.apply(
        { programId, siteId, publisherId, promotionMethods: [], contentCategories: [] },
        now,
      );
      await r.memberships.decide(membership.id, 'approved', null, 'test', now);
    };
    await approve(t.demo.siteId, await demoPublisherId(t));
    const other = await r.publishers.create({ name: 'Codes BE', country: 'BE' }, now);
    otherSiteId = (
      await r.publishers.addSite(other.id, { name: 'Codes', url: 'https://codes.example.be' }, now)
    ).id;
    await approve(otherSiteId, other.id);
    const otherAdvertiser = await r.advertisers.create({ name: 'Other shop' }, now);
    const hash = await hashPassword('a long enough password');
    await r.users.create(
      {
        email: 'codes@example.be',
        passwordHash: hash,
        role: 'publisher',
        name: 'C',
        publisherId: other.id,
      },
      now,
    );
    await r.users.create(
      {
        email: 'rival@example.be',
        passwordHash: hash,
        role: 'advertiser',
        name: 'R',
        advertiserId: otherAdvertiser.id,
      },
      now,
    );
    await t.network.refreshIfChanged();
    advertiserToken = await sessionToken(t, t.demo.advertiser.email, t.demo.advertiser.password);
    otherAdvertiserToken = await sessionToken(t, 'rival@example.be', 'a long enough password');
    publisherToken = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
    otherPublisherToken = await sessionToken(t, 'codes@example.be', 'a long enough password');
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('publishes promotions; publishers see the running ones with their tracked links, an exclusive code only its owner', async () => {
    const open = await api('POST', `/api/v1/programs/${programId}/promotions`, advertiserToken, {
      ...promotion({ code: 'WELKOM10', url: 'https://www.codeshop.example/sale' }),
      description: { nl: 'Op alles', en: 'On everything' },
    });
    expect(open.statusCode, open.body).toBe(201);
    expect(open.json()).toMatchObject({ state: 'running', code: 'WELKOM10' });
    const exclusive = await api(
      'POST',
      `/api/v1/programs/${programId}/promotions`,
      advertiserToken,
      {
        ...promotion({ code: 'codes15', kind: 'amount', exclusiveSiteId: otherSiteId }),
        title: { nl: 'Vijftien eraf', en: 'Fifteen off' },
      },
    );
    expect(exclusive.statusCode, exclusive.body).toBe(201);
    // A new promotion must end in the future; an edit may end one early.
    const ending = await api('POST', `/api/v1/programs/${programId}/promotions`, advertiserToken, {
      ...promotion({
        startsAt: new Date(t.clock.now - 10 * DAY).toISOString(),
        endsAt: new Date(t.clock.now + DAY).toISOString(),
      }),
    });
    expect(ending.statusCode, ending.body).toBe(201);
    const ended = await api(
      'PATCH',
      `/api/v1/programs/${programId}/promotions/${ending.json().id}`,
      advertiserToken,
      { endsAt: new Date(t.clock.now - DAY).toISOString() },
    );
    expect(ended.json()).toMatchObject({ state: 'ended' });

    const mine = await api('GET', '/api/v1/publisher/promotions', publisherToken);
    expect(mine.statusCode).toBe(200);
    const seen = (mine.json() as { promotions: { code: string | null; trackingLink: string }[] })
      .promotions;
    expect(seen.map((p) => p.code)).toEqual(['WELKOM10']); // not the exclusive, not the ended
    const link = new URL(seen[0]!.trackingLink);
    expect(link.searchParams.get('p')).toBe(programId);
    expect(link.searchParams.get('a')).toBe(t.demo.siteId);
    const click = await t.app.inject({
      url: `${link.pathname}${link.search}`,
      remoteAddress: '198.51.100.23',
    });
    expect(click.statusCode).toBe(302);
    expect(String(click.headers.location)).toMatch(/^https:\/\/www\.codeshop\.example\/sale\?/);

    const theirs = await api('GET', '/api/v1/publisher/promotions?format=csv', otherPublisherToken);
    expect(theirs.headers['content-type']).toMatch(/^text\/csv/);
    expect(theirs.body).toContain('codes15');
    expect(theirs.body).toContain('WELKOM10');
    // Filtering by a site that is not the caller's is refused.
    const foreign = await api(
      'GET',
      `/api/v1/publisher/promotions?siteId=${otherSiteId}`,
      publisherToken,
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('not_your_site');
    expect(foreign.json().message).toContain('use the id of one of yours');
  });

  it('refuses bad promotions, another advertiser’s program, a taken exclusive code and a publisher, storing nothing', async () => {
    const count = async () =>
      (await t.network.store.db.selectFrom('promotions').select('id').execute()).length;
    const before = await count();
    const post = (token: string, body: object, program = programId) =>
      api('POST', `/api/v1/programs/${program}/promotions`, token, body);
    const refusals = [
      [
        await post(advertiserToken, promotion({ url: 'https://evil.example/' })),
        400,
        'invalid_promotion',
      ],
      [
        await post(advertiserToken, promotion({ url: 'javascript:alert(1)' })),
        400,
        'invalid_promotion',
      ],
      [
        await post(
          advertiserToken,
          promotion({ endsAt: new Date(t.clock.now - 2 * DAY).toISOString() }),
        ),
        400,
        'invalid_promotion',
      ],
      [await post(advertiserToken, promotion({ code: '<b>x</b>' })), 400, 'invalid_promotion'],
      [await post(advertiserToken, promotion({ kind: 'bogus' })), 400, 'invalid_promotion'],
      [
        await post(advertiserToken, promotion({ exclusiveSiteId: 'sit_unknown' })),
        400,
        'invalid_promotion',
      ],
      [
        await post(advertiserToken, promotion({ code: 'CODES15', exclusiveSiteId: t.demo.siteId })),
        409,
        'voucher_code_taken',
      ],
      // A shared code repeating an exclusive one would leak it (and credit its site under wins).
      [await post(advertiserToken, promotion({ code: 'Codes15' })), 409, 'voucher_code_taken'],
      // An exclusive code repeating a shared one.
      [
        await post(advertiserToken, promotion({ code: 'welkom10', exclusiveSiteId: otherSiteId })),
        409,
        'voucher_code_taken',
      ],
      [await post(otherAdvertiserToken, promotion()), 404, 'unknown_program'],
      [await post(publisherToken, promotion()), 403, 'forbidden'],
    ] as const;
    for (const [answer, status, code] of refusals) {
      expect(answer.statusCode, answer.body).toBe(status);
      if (code) expect(answer.json().code).toBe(code);
    }
    expect(await count()).toBe(before);
    // Another advertiser can neither change nor withdraw this program's promotion.
    const list = await api('GET', `/api/v1/programs/${programId}/promotions`, advertiserToken);
    const id = (list.json() as { promotions: { id: string }[] }).promotions[0]!.id;
    const patch = await api(
      'PATCH',
      `/api/v1/programs/${programId}/promotions/${id}`,
      otherAdvertiserToken,
      { kind: 'gift' },
    );
    expect(patch.statusCode).toBe(404);
    const removed = await api(
      'DELETE',
      `/api/v1/programs/${programId}/promotions/${id}`,
      otherAdvertiserToken,
    );
    expect(removed.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('credits an order without a click reporting an exclusive code to the code’s site, with the reason; a shared code credits nobody', async () => {
    const order = (orderNumber: string, vouchers: string[]) =>
      api('POST', `/api/v1/programs/${programId}/orders`, advertiserToken, {
        orderNumber,
        placedAt: new Date(t.clock.now).toISOString(),
        currency: 'EUR',
        status: 'pending',
        vouchers,
        items: [{ sku: 'K1', category: 'kabels', unitPrice: '100.00', quantity: 1 }],
      });
    // The tracking path reads exclusive codes from its link cache, which reloads within a poll
    // of a change: wait for it, as a shop's order comes later than its promotion.
    await t.network.refreshIfChanged();
    const coded = await order('C-1', ['Codes15']);
    expect(coded.statusCode, coded.body).toBe(201);
    expect(coded.json().attribution).toMatchObject({ status: 'voucher_code', siteId: otherSiteId });
    const shared = await order('C-2', ['WELKOM10']);
    expect(shared.json().attribution).toMatchObject({ status: 'no_click', siteId: null });
    const stored = await t.network.store.db
      .selectFrom('orders')
      .select(['order_number', 'site_id', 'attributed_by', 'attribution'])
      .where('program_id', '=', programId)
      .orderBy('order_number')
      .execute();
    expect(stored).toMatchObject([
      {
        order_number: 'C-1',
        site_id: otherSiteId,
        attributed_by: 'voucher',
        attribution: 'voucher_code',
      },
      { order_number: 'C-2', site_id: null, attributed_by: null },
    ]);
    const commissions = await t.network.store.db
      .selectFrom('commissions')
      .select(['site_id', 'status'])
      .where('program_id', '=', programId)
      .execute();
    expect(commissions).toMatchObject([{ site_id: otherSiteId, status: 'pending' }]);
  });

  it('works in the portal: the advertiser publishes and withdraws, the publisher lists its links and reads why an order is its own', async () => {
    t.clock.now += 61_000; // a new minute of login attempts (ten a minute from one address)
    const advertiser = client(t);
    await advertiser.get('/login?lang=nl');
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const page = await advertiser.get(`/advertiser/promotions/${programId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nieuwe actie');
    const day = (offset: number) => new Date(t.clock.now + offset * DAY).toISOString().slice(0, 10);
    const published = await advertiser.post(`/advertiser/promotions/${programId}`, {
      titleNl: 'Gratis verzending',
      titleEn: 'Free shipping',
      kind: 'free_shipping',
      url: 'https://www.codeshop.example/verzending',
      code: '',
      exclusiveSiteId: '',
      startsOn: day(0),
      endsOn: day(7),
    });
    expect(published.statusCode, published.body).toBe(303);
    const after = await advertiser.get(`/advertiser/promotions/${programId}`);
    expect(after.body).toContain('Gepubliceerd: Gratis verzending.');
    // A link outside the program's domains is refused with the reason, nothing stored.
    const refused = await advertiser.post(`/advertiser/promotions/${programId}`, {
      titleNl: 'Fout',
      titleEn: 'Wrong',
      kind: 'other',
      url: 'https://evil.example/',
      startsOn: day(0),
      endsOn: day(1),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('codeshop.example');
    expect(refused.body).not.toContain('Gepubliceerd');

    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    const list = await publisher.get('/publisher/promotions');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Free shipping');
    expect(list.body).toContain('WELKOM10');
    expect(list.body).not.toContain('codes15'); // another site's exclusive code
    const foreign = await publisher.get(`/publisher/promotions?siteId=${otherSiteId}`);
    expect(foreign.statusCode).toBe(403);

    const owner = client(t);
    await owner.login('codes@example.be', 'a long enough password');
    const transactions = await t.network.store.db
      .selectFrom('orders')
      .select('id')
      .where('program_id', '=', programId)
      .where('order_number', '=', 'C-1')
      .executeTakeFirstOrThrow();
    const transaction = await owner.get(`/publisher/transactions/${transactions.id}`);
    expect(transaction.statusCode, transaction.body).toBe(200);
    expect(transaction.body).toContain('Attributed by voucher code Codes15.');
    // The list shows the site that earned each order and marks one credited by a voucher code;
    // a publisher with two sites filters by one of its own, another's site matches nothing.
    const ownSite = await t.network.store.db
      .selectFrom('sites')
      .select('publisher_id')
      .where('id', '=', otherSiteId)
      .executeTakeFirstOrThrow();
    const second = await repos(t.network.store).publishers.addSite(
      ownSite.publisher_id,
      { name: 'Codes Twee', url: 'https://twee.codes.example.be' },
      t.clock.now,
    );
    const listed = await owner.get('/publisher/transactions?lang=en');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain('<th>Site</th>');
    const row = listed.body.slice(listed.body.indexOf('>C-1</a>'));
    const c1 = row.slice(0, row.indexOf('</tr>')).replace(/\s+/g, ' ');
    expect(c1).toContain('class="badge voucher"');
    expect(c1).toContain('>voucher code</span');
    expect(c1).toContain('<td>Codeshop</td> <td>Codes</td>');
    expect(listed.body).toContain(`<option value="${second.id}" >Codes Twee</option>`);
    const ofSite = async (site: string) =>
      (await owner.get(`/publisher/transactions?site=${encodeURIComponent(site)}`)).body;
    expect(await ofSite(otherSiteId)).toContain('>C-1</a>');
    expect(await ofSite(second.id)).not.toContain('>C-1</a>');
    // Another publisher's site matches none of this publisher's orders (and shows none of its).
    expect(await ofSite(t.demo.siteId)).not.toContain('href="/publisher/transactions/');
    const csv = (await owner.get(`/publisher/transactions?format=csv&site=${otherSiteId}`)).body;
    expect(csv.split('\n')[0]).toContain('order_number,program,site,voucher_code');
    expect(csv).toContain('C-1,Codeshop,Codes,yes');
    expect((await owner.get('/publisher/transactions?site=%3Cscript%3E')).statusCode).toBe(400);

    const id = /\/advertiser\/promotions\/[\w-]+\/(prm_[\w-]+)\/withdraw/.exec(after.body)![1]!;
    const withdrawn = await advertiser.post(
      `/advertiser/promotions/${programId}/${id}/withdraw`,
      {},
    );
    expect(withdrawn.statusCode).toBe(303);
    const rival = client(t);
    await rival.login('rival@example.be', 'a long enough password');
    const stolen = await rival.get(`/advertiser/promotions/${programId}`);
    expect(stolen.statusCode).toBe(404);
  });
});
