import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { answerChecker } from '../support/api-document.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';

/**
 * Every role's operations, called as a client would, each answer checked against the API
 * document (and, through the test network's hook, every other answer on the way).
 */
describeEachEngine('every role’s answers match the API document', (context) => {
  let t: TestNetwork;
  const check = answerChecker();
  beforeAll(async () => {
    t = await startTestNetwork(context().store, Date.UTC(2026, 9, 5, 12), {
      payoutDebtor: { name: 'affnet B.V.', iban: 'NL02ABNA0123456789' },
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  type Json = Record<string, unknown>;
  const call = async (
    token: string | undefined,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    url: string,
    status: number,
    payload?: Json,
  ) => {
    const response = await t.app.inject({
      method,
      url,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(payload ? { payload } : {}),
    });
    expect([url, response.statusCode, response.body.slice(0, 300)]).toEqual([
      url,
      status,
      expect.anything(),
    ]);
    if (status !== 204 && String(response.headers['content-type']).startsWith('application/json'))
      check(path, method.toLowerCase(), status, response.json());
    return response;
  };
  const login = async (email: string, password: string) =>
    (
      (
        await call(undefined, 'POST', '/api/v1/sessions', '/api/v1/sessions', 201, {
          email,
          password,
        })
      ).json() as { token: string }
    ).token;
  const mailTo = async (to: string) =>
    (await t.network.store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', to)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow())!.text_body;

  it('sign-up, activation and password reset', async () => {
    const email = 'answers@example.nl';
    await call(undefined, 'POST', '/api/v1/signup/check', '/api/v1/signup/check', 200, { email });
    await call(undefined, 'POST', '/api/v1/signup', '/api/v1/signup', 202, {
      email,
      password: 'correct horse battery',
      name: 'Kim',
      country: 'NL',
      siteName: 'Kortingen',
      siteUrl: 'https://kortingen.example.nl',
      promotionMethods: ['voucher_codes'],
    });
    const token = /activate\?token=([\w-]+)/.exec(await mailTo(email))![1]!;
    await call(undefined, 'POST', '/api/v1/activate', '/api/v1/activate', 200, { token });
    t.clock.now += 1000;
    await call(undefined, 'POST', '/api/v1/password-reset', '/api/v1/password-reset', 202, {
      email,
    });
    const reset = /password-reset\/([\w-]+)/.exec(await mailTo(email))![1]!;
    await call(
      undefined,
      'POST',
      '/api/v1/password-reset/{token}',
      `/api/v1/password-reset/${reset}`,
      200,
      { password: 'another horse battery' },
    );
    const session = await login(email, 'another horse battery');
    await call(session, 'DELETE', '/api/v1/sessions/current', '/api/v1/sessions/current', 204);
  });

  it('publisher, advertiser, compliance and admin operations', async () => {
    const publisher = await login(t.demo.publisher.email, t.demo.publisher.password);
    const advertiser = await login(t.demo.advertiser.email, t.demo.advertiser.password);
    const programId = t.demo.programId;

    // The publisher adds a site and applies; the advertiser decides and records consent.
    const site = (
      await call(publisher, 'POST', '/api/v1/publisher/sites', '/api/v1/publisher/sites', 201, {
        name: 'Second site',
        url: 'https://second.example.nl',
        promotionMethods: ['content_sites'],
      })
    ).json() as { id: string };
    const application = (
      await call(
        publisher,
        'POST',
        '/api/v1/publisher/applications',
        '/api/v1/publisher/applications',
        201,
        {
          programId,
          siteId: site.id,
          promotionMethods: ['content_sites'],
          contentCategories: [],
          acceptRules: true,
        },
      )
    ).json() as { id: string };
    await call(
      advertiser,
      'POST',
      '/api/v1/advertiser/applications/{id}/consent',
      `/api/v1/advertiser/applications/${application.id}/consent`,
      200,
      { text: 'Consent given by email on 5 October' },
    );
    await call(
      advertiser,
      'POST',
      '/api/v1/advertiser/applications/{id}/decision',
      `/api/v1/advertiser/applications/${application.id}/decision`,
      200,
      { decision: 'approve' },
    );
    const key = (
      await call(
        advertiser,
        'POST',
        '/api/v1/advertiser/api-keys',
        '/api/v1/advertiser/api-keys',
        201,
        { name: 'shop' },
      )
    ).json() as { id: string };
    await call(
      advertiser,
      'DELETE',
      '/api/v1/advertiser/api-keys/{id}',
      `/api/v1/advertiser/api-keys/${key.id}`,
      204,
    );

    // A link, a click, an order and its explanation.
    await call(
      publisher,
      'GET',
      '/api/v1/publisher/links',
      `/api/v1/publisher/links?programId=${programId}&siteId=${site.id}&epi=news`,
      200,
    );
    await demoOrder(t, {
      orderNumber: 'ROLES-1',
      clickId: await demoClick(t),
      items: [
        {
          sku: 'A',
          category: 'x',
          unitPrice: '400.00',
          quantity: 1,
          sellerCountry: 'CN',
          store: 'aliexpress',
        },
      ],
    });
    const transactions = (
      await call(
        publisher,
        'GET',
        '/api/v1/publisher/transactions',
        '/api/v1/publisher/transactions',
        200,
      )
    ).json() as { transactions: { orderId: string }[] };
    await call(
      publisher,
      'GET',
      '/api/v1/publisher/transactions/{orderId}',
      `/api/v1/publisher/transactions/${transactions.transactions[0]!.orderId}`,
      200,
    );

    // Compliance: an action, a claim, its decision, a lift; a mailing through approval.
    const publisherId = (
      (
        await call(
          advertiser,
          'GET',
          '/api/v1/advertiser/applications',
          '/api/v1/advertiser/applications',
          200,
        )
      ).json() as { applications: { publisherId: string; siteId: string }[] }
    ).applications.find((a) => a.siteId === t.demo.siteId)!.publisherId;
    const action = (
      await call(
        advertiser,
        'POST',
        '/api/v1/advertiser/enforcement',
        '/api/v1/advertiser/enforcement',
        201,
        {
          publisherId,
          programId,
          kind: 'withhold',
          rule: 'AE-P4',
          evidence: 'Bidding on the brand name, seen 4 October',
        },
      )
    ).json() as { id: string };
    await call(
      publisher,
      'GET',
      '/api/v1/publisher/enforcement',
      '/api/v1/publisher/enforcement',
      200,
    );
    const claim = (
      await call(publisher, 'POST', '/api/v1/publisher/claims', '/api/v1/publisher/claims', 201, {
        actionId: action.id,
        text: 'We never bid on the brand; the ad was a competitor’s.',
      })
    ).json() as { id: string };
    await call(
      advertiser,
      'GET',
      '/api/v1/advertiser/enforcement',
      '/api/v1/advertiser/enforcement',
      200,
    );
    await call(
      advertiser,
      'POST',
      '/api/v1/advertiser/claims/{id}/decision',
      `/api/v1/advertiser/claims/${claim.id}/decision`,
      200,
      { outcome: 'rejected', decision: 'The screenshot shows your tracking link.' },
    );
    await call(
      advertiser,
      'POST',
      '/api/v1/advertiser/enforcement/{id}/lift',
      `/api/v1/advertiser/enforcement/${action.id}/lift`,
      200,
    );
    await call(
      advertiser,
      'GET',
      '/api/v1/advertiser/review-queue',
      '/api/v1/advertiser/review-queue',
      200,
    );
    const mailing = {
      programId,
      subject: 'Singles Day deals',
      htmlBody: '<h1>Deals</h1>',
      plannedSendAt: new Date(t.clock.now + 86_400_000).toISOString(),
      audienceSize: 5000,
      audienceSource: 'double opt-in newsletter',
    };
    // Before the advertiser grants access: an authorization refusal, saying whom to ask.
    const refused = await call(
      publisher,
      'POST',
      '/api/v1/publisher/mailings',
      '/api/v1/publisher/mailings',
      403,
      mailing,
    );
    expect(refused.json()).toMatchObject({ code: 'no_email_access' });
    expect(refused.json<{ message: string }>().message).toContain('ask the advertiser to grant it');
    await call(
      advertiser,
      'POST',
      '/api/v1/advertiser/email-access',
      '/api/v1/advertiser/email-access',
      200,
      { programId, publisherId, grant: true },
    );
    await call(
      publisher,
      'POST',
      '/api/v1/publisher/mailings',
      '/api/v1/publisher/mailings',
      201,
      mailing,
    );
    const mailings = (
      await call(
        advertiser,
        'GET',
        '/api/v1/advertiser/mailings',
        '/api/v1/advertiser/mailings',
        200,
      )
    ).json() as { mailings: { id: string }[] };
    await call(
      advertiser,
      'POST',
      '/api/v1/advertiser/mailings/{id}/decision',
      `/api/v1/advertiser/mailings/${mailings.mailings[0]!.id}/decision`,
      200,
      { outcome: 'approve', comments: 'Fine' },
    );
    await call(publisher, 'GET', '/api/v1/publisher/mailings', '/api/v1/publisher/mailings', 200);

    await call(
      t.demo.advertiserApiKey,
      'POST',
      '/api/v1/programs/{programId}/orders/{orderNumber}/validation',
      `/api/v1/programs/${programId}/orders/ROLES-1/validation`,
      200,
      { decision: 'approve' },
    );

    // Month end as the admin: invoices, their payment, statements, a payout run and its files.
    t.clock.now = Date.UTC(2026, 10, 2, 9);
    await t.network.store.db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300', minimum_payout_minor: 100 })
      .execute();
    const first = (await ensureAdmin(t.network.store, t.clock.now))!;
    const once = await login(first.email, first.password);
    await call(once, 'POST', '/api/v1/account/password', '/api/v1/account/password', 204, {
      currentPassword: first.password,
      newPassword: `${first.password}-new`,
    });
    const admin = await login(first.email, `${first.password}-new`);
    const publisherNow = await login(t.demo.publisher.email, t.demo.publisher.password);
    const invoices = (
      await call(admin, 'POST', '/api/v1/admin/invoices', '/api/v1/admin/invoices', 201, {
        period: '2026-10',
      })
    ).json() as { created: string[] };
    await call(
      admin,
      'POST',
      '/api/v1/admin/invoices/{id}/paid',
      `/api/v1/admin/invoices/${invoices.created[0]}/paid`,
      200,
    );
    await call(admin, 'POST', '/api/v1/admin/statements', '/api/v1/admin/statements', 201, {
      period: '2026-10',
    });
    const statements = (
      await call(
        publisherNow,
        'GET',
        '/api/v1/publisher/statements',
        '/api/v1/publisher/statements',
        200,
      )
    ).json() as { statements: { id: string }[] };
    await call(
      publisherNow,
      'GET',
      '/api/v1/publisher/statements/{statementId}',
      `/api/v1/publisher/statements/${statements.statements[0]!.id}`,
      200,
    );
    const run = (
      await call(admin, 'POST', '/api/v1/admin/payout-runs', '/api/v1/admin/payout-runs', 201, {
        executionDate: '2026-11-05',
      })
    ).json() as { id: string };
    const sepa = await call(
      admin,
      'GET',
      '/api/v1/admin/payout-runs/{id}/sepa',
      `/api/v1/admin/payout-runs/${run.id}/sepa`,
      200,
    );
    expect(sepa.headers['content-type']).toMatch(/^application\/xml/);
    const csv = await call(
      admin,
      'GET',
      '/api/v1/admin/payout-runs/{id}/csv',
      `/api/v1/admin/payout-runs/${run.id}/csv`,
      200,
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    await call(
      admin,
      'POST',
      '/api/v1/admin/payout-runs/{id}/paid',
      `/api/v1/admin/payout-runs/${run.id}/paid`,
      200,
    );
    // The network's review of a program: the queue, a decision, the advertiser's view of it.
    await call(
      admin,
      'GET',
      '/api/v1/admin/program-reviews',
      '/api/v1/admin/program-reviews?all=true',
      200,
    );
    await call(
      admin,
      'POST',
      '/api/v1/admin/programs/{programId}/review',
      `/api/v1/admin/programs/${programId}/review`,
      200,
      { decision: 'approved' },
    );
    const advertiserNow = await login(t.demo.advertiser.email, t.demo.advertiser.password);
    for (const [token, status, body] of [
      [admin, 400, { decision: 'refused' }],
      [admin, 404, { decision: 'approved' }],
      [advertiserNow, 403, { decision: 'approved' }],
    ] as const)
      await call(
        token,
        'POST',
        '/api/v1/admin/programs/{programId}/review',
        `/api/v1/admin/programs/${status === 404 ? 'prg_unknown' : programId}/review`,
        status,
        body,
      );
    await call(
      t.demo.advertiserApiKey,
      'GET',
      '/api/v1/advertiser/programs',
      '/api/v1/advertiser/programs',
      200,
    );
    await call(admin, 'GET', '/api/v1/admin/audit', '/api/v1/admin/audit', 200);
    await call(admin, 'GET', '/api/v1/admin/overdue', '/api/v1/admin/overdue', 200);
  });
});
