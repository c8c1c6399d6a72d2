import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import type { TestNetwork } from '../support/network.js';
import { startWebhookNetwork, type WebhookNetwork } from '../support/webhook-network.js';
import { client } from '../support/web-client.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * Attack: a publisher suspended in a program (or never approved there) scopes a postback to
 * it, to keep hearing of that program's commissions. A postback's programId must be a program
 * one of the publisher's sites is approved in: otherwise 403 program_not_joined, in the API and
 * the portal, nothing stored.
 */
describeEachEngine('a postback is scoped only to a program the publisher promotes', (context) => {
  let network: WebhookNetwork;
  let t: TestNetwork;
  beforeAll(async () => {
    network = await startWebhookNetwork(context().store);
    ({ t } = network);
  });
  afterAll(() => network.close());

  const newPublisher: WebhookNetwork['newPublisher'] = (...publisher) =>
    network.newPublisher(...publisher);
  const post = (token: string, programId: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/publisher/postbacks',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        url: 'http://127.0.0.1:9/pb?c={commission}',
        events: ['commission.created'],
        programId,
      },
    });
  const endpoints = () =>
    t.network.store.db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();

  it('refuses a program where the publisher is suspended or was never approved, API and portal', async () => {
    const suspended = await newPublisher('Suspended', true);
    const approved = await post(suspended.token, t.demo.programId);
    expect(approved.statusCode, approved.body).toBe(201);
    const memberships = repos(t.network.store).memberships;
    const membership = await memberships.find(t.demo.programId, suspended.site.id);
    await memberships.decide(membership!.id, 'suspended', 'test', 'test', t.clock.now);
    const pending = await newPublisher('Outsider', false);

    const before = await endpoints();
    for (const token of [suspended.token, pending.token]) {
      const refused = await post(token, t.demo.programId);
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().code).toBe('program_not_joined');
      expect(refused.json().message).toContain('none of your sites is approved');
    }
    // The portal form refuses the same crafted choice.
    t.clock.now += 61_000;
    const portal = client(t);
    await portal.login(suspended.email, suspended.password);
    await portal.get('/publisher/integrations');
    const form = await portal.post('/publisher/integrations/postbacks', {
      url: 'http://127.0.0.1:9/pb?c={commission}',
      events: 'commission.created',
      programId: t.demo.programId,
    });
    expect(form.statusCode, form.body).toBe(403);
    expect(form.body).toMatch(/none of your sites is approved|geen van je sites is goedgekeurd/);
    expect(await endpoints()).toEqual(before);
    // Without a program scope it may still have a postback (for the programs it promotes).
    const unscoped = await t.app.inject({
      method: 'POST',
      url: '/api/v1/publisher/postbacks',
      headers: { authorization: `Bearer ${pending.token}` },
      payload: { url: 'http://127.0.0.1:9/pb?c={commission}', events: ['commission.created'] },
    });
    expect(unscoped.statusCode, unscoped.body).toBe(201);
  });
});
