import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoClick, demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import { registeredRoutes } from '../../src/http/app.js';
import { OPERATIONS } from '../../src/http/openapi.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine(
  'the JSON API: documented, and closed to the wrong role and owner',
  (context) => {
    let t: TestNetwork;
    const tokens: Record<string, string> = {};
    let otherPublisherOrder: string;
    beforeAll(async () => {
      t = await startTestNetwork(context().store);
      await t.app.ready();
      const db = t.network.store.db;
      const now = Date.now();
      // A second publisher and a second advertiser: "another owner" for every route.
      const publishers = repos(db).publishers;
      const other = await publishers.create({ name: 'Other Deals', country: 'BE' }, now);
      await publishers.addSite(other.id, { name: 'Other', url: 'https://other.example.be' }, now);
      const otherAdvertiser = await repos(db).advertisers.create({ name: 'Other shop' }, now);
      const users = repos(db).users;
      const hash = await hashPassword('a long enough password');
      await users.create(
        {
          email: 'other-pub@example.be',
          passwordHash: hash,
          role: 'publisher',
          name: 'O',
          publisherId: other.id,
        },
        now,
      );
      await users.create(
        {
          email: 'other-adv@example.be',
          passwordHash: hash,
          role: 'advertiser',
          name: 'A',
          advertiserId: otherAdvertiser.id,
        },
        now,
      );
      const login = async (email: string, password: string) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { email, password },
        });
        expect(response.statusCode).toBe(201);
        return response.json().token as string;
      };
      tokens.publisher = await login(t.demo.publisher.email, t.demo.publisher.password);
      tokens.advertiser = await login(t.demo.advertiser.email, t.demo.advertiser.password);
      tokens.otherPublisher = await login('other-pub@example.be', 'a long enough password');
      tokens.otherAdvertiser = await login('other-adv@example.be', 'a long enough password');
      // An order of the demo publisher, which the other publisher must never see.
      const tduid = await demoClick(t);
      await demoOrder(t, { orderNumber: 'AUTHZ-1', clickId: tduid });
      otherPublisherOrder = (
        await db
          .selectFrom('orders')
          .select('id')
          .where('order_number', '=', 'AUTHZ-1')
          .executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(async () => {
      await t.app.close();
    });

    it('documents every API route at /api/docs and nothing that does not exist', async () => {
      const api = registeredRoutes(t.app)
        .filter((route) => route.url.startsWith('/api/v1/'))
        .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`)
        .sort();
      const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
      expect(documented).toEqual(api);
      const docs = await t.app.inject({ url: '/api/docs' });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('/api/v1/publisher/transactions/{orderId}');
      expect((await t.app.inject({ url: '/api/openapi.json' })).json()).toMatchObject({
        openapi: '3.1.0',
      });
    });

    it('refuses every protected route without credentials (401)', async () => {
      for (const op of OPERATIONS.filter((op) => op.auth !== 'none')) {
        const path = op.path
          .replace('{programId}', t.demo.programId)
          .replace(/\{(\w+)\}/g, 'x_unknown');
        const url = op.path === '/api/v1/reports' ? `${path}?programId=${t.demo.programId}` : path;
        const response = await t.app.inject({
          method: op.method.toUpperCase() as 'GET',
          url,
          payload: op.method === 'get' || op.method === 'delete' ? undefined : {},
        });
        expect([op.path, response.statusCode]).toEqual([op.path, 401]);
      }
    });

    it('refuses the wrong role (403) and another owner’s data (404)', async () => {
      const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
      const cases: [string, string, string, number][] = [
        // [who, method, url, status]
        ['advertiser', 'GET', '/api/v1/publisher/transactions', 403],
        ['publisher', 'GET', '/api/v1/advertiser/applications', 403],
        ['publisher', 'GET', `/api/v1/programs/${t.demo.programId}/transactions`, 403],
        ['publisher', 'POST', `/api/v1/programs/${t.demo.programId}/orders`, 403],
        ['otherAdvertiser', 'GET', `/api/v1/programs/${t.demo.programId}/transactions`, 404],
        ['otherAdvertiser', 'GET', `/api/v1/programs/${t.demo.programId}/invoices`, 404],
        ['otherAdvertiser', 'POST', `/api/v1/programs/${t.demo.programId}/validations`, 404],
        [
          'otherAdvertiser',
          'GET',
          `/api/v1/reports?programId=${t.demo.programId}&from=2026-10-01&to=2026-10-31`,
          404,
        ],
        ['otherPublisher', 'GET', `/api/v1/publisher/transactions/${otherPublisherOrder}`, 404],
        [
          'otherPublisher',
          'GET',
          `/api/v1/publisher/links?programId=${t.demo.programId}&siteId=${t.demo.siteId}`,
          403, // not_your_site
        ],
        ['publisher', 'GET', `/api/v1/publisher/transactions/${otherPublisherOrder}`, 200],
        ['publisher', 'GET', '/api/v1/advertiser/review-queue', 403],
        ['advertiser', 'GET', '/api/v1/admin/audit', 403],
        ['advertiser', 'POST', `/api/v1/admin/programs/${t.demo.programId}/review`, 403],
        ['publisher', 'GET', '/api/v1/admin/program-reviews', 403],
        ['publisher', 'GET', '/api/v1/admin/overdue', 403],
        ['otherAdvertiser', 'POST', '/api/v1/advertiser/enforcement', 404],
        ['otherPublisher', 'POST', '/api/v1/publisher/claims', 404],
      ];
      for (const [who, method, url, status] of cases) {
        const response = await t.app.inject({
          method: method as 'GET',
          url,
          headers: as(who),
          payload:
            method === 'POST'
              ? {
                  validations: [],
                  programId: t.demo.programId,
                  publisherId: 'pub_x',
                  kind: 'warning',
                  rule: 'AE-P4',
                  evidence: 'e',
                  actionId: 'enf_unknown',
                  text: 'a long enough objection text here',
                }
              : undefined,
        });
        expect([who, method, url, response.statusCode]).toEqual([who, method, url, status]);
      }
      const mine = await t.app.inject({
        url: '/api/v1/publisher/transactions',
        headers: as('otherPublisher'),
      });
      expect(mine.json()).toEqual({ transactions: [] });
      const applications = await t.app.inject({
        url: '/api/v1/advertiser/applications',
        headers: as('otherAdvertiser'),
      });
      expect(applications.json()).toEqual({ applications: [] });
    });

    it('rate-limits logins', async () => {
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/sessions',
          payload: { email: 'nobody@example.nl', password: 'wrong password' },
          remoteAddress: '10.9.9.9',
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(statuses.at(-1)).toBe(429);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/sessions',
            payload: { email: 'x@y.nl', password: 'p' },
            remoteAddress: '10.9.9.9',
          })
        ).json(),
      ).toMatchObject({ code: 'rate_limited' });
    });
  },
);
