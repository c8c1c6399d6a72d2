import { expect, it } from 'vitest';
import { describeEachEngine } from '../support/stores.js';
import { addProgram, seedNetwork, NOW } from '../support/seed.js';
import { reportOrder } from '../support/report-order.js';
import { orderDoc } from '../support/orders.js';
import { StoredTerms } from '../../src/programs/stored-terms.js';
import { Mailer } from '../../src/services/mailer.js';
import { EnforcementService } from '../../src/services/enforcement-service.js';
import { ClaimsService } from '../../src/services/claims-service.js';
import { InvoiceService } from '../../src/services/invoice-service.js';
import { StatementService } from '../../src/services/statement-service.js';
import { AccountsService } from '../../src/services/accounts-service.js';
import { ApplicationsService } from '../../src/services/applications-service.js';
import { readAudit } from '../../src/services/audit-log.js';
import { repos } from '../../src/storage/repositories/repos.js';

const at = (iso: string) => Date.parse(iso);

describeEachEngine('enforcement and claims (AE-E1..E3)', (context) => {
  it('refuses a late claim with its deadline, and an upheld claim restores withheld money', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const terms = new StoredTerms(store.db);
    const mailer = new Mailer(store, { from: 'test@affnet' });
    const enforcement = new EnforcementService(store, terms, mailer);
    const claims = new ClaimsService(store, terms, mailer, enforcement);
    const publisherId = seeded.publisher.id;
    await store.db.updateTable('publishers').set({ minimum_payout_minor: 100 }).execute();
    await store.db
      .insertInto('users')
      .values({
        id: 'usr_pub',
        email: 'pub@deals.nl',
        password_hash: null,
        role: 'publisher',
        status: 'active',
        name: 'P',
        locale: 'nl',
        advertiser_id: null,
        publisher_id: publisherId,
        created_at: NOW,
        activated_at: NOW,
      })
      .execute();
    await store.db
      .insertInto('users')
      .values({
        id: 'usr_adv',
        email: 'adv@shop.example',
        password_hash: null,
        role: 'advertiser',
        status: 'active',
        name: 'A',
        locale: 'en',
        advertiser_id: seeded.advertiser.id,
        publisher_id: null,
        created_at: NOW,
        activated_at: NOW,
      })
      .execute();

    // An approved commission, invoiced and paid by the advertiser: payable money.
    await reportOrder(store, seeded, orderDoc({ orderNumber: 'ENF-1' }));
    const invoices = new InvoiceService(store, terms);
    const [invoice] = (await invoices.createInvoices('2026-10', at('2026-11-02T00:00:00Z')))
      .created;
    await invoices.markPaid(invoice!.id, at('2026-11-03T00:00:00Z'));

    // A warning on Tuesday 2026-12-01: its claim window closes at the end of Tuesday 8 December (HK).
    const warning = await enforcement.record({
      kind: 'warning',
      publisherId,
      programId: seeded.program.id,
      rule: 'AE-P4',
      evidence: 'pop-unders from popads.example on 2026-11-30',
      actor: 'user:usr_adv',
      nowMs: at('2026-12-01T03:00:00Z'),
    });
    expect(new Date(warning.claimDeadlineAt!).toISOString()).toBe('2026-12-08T16:00:00.000Z');
    await expect(
      claims.submit(
        {
          publisherId,
          actionId: warning.id,
          text: 'These pop-unders were not ours: the network runs them.',
          attachments: [],
        },
        at('2026-12-09T01:00:00Z'),
      ),
    ).rejects.toMatchObject({
      code: 'claim_too_late',
      message: 'the claim window closed on 2026-12-08T16:00:00.000Z; a later objection is refused',
    });

    // Withholding on Wednesday 23 December: Christmas and the weekend do not count.
    const withhold = await enforcement.withholdPayments({
      publisherId,
      programId: seeded.program.id,
      rule: 'AE-P4',
      evidence: 'cookie stuffing: clicks from hidden iframes',
      actor: 'user:usr_adv',
      nowMs: at('2026-12-23T02:00:00Z'),
    });
    expect(new Date(withhold.claimDeadlineAt!).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const statements = new StatementService(store);
    const held = await statements.createStatements('2026-11', at('2026-12-24T00:00:00Z'));
    expect(held.created[0]).toMatchObject({
      payable_minor: 0,
      withheld_minor: 639,
      payout_minor: 0,
    });

    const claim = await claims.submit(
      {
        publisherId,
        actionId: withhold.id,
        text: 'The iframe clicks come from a scraper copying our page; see the attached server logs.',
        attachments: [
          {
            filename: 'access log.txt',
            contentType: 'text/plain',
            content: new TextEncoder().encode('203.0.113.7 - - [20/Dec/2026] "GET /deals" 200'),
          },
        ],
      },
      at('2026-12-29T02:00:00Z'),
    );
    // 15 working days from Tuesday 29 December 2026, skipping 1 January and the weekends.
    expect(new Date(claim.decisionDueAt).toISOString()).toBe('2027-01-20T16:00:00.000Z');
    expect(await claims.attachmentsOf(claim.id)).toMatchObject([
      { filename: 'access log.txt', contentType: 'text/plain', size: 46 },
    ]);
    await expect(
      claims.submit(
        {
          publisherId,
          actionId: withhold.id,
          text: 'a second objection to the same action',
          attachments: [],
        },
        at('2026-12-30T02:00:00Z'),
      ),
    ).rejects.toMatchObject({ code: 'claim_exists' });

    // Reminded two days before; overdue afterwards, for the admin.
    expect(await claims.remindDecisions(at('2027-01-19T02:00:00Z'))).toBe(1);
    expect(await claims.remindDecisions(at('2027-01-19T03:00:00Z'))).toBe(0);
    expect(await claims.overdue(at('2027-01-21T00:00:00Z'))).toMatchObject([{ id: claim.id }]);

    // Upheld: the withholding ends and the money is payable on the next statement.
    await expect(
      claims.decide(claim.id, 'adv_other', 'upheld', 'ok', 'user:x', at('2027-01-05T00:00:00Z')),
    ).rejects.toMatchObject({ code: 'unknown_claim' });
    await claims.decide(
      claim.id,
      seeded.advertiser.id,
      'upheld',
      'The scraper explains the iframe loads; the withholding is lifted.',
      'user:usr_adv',
      at('2027-01-05T02:00:00Z'),
    );
    expect(await enforcement.isWithholding(publisherId)).toBe(false);
    const released = await statements.createStatements('2026-12', at('2027-01-06T00:00:00Z'));
    expect(released.created[0]).toMatchObject({
      payable_minor: 639,
      withheld_minor: 0,
      payout_minor: 639,
      status: 'payable',
    });
    expect(await claims.overdue(at('2027-01-21T00:00:00Z'))).toEqual([]);

    const audit = (await readAudit(repos(store))).map((row) => row.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'enforcement.warning',
        'enforcement.withhold',
        'claim.submitted',
        'claim.upheld',
        'enforcement.reversed',
      ]),
    );
    const mails = await mailer.recent();
    // Each in the language its reader stored: the publisher reads Dutch, the advertiser English.
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        'Beslissing op je bezwaar: toegekend',
        'Handhavingsmaatregel teruggedraaid: Betalingen inhouden',
        'Reminder: a claim decision is due',
      ]),
    );
    expect((await repos(store).ledger.verify()).mismatches).toEqual([]);
  });

  it('gives each action its effect, and takes it back on reversal', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const terms = new StoredTerms(store.db);
    const mailer = new Mailer(store, { from: 'test@affnet' });
    const enforcement = new EnforcementService(store, terms, mailer);
    const publisherId = seeded.publisher.id;
    const base = {
      publisherId,
      programId: seeded.program.id,
      rule: 'AE-P4',
      evidence: 'evidence',
      actor: 'user:adv',
      nowMs: NOW,
    };
    await store.db
      .insertInto('users')
      .values({
        id: 'usr_p2',
        email: 'owner@deals.example.nl',
        password_hash: null,
        role: 'publisher',
        status: 'active',
        name: 'P',
        locale: 'nl',
        advertiser_id: null,
        publisher_id: publisherId,
        created_at: NOW,
        activated_at: NOW,
      })
      .execute();

    // AE-E1 d reaches only what the publisher earned in the program: nothing yet, then 100 USD
    // of sales at 7% (EUR 6.39).
    await expect(
      enforcement.record({ ...base, kind: 'deduction', amountMinor: 1 }),
    ).rejects.toMatchObject({ code: 'deduction_exceeds_earnings' });
    await reportOrder(
      store,
      seeded,
      orderDoc({ orderNumber: 'EARN-1', placedAt: new Date(NOW).toISOString() }),
    );
    await expect(
      enforcement.record({ ...base, kind: 'deduction', amountMinor: 640 }),
    ).rejects.toMatchObject({
      code: 'deduction_exceeds_earnings',
      message: expect.stringContaining('at most EUR 6.39'),
    });
    const deduction = await enforcement.record({ ...base, kind: 'deduction', amountMinor: 625 });
    expect((await repos(store).ledger.balances(publisherId)).byAccount.deducted).toBe(-625);
    // What the first deduction took is out of reach of the next.
    await expect(
      enforcement.record({ ...base, kind: 'deduction', amountMinor: 15 }),
    ).rejects.toMatchObject({ code: 'deduction_exceeds_earnings' });
    await enforcement.reverse(deduction.id, 'user:adv', NOW + 1);
    expect((await repos(store).ledger.balances(publisherId)).byAccount.deducted).toBe(0);

    // AE-E1 e–g reach the advertiser's programs only: the publisher's network status stays.
    const statusOfPublisher = async () =>
      (
        await store.db
          .selectFrom('publishers')
          .select('status')
          .where('id', '=', publisherId)
          .executeTakeFirstOrThrow()
      ).status;
    const membershipStatus = async (programId: string) =>
      (await repos(store).memberships.find(programId, seeded.site.id))?.status;
    const applications = new ApplicationsService(store, terms, mailer);
    const application = (programId: string) => ({
      publisherId,
      programId,
      siteId: seeded.site.id,
      promotionMethods: [],
      contentCategories: [],
      acceptedRules: true,
    });
    const restriction = await enforcement.record({ ...base, kind: 'restriction' });
    expect(await statusOfPublisher()).toBe('active');
    await expect(applications.apply(application(seeded.program.id), NOW)).rejects.toMatchObject({
      code: 'advertiser_restricted',
    });
    expect(await membershipStatus(seeded.program.id)).toBeUndefined();
    await enforcement.reverse(restriction.id, 'user:adv', NOW + 2);
    const { membership } = await applications.apply(application(seeded.program.id), NOW + 2);
    await applications.decide(
      membership.id,
      seeded.program.advertiser_id,
      'approve',
      undefined,
      'a',
      NOW,
    );

    // A termination suspends the membership (its clicks and orders earn nothing) and the
    // advertiser cannot approve it again while it stands; its end restores it.
    const termination = await enforcement.record({ ...base, kind: 'termination' });
    expect(await statusOfPublisher()).toBe('active');
    expect(await membershipStatus(seeded.program.id)).toBe('suspended');
    await expect(
      applications.decide(
        membership.id,
        seeded.program.advertiser_id,
        'approve',
        undefined,
        'a',
        NOW,
      ),
    ).rejects.toMatchObject({ code: 'advertiser_terminated' });
    expect(await membershipStatus(seeded.program.id)).toBe('suspended');
    await enforcement.reverse(termination.id, 'user:adv', NOW + 3);
    expect(await statusOfPublisher()).toBe('active');
    expect(await membershipStatus(seeded.program.id)).toBe('approved');

    // A registration bar closes the advertiser's programs to the publisher's addresses and
    // domains; signing up to the network stays open.
    // (The store is shared by this file's tests: the program keeps the advertiser seeded first.)
    const { seeded: other } = await addProgram(
      store,
      { ...seeded, advertiser: { ...seeded.advertiser, id: seeded.program.advertiser_id } },
      'aliexpress-bar',
    );
    const bar = await enforcement.record({ ...base, kind: 'registration_bar' });
    const accounts = new AccountsService(store, mailer, async () => []);
    await expect(accounts.checkSignupEmail('owner@deals.example.nl')).resolves.toBe(
      'owner@deals.example.nl',
    );
    await expect(applications.apply(application(other.program.id), NOW + 4)).rejects.toMatchObject({
      code: 'advertiser_barred',
    });
    expect(await membershipStatus(other.program.id)).toBeUndefined();
    await enforcement.reverse(bar.id, 'user:adv', NOW + 4);
    await applications.apply(application(other.program.id), NOW + 4);
    expect(await membershipStatus(other.program.id)).toBe('pending');

    await expect(enforcement.record({ ...base, kind: 'cure_period' })).rejects.toMatchObject({
      code: 'invalid_deadline',
    });
    const cure = await enforcement.record({
      ...base,
      kind: 'cure_period',
      cureDeadlineAt: NOW + 14 * 86_400_000,
    });
    expect(cure.cureDeadlineAt).toBe(NOW + 14 * 86_400_000);
    await expect(
      enforcement.record({ ...base, kind: 'warning', evidence: ' ' }),
    ).rejects.toMatchObject({ code: 'evidence_required' });
  });
});
