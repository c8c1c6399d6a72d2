import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';

/**
 * An outsider's attack: without PUBLIC_URL the reset link's address came from the request's
 * Host header, so `Host: evil.example` made the network mail a victim a reset link to the
 * attacker's site, token included (account takeover on one click). Links in email now come
 * from PUBLIC_URL; without it only a request to this machine itself may name the origin.
 */
describeEachEngine('links in email never come from a forged Host header', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
    await t.network.close();
  });

  const mailsTo = async (to: string) =>
    t.network.store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', to)
      .execute();

  it('refuses a reset, a sign-up and an invitation asked for another host, storing no mail', async () => {
    const victim = t.demo.publisher.email;
    const before = (await mailsTo(victim)).length;
    for (const host of [
      'evil.example',
      'evil.example:443',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
    ]) {
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/v1/password-reset',
        headers: { host, 'x-forwarded-host': host },
        payload: { email: victim },
      });
      expect(reset.statusCode, host).toBe(503);
      expect(reset.json()).toMatchObject({ code: 'public_url_not_set' });
      const portal = await t.app.inject({
        method: 'POST',
        url: '/password-reset',
        headers: { host, 'x-forwarded-host': host },
        payload: { email: victim },
      });
      expect(portal.statusCode, host).not.toBe(303);
    }
    expect((await mailsTo(victim)).length).toBe(before);
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      payload: {
        email: 'new@example.nl',
        password: 'correct horse battery',
        name: 'Kim',
        country: 'NL',
        siteName: 'Kortingen',
        siteUrl: 'https://kortingen.example.nl',
        promotionMethods: ['voucher_codes'],
      },
    });
    expect(signup.statusCode).toBe(503);
    expect(await mailsTo('new@example.nl')).toEqual([]);
    const users = await t.network.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'new@example.nl')
      .execute();
    expect(users).toEqual([]);
  });

  it('mails a reset asked on this machine with its own address', async () => {
    const victim = t.demo.advertiser.email;
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/password-reset',
      headers: { host: 'localhost:8080' },
      payload: { email: victim },
    });
    expect(reset.statusCode).toBe(202);
    const [mail] = await mailsTo(victim);
    expect(mail?.text_body).toMatch(/http:\/\/localhost:8080\/password-reset\/[\w-]+/);
  });

  it('with PUBLIC_URL, mails its address whatever the Host header says', async () => {
    const network = new Network(t.network.store, {
      secret: 'mail-links-secret-0123456789abcdefghijklmn',
      maxBatch: 1000,
      node: 1,
      now: () => t.clock.now,
      publicUrl: 'https://affiliates.example.nl',
    });
    await network.start(50);
    const app = buildApp(network, { logLevel: 'silent' });
    try {
      const reset = await app.inject({
        method: 'POST',
        url: '/api/v1/password-reset',
        headers: { host: 'evil.example' },
        payload: { email: t.demo.publisher.email },
      });
      expect(reset.statusCode).toBe(202);
      const bodies = (await mailsTo(t.demo.publisher.email)).map((m) => m.text_body);
      expect(bodies.some((b) => b.includes('https://affiliates.example.nl/password-reset/'))).toBe(
        true,
      );
      expect(bodies.some((b) => b.includes('evil.example'))).toBe(false);
    } finally {
      await app.close();
      await network.close();
    }
  });
});
