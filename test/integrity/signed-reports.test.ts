import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { v04Checksum, v05Checksum } from '../support/checksum.js';
import { addSite, sessionToken, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * NET-R6 (docs/tracking.md, "Full checksum"): Tradedoubler's v04 checksum proves the order number
 * and value only, so the lines, currency and event of a pixel report stay open to whoever replays
 * it. Each attack below (F1–F5, found by an outside attacker with the docs and a running server)
 * is sent as the attacker sent it, and nothing payable results: no validation deadline approves a
 * pixel order unless a v05 full checksum signed every field that priced it, and a signed report
 * supersedes the undecided order a weaker (unsigned, failed or v04) report stored first. The
 * honest flows still pay at the deadline: a v05-signed pixel order, an order the advertiser
 * reported with its API key.
 */
const enc = encodeURIComponent;
const DAY = 86_400_000;
const SECRET = 's3cr3t-kk';
const v04 = (number: string, value = '') => v04Checksum(SECRET, number, value);
const v05 = (fields: Record<string, string>) => v05Checksum(SECRET, fields);

describeEachEngine(
  'NET-R6: only fully signed pixel orders are approved at a deadline',
  (context) => {
    let t: TestNetwork;
    let kk: string;
    let kkKey: string;
    let ae: string;
    let aeKey: string;
    let login: { email: string; password: string };
    beforeAll(async () => {
      t = await startTestNetwork(context().store);
      const kabelkoning = t.demo.programs.find((p) => p.slug === 'kabelkoning')!;
      kk = kabelkoning.programId;
      kkKey = kabelkoning.advertiserApiKey;
      login = kabelkoning.advertiser;
      const aliexpress = t.demo.programs.find((p) => p.slug === 'aliexpress')!;
      ae = aliexpress.programId;
      aeKey = aliexpress.advertiserApiKey;
    });
    afterAll(async () => {
      await t.app.close();
    });

    const click = async (program: string, siteId = t.demo.siteId) => {
      const response = await t.app.inject({
        url: `/click?p=${program}&a=${siteId}`,
        headers: {
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0',
          'sec-fetch-dest': 'document',
          'sec-fetch-mode': 'navigate',
          'sec-fetch-user': '?1',
        },
      });
      expect(response.statusCode, response.body).toBe(302);
      return new URL(response.headers.location as string).searchParams.get('tduid')!;
    };
    const pixel = (program: string, query: string) =>
      t.app.inject({
        url: `/report?organization=${program}&${query}`,
        headers: { accept: 'application/json' },
      });
    const api = (
      program: string,
      key: string,
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      payload?: unknown,
    ) =>
      t.app.inject({
        method,
        url: `/api/v1/programs/${program}${path}`,
        headers: { authorization: `Bearer ${key}` },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const order = (program: string, orderNumber: string) =>
      repos(t.network.store).orders.find(program, orderNumber);
    const commissionsOf = async (program: string, orderNumber: string) => {
      const stored = await order(program, orderNumber);
      return stored === undefined ? [] : repos(t.network.store).commissions.ofOrder(stored.id);
    };
    /** The commissions of an order that are or may become payable without the advertiser. */
    const payable = async (program: string, orderNumber: string) =>
      (await commissionsOf(program, orderNumber)).filter(
        (c) => c.status === 'approved' || c.status === 'paid',
      );
    const transaction = async (orderNumber: string) => {
      const rows = (
        (await api(kk, kkKey, 'GET', '/transactions')).json() as {
          transactions: { orderNumber: string }[];
        }
      ).transactions;
      return rows.find((row) => row.orderNumber === orderNumber);
    };
    const pastDeadline = async () => {
      t.clock.now += 31 * DAY;
      await t.network.applyValidationDeadlines();
    };
    const ledgerClean = async () => {
      const result = await repos(t.network.store).ledger.verify();
      expect(result.mismatches).toEqual([]);
    };
    const setSecret = async () => {
      const token = await sessionToken(t, login.email, login.password);
      const set = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/advertiser/programs/${kk}/checksum-secret`,
        headers: { authorization: `Bearer ${token}` },
        payload: { secret: SECRET },
      });
      expect(set.statusCode, set.body).toBe(200);
      await t.network.refreshIfChanged();
    };

    it('F5. an unsigned sale pixel is priced but never approved at the deadline; an API order is', async () => {
      // Every program starts without a checksum secret.
      const td = await click(kk);
      const attack = await pixel(
        kk,
        `event=1&orderNumber=F5-1&orderValue=250000.00&currency=EUR&tduid=${td}`,
      );
      expect(attack.statusCode, attack.body).toBe(202);
      expect(await commissionsOf(kk, 'F5-1')).toMatchObject([
        { status: 'pending', amount_minor: 1_500_000 },
      ]);
      const honest = await api(kk, kkKey, 'POST', '/orders', {
        orderNumber: 'F5-API',
        placedAt: new Date(t.clock.now).toISOString(),
        currency: 'EUR',
        status: 'pending',
        event: '1',
        clickId: await click(kk),
        items: [{ sku: 'L', category: 'laptops', unitPrice: '1000.00', quantity: 1 }],
      });
      expect(honest.statusCode, honest.body).toBe(201);
      // The advertiser sees why it waits (API and portal, English and Dutch).
      expect(await transaction('F5-1')).toMatchObject({
        reportedBy: 'pixel',
        reportFlags: ['unsigned_fields'],
      });
      expect(await transaction('F5-API')).toMatchObject({ reportedBy: 'api', reportFlags: [] });
      const portal = client(t);
      await portal.login(login.email, login.password);
      expect((await portal.get('/advertiser/transactions?lang=en')).body).toContain(
        'without a v05 full checksum: the deadline does not approve it',
      );
      expect((await portal.get('/advertiser/transactions?lang=nl')).body).toContain(
        'zonder volledige v05-controlesom: de uiterste datum keurt haar niet goed',
      );

      await pastDeadline();
      expect(await commissionsOf(kk, 'F5-1')).toMatchObject([
        { status: 'pending', decided_by: null, amount_minor: 1_500_000 },
      ]);
      expect(await commissionsOf(kk, 'F5-API')).toMatchObject([
        { status: 'approved', amount_minor: 3000 },
      ]);
      // The advertiser decides it: here, declines it.
      const decline = await api(kk, kkKey, 'POST', '/validations', {
        validations: [{ orderNumber: 'F5-1', decision: 'decline', reason: 'fraud' }],
      });
      expect(decline.json()).toMatchObject({ summary: { ok: 1 } });
      expect(await payable(kk, 'F5-1')).toEqual([]);
      await ledgerClean();
    });

    it('F4. pre-claimed order numbers: the rival is never paid, the signed report takes the order', async () => {
      // AliExpress (no secret): an anonymous pre-claim blocks the buyer's pixel, earns nothing,
      // and the advertiser's completion report (AE-Q1) credits the right click.
      const claim = await pixel(ae, 'orderNumber=AE-5001&orderValue=0.01&currency=USD');
      expect(claim.statusCode, claim.body).toBe(202);
      const buyer = await click(ae);
      const real = await pixel(
        ae,
        `orderNumber=AE-5001&orderValue=250.00&currency=USD&tduid=${buyer}`,
      );
      expect(real.statusCode).toBe(409);
      expect(real.json()).toMatchObject({ code: 'report_refused' });
      expect(await commissionsOf(ae, 'AE-5001')).toEqual([]);
      const completed = await api(ae, aeKey, 'POST', '/orders', {
        orderNumber: 'AE-5001',
        placedAt: new Date(t.clock.now - 1000).toISOString(),
        currency: 'USD',
        status: 'completed',
        clickId: buyer,
        items: [
          {
            sku: 'A',
            category: 'x',
            unitPrice: '250.00',
            quantity: 1,
            sellerCountry: 'CN',
            store: 'aliexpress',
          },
        ],
      });
      expect(completed.statusCode, completed.body).toBe(200);
      expect(await order(ae, 'AE-5001')).toMatchObject({ site_id: t.demo.siteId });
      const credited = await commissionsOf(ae, 'AE-5001');
      // (held: the test loads no exchange rate for this date, AE-C6)
      expect(credited).toMatchObject([{ site_id: t.demo.siteId, kind: 'product' }]);

      // Kabelkoning with a secret: a rival reports KK-2001 first with its own click, then the
      // webshop's signed pixel arrives.
      await setSecret();
      const rivalSite = await addSite(t, 'Rival', true, kk);
      const rival = await click(kk, rivalSite.id);
      const first = await pixel(
        kk,
        `event=1&orderNumber=KK-2001&orderValue=1.00&currency=EUR&tduid=${rival}`,
      );
      expect(first.statusCode).toBe(202);
      // An unsigned report never replaces anything, not even an unsigned one.
      const other = await pixel(
        kk,
        `event=1&orderNumber=KK-2001&orderValue=2.00&currency=EUR&tduid=${rival}`,
      );
      expect(other.statusCode).toBe(409);
      const genuine = await click(kk);
      const reportInfo = 'f1=lap1&f3=1000.00&f5=laptops';
      const signed = v05({
        orderNumber: 'KK-2001',
        orderValue: '1000.00',
        currency: 'EUR',
        event: '1',
        reportInfo,
      });
      const honest = await pixel(
        kk,
        `event=1&orderNumber=KK-2001&orderValue=1000.00&currency=EUR&reportInfo=${enc(reportInfo)}&checksum=${signed}&tduid=${genuine}`,
      );
      expect(honest.statusCode, honest.body).toBe(202);
      expect(await order(kk, 'KK-2001')).toMatchObject({
        site_id: t.demo.siteId,
        attributed_by: 'pixel',
        total_minor: 3000,
      });
      // The rival's commission is declined and kept on record, detached from the order.
      const rivals = await t.network.store.db
        .selectFrom('commissions')
        .selectAll()
        .where('site_id', '=', rivalSite.id)
        .execute();
      expect(rivals).toMatchObject([
        { status: 'declined', reason: 'reattributed', order_id: null },
      ]);
      expect(await commissionsOf(kk, 'KK-2001')).toMatchObject([
        { site_id: t.demo.siteId, status: 'pending', amount_minor: 3000 },
      ]);
      // Once decided, nothing supersedes it.
      await pastDeadline();
      expect(await payable(kk, 'KK-2001')).toMatchObject([
        { site_id: t.demo.siteId, status: 'approved', amount_minor: 3000 },
      ]);
      const late = await pixel(
        kk,
        `event=1&orderNumber=KK-2001&orderValue=1000.00&currency=EUR&reportInfo=${enc('f1=lap1&f3=1000.00&f5=audio')}&checksum=${v05({ orderNumber: 'KK-2001', orderValue: '1000.00', currency: 'EUR', event: '1', reportInfo: 'f1=lap1&f3=1000.00&f5=audio' })}&tduid=${rival}`,
      );
      expect(late.statusCode).toBe(409);
      expect(await payable(kk, 'KK-2001')).toMatchObject([
        { site_id: t.demo.siteId, amount_minor: 3000 },
      ]);
      await ledgerClean();
    });

    it('F1. v04-valid reports with other lines, or none, are never approved at the deadline; a v05 report supersedes them', async () => {
      const td = await click(kk);
      // Re-categorised lines: laptops (3%) sent as audio (6%).
      const recategorised = await pixel(
        kk,
        `event=1&orderNumber=R-A1&orderValue=1000.00&currency=EUR&checksum=${v04('R-A1', '1000.00')}&tduid=${td}&reportInfo=${enc('f1=lap1&f3=1000.00&f5=audio')}`,
      );
      expect(recategorised.statusCode).toBe(202);
      // Gift cards (excluded) sent without their lines.
      const stripped = await pixel(
        kk,
        `event=1&orderNumber=R-A2&orderValue=500.00&currency=EUR&checksum=${v04('R-A2', '500.00')}&tduid=${td}`,
      );
      expect(stripped.statusCode).toBe(202);
      expect(await transaction('R-A1')).toMatchObject({
        amount: '60.00',
        reportFlags: ['unsigned_fields'],
      });
      // The honest v05 report of R-A1 takes the order back; R-A2's honest v04 cannot (v04 proves
      // no more than the attacker's) and its order waits for the advertiser.
      const honestInfo = 'f1=lap1&f3=1000.00&f5=laptops';
      const honest = await pixel(
        kk,
        `event=1&orderNumber=R-A1&orderValue=1000.00&currency=EUR&checksum=${v05({ orderNumber: 'R-A1', orderValue: '1000.00', currency: 'EUR', event: '1', reportInfo: honestInfo })}&tduid=${td}&reportInfo=${enc(honestInfo)}`,
      );
      expect(honest.statusCode, honest.body).toBe(202);
      const honestA2 = await pixel(
        kk,
        `event=1&orderNumber=R-A2&orderValue=500.00&currency=EUR&checksum=${v04('R-A2', '500.00')}&tduid=${td}&reportInfo=${enc('f1=gc&f3=500.00&f5=gift-cards')}`,
      );
      expect(honestA2.statusCode).toBe(409);
      // The shop's routine status update confirms a status, not the pixel's lines: R-A2 still
      // waits for a decision.
      const completed = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/programs/${kk}/orders/R-A2`,
        headers: { authorization: `Bearer ${kkKey}` },
        payload: { status: 'pending' },
      });
      expect(completed.statusCode, completed.body).toBe(200);
      expect(await transaction('R-A2')).toMatchObject({ reportFlags: ['unsigned_fields'] });
      await pastDeadline();
      expect(await payable(kk, 'R-A1')).toMatchObject([{ status: 'approved', amount_minor: 3000 }]);
      expect(await commissionsOf(kk, 'R-A2')).toMatchObject([
        { status: 'pending', amount_minor: 3000, decided_by: null },
      ]);
      expect(await payable(kk, 'R-A2')).toEqual([]);
      // The advertiser's full report of the order (its own lines: gift cards) replaces the
      // pixel's, and is its word at the deadline.
      const full = await api(kk, kkKey, 'POST', '/orders', {
        orderNumber: 'R-A2',
        placedAt: new Date(t.clock.now - 32 * DAY).toISOString(),
        currency: 'EUR',
        status: 'pending',
        event: '1',
        clickId: td,
        items: [{ sku: 'gc', category: 'gift-cards', unitPrice: '500.00', quantity: 1 }],
      });
      expect(full.statusCode, full.body).toBe(200);
      expect(await transaction('R-A2')).toMatchObject({ reportedBy: 'api', reportFlags: [] });
      expect(await commissionsOf(kk, 'R-A2')).toMatchObject([{ amount_minor: 0 }]);
      await ledgerClean();
    });

    it('F2 and F3. the event and the currency: replayed under a v04 checksum, never approved; under v05, refused', async () => {
      // F2: the newsletter lead (1.50) replayed as event 3 (25.00), which the advertiser added.
      const current = (await api(kk, kkKey, 'GET', '/terms')).json() as {
        terms: {
          events: Record<string, unknown>[];
          versions: Record<string, unknown>[];
          reasonRules: Record<string, string>;
        };
      };
      // For F3 the advertiser also accepts yen and pounds from tomorrow on (as the attacker's
      // program did: orderCurrencies EUR, JPY, GBP).
      const tomorrow = new Date(t.clock.now + DAY).toISOString().slice(0, 10);
      current.terms.versions.push({
        ...current.terms.versions.at(-1)!,
        id: 'multi-currency',
        effectiveFrom: tomorrow,
        orderCurrencies: ['EUR', 'JPY', 'GBP'],
      });
      current.terms.reasonRules.missing_fx_rate = 'KK-C4';
      current.terms.events.push({
        id: '3',
        name: 'Account',
        kind: 'lead',
        amount: '25.00',
        rule: 'KK-C3',
      });
      const put = await api(kk, kkKey, 'PUT', '/terms', current.terms);
      expect(put.statusCode, put.body).toBe(200);
      await t.network.refreshIfChanged();
      const lead = await pixel(
        kk,
        `leadNumber=R-L1&event=3&checksum=${v04('R-L1')}&tduid=${await click(kk)}`,
      );
      expect(lead.statusCode).toBe(202);
      expect(await commissionsOf(kk, 'R-L1')).toMatchObject([
        { status: 'pending', amount_minor: 2500 },
      ]);
      // The v05 lead checksum binds the event: signed for event 2, sent as event 3.
      const replayed = await pixel(
        kk,
        `leadNumber=R-L2&event=3&checksum=${v05({ leadNumber: 'R-L2', event: '2' })}&tduid=${await click(kk)}`,
      );
      expect(replayed.statusCode).toBe(202);
      expect(await commissionsOf(kk, 'R-L2')).toMatchObject([
        { status: 'declined', amount_minor: 0, reason: 'checksum_mismatch' },
      ]);
      // The honest v05 lead is paid at its deadline.
      const signedLead = await pixel(
        kk,
        `leadNumber=R-L3&event=2&checksum=${v05({ leadNumber: 'R-L3', event: '2' })}&tduid=${await click(kk)}`,
      );
      expect(signedLead.statusCode).toBe(202);

      // F3: 12000 JPY replayed as GBP under the v04 checksum; under v05 the currency is bound.
      t.clock.now += 2 * DAY;
      const days = [-3, -2, -1, 0].map((d) =>
        new Date(t.clock.now + d * DAY).toISOString().slice(0, 10),
      );
      await repos(t.network.store).rates.upsert(
        parseEcbCsv(
          `Date,USD,JPY,GBP\n${days.map((day) => `${day},1.0950,170.00,0.8400`).join('\n')}\n`,
        ).entries(),
        'test',
        t.clock.now,
      );
      await t.network.rates.refresh(t.clock.now);
      await t.network.refreshIfChanged();
      const jpy = await pixel(
        kk,
        `event=1&orderNumber=R-J1&orderValue=12000&currency=GBP&checksum=${v04('R-J1', '12000')}&tduid=${await click(kk)}`,
      );
      expect(jpy.statusCode).toBe(202);
      // Priced as 12,000 pounds: EUR 857.14 at 6 % (the honest yen order earns about 4.24).
      expect(await commissionsOf(kk, 'R-J1')).toMatchObject([
        { status: 'pending', amount_minor: 85714 },
      ]);
      const honestYen = { orderNumber: 'R-J3', orderValue: '12000', currency: 'JPY', event: '1' };
      const signedYen = await pixel(
        kk,
        `${new URLSearchParams(honestYen).toString()}&checksum=${v05(honestYen)}&tduid=${await click(kk)}`,
      );
      expect(signedYen.statusCode).toBe(202);
      const jpy5 = await pixel(
        kk,
        `event=1&orderNumber=R-J2&orderValue=12000&currency=GBP&checksum=${v05({ orderNumber: 'R-J2', orderValue: '12000', currency: 'JPY', event: '1' })}&tduid=${await click(kk)}`,
      );
      expect(jpy5.statusCode).toBe(202);
      expect(await commissionsOf(kk, 'R-J2')).toMatchObject([
        { status: 'declined', amount_minor: 0 },
      ]);
      expect(JSON.parse((await order(kk, 'R-J2'))!.quote)).toMatchObject({
        status: 'disqualified',
        reasons: expect.arrayContaining(['checksum_mismatch']) as string[],
      });

      await pastDeadline();
      for (const orderNumber of ['R-L1', 'R-L2', 'R-J1', 'R-J2'])
        expect(await payable(kk, orderNumber), orderNumber).toEqual([]);
      expect(await commissionsOf(kk, 'R-L1')).toMatchObject([
        { status: 'pending', decided_by: null },
      ]);
      expect(await payable(kk, 'R-L3')).toMatchObject([{ status: 'approved', amount_minor: 150 }]);
      expect(await payable(kk, 'R-J3')).toMatchObject([{ status: 'approved', amount_minor: 424 }]);
      expect(await commissionsOf(kk, 'R-J1')).toMatchObject([
        { status: 'pending', decided_by: null, amount_minor: 85714 },
      ]);
      await ledgerClean();
    });
  },
);
