import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * An advertiser's enforcement reaches only its own programs (AE-E1 e–g in a network of many
 * advertisers). Until now a termination or restriction set the publisher's network-wide status
 * and a registration bar refused network sign-up, so one advertiser could void a publisher's
 * income from every other advertiser.
 *
 * - `registration_bars.advertiser_id`: the advertiser whose programs the bar closes; null is a
 *   network-wide bar (the network's own). Existing bars were all set by advertisers' actions:
 *   they take the advertiser of their action's program (an action without a program stays
 *   network-wide).
 * - `enforcement_memberships`: the memberships a termination suspended, with the status each
 *   had, so lifting the termination restores exactly those (and a membership another active
 *   termination also holds stays suspended until that one ends too).
 * - Publishers whose status an advertiser's active termination or restriction set: their
 *   network status is recomputed from the active actions without a program alone (none are
 *   recorded by advertisers, so normally back to `active`), and each active termination with a
 *   program suspends the publisher's memberships in that advertiser's programs instead.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('registration_bars').addColumn('advertiser_id', 'text').execute();
  await db
    .updateTable('registration_bars')
    .set({
      advertiser_id: sql`(SELECT programs.advertiser_id FROM enforcement_actions
        JOIN programs ON programs.id = enforcement_actions.program_id
        WHERE enforcement_actions.id = registration_bars.action_id)`,
    })
    .where('action_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('registration_bars_advertiser')
    .on('registration_bars')
    .columns(['advertiser_id'])
    .execute();

  await db.schema
    .createTable('enforcement_memberships')
    .addColumn('action_id', 'text', (column) => column.notNull())
    .addColumn('membership_id', 'text', (column) => column.notNull())
    .addColumn('prior_status', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('enforcement_memberships_pk', ['action_id', 'membership_id'])
    .execute();
  await db.schema
    .createIndex('enforcement_memberships_membership')
    .on('enforcement_memberships')
    .columns(['membership_id'])
    .execute();

  const standing: {
    id: string;
    publisher_id: string;
    kind: string;
    advertiser_id: string | null;
  }[] = await db
    .selectFrom('enforcement_actions')
    .leftJoin('programs', 'programs.id', 'enforcement_actions.program_id')
    .select([
      'enforcement_actions.id',
      'enforcement_actions.publisher_id',
      'enforcement_actions.kind',
      'programs.advertiser_id',
    ])
    .where('enforcement_actions.status', '=', 'active')
    .where('enforcement_actions.kind', 'in', ['termination', 'restriction'])
    .orderBy('enforcement_actions.created_at')
    .orderBy('enforcement_actions.id')
    .execute();
  const publishers = new Set<string>();
  for (const action of standing) {
    if (action.advertiser_id === null) continue;
    publishers.add(action.publisher_id);
    if (action.kind !== 'termination') continue;
    const memberships: { id: string; status: string }[] = await db
      .selectFrom('memberships')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .select(['memberships.id', 'memberships.status'])
      .where('memberships.publisher_id', '=', action.publisher_id)
      .where('programs.advertiser_id', '=', action.advertiser_id)
      .execute();
    for (const membership of memberships) {
      // Suspended already by an earlier termination here: this one holds it too, with the
      // status that one recorded.
      const held: { prior_status: string } | undefined = await db
        .selectFrom('enforcement_memberships')
        .select('prior_status')
        .where('membership_id', '=', membership.id)
        .executeTakeFirst();
      const prior =
        membership.status === 'suspended'
          ? held?.prior_status
          : membership.status === 'approved' || membership.status === 'pending'
            ? membership.status
            : undefined;
      if (prior === undefined) continue;
      await db
        .insertInto('enforcement_memberships')
        .values({ action_id: action.id, membership_id: membership.id, prior_status: prior })
        .execute();
      await db
        .updateTable('memberships')
        .set({ status: 'suspended' })
        .where('id', '=', membership.id)
        .execute();
    }
  }
  for (const publisherId of publishers) {
    const network = standing.filter(
      (action) => action.publisher_id === publisherId && action.advertiser_id === null,
    );
    const status = network.some((action) => action.kind === 'termination')
      ? 'terminated'
      : network.length > 0
        ? 'restricted'
        : 'active';
    await db
      .updateTable('publishers')
      .set({ status })
      .where('id', '=', publisherId)
      .where('status', 'in', ['terminated', 'restricted'])
      .execute();
  }
  await db
    .updateTable('cache_versions')
    .set({ version: sql`version + 1` })
    .where('name', '=', 'links')
    .execute();
}
