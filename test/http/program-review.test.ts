import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  reviewProgram,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';
import { packageRoot } from '../../src/package-root.js';

/**
 * Issue 25, item 8 (no impersonation), on both engines: an advertiser invited to the network
 * creates "AliExpress Official" (advertiser "AliExpress"). Until the network admin approves it,
 * it is not in the directory (page and API), publishers cannot apply, its clicks do not
 * attribute and set no cookie, and its reports are refused, with nothing stored; the admin sees
 * the brand hit; a refusal keeps it hidden and the advertiser reads why; after approval it is
 * listed and tracks. An advertiser cannot review its own program.
 */
describeEachEngine('programs advertisers create wait for the network’s review', (context) => {
  let t: TestNetwork;
  let source: string;
  let adminApi: string;
  let adminPortal: ReturnType<typeof client>;
  let attacker: string;
  let attackerKey: string;
  let programId: string;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    source = (await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8'))
      .replace(/^id: kabelkoning$/m, 'id: aliexpress-official')
      .replace(/^name: Kabelkoning$/m, 'name: AliExpress Official')
      .replace(/^advertiser: .*$/m, 'advertiser: AliExpress')
      .replace(/^landingUrl: .*$/m, 'landingUrl: https://www.deals-shop.example/')
      .replace(/domains: \[kabelkoning\.example\]/, 'domains: [deals-shop.example]')
      .replace(/^brands: .*$/m, 'brands: [dealsshop]');
    // The network admin: in the portal (its first login) and over the API.
    const first = (await ensureAdmin(t.network.store, t.clock.now))!;
    adminPortal = client(t);
    const password = await adminPortal.loginAsFirstAdmin(first);
    adminApi = await sessionToken(t, first.email, password);
    // The attacker is invited as an advertiser like any other, sets a password and makes a key.
    const invited = await api('POST', '/api/v1/admin/advertisers/invitations', adminApi, {
      email: 'team@deals-shop.example',
      advertiser: 'Deals Shop',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await t.network.store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', 'team@deals-shop.example')
      .executeTakeFirstOrThrow();
    const reset = /password-reset\/([\w-]+)/.exec(mail.text_body)![1]!;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/password-reset/${reset}`,
      payload: { password: 'deals shop password 1' },
    });
    attacker = await sessionToken(t, 'team@deals-shop.example', 'deals shop password 1');
    attackerKey = (
      (await api('POST', '/api/v1/advertiser/api-keys', attacker, { name: 'shop' })).json() as {
        key: string;
      }
    ).key;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programs',
      headers: { authorization: `Bearer ${attackerKey}`, 'content-type': 'text/yaml' },
      payload: source,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'aliexpress-official', review: 'in_review' });
    programId = created.json().programId as string;
  });
  afterAll(async () => {
    await t.app.close();
  });

  function api(method: 'GET' | 'POST', url: string, token?: string, payload?: object) {
    return t.app.inject({
      method,
      url,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload }),
    });
  }

  /** Everything a refused request could have changed: orders, clicks that attribute, memberships. */
  const stored = async () => {
    const db = t.network.store.db;
    const count = async (table: 'orders' | 'memberships' | 'commissions' | 'ledger_entries') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const clicks = await db
      .selectFrom('clicks')
      .select(['not_attributable_reason'])
      .where('program_id', '=', programId)
      .execute();
    const program = await db
      .selectFrom('programs')
      .select(['review_status', 'review_reason'])
      .where('id', '=', programId)
      .executeTakeFirstOrThrow();
    return {
      orders: await count('orders'),
      memberships: await count('memberships'),
      commissions: await count('commissions'),
      ledger: await count('ledger_entries'),
      attributableClicks: clicks.filter((click) => click.not_attributable_reason === null).length,
      program,
    };
  };

  let publisherPortal: ReturnType<typeof client> | undefined;
  /** Where a publisher could find it: directory API and page, its page and terms, the apply form. */
  const listed = async () => {
    if (publisherPortal === undefined) {
      publisherPortal = client(t);
      await publisherPortal.login(t.demo.publisher.email, t.demo.publisher.password);
    }
    const applyForms = (await publisherPortal.get('/publisher/applications')).body;
    const directory = (await api('GET', '/api/v1/programs?q=aliexpress')).json() as {
      programs: { id: string }[];
    };
    const page = await t.app.inject({ url: '/programs?q=aliexpress' });
    return {
      api: directory.programs.some((program) => program.id === programId),
      page: page.body.includes('href="/programs/aliexpress-official"'),
      programPage: (await t.app.inject({ url: '/programs/aliexpress-official' })).statusCode,
      terms: (await api('GET', `/api/v1/programs/${programId}/terms`)).statusCode,
      applyForm: applyForms.includes('AliExpress Official'),
    };
  };

  const click = () =>
    t.app.inject({ url: `/click?p=${programId}&a=${t.demo.siteId}`, headers: { accept: '*/*' } });
  const demoTduid = async () => {
    const answer = await t.app.inject({
      url: `/click?p=${t.demo.programId}&a=${t.demo.siteId}`,
      headers: { accept: '*/*' },
    });
    return new URL(answer.headers.location as string).searchParams.get('tduid')!;
  };
  const pixel = (orderNumber: string, tduid: string) =>
    t.app.inject({
      url: `/report?organization=${programId}&event=1&orderNumber=${orderNumber}&orderValue=100.00&currency=EUR&tduid=${tduid}`,
      headers: { accept: 'application/json' },
    });
  const signUp = async (who: string) => {
    const answer = await api('POST', '/api/v1/signup', undefined, {
      email: `${who}@publisher.example`,
      password: 'correct horse battery',
      name: 'Kim',
      country: 'NL',
      siteName: 'Dealsshop',
      siteUrl: `https://${who}.publisher.example`,
      promotionMethods: ['content_sites'],
    });
    expect(answer.statusCode, answer.body).toBe(202);
    return answer.json() as { brandMatches: unknown[] };
  };
  const apply = async () =>
    api(
      'POST',
      '/api/v1/publisher/applications',
      await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password),
      { programId, siteId: t.demo.siteId, promotionMethods: ['content_sites'], acceptRules: true },
    );

  it('in review: not listed, no applications, clicks do not attribute, reports refused, nothing stored', async () => {
    const before = await stored();
    expect(before.program).toEqual({ review_status: 'in_review', review_reason: null });
    expect(await listed()).toEqual({
      api: false,
      page: false,
      programPage: 404,
      terms: 404,
      applyForm: false,
    });

    const applied = await apply();
    expect([applied.statusCode, applied.json().code]).toEqual([404, 'unknown_program']);

    // Its landing URL is unvetted: the network neither redirects there nor records the click.
    const clicked = await click();
    expect(clicked.statusCode).toBe(404);
    expect(clicked.body).toContain('Program not available');
    expect(clicked.headers.location).toBeUndefined();
    expect(clicked.headers['set-cookie']).toBeUndefined();
    // A signed click id of another program is all a pixel could carry.
    const tduid = await demoTduid();

    const reported = await pixel('IMP-1', tduid);
    expect([reported.statusCode, reported.json().code]).toEqual([409, 'program_not_approved']);
    const byApi = await api('POST', `/api/v1/programs/${programId}/orders`, attackerKey, {
      orderNumber: 'IMP-2',
      placedAt: new Date(t.clock.now).toISOString(),
      currency: 'EUR',
      status: 'completed',
      clickId: tduid,
      items: [{ sku: 'X', category: 'electronics', unitPrice: '100.00', quantity: 1 }],
    });
    expect([byApi.statusCode, byApi.json().code]).toEqual([409, 'program_not_approved']);
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/reason="program_not_approved"[^\n]* 1/);

    // The program's own advertiser sees its page (with the review), the state and the reason.
    const own = await api('GET', '/api/v1/advertiser/programs', attackerKey);
    expect(own.json()).toEqual({
      programs: [
        expect.objectContaining({ programId, review: 'in_review', reason: null, reviewedAt: null }),
      ],
    });
    // Its brands protect nothing yet: a publisher signing up as "Deals Shop" is not flagged.
    expect((await signUp('first')).brandMatches).toEqual([]);
    const after = await stored();
    expect(after).toEqual({ ...before, attributableClicks: 0 });
  });

  it('shows the reviewing admin the brand hit (page and API); the advertiser cannot review it (403)', async () => {
    const queue = await api('GET', '/api/v1/admin/program-reviews', adminApi);
    expect(queue.statusCode).toBe(200);
    const entry = (
      queue.json() as {
        programs: { programId: string; brandMatches: { brand: string; field: string }[] }[];
      }
    ).programs.find((program) => program.programId === programId)!;
    expect(entry.brandMatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ brand: 'aliexpress', field: 'program name' }),
        expect.objectContaining({ brand: 'aliexpress', field: 'advertiser' }),
      ]),
    );
    expect((await adminPortal.get('/admin')).body).toContain('Programs waiting for your review: 1');
    const page = await adminPortal.get('/admin/program-reviews');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('AliExpress Official');
    expect(page.body).toMatch(/class="brand-hits"[^<]*aliexpress \(exact/);
    expect(page.body).toContain(`action="/admin/programs/${programId}/review"`);

    const before = await stored();
    const own = await api('POST', `/api/v1/admin/programs/${programId}/review`, attacker, {
      decision: 'approved',
    });
    expect([own.statusCode, own.json().code]).toEqual([403, 'forbidden']);
    const withKey = await api('POST', `/api/v1/admin/programs/${programId}/review`, attackerKey, {
      decision: 'approved',
    });
    expect(withKey.statusCode).toBe(401);
    const portal = client(t);
    await portal.login('team@deals-shop.example', 'deals shop password 1');
    expect((await portal.get('/admin/program-reviews')).statusCode).toBe(403);
    const posted = await portal.post(`/admin/programs/${programId}/review`, {
      decision: 'approved',
    });
    expect(posted.statusCode).toBe(403);
    // A forged form without the admin's CSRF token is refused too.
    const forged = client(t);
    const noCsrf = await forged.post(`/admin/programs/${programId}/review`, {
      decision: 'approved',
    });
    expect(noCsrf.statusCode).toBeGreaterThanOrEqual(400);
    expect(await stored()).toEqual(before);
    expect(await listed()).toMatchObject({ api: false, page: false, applyForm: false });
  });

  it('refuses with a reason the advertiser reads; unknown programs and reasonless refusals are refused', async () => {
    const before = await stored();
    const noReason = await api('POST', `/api/v1/admin/programs/${programId}/review`, adminApi, {
      decision: 'refused',
    });
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'review_reason_required']);
    const unknown = await api('POST', '/api/v1/admin/programs/prg_nope/review', adminApi, {
      decision: 'approved',
    });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'unknown_program']);
    const bad = await api('POST', `/api/v1/admin/programs/${programId}/review`, adminApi, {
      decision: 'maybe',
    });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'invalid_body']);
    expect(await stored()).toEqual(before);

    // The admin refuses it on the portal page (a CSRF-protected form).
    await adminPortal.get('/admin/program-reviews');
    const refused = await adminPortal.submit(`/admin/programs/${programId}/review`, {
      decision: 'refused',
      reason: 'Impersonates AliExpress: the name and advertiser are another advertiser’s brand',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.body).toContain('Program AliExpress Official is now refused.');
    expect(await listed()).toEqual({
      api: false,
      page: false,
      programPage: 404,
      terms: 404,
      applyForm: false,
    });
    const applied = await apply();
    expect(applied.statusCode).toBe(404);
    const clicked = await click();
    expect([clicked.statusCode, clicked.headers['set-cookie']]).toEqual([404, undefined]);
    expect((await pixel('IMP-3', await demoTduid())).statusCode).toBe(409);

    // The advertiser reads the reason in its API and its console.
    const own = (await api('GET', '/api/v1/advertiser/programs', attackerKey)).json() as {
      programs: { review: string; reason: string }[];
    };
    expect(own.programs[0]).toMatchObject({
      review: 'refused',
      reason: 'Impersonates AliExpress: the name and advertiser are another advertiser’s brand',
    });
    const console = client(t);
    await console.login('team@deals-shop.example', 'deals shop password 1');
    const overview = await console.get('/advertiser');
    expect(overview.body).toContain('Impersonates AliExpress');
    expect((await console.get(`/advertiser/terms/${programId}`)).body).toContain(
      'The network refused this program',
    );
    // The same decision again changes nothing; every change is audited.
    const again = await api('POST', `/api/v1/admin/programs/${programId}/review`, adminApi, {
      decision: 'refused',
      reason: 'Impersonates AliExpress: the name and advertiser are another advertiser’s brand',
    });
    expect(again.json()).toMatchObject({ review: 'refused', changed: false });
    const audit = await t.network.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'details'])
      .where('subject_id', '=', programId)
      .where('action', 'like', 'program.review%')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'program.review_refused',
        actor: expect.stringMatching(/^user:/),
      }),
    ]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      before: 'in_review',
      after: 'refused',
      brandMatches: expect.arrayContaining([expect.objectContaining({ brand: 'aliexpress' })]),
    });
    const after = await stored();
    expect(after.orders).toBe(before.orders);
    expect(after.memberships).toBe(before.memberships);
    expect(after.attributableClicks).toBe(0);
  });

  it('once approved, it is listed, takes applications, and its clicks and pixel track', async () => {
    const approved = await reviewProgram(t, adminApi, programId, 'approved');
    expect(approved).toMatchObject({ review: 'approved', reason: null, changed: true });
    expect(await listed()).toEqual({
      api: true,
      page: true,
      programPage: 200,
      terms: 200,
      applyForm: true,
    });
    const applied = await apply();
    expect(applied.statusCode, applied.body).toBe(201);
    const decided = await api(
      'POST',
      `/api/v1/advertiser/applications/${applied.json().id}/decision`,
      attacker,
      { decision: 'approve' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    await t.network.refreshIfChanged();
    const clicked = await click();
    expect(String(clicked.headers['set-cookie'])).toContain(`affnet_${programId}=`);
    const tduid = new URL(clicked.headers.location as string).searchParams.get('tduid')!;
    const reported = await pixel('OK-1', tduid);
    expect(reported.statusCode, reported.body).toBe(202);
    const order = await t.network.store.db
      .selectFrom('orders')
      .select(['site_id', 'attribution'])
      .where('order_number', '=', 'OK-1')
      .executeTakeFirstOrThrow();
    expect(order).toEqual({ site_id: t.demo.siteId, attribution: 'attributed' });
    expect((await signUp('second')).brandMatches).toEqual([
      expect.objectContaining({ brand: 'dealsshop', field: 'site name' }),
    ]);
  });

  it('sends an approved program back into review when its advertiser renames it into a brand', async () => {
    const renamed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programs/${programId}/terms`,
      headers: { authorization: `Bearer ${attackerKey}`, 'content-type': 'text/yaml' },
      payload: source
        .replace(/^name: .*$/m, 'name: Deals Shop')
        .replace(/^advertiser: .*$/m, 'advertiser: Deals Shop'),
    });
    expect(renamed.json()).toMatchObject({ changed: true, review: 'approved' });
    const impersonating = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programs/${programId}/terms`,
      headers: { authorization: `Bearer ${attackerKey}`, 'content-type': 'text/yaml' },
      payload: source.replace(/^name: .*$/m, 'name: Deals Shop — Taobao official'),
    });
    expect(impersonating.json()).toMatchObject({ changed: true, review: 'in_review' });
    expect(await listed()).toMatchObject({ api: false, page: false, applyForm: false });
    const clicked = await click();
    expect(clicked.headers['set-cookie']).toBeUndefined();
  });

  it('sends an approved program back into review when its description or claimed brands take another advertiser’s brand', async () => {
    const clean = source
      .replace(/^name: .*$/m, 'name: Deals Shop')
      .replace(/^advertiser: .*$/m, 'advertiser: Deals Shop');
    const put = (payload: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/programs/${programId}/terms`,
        headers: { authorization: `Bearer ${attackerKey}`, 'content-type': 'text/yaml' },
        payload,
      });
    expect((await put(clean)).statusCode).toBe(200);
    await reviewProgram(t, adminApi, programId, 'approved');
    // Names unchanged; the public description now claims to be the real AliExpress.
    const described = await put(
      clean.replace(
        /^ {2}en: >-\n(?: {4}.*\n)+/m,
        '  en: >-\n    AliExpress Official Store: the official AliExpress affiliate program.\n',
      ),
    );
    expect(described.json()).toMatchObject({ changed: true, review: 'in_review' });
    expect(await listed()).toMatchObject({ api: false, page: false, applyForm: false });
    const queue = await api('GET', '/api/v1/admin/program-reviews', adminApi);
    const entry = (
      queue.json() as { programs: { programId: string; brandMatches: { field: string }[] }[] }
    ).programs.find((program) => program.programId === programId)!;
    expect(entry.brandMatches).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'public text' })]),
    );

    await put(clean);
    await reviewProgram(t, adminApi, programId, 'approved');
    // Claiming the brand (so publishers' sign-ups are screened for it) is impersonation too.
    const claimed = await put(clean.replace(/^brands: .*$/m, 'brands: [dealsshop, aliexpress]'));
    expect(claimed.json()).toMatchObject({ changed: true, review: 'in_review' });
    expect(await listed()).toMatchObject({ api: false, page: false, applyForm: false });

    // The other public texts beside the names: a benefit, the accepted methods.
    for (const impersonation of [
      clean.replace(
        '    - Delivered tomorrow when ordered before 23:00',
        '    - Official AliExpress store - AliExpress Official partner',
      ),
      clean.replace(
        /^acceptedMethods:\n {2}nl: >-\n/m,
        'acceptedMethods:\n  nl: >-\n    AliExpress Official.\n',
      ),
    ]) {
      await put(clean);
      await reviewProgram(t, adminApi, programId, 'approved');
      const changed = await put(impersonation);
      expect(changed.json()).toMatchObject({ changed: true, review: 'in_review' });
      expect(await listed()).toMatchObject({ api: false, page: false, applyForm: false });
    }
  });
});
