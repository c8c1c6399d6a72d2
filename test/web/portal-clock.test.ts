import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoPublisherId, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { translate } from '../../src/i18n/catalogue.js';
import { formatDate } from '../../src/web/format.js';

/**
 * The portal runs on the network's one clock: a test moves it through a claim deadline (AE-E2)
 * and the pages and refusals follow. (The month end is walked the same way in admin-money.)
 */
describeEachEngine('the portal on a clock the test moves', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store, Date.UTC(2026, 9, 5, 12));
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('offers a claim until the deadline and refuses it after, in the reader’s language', async () => {
    const publisherId = await demoPublisherId(t);
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await advertiser.get('/advertiser/compliance');
    expect(
      (
        await advertiser.submit('/advertiser/enforcement', {
          publisherId,
          programId: t.demo.programId,
          kind: 'warning',
          rule: 'AE-P4',
          evidence: 'brand bidding seen on 2026-10-04',
        })
      ).statusCode,
    ).toBe(200);
    const [action] = await t.network.enforcement.ofPublisher(publisherId);
    const deadline = action!.claimDeadlineAt!;
    // Recorded on Monday 5 October: five working days later.
    expect(deadline).toBeGreaterThan(t.clock.now + 5 * 86_400_000);

    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/publisher/compliance?lang=nl');
    const open = await publisher.get('/publisher/compliance');
    expect(open.body).toContain(`name="actionId"`);

    // A minute before the deadline the form is still there; at the deadline it is gone.
    t.clock.now = deadline - 60_000;
    expect((await publisher.get('/publisher/compliance')).body).toContain(`name="actionId"`);
    t.clock.now = deadline;
    const closed = await publisher.get('/publisher/compliance');
    expect(closed.body).not.toContain(`name="actionId"`);
    expect(closed.body).toContain(translate('nl', 'publisherCompliance.theClaimWindowClosedOn'));

    // A claim posted from the page opened before the deadline is refused, in Dutch, with the date.
    const late = await publisher.postMultipart(
      '/publisher/claims',
      { actionId: action!.id, text: 'We never bid on the brand; this was a competitor.' },
      [],
    );
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain(
      translate('nl', 'refusal.claim_too_late', { deadline: formatDate(deadline, 'nl') }),
    );
    expect(late.body).not.toContain('the claim window closed');
  });

  it('writes the session cookie with a relative Max-Age, never an Expires from the network clock', async () => {
    // The network clock here is months away from the real date: an Expires computed from it
    // would be born expired (or live too long) in a real browser.
    const visitor = client(t);
    const login = await visitor.login(t.demo.publisher.email, t.demo.publisher.password);
    const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    const session = setCookie.find((cookie) => cookie.startsWith('affnet_session='));
    expect(session).toBeDefined();
    expect(session).toContain(`Max-Age=${14 * 86_400}`);
    expect(session).not.toMatch(/expires=/i);
  });
});
