import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../support/stores.js';
import { SECRET, startTestNetwork, type TestNetwork } from '../support/network.js';
import { Network } from '../../src/server/network.js';
import { buildApp } from '../../src/http/app.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';

/** Accounts tried as an attacker would: guessing, enumerating, replaying mailed links. */
describeEachEngine('account attacks', (context) => {
  let t: TestNetwork;
  /** A second process on the same database. */
  let other: FastifyInstance;
  let otherNetwork: Network;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    otherNetwork = new Network(context().store, {
      secret: SECRET,
      maxBatch: 100,
      node: 1,
      now: () => t.clock.now,
    });
    await otherNetwork.start(50);
    other = buildApp(otherNetwork, { logLevel: 'silent', trustProxy: true });
  });
  afterAll(async () => {
    await other.close();
    await t.app.close();
  });

  const login = (app: FastifyInstance, email: string, address: string, password = 'wrong-guess') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { 'x-forwarded-for': address },
      payload: { email, password },
    });
  const latestMailTo = async (to: string) =>
    t.network.store.db
      .selectFrom('emails')
      .selectAll()
      .where('to_address', '=', to)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();

  it('limits login attempts per account across addresses and processes', async () => {
    const target = 'victim@example.nl';
    const statuses = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await login(i % 2 ? other : t.app, target, `198.51.100.${i}`)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const refused = await login(other, target, '198.51.100.99');
    expect(refused.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from a fresh address is not affected.
    expect((await login(t.app, 'someone-else@example.nl', '198.51.100.200')).statusCode).toBe(401);
    // The window passes.
    t.clock.now += 61_000;
    expect((await login(t.app, target, '198.51.100.201')).statusCode).toBe(401);
  });

  it('limits one address spraying many accounts, across processes', async () => {
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await login(i % 2 ? other : t.app, `spray-${i}@example.nl`, '203.0.113.7')).statusCode,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    t.clock.now += 61_000;
  });

  it('never tells whether an address has an account', async () => {
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup/check',
      payload: { email: t.demo.publisher.email },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup/check',
      payload: { email: 'nobody-here@example.nl' },
    });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const details = (email: string) => ({
      email,
      password: 'correct horse battery',
      name: 'Kim',
      country: 'NL',
      siteName: 'Kortingen',
      siteUrl: 'https://kortingen.example.nl',
      promotionMethods: ['voucher_codes'],
    });
    const existing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: details(t.demo.publisher.email),
    });
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: details('fresh-publisher@example.nl'),
    });
    expect(existing.statusCode).toBe(202);
    expect(fresh.statusCode).toBe(202);
    const shape = (body: Record<string, unknown>) => ({ ...body, email: '' });
    expect(shape(existing.json())).toEqual(shape(fresh.json()));
    // The owner of the existing address is told by email; no second account exists.
    expect((await latestMailTo(t.demo.publisher.email))?.subject).toContain('tried to sign up');
    const accounts = await t.network.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', t.demo.publisher.email)
      .execute();
    expect(accounts).toHaveLength(1);
    t.clock.now += 61_000;
  });

  it('checks a VAT number against its country’s format and keeps it written one way', async () => {
    const signup = (email: string, vatNumber: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/signup',
        remoteAddress: '198.51.100.77',
        payload: {
          email,
          password: 'correct horse battery',
          name: 'Kim',
          company: 'Kortingen B.V.',
          country: 'NL',
          vatNumber,
          siteName: 'Kortingen',
          siteUrl: 'https://kortingen-vat.example.nl',
          promotionMethods: ['voucher_codes'],
        },
      });
    const wrong = await signup('vat-wrong@example.nl', 'NL123456789');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'invalid_vat_number',
      issues: [
        {
          path: 'vatNumber',
          message: 'not a NL VAT number (such as NL123456789B01): "NL123456789"',
        },
      ],
    });
    expect((await signup('vat-right@example.nl', 'nl 1234.56.789.b01')).statusCode).toBe(202);
    const stored = await t.network.store.db
      .selectFrom('publishers')
      .select('vat_number')
      .where('company', '=', 'Kortingen B.V.')
      .executeTakeFirstOrThrow();
    expect(stored.vat_number).toBe('NL123456789B01');
  });

  it('activates only on the button (POST), not when a scanner opens the link', async () => {
    const mail = await latestMailTo('fresh-publisher@example.nl');
    const token = /activate\?token=([\w-]+)/.exec(mail!.text_body)![1]!;
    const opened = await t.app.inject({
      url: `/activate?token=${token}`,
      headers: { accept: 'text/html' },
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('action="/activate"');
    const user = () =>
      t.network.store.db
        .selectFrom('users')
        .select('status')
        .where('email', '=', 'fresh-publisher@example.nl')
        .executeTakeFirstOrThrow();
    expect((await user()).status).toBe('pending_activation');
    const activated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/activate',
      payload: { token },
    });
    expect(activated.statusCode).toBe(200);
    expect((await user()).status).toBe('active');
  });

  it('lets only the newest password-reset link work, and none after one is used', async () => {
    const ask = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/password-reset',
        payload: { email: t.demo.publisher.email },
      });
    const tokenOfLatest = async () =>
      /password-reset\/([\w-]+)/.exec((await latestMailTo(t.demo.publisher.email))!.text_body)![1]!;
    await ask();
    const older = await tokenOfLatest();
    t.clock.now += 1000;
    await ask();
    const newer = await tokenOfLatest();
    expect(newer).not.toBe(older);
    const use = (token: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/password-reset/${token}`,
        payload: { password },
      });
    expect((await use(older, 'attacker-password-1')).json()).toMatchObject({
      code: 'invalid_token',
    });
    expect((await use(newer, 'the-owners-new-password')).statusCode).toBe(200);
    expect((await use(older, 'attacker-password-2')).statusCode).toBe(400);
    expect(
      (await login(t.app, t.demo.publisher.email, '192.0.2.50', 'the-owners-new-password'))
        .statusCode,
    ).toBe(201);
    t.clock.now += 61_000;
  });

  it('makes the first admin replace the one-time password before anything else', async () => {
    const admin = (await ensureAdmin(t.network.store, t.clock.now))!;
    const session = await login(t.app, admin.email, '192.0.2.60', admin.password);
    expect(session.statusCode).toBe(201);
    expect(session.json()).toMatchObject({ role: 'admin', mustChangePassword: true });
    const auth = { authorization: `Bearer ${(session.json() as { token: string }).token}` };
    const blocked = await t.app.inject({ url: '/api/v1/admin/payout-runs', headers: auth });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'password_change_required' });
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: auth,
      payload: { currentPassword: admin.password, newPassword: admin.password },
    });
    expect(same.statusCode).toBe(400);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: auth,
      payload: { currentPassword: 'not-it-at-all', newPassword: 'a-new-admin-password' },
    });
    expect(wrong.json()).toMatchObject({ code: 'wrong_password' });
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: auth,
      payload: { currentPassword: admin.password, newPassword: 'a-new-admin-password' },
    });
    expect(changed.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/v1/admin/payout-runs', headers: auth })).statusCode,
    ).toBe(200);
  });
});
