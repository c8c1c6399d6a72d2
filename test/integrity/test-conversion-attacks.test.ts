import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { countRows } from '../../src/storage/repositories/count-rows.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * Test conversions (issue 27, item 2) tried as an attacker would: a test click id makes an order
 * a test, so it must never be a way to money. Neither the advertiser (test orders by the API,
 * the pixel and its page, then deadlines, invoices and statements) nor a publisher (a leaked test
 * click id, a forged one, one of another program, a real order's number) gets a cent from it.
 */
describeEachEngine('test conversion attacks', (context) => {
  let t: TestNetwork;
  let testClick: string;
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    testClick = t.network.testClicks.issue(t.demo.programId);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const money = async () => {
    const db = t.network.store.db;
    const tables = [
      'orders',
      'order_lines',
      'commissions',
      'ledger_entries',
      'click_conversions',
      'invoices',
      'statements',
      'payouts',
    ] as const;
    return Object.fromEntries(
      await Promise.all(tables.map(async (table) => [table, await countRows(db, table)])),
    ) as Record<(typeof tables)[number], number>;
  };
  const pixel = (query: string) =>
    t.app.inject({
      url: `/report?organization=${t.demo.programId}&${query}`,
      headers: { accept: 'application/json' },
    });

  it('an advertiser’s test orders, by API and pixel, never become orders, commissions, invoices or statements', async () => {
    // One real order in the same month: the month end has something to bill and pay.
    const real = await demoOrder(t, { orderNumber: 'REAL-0', clickId: await demoClick(t) });
    expect(real.statusCode, real.body).toBe(201);
    const realCommission = Math.round(Number(real.json().quote.total) * 100);
    expect(realCommission).toBeGreaterThan(0);
    const before = await money();
    for (let i = 0; i < 5; i += 1) {
      const answer = await demoOrder(t, {
        orderNumber: `ADV-TEST-${i}`,
        clickId: testClick,
        status: 'completed',
      });
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json()).toMatchObject({
        attribution: { status: 'test', siteId: null },
        quote: { status: 'qualified' },
      });
      expect(Number(answer.json().quote.total)).toBeGreaterThan(0);
    }
    const byPixel = await pixel(
      `orderNumber=PIX-TEST-1&orderValue=99.00&currency=USD&tduid=${testClick}`,
    );
    expect(byPixel.statusCode, byPixel.body).toBe(202);
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(
      /affnet_conversions_total\{[^}]*channel="pixel"[^}]*attribution="test"[^}]*\} 1/,
    );
    // A status update finds no order to complete: a test is never stored as one.
    const update = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programs/${t.demo.programId}/orders/ADV-TEST-0`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: { status: 'completed' },
    });
    expect(update.statusCode).toBe(404);
    expect(await money()).toEqual(before);
    // Month end: deadlines, invoices and statements find nothing of the tests.
    t.clock.now += 62 * DAY;
    await t.network.validation.applyDeadlines(t.clock.now);
    const month = new Date(t.clock.now - 62 * DAY).toISOString().slice(0, 7);
    await t.network.invoices.createInvoices(month, t.clock.now);
    await t.network.statements.createStatements(month, t.clock.now);
    const after = await money();
    expect({ ...after, invoices: 0, statements: 0, ledger_entries: 0 }).toEqual({
      ...before,
      invoices: 0,
      statements: 0,
      ledger_entries: 0,
    });
    // The program's invoice bills the real order's commission and nothing of the tests.
    const invoices = await t.network.invoices.list({ programId: t.demo.programId });
    expect(invoices.map((invoice) => invoice.commissionMinor)).toEqual([realCommission]);
    const tests = await repos(t.network.store).integrationReports.newest(
      t.demo.programId,
      'test',
      20,
    );
    expect(tests.map((row) => row.orderNumber)).toContain('PIX-TEST-1');
  });

  it('a publisher gains nothing from a leaked, forged or foreign test click id, nor harms a real order', async () => {
    const tduid = await demoClick(t);
    const real = await demoOrder(t, { orderNumber: 'REAL-1', clickId: tduid });
    expect(real.statusCode).toBe(201);
    const stored = await repos(t.network.store).orders.find(t.demo.programId, 'REAL-1');
    const before = await money();
    // The same order number reported as a test (the pixel or the API) leaves the real one as is.
    expect(
      (await pixel(`orderNumber=REAL-1&orderValue=10.00&currency=USD&tduid=${testClick}`))
        .statusCode,
    ).toBe(202);
    const forged = `${testClick.slice(0, -4)}AAAA`;
    const kabelkoning = t.demo.programs.find((p) => p.slug === 'kabelkoning')!.programId;
    for (const [program, id] of [
      [t.demo.programId, forged],
      [t.demo.programId, 'tst_AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
      [kabelkoning, testClick],
    ] as const) {
      const answer = await t.app.inject({
        url: `/report?organization=${program}&orderNumber=STEAL-1&orderValue=500.00&currency=EUR&tduid=${id}`,
        headers: { accept: 'application/json' },
      });
      expect(answer.statusCode, `${program} ${id}`).toBe(400);
      expect(answer.json()).toMatchObject({ code: 'invalid_click_id' });
    }
    expect(await money()).toEqual(before);
    expect(await repos(t.network.store).orders.find(t.demo.programId, 'REAL-1')).toEqual(stored);
  });
});
