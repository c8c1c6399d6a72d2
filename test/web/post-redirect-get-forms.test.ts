import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  demoClick,
  demoOrder,
  demoPublisherId,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { client } from '../support/web-client.js';
import { ensureAdmin } from '../../src/bootstrap/bootstrap.js';
import { translate } from '../../src/i18n/catalogue.js';

/**
 * The forms the other portal tests do not follow: each done post answers 303 to its page, whose
 * GET shows the notice once (a refresh shows it no more and repeats nothing).
 */
describeEachEngine('every portal form answers 303 to its page', (context) => {
  let t: TestNetwork;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** Submits, expects `location` and `notice` on it, and no notice on a refresh. */
  const once = async (
    browser: ReturnType<typeof client>,
    url: string,
    form: Record<string, string | string[]>,
    location: string,
    notice: string,
  ) => {
    const shown = await browser.submit(url, form);
    expect(shown.location).toBe(location);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(notice);
    expect((await browser.get(location)).body).not.toContain(notice);
    return shown;
  };

  it('revokes an API key', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await advertiser.get('/advertiser/keys');
    await advertiser.submit('/advertiser/keys', { name: 'to revoke' });
    const page = await advertiser.get('/advertiser/keys');
    const revoke = [...page.body.matchAll(/action="(\/advertiser\/keys\/[\w-]+\/revoke)"/g)].at(
      -1,
    )![1]!;
    // Revoking asks first: the button is inside a disclosure that says what revoking breaks.
    const confirm = /<details class="confirm">[\s\S]*?<\/details>/.exec(page.body)?.[0] ?? '';
    expect(confirm).toContain(translate('en', 'advertiserAccount.revokeWarning'));
    expect(confirm).toContain(translate('en', 'advertiserAccount.revokeConfirm'));
    await once(
      advertiser,
      revoke,
      {},
      '/advertiser/keys',
      translate('en', 'advertiserAccount.keyRevoked'),
    );
  });

  it('activates a new account from the emailed link', async () => {
    const browser = client(t);
    await browser.get('/signup');
    await browser.submit('/signup', { email: 'activate.me@example.nl' });
    await browser.submit('/signup/details', {
      email: 'activate.me@example.nl',
      siteUrl: 'https://fietsdeals.nl',
      siteName: 'Fietsdeals',
      name: 'Iris',
      country: 'NL',
      promotionMethods: 'content_sites',
      password: 'a fine password 2',
    });
    const mail = await t.network.store.db
      .selectFrom('emails')
      .select('text_body')
      .where('to_address', '=', 'activate.me@example.nl')
      .executeTakeFirstOrThrow();
    const link = /\/activate\?token=[\w-]+/.exec(mail.text_body)![0];
    await browser.get(link);
    await once(
      browser,
      '/activate',
      { token: link.split('=')[1]! },
      '/publisher',
      translate('en', 'signup.activated'),
    );
  });

  it('changes a password, and says so on the home page', async () => {
    const browser = client(t);
    await browser.login('activate.me@example.nl', 'a fine password 2');
    await browser.get('/account/password');
    await once(
      browser,
      '/account/password',
      { currentPassword: 'a fine password 2', newPassword: 'a finer password 3' },
      '/publisher',
      translate('en', 'account.passwordChanged'),
    );
    await client(t).login('activate.me@example.nl', 'a finer password 3');
  });

  it('applies with a new site, and the advertiser decides the application', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/publisher/sites');
    await publisher.submit('/publisher/sites', {
      name: 'Second site',
      url: 'https://tweede-site.nl',
      promotionMethods: 'content_sites',
    });
    const page = await publisher.get('/publisher/applications');
    const siteId = /<option value="([^"]+)">Second site /.exec(page.body)![1]!;
    await once(
      publisher,
      '/publisher/applications',
      {
        programId: t.demo.programId,
        siteId,
        promotionMethods: 'content_sites',
        acceptRules: 'yes',
      },
      '/publisher/applications',
      translate('en', 'publisherSite.applicationSentTheAdvertiserDecides'),
    );

    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    const queue = await advertiser.get('/advertiser/applications');
    const decide = /action="(\/advertiser\/applications\/[\w-]+\/decision)"/.exec(queue.body)![1]!;
    await once(
      advertiser,
      decide,
      { decision: 'approve' },
      '/advertiser/applications',
      translate('en', 'advertiser.decisionRecorded', { status: 'approved' }),
    );
    const recorded = translate('en', 'advertiser.writtenConsentRecorded');
    const count = (body: string) => body.split(recorded).length - 1;
    const consent = await advertiser.submit(decide.replace(/decision$/, 'consent'), {
      text: 'AliExpress agreed in writing on 2026-11-02 to the brand name in the site’s title',
    });
    expect(consent.location).toBe('/advertiser/applications');
    // The notice once: a refresh shows one fewer (the application may name its consent too).
    expect(count(consent.body)).toBeGreaterThan(0);
    expect(count((await advertiser.get('/advertiser/applications')).body)).toBe(
      count(consent.body) - 1,
    );
  });

  it('saves invoicing details, the publisher’s and the network’s', async () => {
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/publisher/invoicing');
    const details = {
      legalName: 'Demo Media B.V.',
      street: 'Keizersgracht 1',
      postalCode: '1015 CJ',
      city: 'Amsterdam',
      country: 'NL',
      vatNumber: '',
      cocNumber: '',
    };
    await once(
      publisher,
      '/publisher/invoicing',
      details,
      '/publisher/invoicing',
      translate('en', 'invoicing.saved'),
    );
    const admin = client(t);
    await admin.loginAsFirstAdmin((await ensureAdmin(t.network.store, t.clock.now))!);
    await admin.get('/admin/money');
    await once(
      admin,
      '/admin/money/invoicing',
      { ...details, legalName: 'affnet B.V.', vatNumber: 'NL812345678B01' },
      '/admin/money',
      translate('en', 'invoicing.networkSaved'),
    );
  });

  it('reviews a flag, lifts an action and validates a pasted CSV without the page’s script', async () => {
    const publisherId = await demoPublisherId(t);
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await advertiser.get('/advertiser/compliance');
    await advertiser.submit('/advertiser/enforcement', {
      publisherId,
      programId: t.demo.programId,
      kind: 'withhold',
      rule: 'AE-P4',
      evidence: 'clicks from hidden iframes',
    });
    const page = await advertiser.get('/advertiser/compliance');
    const lift = /action="(\/advertiser\/enforcement\/[\w-]+\/lift)"/.exec(page.body)![1]!;
    await once(
      advertiser,
      lift,
      {},
      '/advertiser/compliance',
      `${lift.split('/')[3]}: ${translate('en', 'advertiserCompliance.lifted')}`,
    );

    await t.network.store.db
      .insertInto('violations')
      .values({
        id: 'violation_prg',
        program_id: t.demo.programId,
        publisher_id: publisherId,
        site_id: null,
        click_id: null,
        order_id: null,
        detector: 'self_purchase',
        rule: 'AE-P2',
        severity: 'medium',
        evidence: '{}',
        status: 'open',
        created_at: t.clock.now,
      })
      .execute();
    await once(
      advertiser,
      '/advertiser/violations/violation_prg',
      { outcome: 'dismissed' },
      '/advertiser/compliance',
      'violation_prg: dismissed',
    );

    const tduid = await demoClick(t);
    expect((await demoOrder(t, { orderNumber: 'PRG-CSV-1', clickId: tduid })).statusCode).toBe(201);
    await advertiser.get('/advertiser/transactions');
    const shown = await once(
      advertiser,
      '/advertiser/transactions/upload',
      { programId: t.demo.programId, csv: 'orderNumber,decision,reason\nPRG-CSV-1,approve,\n' },
      '/advertiser/transactions',
      `1 / 1 ${translate('en', 'advertiserTransaction.rowsDone')}`,
    );
    expect(shown.body).toContain('<td>PRG-CSV-1</td>');
  });
});
