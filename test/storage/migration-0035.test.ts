import { expect, it } from 'vitest';
import { describeEachEngine, whileNoSchemaIsDropped } from '../support/stores.js';
import { addProgram, seedNetwork, NOW } from '../support/seed.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { repos } from '../../src/storage/repositories/repos.js';
import { EnforcementService } from '../../src/services/enforcement-service.js';
import type { Store } from '../../src/storage/database.js';

/**
 * Migration 0035 on a database from before it: advertisers' terminations and restrictions had
 * set publishers' network status, and their bars were network-wide. It gives them the scoped
 * effect instead (docs/compliance.md, Enforcement).
 */
describeEachEngine('migration 0035: advertiser-scoped enforcement', (context) => {
  /** Back to the schema before 0035, as a database that never ran it. */
  async function before0035(store: Store) {
    await store.db.schema.dropTable('enforcement_memberships').execute();
    await store.db.schema.dropIndex('registration_bars_advertiser').execute();
    await store.db.schema.alterTable('registration_bars').dropColumn('advertiser_id').execute();
    await (store.db as unknown as import('kysely').Kysely<Record<string, { name: string }>>)
      .deleteFrom('kysely_migration')
      .where('name', '=', '0035-advertiser-scoped-enforcement')
      .execute();
  }

  it('gives a publisher terminated by an advertiser its network back and suspends it in that advertiser’s programs', async () => {
    const { store } = context();
    const seeded = await seedNetwork(store);
    const advertiserA = seeded.program.advertiser_id;
    const { seeded: secondOfA } = await addProgram(
      store,
      { ...seeded, advertiser: { ...seeded.advertiser, id: advertiserA } },
      'aliexpress-a2',
    );
    const advertiserB = await repos(store).advertisers.create({ name: 'B' }, NOW);
    const { seeded: ofB } = await addProgram(
      store,
      { ...seeded, advertiser: advertiserB },
      'aliexpress-b',
    );
    const r = repos(store);
    const publisherId = seeded.publisher.id;
    const join = async (programId: string, status: 'approved' | 'pending') => {
      const made = await r.memberships.apply(
        {
          programId,
          siteId: seeded.site.id,
          publisherId,
          promotionMethods: [],
          contentCategories: [],
        },
        NOW,
      );
      if (status === 'approved') await r.memberships.decide(made.id, 'approved', null, 'a', NOW);
      return made.id;
    };
    const inA1 = await join(seeded.program.id, 'approved');
    const inA2 = await join(secondOfA.program.id, 'pending');
    const inB = await join(ofB.program.id, 'approved');
    const other = await r.publishers.create({ name: 'Q', country: 'NL' }, NOW);

    await before0035(store);
    const action = (id: string, publisher: string, kind: string, programId: string | null) => ({
      id,
      program_id: programId,
      publisher_id: publisher,
      kind,
      rule: 'AE-P4',
      evidence: 'e',
      amount_minor: null,
      currency: null,
      deadline_at: null,
      status: 'active',
      actor: 'user:a',
      created_at: NOW,
      ended_at: null,
      statement_id: null,
      claim_deadline_at: NOW + 86_400_000,
      reminded_at: null,
    });
    await store.db
      .insertInto('enforcement_actions')
      .values([
        action('enf_t1', publisherId, 'termination', seeded.program.id),
        action('enf_r1', publisherId, 'restriction', secondOfA.program.id),
        action('enf_g1', publisherId, 'registration_bar', seeded.program.id),
        // The network's own, without a program: its status stands.
        action('enf_n1', other.id, 'restriction', null),
        { ...action('enf_old', publisherId, 'termination', ofB.program.id), status: 'lifted' },
      ])
      .execute();
    await store.db
      .updateTable('publishers')
      .set({ status: 'terminated' })
      .where('id', '=', publisherId)
      .execute();
    await store.db
      .updateTable('publishers')
      .set({ status: 'restricted' })
      .where('id', '=', other.id)
      .execute();
    const db = store.db as unknown as import('kysely').Kysely<
      Record<string, Record<string, unknown>>
    >;
    await db
      .insertInto('registration_bars')
      .values([
        {
          id: 'bar_1',
          email: 'p@deals.example.nl',
          domain: null,
          action_id: 'enf_g1',
          created_at: NOW,
        },
        {
          id: 'bar_2',
          email: null,
          domain: 'deals.example.nl',
          action_id: 'enf_g1',
          created_at: NOW,
        },
        { id: 'bar_3', email: 'admin-barred@x.nl', domain: null, action_id: null, created_at: NOW },
      ])
      .execute();

    expect(await whileNoSchemaIsDropped(() => migrateToLatest(store))).toEqual([
      '0035-advertiser-scoped-enforcement',
    ]);

    const status = async (id: string) =>
      (
        await store.db
          .selectFrom('publishers')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    const membership = async (id: string) =>
      (
        await store.db
          .selectFrom('memberships')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    expect(await status(publisherId)).toBe('active');
    expect(await status(other.id)).toBe('restricted');
    expect([await membership(inA1), await membership(inA2), await membership(inB)]).toEqual([
      'suspended',
      'suspended',
      'approved',
    ]);
    expect(
      await store.db
        .selectFrom('registration_bars')
        .select(['id', 'advertiser_id'])
        .orderBy('id')
        .execute(),
    ).toEqual([
      { id: 'bar_1', advertiser_id: advertiserA },
      { id: 'bar_2', advertiser_id: advertiserA },
      { id: 'bar_3', advertiser_id: null },
    ]);
    // Network sign-up consults the network's own bar only.
    expect(
      await r.registrationBars.barsEmailOrDomains('p@deals.example.nl', ['deals.example.nl']),
    ).toBe(false);
    expect(await r.registrationBars.barsEmailOrDomains('admin-barred@x.nl', [])).toBe(true);

    // Ending the termination restores what it suspended, as it was.
    await new EnforcementService(store).reverse('enf_t1', 'user:a', NOW + 1);
    expect([await membership(inA1), await membership(inA2), await membership(inB)]).toEqual([
      'approved',
      'pending',
      'approved',
    ]);
    expect(await status(publisherId)).toBe('active');
  });
});
