import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';

/** What every portal page shares: its icon, its address without a trailing slash, its header. */
describeEachEngine('portal shell', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('serves the icon every page links, and /favicon.ico browsers ask for on their own', async () => {
    const page = await client(t).get('/programs');
    expect(page.body).toContain(
      '<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />',
    );
    for (const url of ['/assets/favicon.svg', '/favicon.ico']) {
      const icon = await t.app.inject({ url });
      expect([url, icon.statusCode]).toEqual([url, 200]);
      expect(icon.headers['content-type']).toContain('image/svg+xml');
      expect(icon.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });

  it('sends a page asked for with a trailing slash to the page without it, query kept', async () => {
    const browser = client(t);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    for (const [asked, target] of [
      ['/publisher/transactions/', '/publisher/transactions'],
      ['/publisher/transactions//?lang=en', '/publisher/transactions?lang=en'],
      ['/programs/', '/programs'],
      // A run of leading slashes stays a path on this host, never `//elsewhere.example`.
      ['//elsewhere.example/', '/elsewhere.example'],
    ] as const) {
      const response = await browser.get(asked);
      expect([asked, response.statusCode, response.headers.location]).toEqual([asked, 301, target]);
    }
    const followed = await browser.get('/publisher/transactions');
    expect(followed.statusCode).toBe(200);
    // The API and non-page requests keep their own answers.
    const api = await t.app.inject({ url: '/api/v1/programs/', headers: { accept: 'text/html' } });
    expect(api.statusCode).not.toBe(301);
    const json = await t.app.inject({ url: '/programs/', headers: { accept: 'application/json' } });
    expect(json.statusCode).not.toBe(301);
    // A form post is never redirected (its body would be lost).
    const post = await browser.post('/publisher/sites/', { name: 'x' });
    expect(post.statusCode).not.toBe(301);
  });

  it("shows a logged-in user's own header on a page that does not exist, a visitor's otherwise", async () => {
    const browser = client(t);
    await browser.login(t.demo.publisher.email, t.demo.publisher.password);
    for (const url of ['/publisher/no-such-page', '/publisher/transactions/no-such-order']) {
      const missing = await browser.get(url);
      expect([url, missing.statusCode]).toEqual([url, 404]);
      expect(missing.body).toContain('action="/logout"');
      expect(missing.body).toContain('href="/publisher/transactions"');
      expect(missing.body).not.toContain('href="/signup"');
    }
    const visitor = await client(t).get('/publisher/no-such-page');
    expect(visitor.statusCode).toBe(404);
    expect(visitor.body).toContain('href="/signup"');
    expect(visitor.body).not.toContain('action="/logout"');
  });
});
