import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addSite, startTestNetwork, type TestNetwork } from '../support/network.js';
import { itemDoc, orderDoc } from '../support/orders.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The money path tried as an attacker would (issue: money-path integrity). Each case failed
 * before the fix: the anonymous pixel rewrote and hijacked orders, parallel refunds were lost,
 * image-loaded clicks were paid at once, altered tduids attributed, and an advertiser could
 * deduct more than the publisher ever earned with it.
 */
describeEachEngine('money-path attacks', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const BROWSER = {
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0',
    'sec-fetch-dest': 'document',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-user': '?1',
  };
  const clickOn = async (siteId: string, headers: Record<string, string> = BROWSER) => {
    const response = await t.app.inject({
      url: `/click?p=${t.demo.programId}&a=${siteId}`,
      headers,
    });
    expect(response.statusCode).toBe(302);
    return new URL(response.headers.location as string).searchParams.get('tduid')!;
  };
  const api = (method: 'POST' | 'PATCH', path: string, body: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1/programs/${t.demo.programId}/orders${path}`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: body as Record<string, unknown>,
    });
  const pixel = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      url: `/report?organization=${t.demo.programId}&${query}`,
      headers: { accept: 'application/json', ...headers },
    });
  const placedAt = () => new Date(t.clock.now + 1000).toISOString();
  const stored = (orderNumber: string) =>
    repos(t.network.store).orders.find(t.demo.programId, orderNumber);
  const commissionsOf = async (orderNumber: string) =>
    repos(t.network.store).commissions.ofOrder((await stored(orderNumber))!.id);
  const publisherOf = async (siteId: string) =>
    (
      await t.network.store.db
        .selectFrom('sites')
        .select('publisher_id')
        .where('id', '=', siteId)
        .executeTakeFirstOrThrow()
    ).publisher_id;
  const ledgerClean = async () => {
    const result = await repos(t.network.store).ledger.verify();
    expect(result.mismatches).toEqual([]);
    expect(result.orphanEntries).toBe(0);
    expect(result.statementMismatches).toEqual([]);
  };

  it('1. the pixel cannot rewrite an order the advertiser reported, and reveals nothing', async () => {
    const tduid = await clickOn(t.demo.siteId);
    const reported = await api('POST', '', {
      ...orderDoc({ orderNumber: 'PIX-1', placedAt: placedAt(), clickId: tduid }),
      items: [itemDoc({ unitPrice: '42.00' })],
    });
    expect(reported.statusCode).toBe(201);
    const before = await commissionsOf('PIX-1');
    expect(before.find((c) => c.kind === 'product')).toMatchObject({ status: 'approved' });
    const documentBefore = (await stored('PIX-1'))!.document;

    const attack = await pixel(
      `orderNumber=PIX-1&orderValue=4000.00&currency=USD&tduid=${encodeURIComponent(tduid)}`,
    );
    expect(attack.statusCode).toBe(409);
    expect(attack.json()).toMatchObject({ code: 'report_refused' });
    expect(attack.body).not.toContain(tduid);
    expect(attack.body).not.toContain(t.demo.siteId);
    const gif = await pixel('orderNumber=PIX-1&orderValue=4000.00&currency=USD', {
      accept: 'image/*',
    });
    expect(gif.statusCode).toBe(409);
    expect(await commissionsOf('PIX-1')).toEqual(before);
    expect((await stored('PIX-1'))!.document).toBe(documentBefore);
    await ledgerClean();
  });

  it('1. the pixel repeats itself on its own pending order, changes it never', async () => {
    const tduid = await clickOn(t.demo.siteId);
    const report = `orderNumber=PIX-2&orderValue=20.00&currency=USD&tduid=${encodeURIComponent(tduid)}`;
    const first = await pixel(report);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ status: 'accepted' });
    const pending = await commissionsOf('PIX-2');
    expect(pending[0]).toMatchObject({ status: 'pending' });
    expect((await pixel(report)).statusCode).toBe(202);
    const changed = await pixel(
      `orderNumber=PIX-2&orderValue=25.00&currency=USD&tduid=${encodeURIComponent(tduid)}`,
    );
    expect(changed.statusCode).toBe(409);
    expect(await commissionsOf('PIX-2')).toEqual(pending);
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/validations`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: { validations: [{ orderNumber: 'PIX-2', decision: 'approve' }] },
    });
    expect(approve.statusCode).toBe(200);
    const decided = await commissionsOf('PIX-2');
    expect(decided[0]).toMatchObject({ status: 'approved' });
    const late = await pixel(`orderNumber=PIX-2&orderValue=4000.00&currency=USD`);
    expect(late.statusCode).toBe(409);
    expect(await commissionsOf('PIX-2')).toEqual(decided);
    await ledgerClean();
  });

  it("2. the pixel cannot steal attribution: the advertiser's clickId wins", async () => {
    const attackerSite = await addSite(t, 'Hijacker', true);
    const attacker = await publisherOf(attackerSite.id);
    const victim = await publisherOf(t.demo.siteId);
    const ledger = repos(t.network.store).ledger;
    const victimBefore = (await ledger.balances(victim)).total;

    const attackerTduid = await clickOn(attackerSite.id);
    const victimTduid = await clickOn(t.demo.siteId);
    const first = await pixel(
      `orderNumber=HIJ-1&orderValue=100.00&currency=USD&tduid=${encodeURIComponent(attackerTduid)}`,
    );
    expect(first.statusCode).toBe(202);
    expect((await stored('HIJ-1'))!.site_id).toBe(attackerSite.id);

    const truth = await api(
      'POST',
      '',
      orderDoc({ orderNumber: 'HIJ-1', placedAt: placedAt(), clickId: victimTduid }),
    );
    expect(truth.statusCode, truth.body).toBe(200);
    expect(truth.json()).toMatchObject({
      attribution: { status: 'attributed', siteId: t.demo.siteId, clickId: victimTduid },
    });
    expect(await stored('HIJ-1')).toMatchObject({
      site_id: t.demo.siteId,
      publisher_id: victim,
      source: 'api',
      attributed_by: 'advertiser',
    });
    expect((await ledger.balances(attacker)).total).toBe(0);
    expect((await ledger.balances(victim)).total).toBe(victimBefore + 639);
    // A what-if simulation counts the order for the victim too (its pricing inputs moved).
    const pricing = await t.network.store.db
      .selectFrom('order_pricing')
      .select('publisher_id')
      .where('order_id', '=', (await stored('HIJ-1'))!.id)
      .executeTakeFirstOrThrow();
    expect(pricing.publisher_id).toBe(victim);
    // The attacker's commission stays on record, declined, with its ledger reversal.
    const declined = await t.network.store.db
      .selectFrom('commissions')
      .select(['status', 'reason'])
      .where('publisher_id', '=', attacker)
      .execute();
    expect(declined).toEqual([{ status: 'declined', reason: 'reattributed' }]);
    // And the pixel cannot take it back.
    const retry = await pixel(
      `orderNumber=HIJ-1&orderValue=100.00&currency=USD&tduid=${encodeURIComponent(attackerTduid)}`,
    );
    expect(retry.statusCode).toBe(409);
    expect((await stored('HIJ-1'))!.site_id).toBe(t.demo.siteId);
    await ledgerClean();
  });

  it('3. ten parallel refunds of one order all count (20 orders)', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const orderNumber = `REF-${trial}`;
      const tduid = await clickOn(t.demo.siteId);
      const created = await api(
        'POST',
        '',
        orderDoc({
          orderNumber,
          placedAt: placedAt(),
          clickId: tduid,
          items: Array.from({ length: 10 }, (_, i) =>
            itemDoc({ sku: `L${i}`, unitPrice: '10.00' }),
          ),
        }),
      );
      expect(created.statusCode).toBe(201);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api('PATCH', `/${orderNumber}`, { items: [{ index: i, status: 'refunded' }] }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
      const document = JSON.parse((await stored(orderNumber))!.document) as {
        items: { status?: string }[];
      };
      expect(document.items.map((item) => item.status)).toEqual(Array(10).fill('refunded'));
      const product = (await commissionsOf(orderNumber)).find((c) => c.kind === 'product');
      expect(product).toMatchObject({ amount_minor: 0 });
    }
    await ledgerClean();
  });

  it('7. an image-loaded click (cookie stuffing) holds its order for review, not approved', async () => {
    const tduid = await clickOn(t.demo.siteId, {
      'user-agent': BROWSER['user-agent'],
      'sec-fetch-dest': 'image',
      'sec-fetch-mode': 'no-cors',
    });
    const reported = await api(
      'POST',
      '',
      orderDoc({ orderNumber: 'STUFF-1', placedAt: placedAt(), clickId: tduid }),
    );
    expect(reported.statusCode).toBe(201);
    const commissions = await commissionsOf('STUFF-1');
    expect(commissions.map((c) => [c.status, c.reason, c.rule])).toEqual([
      ['held', 'policy_review', 'AE-P4'],
    ]);
    const approve = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/validations`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: { validations: [{ orderNumber: 'STUFF-1', decision: 'approve' }] },
    });
    expect(approve.json()).toMatchObject({ results: [{ ok: false, code: 'commission_held' }] });
    // A paid-search click likewise.
    const paid = await t.app.inject({
      url: `/click?p=${t.demo.programId}&a=${t.demo.siteId}&gclid=abc`,
      headers: BROWSER,
    });
    const paidTduid = new URL(paid.headers.location as string).searchParams.get('tduid')!;
    await api(
      'POST',
      '',
      orderDoc({ orderNumber: 'SEA-1', placedAt: placedAt(), clickId: paidTduid }),
    );
    expect((await commissionsOf('SEA-1'))[0]).toMatchObject({ status: 'held', rule: 'AE-P2' });
    await ledgerClean();
  });

  it('8. an altered tduid does not attribute', async () => {
    const tduid = await clickOn(t.demo.siteId);
    const [text, mac] = tduid.split('.') as [string, string];
    const lastOther = mac.endsWith('A') ? 'B' : 'A';
    const altered = [
      `${tduid}=`,
      `${text}.${mac.slice(0, 4)}!${mac.slice(4)}`,
      `${text}.${mac.slice(0, 4)} ${mac.slice(4)}`,
      `${text}.${mac.slice(0, 4)}.${mac.slice(4)}`,
      `${text}.${mac.slice(0, -1)}${lastOther}`,
    ];
    for (const [i, clickId] of altered.entries()) {
      const response = await api(
        'POST',
        '',
        orderDoc({ orderNumber: `ALT-${i}`, placedAt: placedAt(), clickId }),
      );
      expect(response.statusCode, clickId).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_click_id' });
      const viaPixel = await pixel(
        `orderNumber=ALTP-${i}&orderValue=10.00&currency=USD&tduid=${encodeURIComponent(clickId)}`,
      );
      expect(viaPixel.statusCode, clickId).toBe(400);
      expect(await stored(`ALT-${i}`)).toBeUndefined();
    }
  });

  it('1. an invoiced order on an issued statement never changes its statement', async () => {
    const tduid = await clickOn(t.demo.siteId);
    const reported = await api('POST', '', {
      ...orderDoc({ orderNumber: 'STMT-1', placedAt: placedAt(), clickId: tduid }),
      items: [itemDoc({ sku: 'A', unitPrice: '60.00' }), itemDoc({ sku: 'B', unitPrice: '40.00' })],
    });
    expect(reported.statusCode).toBe(201);
    // Month end: invoice, payment, statements.
    const october = t.clock.now;
    t.clock.now = Date.UTC(2026, 10, 2, 9);
    const { created } = await t.network.invoices.createInvoices('2026-10', t.clock.now);
    for (const invoice of created) await t.network.invoices.markPaid(invoice.id, t.clock.now);
    const run = await t.network.statements.createStatements('2026-10', t.clock.now);
    const victim = await publisherOf(t.demo.siteId);
    const statement = run.created.find((s) => s.publisher_id === victim)!;
    expect(statement).toBeDefined();
    const linesBefore = await t.network.statements.lines(statement.id);
    expect(linesBefore.some((line) => line.orderNumber === 'STMT-1')).toBe(true);

    // The pixel cannot touch it; the advertiser's refund becomes an adjustment.
    const attack = await pixel('orderNumber=STMT-1&orderValue=4000.00&currency=USD');
    expect(attack.statusCode).toBe(409);
    const refund = await api('PATCH', '/STMT-1', { items: [{ sku: 'B', status: 'refunded' }] });
    expect(refund.statusCode).toBe(200);
    expect(await t.network.statements.lines(statement.id)).toEqual(linesBefore);
    const adjustments = await t.network.store.db
      .selectFrom('adjustments')
      .select(['amount_minor', 'statement_id'])
      .where('order_id', '=', (await stored('STMT-1'))!.id)
      .execute();
    expect(adjustments).toEqual([{ amount_minor: -255, statement_id: null }]);
    // A validation decision cannot change it either.
    const decline = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/validations`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: { validations: [{ orderNumber: 'STMT-1', decision: 'decline', reason: 'fraud' }] },
    });
    expect(decline.json()).toMatchObject({ results: [{ ok: false }] });
    expect(await t.network.statements.lines(statement.id)).toEqual(linesBefore);
    await ledgerClean();
    t.clock.now = october;
  });

  it('6. an advertiser cannot deduct more than the publisher earned in its program', async () => {
    const publisherId = await publisherOf(t.demo.siteId);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.advertiser.email, password: t.demo.advertiser.password },
    });
    expect(login.statusCode).toBe(201);
    const token = (login.json() as { token: string }).token;
    const deduct = (amount: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/advertiser/enforcement',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          programId: t.demo.programId,
          publisherId,
          kind: 'deduction',
          rule: 'AE-P4',
          evidence: 'test',
          amount,
        },
      });
    const available = await t.network.enforcement.deductibleMinor(publisherId, t.demo.programId);
    expect(available).toBeGreaterThan(0);
    const ledger = repos(t.network.store).ledger;
    const stored = async () => ({
      actions: await t.network.store.db
        .selectFrom('enforcement_actions')
        .select('id')
        .where('publisher_id', '=', publisherId)
        .execute(),
      balances: await ledger.balances(publisherId),
    });
    const before = await stored();
    const tooMuch = await deduct('100000.00');
    expect(tooMuch.statusCode).toBe(400);
    // A refused deduction records nothing and takes nothing.
    expect(await stored()).toEqual(before);
    expect(tooMuch.json()).toMatchObject({ code: 'deduction_exceeds_earnings' });
    expect((tooMuch.json() as { message: string }).message).toContain('EUR');
    const cents = await deduct('1250');
    expect(cents.statusCode).toBe(400);
    const ok = await deduct((available / 100).toFixed(2));
    expect(ok.statusCode).toBe(201);
    expect((await deduct('0.01')).json()).toMatchObject({ code: 'deduction_exceeds_earnings' });
  });
});
