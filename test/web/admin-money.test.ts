import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { orderDoc } from '../support/orders.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';
import { answerChecker } from '../support/api-document.js';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine('the month end in the portal and over the API', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store, Date.UTC(2026, 9, 5, 12), {
      payoutDebtor: { name: 'affnet B.V.', iban: 'NL02ABNA0123456789' },
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('invoices, records the payment, states, pays out once, and shows it all to the admin only', async () => {
    const db = t.network.store.db;
    await db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300', minimum_payout_minor: 100 })
      .execute();
    const click = await t.app.inject({
      url: `/click?p=${t.demo.programId}&a=${t.demo.siteId}&g=${t.demo.adId}`,
    });
    const tduid = new URL(click.headers.location as string).searchParams.get('tduid')!;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/orders`,
      headers: { authorization: `Bearer ${t.demo.advertiserApiKey}` },
      payload: orderDoc({
        orderNumber: 'MONTH-1',
        clickId: tduid,
        placedAt: new Date(t.clock.now + 1000).toISOString(),
      }),
    });

    // Month end: the portal runs on the network's clock, moved past October.
    t.clock.now = Date.UTC(2026, 10, 2, 9);
    const created = (await ensureAdmin(t.network.store, t.clock.now))!;
    const admin = client(t);
    const password = await admin.loginAsFirstAdmin(created);
    await admin.get('/admin/money');
    // The network's minimum payout, set on the same page (a wrong amount says what to write).
    expect(
      (await admin.post('/admin/money/minimum-payout', { minimumPayout: 'fifty' })).body,
    ).toContain('minimumPayout: expected an amount in EUR such as &quot;50.00&quot;');
    expect(
      (await admin.submit('/admin/money/minimum-payout', { minimumPayout: '40' })).body,
    ).toContain('publisher(s) on the previous minimum moved with it');
    expect((await admin.get('/admin/money')).body).toContain('value="40.00"');
    expect((await admin.submit('/admin/money/invoices', { period: '2026-10' })).body).toContain(
      '1 invoice(s) issued',
    );
    const page = await admin.get('/admin/money');
    // Programs and publishers by name, not by id.
    expect(page.body).toContain('<td>AliExpress');
    expect(page.body).not.toMatch(/<td class="mono">prg_/);
    const invoiceId = /action="\/admin\/money\/invoices\/(inv_\w+)\/paid"/.exec(page.body)![1]!;
    expect((await admin.submit(`/admin/money/invoices/${invoiceId}/paid`, {})).body).toContain(
      'paid: its commissions are payable',
    );
    expect((await admin.submit('/admin/money/statements', { period: '2026-10' })).body).toContain(
      '1 statement(s) made',
    );
    const statementId = /\/admin\/money\/statements\/(stm_\w+)\.csv/.exec(
      (await admin.get('/admin/money')).body,
    )![1]!;
    expect((await admin.get(`/admin/money/statements/${statementId}.csv`)).body).toContain(
      ',MONTH-1,',
    );
    // Self-billing: the statement is numbered in a gapless yearly series.
    expect((await admin.get(`/admin/money/statements/${statementId}.csv`)).body).toContain(
      ',Statement number,,2026-000001,',
    );
    const publisherToken = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { email: t.demo.publisher.email, password: t.demo.publisher.password },
      })
    ).json().token as string;
    const own = await t.app.inject({
      url: `/api/v1/publisher/statements/${statementId}`,
      headers: { authorization: `Bearer ${publisherToken}` },
    });
    expect(own.json()).toMatchObject({ id: statementId, lines: [{ orderNumber: 'MONTH-1' }] });
    const run = await admin.submit('/admin/money/payouts', { executionDate: '2026-12-03' });
    expect(run.body).toMatch(/por_\w+: 1 payment\(s\)/);
    const runId = /(por_\w+): 1 payment/.exec(run.body)![1]!;
    const sepa = await admin.get(`/admin/money/payouts/${runId}.xml`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const document = new XMLParser({ parseTagValue: false }).parse(sepa.body) as any;
    expect(document.Document.CstmrCdtTrfInitn.GrpHdr).toMatchObject({
      NbOfTxs: '1',
      CtrlSum: '6.39',
    });
    expect((await admin.submit(`/admin/money/payouts/${runId}/paid`, {})).body).toContain(
      '1 commission(s) moved to paid',
    );
    expect((await admin.submit(`/admin/money/payouts/${runId}/paid`, {})).body).toContain(
      'was already paid',
    );

    // A publisher's VAT number waits on the same page for the admin to verify it.
    await t.network.store.db
      .updateTable('publishers')
      .set({ vat_number: 'NL812345678B01' })
      .execute();
    const toVerify = await admin.get('/admin/money');
    expect(toVerify.body).toContain('NL812345678B01');
    const verifyUrl = /action="(\/admin\/money\/vat-numbers\/pub_\w+\/verify)"/.exec(
      toVerify.body,
    )![1]!;
    expect((await admin.post(verifyUrl, { vatNumber: 'NL999999999B01' })).body).toContain(
      'not NL999999999B01: check the number on file and verify that one',
    );
    const okBody = (await admin.submit(verifyUrl, { vatNumber: 'NL812345678B01' })).body;
    expect(okBody).toContain('NL812345678B01 of pub_');
    expect((await admin.get('/admin/money')).body).toContain(
      'No VAT number waits for verification.',
    );

    // The same over the API, with the admin's session token; nobody else may.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: created.email, password },
    });
    const auth = { authorization: `Bearer ${login.json().token}` };
    const runs = await t.app.inject({ url: '/api/v1/admin/payout-runs', headers: auth });
    // The admin's answers are the ones the API document types.
    const check = answerChecker();
    check('/api/v1/admin/payout-runs', 'get', 200, runs.json());
    for (const path of ['/api/v1/admin/invoices', '/api/v1/admin/statements']) {
      const answer = await t.app.inject({ url: path, headers: auth });
      expect(answer.statusCode, path).toBe(200);
      expect(answer.json()[path.endsWith('invoices') ? 'invoices' : 'statements']).not.toEqual([]);
      check(path, 'get', 200, answer.json());
    }
    expect(runs.json().runs).toMatchObject([
      { id: runId, payments: 1, total: '6.39', status: 'paid' },
    ]);
    // The audit log holds every money step of the month end, in order, with who and what changed.
    const audit = await t.app.inject({ url: '/api/v1/admin/audit', headers: auth });
    check('/api/v1/admin/audit', 'get', 200, audit.json());
    type Event = {
      action: string;
      actor: string;
      subjectId: string;
      details: Record<string, unknown>;
    };
    const money = (audit.json().events as Event[])
      .filter((event) => /^(commission|invoice|statement|payout_run)\./.test(event.action))
      .reverse();
    expect(money.map((event) => event.action)).toEqual([
      'commission.approved',
      'invoice.issued',
      'invoice.paid',
      'statement.issued',
      'payout_run.created',
      'payout_run.exported',
      'payout_run.paid',
    ]);
    const adminActor = money.find((event) => event.action === 'invoice.paid')!.actor;
    expect(adminActor).toMatch(/^user:usr_/);
    expect(money.slice(1).every((event) => event.actor === adminActor)).toBe(true);
    expect(money.find((event) => event.action === 'invoice.paid')!.details).toMatchObject({
      before: { status: 'issued' },
      after: { status: 'paid' },
    });
    expect(money.find((event) => event.action === 'payout_run.paid')!).toMatchObject({
      subjectId: runId,
      details: { before: { status: 'exported' }, after: { status: 'paid' }, commissionsPaid: 1 },
    });
    expect(money[0]!.details).toMatchObject({
      before: null,
      after: { status: 'approved', amountMinor: 639 },
    });
    const csv = await t.app.inject({ url: '/api/v1/admin/audit?format=csv', headers: auth });
    expect(csv.body).toContain('payout_run.exported');

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/payout-runs',
      headers: auth,
      payload: { executionDate: '2026-12-10' },
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'nothing_to_pay']);
    const publisher = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.publisher.email, password: t.demo.publisher.password },
    });
    expect(
      (
        await t.app.inject({
          url: '/api/v1/admin/invoices',
          headers: { authorization: `Bearer ${publisher.json().token}` },
        })
      ).statusCode,
    ).toBe(403);
    const intruder = client(t);
    await intruder.login(t.demo.advertiser.email, t.demo.advertiser.password);
    expect((await intruder.get('/admin/money')).statusCode).toBe(403);
    expect((await repos(db).ledger.verify()).mismatches).toEqual([]);
  });
});
