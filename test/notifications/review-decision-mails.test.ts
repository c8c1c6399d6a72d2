import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addSite, reviewProgram, startTestNetwork, type TestNetwork } from '../support/network.js';
import { newAdvertiserProgram, type NewProgram } from '../support/new-advertiser-program.js';
import { lampenhuisTerms } from '../support/new-program.js';
import { repos } from '../../src/storage/repositories/repos.js';

/**
 * The decisions that open or close a door send a mail saying so: the network's review of a
 * program to its advertiser's users (approved, or refused with the reason), each in their
 * language; an application's decision to the publisher, naming the site decided on.
 */
describeEachEngine('the mails of review and application decisions', (context) => {
  let t: TestNetwork;
  let fiets: NewProgram;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    fiets = await newAdvertiserProgram(t, 'Fietsplein');
  });
  afterAll(async () => {
    await t.app.close();
  });

  const mailsTo = async (to: string) =>
    (await t.network.mailer.recent(500))
      .filter((mail) => mail.toAddress === to)
      .map((mail) => ({ subject: mail.subject, text: mail.textBody }))
      .reverse();

  it('tells the advertiser the network approved its program, in the language its user reads', async () => {
    const mails = (await mailsTo(fiets.advertiserEmail)).filter((m) => /network/.test(m.subject));
    expect(mails).toEqual([
      {
        subject: 'Approved by the network: your program Fietsplein',
        text: expect.stringContaining(
          'The network approved Fietsplein: it is in the program directory',
        ),
      },
    ]);
  });

  it('tells the advertiser a refusal with its reason, in Dutch for a Dutch reader, once', async () => {
    const user = await t.network.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', fiets.advertiserEmail)
      .executeTakeFirstOrThrow();
    await repos(t.network.store).users.setLocale(user.id, 'nl');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/programs',
      headers: { authorization: `Bearer ${fiets.apiKey}`, 'content-type': 'text/yaml' },
      payload: (await lampenhuisTerms()).replace(/Lampenhuis B\.V\./, 'Fietsplein B.V.'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const { programId } = created.json() as { programId: string };
    const lampenhuis = async () =>
      (await mailsTo(fiets.advertiserEmail)).filter((m) => m.subject.includes('Lampenhuis'));
    t.clock.now += 60_000;
    const reason = 'De landings-URL opent niet: zet de winkel eerst online';
    await reviewProgram(t, fiets.admin, programId, 'refused', reason);
    // The same decision again changes nothing and mails nothing.
    await reviewProgram(t, fiets.admin, programId, 'refused', reason);
    expect(await lampenhuis()).toEqual([
      {
        subject: 'Niet goedgekeurd door het netwerk: je programma Lampenhuis',
        text: expect.stringContaining(
          `Het netwerk heeft Lampenhuis niet goedgekeurd. Reden: ${reason}`,
        ),
      },
    ]);
    t.clock.now += 60_000;
    await reviewProgram(t, fiets.admin, programId, 'approved');
    expect((await lampenhuis()).slice(1)).toEqual([
      {
        subject: 'Goedgekeurd door het netwerk: je programma Lampenhuis',
        text: expect.stringContaining('Het netwerk heeft Lampenhuis goedgekeurd'),
      },
    ]);
  });

  it('names the site in the publisher’s approval and rejection mails', async () => {
    const approved = (await mailsTo(t.demo.publisher.email)).filter((m) =>
      m.subject.includes('Fietsplein'),
    );
    expect(approved).toEqual([
      {
        subject: 'Approved: Demo Deals in Fietsplein',
        text: 'Your site Demo Deals (https://deals.demo.affnet.local) is approved for Fietsplein. Build its links in the portal: Links.',
      },
    ]);
    const site = await addSite(t, 'Fietsblog', false);
    const membership = await repos(t.network.store).memberships.apply(
      {
        programId: fiets.programId,
        siteId: site.id,
        publisherId: site.publisher_id,
        promotionMethods: [],
        contentCategories: [],
      },
      t.clock.now,
    );
    await repos(t.network.store).users.create(
      {
        email: 'fietsblog@example.nl',
        passwordHash: 'x',
        role: 'publisher',
        name: 'Fietsblog',
        publisherId: site.publisher_id,
      },
      t.clock.now,
    );
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/advertiser/applications/${membership.id}/decision`,
      headers: { authorization: `Bearer ${fiets.advertiserSession}` },
      payload: { decision: 'reject', reason: 'Geen fietsinhoud op de site' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await mailsTo('fietsblog@example.nl')).toEqual([
      {
        subject: 'Not approved: Fietsblog in Fietsplein',
        text: 'The application of your site Fietsblog (https://fietsblog.example) to Fietsplein was not approved. Reason: Geen fietsinhoud op de site',
      },
    ]);
  });
});
