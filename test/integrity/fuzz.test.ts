import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * Fuzzing the doors an attacker reaches (the click link, the anonymous pixel, the order API,
 * the portal's forms) with hostile input: never a 5xx, every refusal a {code, message}, a
 * refusal never changes anything stored, and the ledger stays balanced.
 */
describeEachEngine('fuzzing the money path', (context) => {
  let t: TestNetwork;
  let tduid: string;
  const RUNS = 150;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    tduid = await demoClick(t);
    expect(
      (await demoOrder(t, { orderNumber: 'KEEP-1', clickId: tduid, status: 'pending' })).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** What a refused request must leave as it was. */
  const fingerprint = async () => {
    const db = t.network.store.db;
    const [orders, commissions, ledger, keep] = await Promise.all([
      db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('commissions')
        .select([
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.sum<number>('amount_minor').as('sum'),
        ])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('orders')
        .select(['document', 'quote', 'site_id', 'revision'])
        .where('order_number', '=', 'KEEP-1')
        .executeTakeFirstOrThrow(),
    ]);
    return JSON.stringify([orders, commissions, ledger, keep]);
  };

  /** Runs a request; checks no 5xx and, for a refusal, {code, message} and nothing changed. */
  const probe = async (
    send: () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
    json = true,
  ) => {
    const before = await fingerprint();
    const response = await send();
    expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
    if (response.statusCode >= 400) {
      if (json) {
        const body = JSON.parse(response.body) as { code?: unknown; message?: unknown };
        expect(typeof body.code, response.body).toBe('string');
        expect(typeof body.message, response.body).toBe('string');
      }
      expect(await fingerprint()).toBe(before);
    }
    return response;
  };

  const hostile = () =>
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom(
        '',
        'null',
        'undefined',
        '%',
        '%00',
        '../../etc/passwd',
        '<script>alert(1)</script>',
        "' OR 1=1 --",
        '1e309',
        '-0.01',
        'NaN',
        '4000.00',
        '33.333',
        'a'.repeat(300),
        'KEEP-1',
        'USD',
        'EUR',
        'javascript:alert(1)',
        'https://evil.example/',
      ),
    );
  const idOr = (valid: () => string) =>
    fc
      .oneof(fc.constant(undefined), fc.constant('valid'), hostile())
      .map((value) => (value === 'valid' ? valid() : value));
  const query = (fields: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      if (value !== undefined) params.append(name, value);
    return params.toString();
  };

  it('GET /click', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          p: idOr(() => t.demo.programId),
          a: idOr(() => t.demo.siteId),
          g: idOr(() => t.demo.adId),
          epi: idOr(() => 'sub-1'),
          url: idOr(() => 'https://www.aliexpress.com/item/1.html'),
          m: idOr(() => 'mailing'),
          gclid: fc.option(hostile(), { nil: undefined }),
        }),
        async (fields) => {
          const response = await probe(() =>
            t.app.inject({
              url: `/click?${query(fields)}`,
              headers: { accept: 'application/json' },
            }),
          );
          if (response.statusCode === 302) {
            const location = new URL(response.headers.location as string);
            // Never an open redirect: AliExpress allows no deeplinks (AE-T4).
            expect(location.hostname).toMatch(/(^|\.)aliexpress\.com$/);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('GET /report (the anonymous pixel)', async () => {
    const reportInfo = fc
      .array(
        fc
          .record({
            f1: hostile(),
            f2: hostile(),
            f3: fc.oneof(hostile(), fc.constantFrom('10.00', '0', '99999999999')),
            f4: fc.oneof(hostile(), fc.constantFrom('1', '2', '0', '-1', '2.0')),
            f5: fc.option(hostile(), { nil: undefined }),
            f7: fc.option(hostile(), { nil: undefined }),
          })
          .map((line) => query(line)),
        { maxLength: 4 },
      )
      .map((lines) => lines.join('|'));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          organization: idOr(() => t.demo.programId),
          orderNumber: fc.oneof(hostile(), fc.constant('KEEP-1')),
          orderValue: fc.option(hostile(), { nil: undefined }),
          currency: fc.option(fc.oneof(hostile(), fc.constant('USD')), { nil: undefined }),
          tduid: idOr(() => tduid),
          voucher: fc.option(hostile(), { nil: undefined }),
          reportInfo: fc.option(reportInfo, { nil: undefined }),
        }),
        async (fields) => {
          await probe(() =>
            t.app.inject({
              url: `/report?${query(fields)}`,
              headers: { accept: 'application/json' },
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('POST and PATCH the order API', async () => {
    const item = fc.record(
      {
        sku: hostile(),
        category: hostile(),
        unitPrice: fc.oneof(hostile(), fc.constant('10.00'), fc.jsonValue()),
        quantity: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
        discount: fc.oneof(hostile(), fc.jsonValue()),
        sellerCountry: fc.oneof(hostile(), fc.constant('CN')),
        store: fc.oneof(hostile(), fc.constant('aliexpress')),
        status: hostile(),
      },
      { requiredKeys: [] },
    );
    const document = fc.record(
      {
        orderNumber: fc.oneof(hostile(), fc.constant('KEEP-1')),
        placedAt: fc.oneof(
          hostile(),
          fc.constantFrom('2026-10-05T12:00:01Z', '9999-12-31T00:00:00Z', '2026-02-30T00:00:00Z'),
        ),
        currency: fc.oneof(hostile(), fc.constant('USD')),
        status: fc.oneof(hostile(), fc.constant('completed')),
        clickId: fc.oneof(hostile(), fc.constant(tduid), fc.constant(`${tduid}=`)),
        fraud: fc.jsonValue(),
        vouchers: fc.jsonValue(),
        buyer: fc.jsonValue(),
        items: fc.oneof(fc.array(item, { maxLength: 3 }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const auth = () => ({ authorization: `Bearer ${t.demo.advertiserApiKey}` });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(document, fc.jsonValue(), fc.string()),
        fc.oneof(fc.jsonValue(), fc.record({ status: hostile() }), fc.string()),
        async (body, change) => {
          const created = await probe(() =>
            t.app.inject({
              method: 'POST',
              url: `/api/v1/programs/${t.demo.programId}/orders`,
              headers: { ...auth(), 'content-type': 'application/json' },
              payload: typeof body === 'string' ? body : JSON.stringify(body),
            }),
          );
          if (created.statusCode < 400) return;
          await probe(() =>
            t.app.inject({
              method: 'PATCH',
              url: `/api/v1/programs/${t.demo.programId}/orders/KEEP-1`,
              headers: { ...auth(), 'content-type': 'application/json' },
              payload: typeof change === 'string' ? change : JSON.stringify(change),
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the portal forms', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/publisher/sites');
    const forms = [
      '/publisher/sites',
      '/publisher/applications',
      '/publisher/mailings',
      '/signup',
      '/signup/details',
      '/password-reset',
      '/activate',
      '/account/password',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.dictionary(
          fc.constantFrom(
            'name',
            'url',
            'email',
            'password',
            'currentPassword',
            'programId',
            'siteId',
            'promotionMethods',
            'acceptRules',
            'subject',
            'html',
            'token',
            'siteUrl',
            'country',
            'plannedSendAt',
          ),
          hostile(),
        ),
        async (url, fields) => {
          await probe(() => publisher.post(url, fields) as ReturnType<typeof t.app.inject>, false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('leaves the ledger balanced and every statement adding up', async () => {
    const result = await repos(t.network.store).ledger.verify();
    expect(result.mismatches).toEqual([]);
    expect(result.orphanEntries).toBe(0);
    expect(result.statementMismatches).toEqual([]);
  });
});
