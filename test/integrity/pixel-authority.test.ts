import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { sessionToken, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The pixel is anonymous (issue 25, items 1 and 2): a valid checksum binds what is priced, and a
 * pixel report creates an order but never amends one. Each case sends the attacker's request to
 * a running network (Kabelkoning: euros, approved automatically at a 30-day deadline) and finds
 * nothing stored changed, or the inflated amount stored disqualified and never payable.
 */
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const enc = encodeURIComponent;
const DAY = 86_400_000;
const SECRET = 'kabelkoning-checksum-secret';
const BROWSER = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-user': '?1',
};

describeEachEngine('the pixel creates, only the advertiser amends, a checksum binds', (context) => {
  let t: TestNetwork;
  let program: string;
  let apiKey: string;
  let login: { email: string; password: string };
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const kabelkoning = t.demo.programs.find((p) => p.slug === 'kabelkoning')!;
    program = kabelkoning.programId;
    apiKey = kabelkoning.advertiserApiKey;
    login = kabelkoning.advertiser;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const click = async () => {
    const response = await t.app.inject({
      url: `/click?p=${program}&a=${t.demo.siteId}`,
      headers: BROWSER,
    });
    expect(response.statusCode).toBe(302);
    return new URL(response.headers.location as string).searchParams.get('tduid')!;
  };
  const pixel = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      url: `/report?organization=${program}&event=1&${query}`,
      headers: { accept: 'application/json', ...headers },
    });
  const advertiser = (method: 'POST' | 'PATCH' | 'GET', path: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1/programs/${program}${path}`,
      headers: { authorization: `Bearer ${apiKey}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const order = (orderNumber: string) => repos(t.network.store).orders.find(program, orderNumber);
  const commissionsOf = async (orderNumber: string) =>
    repos(t.network.store).commissions.ofOrder((await order(orderNumber))!.id);
  /** Everything stored about an order: its row, lines, pricing inputs, commissions and ledger. */
  const everything = async (orderNumber: string) => {
    const db = t.network.store.db;
    const row = (await order(orderNumber))!;
    const commissions = await commissionsOf(orderNumber);
    return {
      row,
      lines: await db
        .selectFrom('order_lines')
        .selectAll()
        .where('order_id', '=', row.id)
        .orderBy('line_no')
        .execute(),
      pricing: await db
        .selectFrom('order_pricing')
        .selectAll()
        .where('order_id', '=', row.id)
        .execute(),
      commissions,
      ledger: await db
        .selectFrom('ledger_entries')
        .select(['commission_id', 'kind', 'account', 'amount_minor'])
        .where(
          'commission_id',
          'in',
          commissions.map((c) => c.id),
        )
        .orderBy('created_at')
        .orderBy('kind')
        .execute(),
      reports: await db
        .selectFrom('report_daily')
        .select(['orders', 'order_value_minor', 'commission_minor'])
        .where('program_id', '=', program)
        .execute(),
    };
  };
  const ledgerClean = async () => {
    const result = await repos(t.network.store).ledger.verify();
    expect(result.mismatches).toEqual([]);
    expect(result.orphanEntries).toBe(0);
  };
  const refusedCount = async (reason: string) => {
    const metrics = await t.app.inject({ url: '/metrics' });
    const match = new RegExp(
      `affnet_pixel_reports_refused_total\\{reason="${reason}"\\} (\\d+)`,
    ).exec(metrics.body);
    return Number(match?.[1] ?? 0);
  };

  it("2. an anonymous pixel cannot rewrite another publisher's pending pixel order", async () => {
    const tduid = await click();
    const first = await pixel(`orderNumber=KK-P1&orderValue=100.00&currency=EUR&tduid=${tduid}`);
    expect(first.statusCode).toBe(202);
    expect(await commissionsOf('KK-P1')).toMatchObject([
      { kind: 'product', status: 'pending', amount_minor: 600 },
    ]);
    const before = await everything('KK-P1');
    const refusedBefore = await refusedCount('report_refused');

    // The attacker has no tduid, no cookie and no checksum, only the order number.
    const attacks = [
      'orderNumber=KK-P1&orderValue=0.01&currency=EUR',
      'orderNumber=KK-P1&orderValue=100.00&currency=GBP',
      `orderNumber=KK-P1&orderValue=100.00&currency=EUR&reportInfo=${enc('f1=X&f2=Y&f3=0.01&f4=1')}`,
      'orderNumber=KK-P1&orderValue=100.00&currency=EUR&voucher=A,B',
    ];
    for (const attack of attacks) {
      const answer = await pixel(attack);
      expect(answer.statusCode, attack).toBe(409);
      expect(answer.json()).toMatchObject({ code: 'report_refused' });
      expect(answer.body).not.toContain(tduid);
      // An image caller gets no pixel order changed either.
      const image = await pixel(attack, { accept: 'image/*' });
      expect(image.statusCode, attack).toBe(409);
      expect(await everything('KK-P1'), attack).toEqual(before);
    }
    // The same report again is an idempotent repeat, answered as before; the session cookie
    // carrying the same click is the same report.
    const again = await pixel(`orderNumber=KK-P1&orderValue=100.00&currency=EUR&tduid=${tduid}`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ status: 'accepted' });
    t.clock.now += 60_000;
    const reload = await pixel('orderNumber=KK-P1&orderValue=100.00&currency=EUR', {
      cookie: `affnet_${program}=${tduid}`,
    });
    expect(reload.statusCode).toBe(202);
    expect(await everything('KK-P1')).toEqual(before);
    expect(await refusedCount('report_refused')).toBe(refusedBefore + 2 * attacks.length);

    // The advertiser amends with its key.
    const refund = await advertiser('PATCH', '/orders/KK-P1', { status: 'cancelled' });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(await commissionsOf('KK-P1')).toMatchObject([
      { kind: 'product', status: 'declined', amount_minor: 0 },
    ]);
    await ledgerClean();
  });

  it('1. a valid checksum binds what is priced: lines beyond it are stored disqualified and never payable', async () => {
    const token = await sessionToken(t, login.email, login.password);
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/advertiser/programs/${program}/checksum-secret`,
      headers: { authorization: `Bearer ${token}` },
      payload: { secret: SECRET },
    });
    expect(set.statusCode, set.body).toBe(200);
    await t.network.refreshIfChanged();
    const signed = (orderNumber: string, orderValue: string, checksumOf = orderValue) =>
      `orderNumber=${orderNumber}&orderValue=${orderValue}&currency=EUR&checksum=v04${md5(SECRET + orderNumber + checksumOf)}`;
    const report = async (query: string) => {
      const answer = await pixel(`${query}&tduid=${await click()}`);
      expect(answer.statusCode, answer.body).toBe(202);
    };
    const quoteOf = async (orderNumber: string) =>
      JSON.parse((await order(orderNumber))!.quote) as { status: string; reasons: string[] };
    const refusedBefore = await refusedCount('lines_value_mismatch');

    // Lines that add up to the checksummed value are priced as reported (Tradedoubler's
    // example), also within a cent per line (33.33 reported as 33.34 over three lines).
    await report(
      `${signed('KK-C1', '1032.97')}&reportInfo=${enc('f1=12345&f2=Product Y&f3=10.99&f4=3|f1=67890&f2=Product Z&f3=1000.00&f4=1')}`,
    );
    await report(
      `${signed('KK-C2', '33.34')}&reportInfo=${enc('f1=A&f3=11.11&f4=1|f1=B&f3=11.11&f4=1|f1=C&f3=11.11&f4=1')}`,
    );
    expect(await commissionsOf('KK-C1')).toMatchObject([{ status: 'pending', amount_minor: 6198 }]);
    expect(await commissionsOf('KK-C2')).toMatchObject([{ status: 'pending', amount_minor: 201 }]);

    // The attack: the confirmation page's URL with its valid checksum, other lines.
    const attack = `${signed('KK-C3', '49.95')}&reportInfo=${enc('f1=LAMP&f2=Lamp&f3=99999.00&f4=6')}`;
    await report(attack);
    // Two cents off on one line is more than its rounding.
    await report(`${signed('KK-C4', '11.13')}&reportInfo=${enc('f1=A&f3=11.11&f4=1')}`);
    // Without reportInfo, a tampered orderValue does not match the checksum.
    await report(signed('KK-C5', '99999.00', '49.95'));
    const refused = {
      'KK-C3': 'lines_value_mismatch',
      'KK-C4': 'lines_value_mismatch',
      'KK-C5': 'checksum_mismatch',
    };
    const neverPaid = async () => {
      for (const [orderNumber, reason] of Object.entries(refused)) {
        expect(await quoteOf(orderNumber), orderNumber).toMatchObject({ status: 'disqualified' });
        expect((await quoteOf(orderNumber)).reasons, orderNumber).toContain(reason);
        expect(await commissionsOf(orderNumber), orderNumber).toMatchObject([
          {
            kind: 'product',
            status: 'declined',
            amount_minor: 0,
            reason,
            rule: 'NET-R1',
            invoice_id: null,
          },
        ]);
      }
    };
    await neverPaid();
    expect(await refusedCount('lines_value_mismatch')).toBe(refusedBefore + 2);

    // The advertiser sees why, in its transactions (API and portal, English and Dutch).
    const transactions = await advertiser('GET', '/transactions');
    const rows = (transactions.json() as { transactions: Record<string, unknown>[] }).transactions;
    expect(rows.find((row) => row.orderNumber === 'KK-C3')).toMatchObject({
      status: 'declined',
      amount: '0.00',
      reason: 'lines_value_mismatch',
      rule: 'NET-R1',
      reportFlags: ['lines_value_mismatch', 'unsigned_fields'],
    });
    const portal = client(t);
    await portal.login(login.email, login.password);
    const english = await portal.get('/advertiser/transactions?lang=en');
    expect(english.body).toContain('do not add up to the order value its checksum covers');
    const dutch = await portal.get('/advertiser/transactions?lang=nl');
    expect(dutch.body).toContain('tellen niet op tot de orderwaarde die de controlesom dekt');

    // Nothing makes the inflated amount payable: the completion report, the validation API
    // and its CSV, the deadline, the month's invoice.
    for (const orderNumber of Object.keys(refused)) {
      const completed = await advertiser('PATCH', `/orders/${orderNumber}`, {
        status: 'completed',
      });
      expect(completed.statusCode, completed.body).toBe(200);
    }
    await neverPaid();
    const approve = await advertiser('POST', '/validations', {
      validations: Object.keys(refused).map((orderNumber) => ({
        orderNumber,
        decision: 'approve',
      })),
    });
    expect(approve.json()).toMatchObject({
      summary: { ok: 0, refused: 3 },
      results: Object.values(refused).map((reason) => ({
        ok: false,
        code: 'order_disqualified',
        message: expect.stringContaining(reason) as string,
      })),
    });
    const csv = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${program}/validations`,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
      payload: `orderNumber,decision,reason\nKK-C3,approve,\nKK-C5,approve,\n`,
    });
    expect(csv.json()).toMatchObject({ summary: { ok: 0, refused: 2 } });
    t.clock.now += 31 * DAY;
    await t.network.applyValidationDeadlines();
    // A v04 checksum proves the number and value, not the lines: the honest orders wait at
    // their deadline for the advertiser (NET-R6), who approves them.
    expect(await commissionsOf('KK-C1')).toMatchObject([{ status: 'pending', amount_minor: 6198 }]);
    const honest = await advertiser('POST', '/validations', {
      validations: ['KK-C1', 'KK-C2'].map((orderNumber) => ({ orderNumber, decision: 'approve' })),
    });
    expect(honest.json()).toMatchObject({ summary: { ok: 2 } });
    expect(await commissionsOf('KK-C1')).toMatchObject([
      { status: 'approved', amount_minor: 6198 },
    ]);
    await neverPaid();
    // Approved after the deadline in November: the November invoice bills it, and nothing else.
    t.clock.now = Date.UTC(2026, 11, 2, 9);
    await t.network.invoices.createInvoices('2026-11', t.clock.now);
    expect((await commissionsOf('KK-C1'))[0]!.invoice_id).not.toBeNull();
    const invoices = await advertiser('GET', '/invoices');
    expect(invoices.json()).toMatchObject({
      invoices: [{ period: '2026-11', commission: '63.99', commissions: 2 }],
    });
    await neverPaid();
    await ledgerClean();
  });
});
