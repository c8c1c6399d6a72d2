import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../support/stores.js';
import { SECRET, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { LANGUAGES } from '../../src/i18n/catalogue.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';
import { packageRoot } from '../../src/package-root.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * Issue 27, item 3: a program's pages speak of that program only. On a network that never heard
 * of AliExpress (no demo), an advertiser invited by the admin creates "Fietsplein" (rule prefix
 * FP) over the API; a publisher signs up, applies and earns; the advertiser reviews a flag and
 * records an enforcement action; the month ends with an invoice and a statement. Every page of
 * the publisher, the advertiser and the admin, in Dutch and English, then names no other
 * program: no AliExpress, Alibaba or Kabelkoning, and no rule id of theirs (AE-, KK-).
 */
describeEachEngine('a program’s pages speak of that program only', (context) => {
  const DAY = 86_400_000;
  const clock = { now: Date.UTC(2026, 9, 5, 12) };
  let network: Network;
  let app: FastifyInstance;
  let adminApi: string;
  let advertiserApi: string;
  let advertiserKey: string;
  let programId: string;
  let admin: ReturnType<typeof client>;
  let advertiser: ReturnType<typeof client>;
  let publisher: ReturnType<typeof client>;
  const orderIds: string[] = [];
  let statementId: string;

  const api = (method: string, url: string, token: string, payload?: object) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload }),
    });

  const session = async (email: string, password: string) =>
    (
      (
        await app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email, password } })
      ).json() as { token: string }
    ).token;

  const report = (orderNumber: string, clickId: string, placedAt: number) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/orders`,
      headers: { authorization: `Bearer ${advertiserKey}` },
      payload: {
        orderNumber,
        placedAt: new Date(placedAt).toISOString(),
        currency: 'EUR',
        status: 'completed',
        clickId,
        items: [
          { sku: 'FIETS-1', category: 'e-bikes', unitPrice: '1200.00', quantity: 1 },
          { sku: 'BEL-1', category: 'accessories', unitPrice: '12.50', quantity: 2 },
        ],
      },
    });

  const click = async (siteId: string, query = '') => {
    const answer = await app.inject({
      url: `/click?p=${programId}&a=${siteId}${query}`,
      remoteAddress: '198.51.100.77',
      headers: {
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
        'sec-fetch-dest': 'document',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-user': '?1',
      },
    });
    return new URL(answer.headers.location as string).searchParams.get('tduid')!;
  };

  beforeAll(async () => {
    const store = context().store;
    network = new Network(store, { secret: SECRET, maxBatch: 1000, node: 0, now: () => clock.now });
    await network.start(50);
    app = buildApp(network, { logLevel: 'silent', trustProxy: true });
    [admin, advertiser, publisher] = [client({ app }), client({ app }), client({ app })];

    // The network admin, in the portal and over the API, with the network's invoicing details.
    const first = (await ensureAdmin(store, clock.now))!;
    const adminPassword = await admin.loginAsFirstAdmin(first);
    adminApi = await session(first.email, adminPassword);
    const details = await api('PUT', '/api/v1/admin/settings/invoicing', adminApi, {
      legalName: 'Fietsnetwerk B.V.',
      street: 'Keizersgracht 100',
      postalCode: '1015 CV',
      city: 'Amsterdam',
      country: 'NL',
      vatNumber: 'NL000099998B57',
      cocNumber: '12345678',
    });
    expect(details.statusCode, details.body).toBe(200);

    // The advertiser: invited, sets a password, makes a key and creates its program.
    const invited = await api('POST', '/api/v1/admin/advertisers/invitations', adminApi, {
      email: 'partners@fietsplein.example',
      advertiser: 'Fietsplein B.V.',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', 'partners@fietsplein.example')
      .executeTakeFirstOrThrow();
    const reset = /password-reset\/([\w-]+)/.exec(mail.text_body)![1]!;
    await app.inject({
      method: 'POST',
      url: `/api/v1/password-reset/${reset}`,
      payload: { password: 'fietsplein password 1' },
    });
    advertiserApi = await session('partners@fietsplein.example', 'fietsplein password 1');
    advertiserKey = (
      (
        await api('POST', '/api/v1/advertiser/api-keys', advertiserApi, { name: 'winkel' })
      ).json() as {
        key: string;
      }
    ).key;
    await advertiser.login('partners@fietsplein.example', 'fietsplein password 1');
    const source = (await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8'))
      .replace(/^\s*#.*$/gm, '')
      .replace(/\s#.*$/gm, '')
      .replace(/KK/g, 'FP')
      .replace(/Kabelkoning/g, 'Fietsplein')
      .replace(/kabelkoning/g, 'fietsplein')
      .replace('Webshop team', 'Klantenservice');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/programs',
      headers: { authorization: `Bearer ${advertiserKey}`, 'content-type': 'text/yaml' },
      payload: source,
    });
    expect(created.statusCode, created.body).toBe(201);
    programId = (created.json() as { programId: string }).programId;
    const review = await api('POST', `/api/v1/admin/programs/${programId}/review`, adminApi, {
      decision: 'approved',
    });
    expect(review.statusCode, review.body).toBe(200);
    await network.refreshIfChanged();

    // The publisher signs up in the portal and applies with its site.
    await publisher.get('/signup?lang=nl');
    await publisher.submit('/signup', { email: 'jan@fietsfan.example' });
    const signedUp = await publisher.submit('/signup/details', {
      email: 'jan@fietsfan.example',
      siteUrl: 'https://fietsfan.example',
      siteName: 'Fietsfan',
      name: 'Jan',
      country: 'NL',
      promotionMethods: 'content_sites',
      password: 'fietsfan password 1',
    });
    expect(signedUp.statusCode, signedUp.body).toBe(200);
    const activation = await store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', 'jan@fietsfan.example')
      .executeTakeFirstOrThrow();
    const activate = /(\/activate\?[^\s]+)/.exec(activation.text_body)![1]!;
    await publisher.get(activate);
    await publisher.submit('/activate', {
      token: new URL(activate, 'http://x').searchParams.get('token')!,
    });
    await publisher.login('jan@fietsfan.example', 'fietsfan password 1');
    const user = (await repos(store).users.findByEmail('jan@fietsfan.example'))!;
    const site = (await repos(store).publishers.anySiteOf(user.publisher_id!))!;
    await publisher.get('/publisher/applications');
    await publisher.submit('/publisher/applications', {
      programId,
      siteId: site.id,
      promotionMethods: 'content_sites',
      acceptRules: 'yes',
    });
    const applications = (
      await api('GET', '/api/v1/advertiser/applications', advertiserApi)
    ).json() as {
      applications: { id: string }[];
    };
    const decided = await api(
      'POST',
      `/api/v1/advertiser/applications/${applications.applications[0]!.id}/decision`,
      advertiserApi,
      { decision: 'approve' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    await network.refreshIfChanged();

    // Orders: one plain, one a few seconds after its click (a flag the advertiser dismisses), one
    // from a paid-search click (held until its flag is reviewed).
    const plain = await click(site.id);
    clock.now += 60_000;
    expect((await report('FP-1001', plain, clock.now)).statusCode).toBe(201);
    const fast = await click(site.id);
    expect((await report('FP-1002', fast, clock.now + 2_000)).statusCode).toBe(201);
    const paid = await click(site.id, '&gclid=abc');
    expect((await report('FP-1003', paid, clock.now + 60_000)).statusCode).toBe(201);
    clock.now += 5 * 60_000;
    await network.scanner.scan(clock.now);
    const queue = (await api('GET', '/api/v1/advertiser/review-queue', advertiserApi)).json() as {
      publishers: { examples: { id: string; detector: string }[] }[];
    };
    const flags = queue.publishers.flatMap((entry) => entry.examples);
    expect(flags.map((flag) => flag.detector).sort()).toEqual(['fast_conversion', 'paid_search']);
    const paidFlag = flags.find((flag) => flag.detector === 'paid_search')!;
    const dismissed = await api(
      'POST',
      `/api/v1/advertiser/violations/${paidFlag.id}/review`,
      advertiserApi,
      { outcome: 'dismissed' },
    );
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/programs/${programId}/validations`,
      headers: { authorization: `Bearer ${advertiserKey}` },
      payload: {
        validations: ['FP-1001', 'FP-1003'].map((orderNumber) => ({
          orderNumber,
          decision: 'approve',
        })),
      },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ results: [{ ok: true }, { ok: true }] });
    const action = await api('POST', '/api/v1/advertiser/enforcement', advertiserApi, {
      programId,
      publisherId: user.publisher_id,
      kind: 'warning',
      rule: 'FP-P4',
      evidence: 'bestellingen seconden na hun klik',
    });
    expect(action.statusCode, action.body).toBe(201);

    // The month ends: the invoice is issued and paid, the statement made.
    clock.now = Date.UTC(2026, 10, 2, 9);
    // A month later every session has expired: everyone logs in again.
    adminApi = await session(first.email, adminPassword);
    advertiserApi = await session('partners@fietsplein.example', 'fietsplein password 1');
    await admin.login(first.email, adminPassword);
    await advertiser.login('partners@fietsplein.example', 'fietsplein password 1');
    await publisher.login('jan@fietsfan.example', 'fietsfan password 1');
    for (const [method, url] of [
      ['POST', '/api/v1/admin/invoices'],
      ['POST', '/api/v1/admin/statements'],
    ] as const) {
      if (url.endsWith('statements')) {
        const invoices = (await api('GET', '/api/v1/admin/invoices', adminApi)).json() as {
          invoices: { id: string }[];
        };
        for (const invoice of invoices.invoices)
          await api('POST', `/api/v1/admin/invoices/${invoice.id}/paid`, adminApi);
      }
      const made = await api(method, url, adminApi, { period: '2026-10' });
      expect(made.statusCode, made.body).toBe(201);
    }
    const statements = (
      await api(
        'GET',
        '/api/v1/publisher/statements',
        await session('jan@fietsfan.example', 'fietsfan password 1'),
      )
    ).json() as {
      statements: { id: string }[];
    };
    statementId = statements.statements[0]!.id;
    const transactions = await publisher.get('/publisher/transactions');
    for (const match of transactions.body.matchAll(/href="\/publisher\/transactions\/([\w-]+)"/g))
      orderIds.push(match[1]!);
    expect(orderIds).toHaveLength(3);
    clock.now += DAY;
  });
  afterAll(async () => {
    await app?.close();
    await network?.close();
  });

  /** Every page of each role's navigation (as the browser tests' accessibility walk). */
  const PAGES_OF_ROLE = {
    publisher: [
      '/publisher',
      '/publisher/sites',
      '/publisher/applications',
      '/publisher/links',
      '/publisher/promotions',
      '/publisher/transactions',
      '/publisher/statements',
      '/publisher/invoicing',
      '/publisher/compliance',
      '/account',
    ],
    advertiser: [
      '/advertiser',
      '/advertiser/applications',
      '/advertiser/transactions',
      '/advertiser/ads',
      '/advertiser/compliance',
      '/advertiser/keys',
      '/advertiser/programs/new',
      '/account',
    ],
    admin: [
      '/admin',
      '/admin/money',
      '/admin/advertisers',
      '/admin/program-reviews',
      '/admin/network-fees',
      '/admin/publishers',
      '/admin/outbox',
      '/admin/audit',
      '/account',
    ],
  };

  // Other programs' names and rule ids, and AliExpress's working-day calendar (Hong Kong).
  const OTHERS = [
    /AE-[A-Z]{1,2}\d/,
    /KK-[A-Z]{1,2}\d/,
    /AliExpress/i,
    /Alibaba/i,
    /Kabelkoning/i,
    /\bHKT\b/,
  ];

  /** The words of each page that name another program, by page. */
  async function otherPrograms(browser: ReturnType<typeof client>, pages: string[]) {
    const found: string[] = [];
    for (const lang of ['nl', 'en'])
      for (const path of pages) {
        const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
        const page = await browser.get(url);
        expect(page.statusCode, url).toBe(200);
        const text = page.body.replace(/<(script|style)[\s\S]*?<\/\1>/g, '');
        for (const pattern of OTHERS) {
          const hit = pattern.exec(text);
          if (hit !== null)
            found.push(`${url}: …${text.slice(Math.max(0, hit.index - 60), hit.index + 40)}…`);
        }
      }
    return found;
  }

  /** A page's words as a reader sees them: no markup, code, ids or text typed into a field. */
  const visibleWords = (body: string) =>
    body
      .replace(/<(script|style|textarea|pre|code|title)[\s\S]*?<\/\1>/g, ' ')
      // Words marked as English (the language switch, the trade's banner names), the reader's
      // own name, and mails as sent in their reader's language (the outbox).
      .replace(/<(\w+)[^>]*\slang="en"[^>]*>[\s\S]*?<\/\1\s*>/g, ' ')
      .replace(/<a class="who"[\s\S]*?<\/a\s*>/g, ' ')
      .replace(/<details class="card">[\s\S]*?<\/details>/g, ' ')
      .replace(/\S+@\S+/g, ' ')
      .replace(/<(td|span|div|p)[^>]*class="[^"]*mono[^"]*"[^>]*>[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[#\w]+;/g, ' ');

  /** Words of the English catalogue that no Dutch message uses. */
  const ENGLISH_ONLY = (() => {
    const words = (texts: readonly string[]) =>
      new Set(texts.flatMap((text) => text.toLowerCase().match(/[a-z]{3,}/g) ?? []));
    const dutch = words(Object.values(LANGUAGES.nl));
    return new Set([...words(Object.values(LANGUAGES.en))].filter((word) => !dutch.has(word)));
  })();

  it('speaks Dutch on every Dutch page: no English left', async () => {
    const found: string[] = [];
    for (const [browser, pages] of [
      [
        publisher,
        [
          ...PAGES_OF_ROLE.publisher,
          ...orderIds.map((id) => `/publisher/transactions/${id}`),
          `/publisher/statements/${statementId}`,
          '/programs',
          '/programs/fietsplein',
        ],
      ],
      [
        advertiser,
        [
          ...PAGES_OF_ROLE.advertiser,
          `/advertiser/terms/${programId}`,
          `/advertiser/tracking/${programId}`,
          `/advertiser/promotions/${programId}`,
        ],
      ],
      [admin, PAGES_OF_ROLE.admin],
    ] as const)
      for (const path of pages) {
        const page = await browser.get(`${path}?lang=nl`);
        const text = visibleWords(page.body).replace(/\s+/g, ' ');
        const english = [...text.matchAll(/[A-Za-z]{3,}/g)]
          .filter((match) => ENGLISH_ONLY.has(match[0].toLowerCase()))
          .map((match) => text.slice(Math.max(0, match.index - 25), match.index + 25));
        if (english.length > 0) found.push(`${path}: ${[...new Set(english)].join(' | ')}`);
      }
    expect(found).toEqual([]);
  });

  it('on every publisher page', async () => {
    expect(
      await otherPrograms(publisher, [
        ...PAGES_OF_ROLE.publisher,
        '/programs',
        '/programs/fietsplein',
        ...orderIds.map((id) => `/publisher/transactions/${id}`),
        `/publisher/statements/${statementId}`,
      ]),
    ).toEqual([]);
  });

  it('on every advertiser page', async () => {
    expect(
      await otherPrograms(advertiser, [
        ...PAGES_OF_ROLE.advertiser,
        `/advertiser/terms/${programId}`,
        `/advertiser/tracking/${programId}`,
      ]),
    ).toEqual([]);
  });

  it('on every admin page', async () => {
    expect(await otherPrograms(admin, [...PAGES_OF_ROLE.admin])).toEqual([]);
  });

  it('cites the commission rule on a statement line, not the hold a dismissed flag lifted', async () => {
    const page = await publisher.get(`/publisher/statements/${statementId}?lang=en`);
    const rules = [...page.body.matchAll(/<td><code>([^<]*)<\/code><\/td>/g)].map((m) => m[1]);
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules)).toEqual(new Set(['FP-C1']));
  });
});

/** And the other way round: AliExpress's advertiser, beside Kabelkoning in the demo, sees its own. */
describeEachEngine('AliExpress’s console names no other program', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('on every advertiser page', async () => {
    const browser = client(t);
    await browser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const found: string[] = [];
    for (const lang of ['nl', 'en'])
      for (const path of [
        '/advertiser',
        '/advertiser/applications',
        '/advertiser/transactions',
        '/advertiser/compliance',
        '/advertiser/keys',
        `/advertiser/terms/${t.demo.programId}`,
      ]) {
        const page = await browser.get(`${path}?lang=${lang}`);
        expect(page.statusCode, path).toBe(200);
        for (const pattern of [/KK-[A-Z]{1,2}\d/, /Kabelkoning/i])
          if (pattern.test(page.body)) found.push(`${path}?lang=${lang}: ${pattern}`);
      }
    expect(found).toEqual([]);
  });
});
