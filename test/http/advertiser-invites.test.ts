import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { adminToken, startTestNetwork, type TestNetwork } from '../support/network.js';

/** The network admin invites an advertiser; the invitee chooses a password and logs in. */
describeEachEngine('advertiser invitations', (context) => {
  let t: TestNetwork;
  let admin: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const invite = (payload: Record<string, unknown>, token = admin) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/advertisers/invitations',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const linkOf = async (to: string) => {
    const mail = await t.network.store.db
      .selectFrom('emails')
      .select(['subject', 'text_body'])
      .where('to_address', '=', to)
      .executeTakeFirstOrThrow();
    return { subject: mail.subject, token: /password-reset\/([\w-]+)/.exec(mail.text_body)![1]! };
  };

  it('invites, the invitee chooses a password and runs the advertiser console', async () => {
    const invited = await invite({
      email: 'Marketing@Webshop.nl',
      advertiser: 'Webshop B.V.',
      locale: 'nl',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'marketing@webshop.nl', created: true });
    expect(invited.body).not.toContain('password-reset');
    const { subject, token } = await linkOf('marketing@webshop.nl');
    expect(subject).toBe('Je bent uitgenodigd om Webshop B.V. op affnet te beheren');
    // The mailed link opens a page that asks for a first password, not a "new" one.
    const mailed = await t.network.store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', 'marketing@webshop.nl')
      .executeTakeFirstOrThrow();
    const path = /\/password-reset\/[\w-]+\?invite=1/.exec(mailed.text_body)?.[0];
    expect(path).toBeDefined();
    const page = await t.app.inject({ url: path!, headers: { 'accept-language': 'nl' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stel je wachtwoord in');
    expect(page.body).not.toContain('Kies een nieuw wachtwoord');
    expect(page.body).toContain(`action="${path}"`);
    const chosen = await t.app.inject({
      method: 'POST',
      url: `/api/v1/password-reset/${token}`,
      payload: { password: 'webshop password 1' },
    });
    expect(chosen.statusCode).toBe(200);
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: 'marketing@webshop.nl', password: 'webshop password 1' },
    });
    expect(session.json()).toMatchObject({ role: 'advertiser' });
    const console = await t.app.inject({
      url: '/api/v1/advertiser/applications',
      headers: { authorization: `Bearer ${(session.json() as { token: string }).token}` },
    });
    expect(console.json()).toEqual({ applications: [] });

    // A second user of the same advertiser; an address with an account is refused.
    const second = await invite({ email: 'finance@webshop.nl', advertiser: 'Webshop B.V.' });
    expect(second.json()).toMatchObject({
      advertiserId: invited.json().advertiserId,
      created: false,
    });
    expect((await invite({ email: 'finance@webshop.nl', advertiser: 'Other' })).statusCode).toBe(
      409,
    );
    expect((await invite({ email: 'not-an-address', advertiser: 'X' })).json()).toMatchObject({
      code: 'invalid_email',
    });
    const audit = await t.network.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'advertiser.invited')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('lets only the network admin invite', async () => {
    const publisher = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: t.demo.publisher.email, password: t.demo.publisher.password },
    });
    const refused = await invite(
      { email: 'x@example.nl', advertiser: 'X' },
      (publisher.json() as { token: string }).token,
    );
    expect(refused.statusCode).toBe(403);
  });
});
