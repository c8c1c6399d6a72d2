import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  adminToken,
  reviewProgram,
  sessionToken,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { packageRoot } from '../../src/package-root.js';
import { parseProgramTermsOrThrow } from '../../src/programs/load-program-terms.js';
import { compileTermsOrThrow } from '../../src/domain/terms/compile-terms.js';
import { priceOrder } from '../../src/domain/engine/price-order.js';
import { parseOrderOrThrow } from '../../src/domain/orders/parse-order.js';
import { isoDateOfDayNumber, utcDayNumber } from '../../src/domain/dates.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { repos } from '../../src/storage/repositories/repos.js';

const DAY_MS = 86_400_000;

/**
 * Issue 14's done-when, on both engines: an invited advertiser creates a program from terms,
 * publishers find and join it, a rate change is simulated on the recorded orders and published
 * effective tomorrow, and each order is priced by the version in force when it was placed.
 */
describeEachEngine('programs as a product, end to end', (context) => {
  let t: TestNetwork;
  let source: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    // A bicycle shop's terms, written from the bundled Dutch webshop example.
    source = (await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8'))
      .replace(/^id: kabelkoning$/m, 'id: fietsplein')
      .replace(/^name: Kabelkoning$/m, 'name: Fietsplein')
      .replace(/^advertiser: .*$/m, 'advertiser: Fietsplein B.V.')
      .replace(/^landingUrl: .*$/m, 'landingUrl: https://www.fietsplein.example/')
      .replace(/^categories: .*$/m, 'categories: [bicycles, sports]')
      .replace(/domains: \[kabelkoning\.example\]/, 'domains: [fietsplein.example]')
      .replace(/^brands: .*$/m, 'brands: [fietsplein]');
  });
  afterAll(async () => {
    await t.app.close();
  });

  const inject = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    token: string,
    payload?: unknown,
    type?: string,
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(type === undefined ? {} : { 'content-type': type }),
      },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  const session = (email: string, password: string) => sessionToken(t, email, password);
  const order = (programId: string, token: string, number: string, tduid: string) =>
    inject('POST', `/api/v1/programs/${programId}/orders`, token, {
      orderNumber: number,
      placedAt: new Date(t.clock.now + 1000).toISOString(),
      currency: 'EUR',
      status: 'pending',
      clickId: tduid,
      items: [
        { sku: 'E-BIKE', category: 'bicycles', unitPrice: '1499.00', quantity: 1 },
        { sku: 'LAPTOP', category: 'laptops', unitPrice: '500.00', quantity: 1 },
      ],
    });

  it('invite → create → find → apply → click → simulate → publish for tomorrow → priced by the version in force', async () => {
    // 1. The network admin invites the advertiser, who sets a password from the mail and logs in.
    const admin = await adminToken(t);
    const invited = await inject('POST', '/api/v1/admin/advertisers/invitations', admin, {
      email: 'partners@fietsplein.example',
      advertiser: 'Fietsplein B.V.',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await t.network.store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', 'partners@fietsplein.example')
      .executeTakeFirstOrThrow();
    const resetToken = /password-reset\/([\w-]+)/.exec(mail.text_body)![1]!;
    const chosen = await t.app.inject({
      method: 'POST',
      url: `/api/v1/password-reset/${resetToken}`,
      payload: { password: 'fietsplein password 1' },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    let advertiser = await session('partners@fietsplein.example', 'fietsplein password 1');

    // 2. It creates its program from terms; a broken file is refused with its line.
    const broken = await inject(
      'POST',
      '/api/v1/programs',
      advertiser,
      source.replace("rate: '0.06'", "rate: '6'"),
      'text/yaml',
    );
    expect(broken.statusCode).toBe(400);
    const brokenLine = source.split('\n').findIndex((line) => line.includes("rate: '0.06'")) + 1;
    expect(broken.json().message).toContain(
      `line ${brokenLine}: versions[0].commission.groups[1].rate`,
    );
    const created = await inject('POST', '/api/v1/programs', advertiser, source, 'text/yaml');
    expect(created.statusCode, created.body).toBe(201);
    const { programId } = created.json() as { programId: string };
    // Nobody can take the id (or the bundled programs' ids) again.
    const taken = await inject('POST', '/api/v1/programs', advertiser, source, 'text/yaml');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('program_exists');
    // The network reviews a new program before publishers can find it (docs/compliance.md).
    expect(created.json().review).toBe('in_review');
    await reviewProgram(t, admin, programId, 'approved');

    // 3. A publisher finds it in the directory (search, category, country, lead type) and applies.
    const publisher = await session(t.demo.publisher.email, t.demo.publisher.password);
    const directory = await inject(
      'GET',
      '/api/v1/programs?q=fiets&category=bicycles&country=BE&type=lead&sort=epc',
      publisher,
    );
    expect(directory.statusCode, directory.body).toBe(200);
    expect(directory.json().programs).toEqual([
      expect.objectContaining({
        id: programId,
        slug: 'fietsplein',
        commissionTypes: ['sale', 'lead'],
        saleRates: ['0.03', '0.06'],
        leadFees: ['1.50'],
        epc: null,
      }),
    ]);
    const page = await t.app.inject({ url: '/programs?q=fiets' });
    expect(page.body).toContain('href="/programs/fietsplein"');
    expect(page.body).not.toContain('href="/programs/aliexpress"');
    const applied = await inject('POST', '/api/v1/publisher/applications', publisher, {
      programId,
      siteId: t.demo.siteId,
      promotionMethods: ['content_sites'],
      acceptRules: true,
    });
    expect(applied.statusCode, applied.body).toBe(201);

    // 4. The advertiser approves; the publisher's link clicks through to the shop.
    const applications = await inject('GET', '/api/v1/advertiser/applications', advertiser);
    const application = (
      applications.json() as { applications: { id: string; siteId: string }[] }
    ).applications.find((candidate) => candidate.siteId === t.demo.siteId)!;
    const decided = await inject(
      'POST',
      `/api/v1/advertiser/applications/${application.id}/decision`,
      advertiser,
      { decision: 'approve' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    await t.network.refreshIfChanged();
    const click = async (deeplink = '') => {
      const answer = await t.app.inject({
        url: `/click?p=${programId}&a=${t.demo.siteId}${deeplink}`,
      });
      expect(answer.statusCode, answer.body).toBe(302);
      return answer;
    };
    const first = await click('&url=https%3A%2F%2Fshop.fietsplein.example%2Fe-bikes');
    const firstTarget = new URL(first.headers.location as string);
    expect(firstTarget.host).toBe('shop.fietsplein.example'); // a deeplink on its own domain
    expect(first.headers['set-cookie']).toContain(`Max-Age=${30 * 86_400}`); // 30-day cookie
    const elsewhere = await click('&url=https%3A%2F%2Fevil.example%2F');
    expect(new URL(elsewhere.headers.location as string).host).toBe('www.fietsplein.example');

    // 5. Two orders today: priced by the first version (bicycles 6%, laptops 3%).
    const tduid = firstTarget.searchParams.get('tduid')!;
    const recorded = [];
    for (const number of ['FP-1', 'FP-2']) {
      const answer = await order(programId, advertiser, number, tduid);
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json().quote).toMatchObject({ termsVersion: '2026-01', total: '104.94' });
      recorded.push(answer.json());
    }

    // 6. The advertiser raises bicycles to 8% from tomorrow and simulates it on those orders.
    const tomorrow = isoDateOfDayNumber(utcDayNumber(t.clock.now) + 1);
    const draft = `${source.trimEnd()}\n  - id: '${tomorrow}'\n    effectiveFrom: '${tomorrow}'\n    orderCurrencies: [EUR]\n    commission:\n      groups:\n        - { id: computers, name: Laptops en computers, rate: '0.03', rule: KK-C1, match: { categories: [laptops, desktops, tablets] } }\n        - { id: electronics, name: Fietsen en overige, rate: '0.08', rule: KK-C1 }\n    exclusions:\n      categories: [gift-cards, extended-warranty]\n`;
    const today = isoDateOfDayNumber(utcDayNumber(t.clock.now));
    const simulated = await inject('POST', `/api/v1/programs/${programId}/simulation`, advertiser, {
      terms: draft,
      from: today,
      to: today,
    });
    expect(simulated.statusCode, simulated.body).toBe(200);
    // The difference is what pricing each recorded order under both versions gives.
    const noRates = parseEcbCsv('Date,USD\n');
    const currentTerms = compileTermsOrThrow(parse(source), 'current');
    const draftTerms = compileTermsOrThrow(parse(draft), 'draft');
    let expectedMinor = 0;
    for (const number of ['FP-1', 'FP-2']) {
      const document = {
        orderNumber: number,
        placedAt: new Date(t.clock.now + 1000).toISOString(),
        currency: 'EUR',
        status: 'pending' as const,
        items: [
          { sku: 'E-BIKE', category: 'bicycles', unitPrice: '1499.00', quantity: 1 },
          { sku: 'LAPTOP', category: 'laptops', unitPrice: '500.00', quantity: 1 },
        ],
      };
      const now = priceOrder(currentTerms, parseOrderOrThrow(document), noRates);
      const later = priceOrder(
        draftTerms,
        parseOrderOrThrow({ ...document, placedAt: `${tomorrow}T12:00:00Z` }),
        noRates,
      );
      expect(later.termsVersion).toBe(tomorrow);
      expectedMinor += Math.round(Number(later.total) * 100) - Math.round(Number(now.total) * 100);
    }
    expect(simulated.json()).toMatchObject({
      orders: 2,
      lines: 4,
      current: { total: '209.88' },
      draft: { total: '269.84' },
      difference: (expectedMinor / 100).toFixed(2),
    });
    expect(simulated.json().difference).toBe('59.96');

    // 7. It publishes: the page still shows today's rate; an order today keeps the old one.
    const published = await inject(
      'PUT',
      `/api/v1/programs/${programId}/terms`,
      advertiser,
      draft,
      'text/yaml',
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().changed).toBe(true);
    const todayOrder = await order(programId, advertiser, 'FP-3', tduid);
    expect(todayOrder.json().quote).toMatchObject({ termsVersion: '2026-01', total: '104.94' });
    expect((await t.app.inject({ url: '/programs/fietsplein' })).body).toContain('6%');

    // 8. Two days later a new click and order: priced by the new version, shown on the page.
    t.clock.now += 2 * DAY_MS;
    const later = new URL((await click()).headers.location as string).searchParams.get('tduid')!;
    const fp4PlacedAt = t.clock.now + 1000;
    const laterOrder = await order(programId, advertiser, 'FP-4', later);
    expect(laterOrder.statusCode, laterOrder.body).toBe(201);
    expect(laterOrder.json().quote).toMatchObject({ termsVersion: tomorrow, total: '134.92' });
    expect(laterOrder.json().attribution).toMatchObject({ status: 'attributed' });
    expect((await t.app.inject({ url: '/programs/fietsplein' })).body).toContain('8%');
    // The earlier orders keep their price: a change never rewrites what was already earned.
    type Row = { orderNumber: string; amount: string; status: string; validationDueAt: string };
    const rows = async () => {
      const answer = await inject('GET', `/api/v1/programs/${programId}/transactions`, advertiser);
      expect(answer.statusCode, answer.body).toBe(200);
      return (answer.json() as { transactions: Row[] }).transactions;
    };
    const amounts = Object.fromEntries((await rows()).map((row) => [row.orderNumber, row.amount]));
    expect(amounts).toEqual({
      'FP-1': '104.94',
      'FP-2': '104.94',
      'FP-3': '104.94',
      'FP-4': '134.92',
    });

    // 9. Validated within 30 days: what is still pending then is approved automatically.
    const fp4 = (await rows()).find((row) => row.orderNumber === 'FP-4')!;
    expect(Date.parse(fp4.validationDueAt)).toBe(fp4PlacedAt + 30 * DAY_MS);
    t.clock.now += 27 * DAY_MS; // day 29 after FP-1..3, day 27 after FP-4: nothing decided yet
    advertiser = await session('partners@fietsplein.example', 'fietsplein password 1');
    await t.network.applyValidationDeadlines();
    expect((await rows()).every((row) => row.status === 'pending')).toBe(true);
    t.clock.now += 2 * DAY_MS; // past FP-1..3's deadline, not FP-4's
    await t.network.applyValidationDeadlines();
    const statuses = Object.fromEntries((await rows()).map((row) => [row.orderNumber, row.status]));
    expect(statuses).toEqual({
      'FP-1': 'approved',
      'FP-2': 'approved',
      'FP-3': 'approved',
      'FP-4': 'pending',
    });
  }, 60_000);

  it('never lets a rival advertiser take over a program, even racing its creation', async () => {
    const db = t.network.store.db;
    const programs = repos(db).programs;
    const before = await programs.findBySlug('aliexpress');
    const termsBefore = await db
      .selectFrom('program_terms')
      .select('id')
      .where('program_id', '=', before!.id)
      .execute();
    const aliexpressSource = await readFile(
      join(packageRoot(), 'programs', 'aliexpress.yaml'),
      'utf8',
    );
    const rigged = aliexpressSource.replace("rate: '0.07'", "rate: '0.5'");
    // Over the API, with another advertiser's key: the id is taken.
    const rival = t.demo.programs.find((program) => program.slug === 'kabelkoning')!;
    const answer = await inject(
      'POST',
      '/api/v1/programs',
      rival.advertiserApiKey,
      rigged,
      'text/yaml',
    );
    expect([answer.statusCode, answer.json().code]).toEqual([409, 'program_exists']);
    // Losing the race after the check: the store refuses to write into the other's program.
    await expect(
      programs.upsertFromTerms(
        parseProgramTermsOrThrow(rigged, 'rigged'),
        rigged,
        (await programs.findBySlug('kabelkoning'))!.advertiser_id,
        t.clock.now,
        'rival',
        { creating: true },
      ),
    ).rejects.toMatchObject({ code: 'program_exists' });
    expect(await programs.findBySlug('aliexpress')).toEqual(before);
    expect(
      await db
        .selectFrom('program_terms')
        .select('id')
        .where('program_id', '=', before!.id)
        .execute(),
    ).toEqual(termsBefore);
  });
});
