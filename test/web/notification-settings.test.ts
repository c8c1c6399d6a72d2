import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { translate } from '../../src/i18n/catalogue.js';

/**
 * The account page's notification switches (issue 27, item 7): each user switches their own
 * mails, publishers and advertisers each theirs; a post answers 303 with a notice; a forged or
 * foreign post changes nothing.
 */
describeEachEngine('notification settings in the portal', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const switchedOff = async (email: string) => {
    const user = (await repos(t.network.store).users.findByEmail(email))!;
    return repos(t.network.store).notifications.switchedOff(user.id);
  };
  const ticked = (body: string) =>
    [...body.matchAll(/name="on" value="(\w+)"\s*checked/g)].map((match) => match[1]);

  it('shows a publisher its switches, all on, and saves them with 303 and a notice', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await publisher.get('/account');
    expect(page.statusCode).toBe(200);
    expect(ticked(page.body)).toEqual(['commission_digest', 'statement_issued', 'payout_sent']);
    expect(page.body).not.toContain('value="reports_refused"');
    expect(page.body).toContain(t.demo.publisher.email);
    // The header's name leads here.
    expect(page.body).toContain('class="who" href="/account"');

    const shown = await publisher.submit('/account/notifications', { on: ['statement_issued'] });
    expect(shown.location).toBe('/account');
    expect(shown.body).toContain(translate('en', 'notifications.saved'));
    expect(ticked(shown.body)).toEqual(['statement_issued']);
    expect(await switchedOff(t.demo.publisher.email)).toEqual(['commission_digest', 'payout_sent']);
    // Nothing ticked: everything off; all ticked again: everything on.
    await publisher.submit('/account/notifications', {});
    expect(await switchedOff(t.demo.publisher.email)).toHaveLength(3);
    await publisher.submit('/account/notifications', {
      on: ['commission_digest', 'statement_issued', 'payout_sent'],
    });
    expect(await switchedOff(t.demo.publisher.email)).toEqual([]);

    const dutch = await publisher.get('/account?lang=nl');
    expect(dutch.body).toContain('<h2 id="notifications">Meldingen</h2>');
    expect(dutch.body).toContain(translate('nl', 'notifications.kind.payout_sent'));
    expect(dutch.body).toContain('in het Nederlands');
  });

  it('refuses a forged, foreign or unknown switch with nothing changed', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/account');
    await publisher.submit('/account/notifications', { on: ['payout_sent'] });
    const before = await switchedOff(t.demo.publisher.email);
    // Without the CSRF token.
    const forged = await publisher.post('/account/notifications', { on: [] }, false);
    expect(forged.statusCode).toBe(403);
    // An advertiser's kind, and a kind that does not exist.
    for (const on of [['reports_refused'], ['everything'], ['payout_sent', 'x'.repeat(5000)]]) {
      const refused = await publisher.post('/account/notifications', { on });
      expect(refused.statusCode, on.join()).toBe(400);
    }
    expect(await switchedOff(t.demo.publisher.email)).toEqual(before);
    // Anonymous: no page, nothing changed.
    const anonymous = client(t);
    expect((await anonymous.get('/account')).statusCode).toBe(401);
    await anonymous.get('/login');
    expect((await anonymous.post('/account/notifications', { on: [] })).statusCode).toBe(401);
    expect(await switchedOff(t.demo.publisher.email)).toEqual(before);
  });

  it('gives an advertiser its own switches, separate from the publisher', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const page = await advertiser.get('/account?lang=en');
    expect(ticked(page.body)).toEqual([
      'application_received',
      'invoice_issued',
      'reports_refused',
      'feed_failing',
    ]);
    await advertiser.submit('/account/notifications', { on: ['invoice_issued'] });
    expect(await switchedOff(t.demo.advertiser.email)).toEqual([
      'application_received',
      'feed_failing',
      'reports_refused',
    ]);
    const refused = await advertiser.post('/account/notifications', { on: ['payout_sent'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('payout_sent');
    expect(await switchedOff(t.demo.advertiser.email)).toEqual([
      'application_received',
      'feed_failing',
      'reports_refused',
    ]);
  });

  it('reads and switches them over the API with a session token, refusing others', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.publisher.email, password: t.demo.publisher.password },
    });
    const token = (login.json() as { token: string }).token;
    const api = (method: 'GET' | 'PUT', payload?: unknown, auth = `Bearer ${token}`) =>
      t.app.inject({
        method,
        url: '/api/v1/account/notifications',
        headers: { authorization: auth },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const put = await api('PUT', { on: ['commission_digest'] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({
      notifications: [
        { kind: 'commission_digest', on: true },
        { kind: 'statement_issued', on: false },
        { kind: 'payout_sent', on: false },
      ],
    });
    expect((await api('GET')).json()).toEqual(put.json());
    const before = await switchedOff(t.demo.publisher.email);
    for (const body of [{ on: ['invoice_issued'] }, { on: ['nope'] }, { on: 'payout_sent' }, {}])
      expect((await api('PUT', body)).statusCode, JSON.stringify(body)).toBe(400);
    expect((await api('PUT', { on: [] }, 'Bearer nothing')).statusCode).toBe(401);
    expect((await api('PUT', { on: [] }, `Bearer ${t.demo.advertiserApiKey}`)).statusCode).toBe(
      401,
    );
    expect(await switchedOff(t.demo.publisher.email)).toEqual(before);
  });
});
