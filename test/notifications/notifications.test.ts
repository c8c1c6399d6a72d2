import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import {
  addSite,
  demoOrder,
  demoPublisherId,
  startTestNetwork,
  type TestNetwork,
} from '../support/network.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { EventDispatcher } from '../../src/services/event-dispatcher.js';

const DAY = 86_400_000;
const DEBTOR = { name: 'affnet B.V.', iban: 'NL02ABNA0123456789' };

/**
 * Notifications (issue 27, item 7): written by the event outbox's listener, each mail goes to
 * the users it concerns only, in their language, not when switched off, and once.
 */
describeEachEngine('notifications', (context) => {
  let t: TestNetwork;
  let demoPublisher: string;
  beforeAll(async () => {
    t = await startTestNetwork(context().store);
    demoPublisher = await demoPublisherId(t);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** Hands every event on (a scheduled run may be going: wait for the outbox to empty). */
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      await t.network.dispatchEvents();
      if ((await repos(t.network.store).events.undispatched(1)).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('events stayed undispatched');
  };
  const mailsTo = async (to: string) =>
    (await t.network.mailer.recent(1000)).filter((mail) => mail.toAddress === to);
  const user = async (email: string, publisherId: string, locale: 'en' | 'nl') => {
    const users = repos(t.network.store).users;
    const made = await users.create(
      { email, passwordHash: 'x', role: 'publisher', name: email, publisherId },
      t.clock.now,
    );
    await users.setLocale(made.id, locale);
    return made;
  };
  /** A pending order through a click on the demo program's link of `siteId` (the demo site's). */
  const order = async (orderNumber: string, siteId = t.demo.siteId) => {
    const click = await t.app.inject({
      url: `/click?p=${t.demo.programId}&a=${siteId}&g=${t.demo.adId}`,
      remoteAddress: '198.51.100.23',
    });
    const tduid = new URL(click.headers.location as string).searchParams.get('tduid')!;
    const answer = await demoOrder(t, { orderNumber, clickId: tduid, status: 'pending' });
    expect(answer.statusCode, answer.body).toBeLessThan(300);
  };
  const decide = (orderNumber: string, decision: 'approve' | 'decline') =>
    t.network.validation.validate(
      t.demo.programId,
      [
        decision === 'approve'
          ? { orderNumber, decision }
          : { orderNumber, decision, reason: 'cancelled' },
      ],
      'advertiser:test',
      t.clock.now,
    );

  it('mails each publisher one digest a day of its own decisions, in its language, once', async () => {
    const other = await addSite(t, 'Korting', true);
    await user('jan@korting.example', other.publisher_id, 'nl');
    await user('second@demo.example', demoPublisher, 'en');
    const quiet = await user('quiet@demo.example', demoPublisher, 'en');
    await t.network.notifications.preferences.set(
      { id: quiet.id, role: 'publisher' },
      ['statement_issued', 'payout_sent'],
      t.clock.now,
    );

    await order('N-1');
    await order('N-2');
    await order('K-1', other.id);
    await settle();
    const approved = await decide('N-1', 'approve');
    const declined = await decide('N-2', 'decline');
    const theirs = await decide('K-1', 'approve');
    expect([approved[0]?.ok, declined[0]?.ok, theirs[0]?.ok]).toEqual([true, true, true]);
    await settle();
    // The day is not over: nothing is mailed yet.
    expect(await t.network.sendCommissionDigests()).toBe(0);
    expect(await mailsTo('second@demo.example')).toEqual([]);

    t.clock.now += DAY;
    expect(await t.network.sendCommissionDigests()).toBeGreaterThan(0);
    const [digest, ...more] = await mailsTo('second@demo.example');
    expect(more).toEqual([]);
    expect(digest!.subject).toMatch(
      /^Your commissions of \d{4}-\d\d-\d\d: 1 approved, 1 declined$/,
    );
    expect(digest!.textBody).toContain('order N-1');
    expect(digest!.textBody).toContain('order N-2');
    expect(digest!.textBody).toContain(
      'Approved in total: EUR 0.64 (1).\nDeclined in total: EUR 0.64 (1).',
    );
    expect(digest!.textBody).toContain('Notifications');
    // Switched off: no digest for this user.
    expect(await mailsTo('quiet@demo.example')).toEqual([]);
    // Another publisher reads its own decisions only, in Dutch.
    const [dutch, ...again] = await mailsTo('jan@korting.example');
    expect(again).toEqual([]);
    expect(dutch!.subject).toMatch(
      /^Je commissies van \d\d-\d\d-\d{4}: 1 goedgekeurd, 0 afgewezen$/,
    );
    expect(dutch!.textBody).toContain('bestelling K-1');
    expect(dutch!.textBody).not.toContain('N-1');
    expect(digest!.textBody).not.toContain('K-1');

    // Once: a second run and a second dispatch mail nothing more.
    expect(await t.network.sendCommissionDigests()).toBe(0);
    await settle();
    expect(await mailsTo('second@demo.example')).toHaveLength(1);
  });

  it('writes nothing when the dispatch fails, and each mail once when it is retried', async () => {
    const before = (await t.network.mailer.recent(1000)).length;
    await order('R-1');
    await settle();
    expect((await decide('R-1', 'approve'))[0]).toMatchObject({ ok: true });
    const failing = new EventDispatcher(t.network.store);
    failing.listen(t.network.notifications.listener);
    // Its writes fail after the notifications' ran in the same transaction.
    failing.listen({
      name: 'broken',
      prepare: () => Promise.resolve(() => Promise.reject(new Error('down'))),
    });
    // The network's own job may hand the events on first; when it did not, the failed run
    // must leave no digest entry behind.
    const waiting = (await repos(t.network.store).events.undispatched(100)).length;
    if (waiting > 0) {
      await expect(failing.dispatch(t.clock.now)).rejects.toThrow('down');
      expect(await repos(t.network.store).notifications.dueDigests('9999-12-31', 10)).toEqual([]);
    }
    await settle();
    t.clock.now += DAY;
    expect(await t.network.sendCommissionDigests()).toBe(1);
    expect(await t.network.sendCommissionDigests()).toBe(0);
    const after = await t.network.mailer.recent(1000);
    const digests = after.slice(0, after.length - before).filter((m) => m.textBody.includes('R-1'));
    expect(digests.map((mail) => mail.toAddress).sort()).toEqual(
      [t.demo.publisher.email, 'second@demo.example'].sort(),
    );
  });

  it('tells a publisher its statement and payout, in its language, not when switched off', async () => {
    const store = t.network.store;
    await store.db
      .updateTable('publishers')
      .set({ iban: 'NL91ABNA0417164300', payout_name: 'Demo Deals', minimum_payout_minor: 1 })
      .where('id', '=', demoPublisher)
      .execute();
    const quiet = (await repos(store).users.findByEmail('quiet@demo.example'))!;
    await repos(store).users.setLocale(quiet.id, 'nl');
    await t.network.notifications.preferences.set(
      { id: quiet.id, role: 'publisher' },
      ['statement_issued'],
      t.clock.now,
    );
    // The advertiser's invoice mail: its billing user reads it in Dutch; the demo advertiser's
    // user switched it off.
    const aliexpress = (await repos(store).users.findByEmail(t.demo.advertiser.email))!;
    const billing = await repos(store).users.create(
      {
        email: 'billing@aliexpress.example',
        passwordHash: 'x',
        role: 'advertiser',
        name: 'Billing',
        advertiserId: aliexpress.advertiser_id!,
      },
      t.clock.now,
    );
    await repos(store).users.setLocale(billing.id, 'nl');
    await t.network.notifications.preferences.set(
      { id: aliexpress.id, role: 'advertiser' },
      ['application_received', 'reports_refused'],
      t.clock.now,
    );
    t.clock.now = Date.UTC(2026, 10, 2, 9);
    const { created } = await t.network.invoices.createInvoices('2026-10', t.clock.now);
    expect(created.length).toBeGreaterThan(0);
    const invoiceMails = (await t.network.mailer.recent(1000)).filter((mail) =>
      /^(Invoice|Factuur) /.test(mail.subject),
    );
    expect(invoiceMails.map((mail) => mail.toAddress)).toContain('billing@aliexpress.example');
    expect(invoiceMails.map((mail) => mail.toAddress)).not.toContain(t.demo.advertiser.email);
    for (const mail of invoiceMails)
      if (mail.toAddress === 'billing@aliexpress.example')
        expect(mail.subject).toMatch(/^Factuur .* voor AliExpress, 2026-10: /);
      else expect(mail.subject).not.toContain('AliExpress');
    await t.network.notifications.preferences.set(
      { id: aliexpress.id, role: 'advertiser' },
      ['application_received', 'invoice_issued', 'reports_refused'],
      t.clock.now,
    );
    // Billing reads invoices only (the tests below count the other mails).
    await t.network.notifications.preferences.set(
      { id: billing.id, role: 'advertiser' },
      ['invoice_issued'],
      t.clock.now,
    );
    for (const invoice of created) await t.network.invoices.markPaid(invoice.id, t.clock.now);
    await t.network.statements.createStatements('2026-10', t.clock.now);
    const run = await t.network.payouts.createRun({
      actor: 'admin:test',
      nowMs: t.clock.now,
      executionDate: '2026-11-03',
    });
    await t.network.payouts.sepaFile(run.run.id, DEBTOR, t.clock.now);
    await t.network.payouts.markPaid(run.run.id, 'admin:test', t.clock.now);
    await settle();

    const subjects = async (to: string) =>
      (await mailsTo(to))
        .map((mail) => mail.subject)
        .filter((s) => !/commissi/.test(s))
        .sort();
    expect(await subjects('second@demo.example')).toEqual([
      'Payout sent: EUR 1.28',
      'Your statement for 2026-10: EUR 1.28',
    ]);
    // In Dutch, and without the payout it switched off.
    expect(await subjects('quiet@demo.example')).toEqual(['Je afrekening over 2026-10: € 1,28']);
    // The other publisher (no bank account: carried over, not paid) hears of no payout.
    expect((await subjects('jan@korting.example')).filter((s) => /Uitbetaling/.test(s))).toEqual(
      [],
    );
    // Once: another dispatch writes nothing more.
    await settle();
    expect(await subjects('second@demo.example')).toHaveLength(2);
  });

  it('tells an advertiser of applications to its own programs only, unless switched off', async () => {
    const users = repos(t.network.store).users;
    const aliexpress = (await users.findByEmail(t.demo.advertiser.email))!;
    const colleague = await users.create(
      {
        email: 'colleague@aliexpress.example',
        passwordHash: 'x',
        role: 'advertiser',
        name: 'Colleague',
        advertiserId: aliexpress.advertiser_id!,
      },
      t.clock.now,
    );
    await t.network.notifications.preferences.set(
      { id: colleague.id, role: 'advertiser' },
      ['invoice_issued', 'reports_refused'],
      t.clock.now,
    );
    const site = await addSite(t, 'Nieuwkomer', false);
    await t.network.applications.apply(
      {
        publisherId: site.publisher_id,
        programId: t.demo.programId,
        siteId: site.id,
        promotionMethods: ['content_sites'],
        contentCategories: [],
        acceptedRules: true,
      },
      t.clock.now,
    );
    const applications = (await t.network.mailer.recent(1000)).filter((mail) =>
      mail.subject.includes('Nieuwkomer'),
    );
    expect(applications.map((mail) => mail.toAddress)).toEqual([t.demo.advertiser.email]);
    expect(applications[0]!.textBody).toMatch(/switch it off in the portal: Notifications\.$/);
    expect(t.demo.programs.length).toBeGreaterThan(1);
  });

  it('alerts an advertiser once when more than 10 reports of its program are refused in an hour', async () => {
    const users = repos(t.network.store).users;
    const colleague = (await users.findByEmail('colleague@aliexpress.example'))!;
    await users.setLocale(colleague.id, 'nl');
    const flood = async (programId: string, count: number) => {
      for (let i = 0; i < count; i += 1)
        await t.app.inject({ url: `/report?organization=${programId}&orderNumber=FLOOD-${i}` });
    };
    const other = t.demo.programs[1]!;
    await flood(t.demo.programId, 10);
    await flood(other.programId, 10);
    // Ten is not more than ten: no alert.
    expect(await t.network.alertRefusals()).toBe(0);
    await flood(t.demo.programId, 1);
    expect(await t.network.alertRefusals()).toBe(1);
    const alerts = (await t.network.mailer.recent(1000)).filter((mail) =>
      /refused|geweigerd/.test(mail.subject),
    );
    expect(alerts.map((mail) => [mail.toAddress, mail.subject]).sort()).toEqual([
      [t.demo.advertiser.email, 'Reports for AliExpress are being refused'],
      ['colleague@aliexpress.example', 'Meldingen voor AliExpress worden geweigerd'],
    ]);
    const english = alerts.find((mail) => mail.toAddress === t.demo.advertiser.email)!;
    expect(english.textBody).toContain(
      'The network refused 11 pixel or API reports for AliExpress in the last hour (invalid_parameter).',
    );
    // One alert, not one per report: more refusals within the day alert no more.
    await flood(t.demo.programId, 5);
    t.clock.now += 3 * 3_600_000;
    await flood(t.demo.programId, 11);
    expect(await t.network.alertRefusals()).toBe(0);
    // Switched off: a day later the colleague gets none, the other user does.
    await t.network.notifications.preferences.set(
      { id: colleague.id, role: 'advertiser' },
      [],
      t.clock.now,
    );
    t.clock.now += DAY;
    await flood(t.demo.programId, 11);
    expect(await t.network.alertRefusals()).toBe(1);
    const later = (await t.network.mailer.recent(1000)).filter((mail) =>
      /refused|geweigerd/.test(mail.subject),
    );
    expect(later.map((mail) => mail.toAddress).sort()).toEqual(
      ['colleague@aliexpress.example', t.demo.advertiser.email, t.demo.advertiser.email].sort(),
    );
  });
});
