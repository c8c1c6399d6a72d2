import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';

describeEachEngine('inviting advertisers in the portal', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lets the network admin invite from the portal, and no one else', async () => {
    const admin = client(t);
    await admin.loginAsFirstAdmin((await ensureAdmin(t.network.store, t.clock.now))!);
    const page = await admin.get('/admin/advertisers');
    expect(page.body).toContain('action="/admin/advertisers/invitations"');
    const sent = await admin.submit('/admin/advertisers/invitations', {
      advertiser: 'Webshop B.V.',
      email: 'team@webshop.nl',
      name: 'Sam',
      locale: 'en',
    });
    expect(sent.location).toBe('/admin/advertisers');
    expect(sent.body).toContain('Invitation sent to team@webshop.nl.');
    const again = await admin.post('/admin/advertisers/invitations', {
      advertiser: 'Webshop B.V.',
      email: 'team@webshop.nl',
      locale: 'en',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('has an account already');
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    expect((await publisher.get('/admin/advertisers')).statusCode).toBe(403);
  });
});
