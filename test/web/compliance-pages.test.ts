import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { demoPublisherId, startTestNetwork, type TestNetwork } from '../support/network.js';
import { client } from '../support/web-client.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { repos } from '../../src/storage/repositories/repos.js';

describeEachEngine('compliance in the portal', (context) => {
  let t: TestNetwork;
  let publisherId: string;
  beforeAll(async () => {
    // A Thursday in Hong Kong: the claim window is 5 working days.
    t = await startTestNetwork(context().store);
    publisherId = await demoPublisherId(t);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('records an action, takes a claim with evidence, and reverses the action when upheld', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await advertiser.get('/advertiser/compliance');
    const recorded = await advertiser.submit('/advertiser/enforcement', {
      publisherId,
      programId: t.demo.programId,
      kind: 'withhold',
      rule: 'AE-P4',
      evidence: 'clicks from hidden iframes on 2026-11-18',
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.body).toContain(
      'withhold recorded; the publisher is notified and may object until',
    );
    expect(await t.network.enforcement.isWithholding(publisherId)).toBe(true);

    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    const page = await publisher.get('/publisher/compliance');
    expect(page.body).toContain('Withhold payments');
    expect(page.body).toContain('HKT');
    const action = /name="actionId"\s+value="([^"]+)"/.exec(page.body)![1]!;
    const forged = await publisher.postMultipart(
      '/publisher/claims',
      { actionId: action, text: 'x'.repeat(30), _csrf: 'wrong' },
      [],
    );
    expect(forged.statusCode).toBe(403);
    const claimed = await publisher.follow(
      await publisher.postMultipart(
        '/publisher/claims',
        {
          actionId: action,
          text: 'The iframes are a scraper copying our page; our own links are plain anchors.',
        },
        [
          {
            name: 'files',
            filename: 'server-log.txt',
            type: 'text/plain',
            content: '203.0.113.9 GET /deals 200',
          },
        ],
      ),
    );
    expect(claimed.statusCode).toBe(200);
    expect(claimed.body).toContain('Claim submitted; the advertiser decides by');

    const review = await advertiser.get('/advertiser/compliance');
    const link = /href="(\/claims\/clm_\w+\/attachments\/att_\w+)"/.exec(review.body)![1]!;
    const file = await advertiser.get(link);
    expect([file.statusCode, file.body, file.headers['x-content-type-options']]).toEqual([
      200,
      '203.0.113.9 GET /deals 200',
      'nosniff',
    ]);
    expect((await publisher.get(link)).statusCode).toBe(200);
    const db = t.network.store.db;
    const other = await repos(db).publishers.create({ name: 'Other', country: 'NL' }, Date.now());
    await repos(db).users.create(
      {
        email: 'nosy@example.nl',
        passwordHash: await hashPassword('nosy password 1'),
        role: 'publisher',
        name: 'Nosy',
        publisherId: other.id,
      },
      Date.now(),
    );
    const nosy = client(t);
    await nosy.login('nosy@example.nl', 'nosy password 1');
    expect((await nosy.get(link)).statusCode).toBe(404);

    const claimId = /action="\/advertiser\/claims\/(clm_\w+)"/.exec(review.body)![1]!;
    const upheld = await advertiser.submit(`/advertiser/claims/${claimId}`, {
      outcome: 'upheld',
      decision: 'The scraper explains it; lifted.',
    });
    expect(upheld.body).toContain(`${claimId}: upheld`);
    expect(await t.network.enforcement.isWithholding(publisherId)).toBe(false);
  });

  it('runs the Email Approval tool with a sandboxed, script-free preview', async () => {
    const advertiser = client(t);
    await advertiser.login(t.demo.advertiser.email, t.demo.advertiser.password);
    await advertiser.get('/advertiser/compliance');
    await advertiser.submit('/advertiser/email-access', {
      publisherId,
      programId: t.demo.programId,
      grant: 'yes',
    });
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    await publisher.get('/publisher/compliance');
    const planned = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
    const submitted = await publisher.submit('/publisher/mailings', {
      programId: t.demo.programId,
      subject: 'Singles Day deals',
      htmlBody:
        '<h1>Deals</h1><img src=x onerror="alert(1)"><script>steal()</script><a href="javascript:evil()">x</a>',
      plannedSendAt: planned,
      audienceSize: '5000',
      audienceSource: 'double opt-in newsletter',
    });
    expect(submitted.statusCode).toBe(200);
    const review = await advertiser.get('/advertiser/compliance');
    const iframe = /<iframe\s+sandbox=""[^>]*srcdoc="([^"]*)"/.exec(review.body)![1]!;
    expect(iframe).toContain('&lt;h1&gt;Deals');
    expect(iframe).not.toContain('script');
    expect(iframe).not.toContain('onerror');
    expect(iframe).not.toContain('javascript:');
    const mailingId = /action="\/advertiser\/mailings\/(mal_\w+)"/.exec(review.body)![1]!;
    const approved = await advertiser.submit(`/advertiser/mailings/${mailingId}`, {
      outcome: 'approve',
      comments: 'Fine',
    });
    expect(approved.body).toContain('Singles Day deals: approved');
    expect((await publisher.get('/publisher/compliance')).body).toMatch(/<code>m=[\w-]+<\/code>/);
  });

  it('shows the network admin the audit log, exportable', async () => {
    const admin = client(t);
    const { ensureAdmin } = await import('../../src/bootstrap/bootstrap.js');
    const created = await ensureAdmin(t.network.store, Date.now());
    await admin.loginAsFirstAdmin(created!);
    const page = await admin.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enforcement.withhold');
    expect(page.body).toContain('claim.upheld');
    const csv = await admin.get('/admin/audit?format=csv');
    expect(csv.body.split('\n')[0]).toBe('id,at,actor,action,subject_type,subject_id,details');
    expect(csv.body).toContain('mailing.approved');
    const publisher = client(t);
    await publisher.login(t.demo.publisher.email, t.demo.publisher.password);
    expect((await publisher.get('/admin/audit')).statusCode).toBe(403);
  });
});
