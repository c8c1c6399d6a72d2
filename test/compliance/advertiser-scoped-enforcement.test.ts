import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  demoPublisherId,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { browserClick } from '../support/compliance.js';
import { client } from '../support/web-client.js';

type Json = Record<string, unknown>;

/**
 * The security finding: an advertiser's termination, restriction and registration bar (AE-E1
 * e–g) reach its own programs only. Advertiser A, a newcomer invited through the API, terminates
 * the demo publisher P; P keeps earning in advertiser B's program (the demo's Kabelkoning: click
 * → order → commission),
 * can apply to B's programs and sign up to the network again, but earns nothing in A's
 * program, not even on a click from before the termination, and cannot apply to it; an upheld
 * claim restores its membership. A's registration bar refuses P's new account's application to
 * A's program, not to B's, and P's network status never changes.
 */
describeEachEngine('an advertiser’s enforcement reaches its own programs only', (context) => {
  let t: TestNetwork;
  let shopA: NewProgram;
  let shopB: Pick<NewProgram, 'programId' | 'apiKey' | 'advertiserSession'>;
  let publisherId: string;
  let publisher: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    shopA = await newAdvertiserProgram(t, 'Lampenhuis');
    t.clock.now += 61_000;
    // B: another advertiser, the demo's Kabelkoning (the demo site is approved in it).
    const kabelkoning = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    shopB = {
      ...shopA,
      programId: kabelkoning.programId,
      apiKey: kabelkoning.advertiserApiKey,
      advertiserSession: await sessionToken(
        t,
        kabelkoning.advertiser.email,
        kabelkoning.advertiser.password,
      ),
    };
    t.clock.now += 61_000;
    publisherId = await demoPublisherId(t);
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
  const click = (programId: string, siteId = t.demo.siteId) =>
    browserClick(t, `/click?p=${programId}&a=${siteId}`, '198.51.100.23');
  const order = async (
    shop: Pick<NewProgram, 'programId' | 'apiKey'>,
    orderNumber: string,
    clickId: string,
  ) => {
    const answer = await call('POST', `/api/v1/programs/${shop.programId}/orders`, shop.apiKey, {
      orderNumber,
      clickId,
      placedAt: new Date(t.clock.now + 1000).toISOString(),
      currency: 'EUR',
      status: 'completed',
      items: [{ sku: 'K-1', category: 'cables', unitPrice: '100.00', quantity: 1 }],
    });
    expect(answer.statusCode, answer.body).toBeLessThan(300);
  };
  /** The publisher's commission on the order (cents), or undefined when it earned none. */
  const earned = async (shop: Pick<NewProgram, 'programId'>, orderNumber: string) => {
    const rows = await t.network.store.db
      .selectFrom('commissions')
      .innerJoin('orders', 'orders.id', 'commissions.order_id')
      .select(['commissions.amount_minor', 'commissions.publisher_id'])
      .where('orders.program_id', '=', shop.programId)
      .where('orders.order_number', '=', orderNumber)
      .execute();
    return rows.length === 0
      ? undefined
      : rows.reduce((sum, row) => sum + Number(row.amount_minor), 0);
  };
  const membership = async (programId: string, siteId = t.demo.siteId) =>
    (
      await t.network.store.db
        .selectFrom('memberships')
        .select('status')
        .where('program_id', '=', programId)
        .where('site_id', '=', siteId)
        .executeTakeFirst()
    )?.status;
  const networkStatus = async (id = publisherId) =>
    (
      await t.network.store.db
        .selectFrom('publishers')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  const enforce = async (kind: string) => {
    const answer = await call('POST', '/api/v1/advertiser/enforcement', shopA.advertiserSession, {
      publisherId,
      programId: shopA.programId,
      kind,
      rule: 'AE-P4',
      evidence: 'pop-unders seen on 3 pages',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return (answer.json() as { id: string }).id;
  };
  const apply = (token: string, programId: string, siteId: string) =>
    call('POST', '/api/v1/publisher/applications', token, {
      programId,
      siteId,
      promotionMethods: ['content_sites'],
      acceptRules: true,
    });
  const memberships = async () =>
    t.network.store.db
      .selectFrom('memberships')
      .select(['id', 'program_id', 'site_id', 'status'])
      .orderBy('id')
      .execute();

  it('a termination by A suspends P in A’s programs only, and an upheld claim restores it', async () => {
    const before = await click(shopA.programId);
    const termination = await enforce('termination');
    await t.network.refreshIfChanged();

    expect(await networkStatus()).toBe('active');
    expect(await membership(shopA.programId)).toBe('suspended');
    expect(await membership(shopB.programId)).toBe('approved');
    expect(await membership(t.demo.programId)).toBe('approved');

    // P reads it on its applications page, in its language.
    const portal = client(t);
    await portal.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await portal.get('/publisher/applications', { 'accept-language': 'nl' });
    expect(page.body).toContain('<span class="badge suspended">opgeschort</span>');

    // B's program: P earns as before.
    await order(shopB, 'B-1', await click(shopB.programId));
    expect(await earned(shopB, 'B-1')).toBeGreaterThan(0);
    // A's program: neither a new click nor one from before the termination earns.
    await order(shopA, 'A-1', await click(shopA.programId));
    await order(shopA, 'A-2', before);
    expect(await earned(shopA, 'A-1')).toBeUndefined();
    expect(await earned(shopA, 'A-2')).toBeUndefined();

    // P applies to B's programs with a new site, not to A's (and A cannot approve it).
    const site = await call('POST', '/api/v1/publisher/sites', publisher, {
      name: 'Tweede',
      url: 'https://tweede-site.example',
      promotionMethods: ['content_sites'],
    });
    expect(site.statusCode, site.body).toBe(201);
    const siteId = (site.json() as { id: string }).id;
    const stored = await memberships();
    const refused = await apply(publisher, shopA.programId, siteId);
    expect([refused.statusCode, refused.json().code], refused.body).toEqual([
      403,
      'advertiser_terminated',
    ]);
    expect(await memberships()).toEqual(stored);
    const toB = await apply(publisher, shopB.programId, siteId);
    expect(toB.statusCode, toB.body).toBe(201);
    expect(await membership(shopB.programId, siteId)).toBe('pending');

    // A cannot undo its termination by approving the suspended membership.
    const suspended = (
      await t.network.store.db
        .selectFrom('memberships')
        .select('id')
        .where('program_id', '=', shopA.programId)
        .where('site_id', '=', t.demo.siteId)
        .executeTakeFirstOrThrow()
    ).id;
    const approve = await call(
      'POST',
      `/api/v1/advertiser/applications/${suspended}/decision`,
      shopA.advertiserSession,
      { decision: 'approve' },
    );
    expect([approve.statusCode, approve.json().code]).toEqual([403, 'advertiser_terminated']);
    expect(await membership(shopA.programId)).toBe('suspended');

    // Signing up to the network stays open to P's addresses.
    const check = await call('POST', '/api/v1/signup/check', undefined, {
      email: t.demo.publisher.email,
    });
    expect(check.statusCode, check.body).toBe(200);

    // P claims; A upholds: the membership stands again and earns.
    const claim = await call('POST', '/api/v1/publisher/claims', publisher, {
      actionId: termination,
      text: 'The pop-unders were an ad network of the page, not mine; see the attached list.',
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const decided = await call(
      'POST',
      `/api/v1/advertiser/claims/${(claim.json() as { id: string }).id}/decision`,
      shopA.advertiserSession,
      { outcome: 'upheld', decision: 'The pop-unders came from another party.' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    await t.network.refreshIfChanged();
    expect(await membership(shopA.programId)).toBe('approved');
    expect(await membership(shopB.programId)).toBe('approved');
    expect(await networkStatus()).toBe('active');
    await order(shopA, 'A-3', await click(shopA.programId));
    expect(await earned(shopA, 'A-3')).toBeGreaterThan(0);
  });

  it('two terminations hold the membership until both end; a restriction refuses applications only', async () => {
    const first = await enforce('termination');
    const second = await enforce('termination');
    expect(await membership(shopA.programId)).toBe('suspended');
    const lift = (id: string) =>
      call('POST', `/api/v1/advertiser/enforcement/${id}/lift`, shopA.advertiserSession);
    expect((await lift(first)).statusCode).toBe(200);
    expect(await membership(shopA.programId)).toBe('suspended');
    expect((await lift(second)).statusCode).toBe(200);
    expect(await membership(shopA.programId)).toBe('approved');

    const restriction = await enforce('restriction');
    await t.network.refreshIfChanged();
    expect(await membership(shopA.programId)).toBe('approved');
    expect(await networkStatus()).toBe('active');
    await order(shopA, 'A-4', await click(shopA.programId));
    expect(await earned(shopA, 'A-4')).toBeGreaterThan(0);
    const site = await call('POST', '/api/v1/publisher/sites', publisher, {
      name: 'Derde',
      url: 'https://derde-site.example',
      promotionMethods: ['content_sites'],
    });
    const siteId = (site.json() as { id: string }).id;
    const refused = await apply(publisher, shopA.programId, siteId);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'advertiser_restricted']);
    expect(await membership(shopA.programId, siteId)).toBeUndefined();
    expect((await apply(publisher, shopB.programId, siteId)).statusCode).toBe(201);
    expect((await lift(restriction)).statusCode).toBe(200);
    expect((await apply(publisher, shopA.programId, siteId)).statusCode).toBe(201);
  });

  it('a registration bar by A refuses P’s new account in A’s programs, not in B’s or the network', async () => {
    await enforce('registration_bar');
    // P signs up again, with a new address and its old site's domain: the network takes it.
    const domain = new URL(
      (
        await t.network.store.db
          .selectFrom('sites')
          .select('url')
          .where('id', '=', t.demo.siteId)
          .executeTakeFirstOrThrow()
      ).url,
    ).hostname;
    const email = 'again@p-nieuw.example';
    const signup = await call('POST', '/api/v1/signup', undefined, {
      email,
      password: 'correct horse battery',
      name: 'P again',
      country: 'NL',
      siteName: 'Deals again',
      siteUrl: `https://${domain}/again`,
      promotionMethods: ['content_sites'],
    });
    expect(signup.statusCode, signup.body).toBe(202);
    const mail = await t.network.store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', email)
      .executeTakeFirstOrThrow();
    const token = /activate\?token=([\w-]+)/.exec(mail.text_body)![1]!;
    expect((await call('POST', '/api/v1/activate', undefined, { token })).statusCode).toBe(200);
    t.clock.now += 61_000;
    const again = await sessionToken(t, email, 'correct horse battery');
    const sites = (await call('GET', '/api/v1/publisher/sites', again)).json() as {
      sites: { id: string }[];
    };
    const siteId = sites.sites[0]!.id;
    const newPublisher = (
      await t.network.store.db
        .selectFrom('sites')
        .select('publisher_id')
        .where('id', '=', siteId)
        .executeTakeFirstOrThrow()
    ).publisher_id;

    const stored = await memberships();
    const refused = await apply(again, shopA.programId, siteId);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'advertiser_barred']);
    expect(await memberships()).toEqual(stored);
    const toB = await apply(again, shopB.programId, siteId);
    expect(toB.statusCode, toB.body).toBe(201);
    expect(await networkStatus()).toBe('active');
    expect(await networkStatus(newPublisher)).toBe('active');
  });
});
