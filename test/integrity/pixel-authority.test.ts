import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { OrdersRepository } from '../../src/storage/repositories/orders-repository.js';
import { CommissionsRepository } from '../../src/storage/repositories/commissions-repository.js';
import { LedgerRepository } from '../../src/storage/repositories/ledger-repository.js';

/**
 * The pixel is anonymous (issue 25, items 1 and 2): a valid checksum binds what is priced, and a
 * pixel report creates an order but never amends one. Each case sends the attacker's request to
 * a running network (Kabelkoning: euros, approved automatically at a 30-day deadline) and finds
 * nothing stored changed, or the inflated amount stored disqualified and never payable.
 */
const enc = encodeURIComponent;
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
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const kabelkoning = t.demo.programs.find((p) => p.slug === 'kabelkoning')!;
    program = kabelkoning.programId;
    apiKey = kabelkoning.advertiserApiKey;
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
  const order = (orderNumber: string) =>
    new OrdersRepository(t.network.store.db, t.network.store.dialect).find(program, orderNumber);
  const commissionsOf = async (orderNumber: string) =>
    new CommissionsRepository(t.network.store.db).ofOrder((await order(orderNumber))!.id);
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
    const result = await new LedgerRepository(t.network.store.db).verify();
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
});
