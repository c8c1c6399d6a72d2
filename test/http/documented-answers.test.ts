import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { answerChecker } from '../support/api-document.js';

/**
 * The answers the API document types are the answers the server gives: each real response is
 * validated against its documented schema (so a generated client reads what it was told).
 */
describeEachEngine('answers match the API document', (context) => {
  let t: TestNetwork;
  const check = answerChecker();

  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const auth = () => ({ authorization: `Bearer ${t.demo.advertiserApiKey}` });

  it('order reports, changes, validation, transactions and reports', async () => {
    const created = await demoOrder(t, {
      orderNumber: 'DOC-1',
      clickId: await demoClick(t),
      status: 'pending',
    });
    expect(created.statusCode).toBe(201);
    check('/api/v1/programs/{programId}/orders', 'post', 201, created.json());
    const again = await demoOrder(t, { orderNumber: 'DOC-2' });
    check('/api/v1/programs/{programId}/orders', 'post', 201, again.json());

    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programs/${t.demo.programId}/orders/DOC-1`,
      headers: auth(),
      payload: { status: 'completed' },
    });
    check('/api/v1/programs/{programId}/orders/{orderNumber}', 'patch', 200, changed.json());

    const single = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/orders/DOC-1/validation`,
      headers: auth(),
      payload: { decision: 'approve' },
    });
    expect(single.statusCode).toBe(200);
    check(
      '/api/v1/programs/{programId}/orders/{orderNumber}/validation',
      'post',
      200,
      single.json(),
    );
    const batch = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programs/${t.demo.programId}/validations`,
      headers: auth(),
      payload: {
        validations: [
          { orderNumber: 'DOC-1', decision: 'approve' },
          { orderNumber: 'NOPE', decision: 'approve' },
        ],
      },
    });
    check('/api/v1/programs/{programId}/validations', 'post', 200, batch.json());

    const transactions = await t.app.inject({
      url: `/api/v1/programs/${t.demo.programId}/transactions`,
      headers: auth(),
    });
    check('/api/v1/programs/{programId}/transactions', 'get', 200, transactions.json());

    await t.network.rollUp(-3_600_000);
    const report = await t.app.inject({
      url: `/api/v1/reports?programId=${t.demo.programId}&from=2026-10-01&to=2026-10-31`,
      headers: auth(),
    });
    expect(report.statusCode).toBe(200);
    check('/api/v1/reports', 'get', 200, report.json());

    const invoices = await t.app.inject({
      url: `/api/v1/programs/${t.demo.programId}/invoices`,
      headers: auth(),
    });
    check('/api/v1/programs/{programId}/invoices', 'get', 200, invoices.json());
  });

  it('sessions and the publisher report', async () => {
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.publisher.email, password: t.demo.publisher.password },
    });
    check('/api/v1/sessions', 'post', 201, session.json());
    const report = await t.app.inject({
      url: '/api/v1/publisher/report?from=2026-10-01&to=2026-10-31',
      headers: { authorization: `Bearer ${(session.json() as { token: string }).token}` },
    });
    expect(report.statusCode).toBe(200);
    check('/api/v1/publisher/report', 'get', 200, report.json());
    const publisher = { authorization: `Bearer ${(session.json() as { token: string }).token}` };
    for (const path of [
      '/api/v1/publisher/sites',
      '/api/v1/publisher/applications',
      '/api/v1/publisher/transactions',
    ]) {
      const answer = await t.app.inject({ url: path, headers: publisher });
      expect(answer.statusCode, path).toBe(200);
      check(path, 'get', 200, answer.json());
    }
    const advertiser = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.advertiser.email, password: t.demo.advertiser.password },
    });
    const applications = await t.app.inject({
      url: '/api/v1/advertiser/applications',
      headers: { authorization: `Bearer ${(advertiser.json() as { token: string }).token}` },
    });
    expect(applications.statusCode).toBe(200);
    check('/api/v1/advertiser/applications', 'get', 200, applications.json());
    const asAdvertiser = {
      authorization: `Bearer ${(advertiser.json() as { token: string }).token}`,
    };
    for (const [path, url] of [
      ['/api/v1/me', '/api/v1/me'],
      ['/api/v1/programs', '/api/v1/programs'],
      ['/api/v1/programs/{programId}/terms', `/api/v1/programs/${t.demo.programId}/terms`],
      ['/api/v1/advertiser/api-keys', '/api/v1/advertiser/api-keys'],
    ] as const) {
      const answer = await t.app.inject({ url, headers: asAdvertiser });
      expect(answer.statusCode, url).toBe(200);
      check(path, 'get', 200, answer.json());
    }
  });
});
