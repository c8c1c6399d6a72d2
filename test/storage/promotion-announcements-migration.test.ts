import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine, whileNoSchemaIsDropped } from '../support/stores.js';
import { seedNetwork, NOW } from '../support/seed.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { PromotionsService } from '../../src/services/promotions-service.js';
import type { LinkBuilder } from '../../src/services/link-builder.js';
import { repos } from '../../src/storage/repositories/repos.js';

const DAY = 86_400_000;
const MIGRATION = '0038-promotion-announcements';

/**
 * Before migration 0038, `promotion.created` was written when a promotion was created, a
 * scheduled one included. The migration counts every promotion it finds as announced then, so
 * the announcement job, which now announces scheduled promotions at their start, never sends a
 * second `promotion.created` for one (started or scheduled) that already had its event.
 */
describeEachEngine('migration 0038 (promotions announced when they start)', (context) => {
  it('counts the promotions stored before it as announced at their creation', async () => {
    const { store } = context();
    const { program } = await seedNetwork(store);
    // The database as it was before 0038, with a running promotion and a scheduled one.
    await store.db.schema.dropIndex('promotions_unannounced').execute();
    await store.db.schema.alterTable('promotions').dropColumn('announced_at').execute();
    await sql`DELETE FROM kysely_migration WHERE name = ${MIGRATION}`.execute(store.db);
    const promotion = (id: string, startsAt: number, createdAt: number) => ({
      id,
      program_id: program.id,
      title_nl: 'Actie',
      title_en: 'Offer',
      description_nl: null,
      description_en: null,
      url: null,
      kind: 'other',
      code: null,
      code_key: null,
      exclusive_site_id: null,
      starts_at: startsAt,
      ends_at: startsAt + 10 * DAY,
      created_at: createdAt,
      updated_at: createdAt,
    });
    await store.db
      .insertInto('promotions')
      .values([
        promotion('prm_running', NOW - DAY, NOW - 2 * DAY),
        promotion('prm_scheduled', NOW + DAY, NOW - DAY),
      ])
      .execute();

    expect(await whileNoSchemaIsDropped(() => migrateToLatest(store))).toEqual([MIGRATION]);
    const rows = await store.db
      .selectFrom('promotions')
      .select(['id', 'announced_at', 'created_at'])
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.id, Number(row.announced_at)])).toEqual([
      ['prm_running', NOW - 2 * DAY],
      ['prm_scheduled', NOW - DAY],
    ]);
    // Past both starts, the job finds nothing to announce: no second event for either.
    const service = new PromotionsService(
      store,
      { program: () => undefined },
      {} as unknown as LinkBuilder,
    );
    expect(await service.announceStarted(NOW + 2 * DAY)).toBe(0);
    expect(await repos(store).events.ofSubject('prm_scheduled')).toEqual([]);
  });
});
