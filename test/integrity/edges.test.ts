import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoOrder, startTestNetwork, type TestNetwork } from '../support/network.js';
import type { AddressInfo } from 'node:net';
import { client } from '../support/web-client.js';
import { registeredRoutes } from '../../src/http/app.js';
import { request } from '../support/http-client.js';

/** The smaller findings of the integrity review: each answer is a clear {code, message}. */
describeEachEngine('edges an attacker probes', (context) => {
  let t: TestNetwork;
  let advertiserToken: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.advertiser.email, password: t.demo.advertiser.password },
    });
    advertiserToken = (login.json() as { token: string }).token;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it.each([
    ['/api/v1/advertiser/violations/vio_01notyours/review', { outcome: 'dismissed' }],
    [
      '/api/v1/advertiser/claims/clm_01notyours/decision',
      { outcome: 'upheld', decision: 'we agree' },
    ],
    ['/api/v1/advertiser/mailings/mal_01notyours/decision', { outcome: 'approve' }],
  ])("answers 404 for another tenant's or no such record: %s", async (url, payload) => {
    const response = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${advertiserToken}` },
      payload,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: expect.stringMatching(/^unknown_/) });
  });

  it('refuses an order placed in the year 9999 or before 2000', async () => {
    for (const placedAt of ['9999-12-31T00:00:00Z', '1970-01-01T00:00:00Z']) {
      const response = await demoOrder(t, { orderNumber: `DATE-${placedAt}`, placedAt });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'invalid_order',
        issues: [{ path: 'placedAt' }],
      });
    }
  });

  it('answers a claim form that is not multipart with 415, not 500', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/publisher/compliance');
    const response = await publisher.post('/publisher/claims', { actionId: 'x', text: 'y' });
    expect(response.statusCode).toBe(415);
    expect(response.body).toContain('unsupported_media_type');
  });

  it('answers a wrong portal link with a page, a wrong API path with {code, message}', async () => {
    const page = await t.app.inject({ url: '/publisher/nope', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('not_found');
    const api = await t.app.inject({ url: '/api/v1/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'not_found' });
  });

  it('refuses every portal form post without its CSRF token (one hook, every route)', async () => {
    await t.app.ready();
    const forms = registeredRoutes(t.app).filter(
      (route) => route.method === 'POST' && !route.url.startsWith('/api/'),
    );
    expect(forms.length).toBeGreaterThan(15);
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    for (const route of forms) {
      const url = route.url.replace(/:(\w+)/g, 'x');
      const response = await publisher.post(url, { anything: 'forged' }, false);
      expect(response.statusCode, url).toBe(403);
      expect(response.body, url).toContain('csrf_failed');
    }
  });

  it('forbids framing of every portal page', async () => {
    for (const url of ['/programs', '/login', '/publisher']) {
      const response = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('answers an over-long path segment with our own 414 body', async () => {
    const response = await t.app.inject({
      url: `/api/v1/programs/${'p'.repeat(200)}/orders/x`,
    });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toEqual({ code: 'uri_too_long', message: expect.any(String) });
    const bad = await t.app.inject({ url: '/api/v1/programs/%/orders' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_url' });
  });

  it('answers headers over 16 KiB (a real socket) with our own 431 body', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const response = await request(port, 'GET', '/healthz', undefined, {
      'x-padding': 'a'.repeat(20_000),
    });
    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toEqual({
      code: 'headers_too_large',
      message: expect.stringContaining('16 KiB'),
    });
  });
});
