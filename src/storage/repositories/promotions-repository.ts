import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, PromotionsTable } from '../schema.js';
import type { Scope } from './scope.js';
import { bumpLinksVersion } from './cache-versions.js';

export type StoredPromotion = Selectable<PromotionsTable>;

/** Promotions of programs (issue 29). An exclusive code's change reaches the tracking path's cache. */
export class PromotionsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async insert(row: Insertable<PromotionsTable>): Promise<void> {
    await this.db.insertInto('promotions').values(row).execute();
    await bumpLinksVersion(this.db);
  }

  async update(id: string, change: Updateable<PromotionsTable>): Promise<void> {
    await this.db.updateTable('promotions').set(change).where('id', '=', id).execute();
    await bumpLinksVersion(this.db);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('promotions').where('id', '=', id).execute();
    await bumpLinksVersion(this.db);
  }

  /** Keeps the code a published promotion gives up (deleted, or its code changed). */
  async retireCode(row: StoredPromotion, nowMs: number): Promise<void> {
    if (row.code === null || row.code_key === null) return;
    await this.db
      .insertInto('promotion_code_history')
      .values({
        program_id: row.program_id,
        code_key: row.code_key,
        code: row.code,
        exclusive_site_id: row.exclusive_site_id,
        promotion_id: row.id,
        retired_at: nowMs,
      })
      .execute();
  }

  /**
   * A site other than `siteId` the program's retired code was published to (exclusive to it),
   * or null when it was published to every publisher; undefined when it was neither.
   */
  async retiredElsewhere(
    programId: string,
    codeKey: string,
    siteId: string,
  ): Promise<{ exclusive_site_id: string | null } | undefined> {
    return this.db
      .selectFrom('promotion_code_history')
      .select('exclusive_site_id')
      .where('program_id', '=', programId)
      .where('code_key', '=', codeKey)
      .where((eb) =>
        eb.or([eb('exclusive_site_id', 'is', null), eb('exclusive_site_id', '!=', siteId)]),
      )
      .orderBy('retired_at', 'desc')
      .executeTakeFirst();
  }

  /**
   * Marks the promotion announced at `nowMs` when it is current and not yet announced, and
   * answers it as it now stands (undefined otherwise). The condition is checked by the update
   * itself, so of two transactions racing to announce one promotion, one gets it.
   */
  async markAnnounced(id: string, nowMs: number): Promise<StoredPromotion | undefined> {
    return this.db
      .updateTable('promotions')
      .set({ announced_at: nowMs })
      .where('id', '=', id)
      .where('announced_at', 'is', null)
      .where('starts_at', '<=', nowMs)
      .where('ends_at', '>', nowMs)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Marks up to `limit` current promotions not yet announced as announced at `nowMs` and
   * answers them, earliest start first (the same conditional update as `markAnnounced`).
   */
  async markStartedAnnounced(nowMs: number, limit: number): Promise<StoredPromotion[]> {
    const due = this.db
      .selectFrom('promotions')
      .select('id')
      .where('announced_at', 'is', null)
      .where('starts_at', '<=', nowMs)
      .where('ends_at', '>', nowMs)
      .orderBy('starts_at')
      .orderBy('id')
      .limit(limit);
    const rows = await this.db
      .updateTable('promotions')
      .set({ announced_at: nowMs })
      .where('id', 'in', due)
      .where('announced_at', 'is', null)
      .where('starts_at', '<=', nowMs)
      .where('ends_at', '>', nowMs)
      .returningAll()
      .execute();
    return rows.sort(
      (a, b) =>
        Number(a.starts_at) - Number(b.starts_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  async find(id: string): Promise<StoredPromotion | undefined> {
    return this.db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The program's promotions, newest start first (ended ones too: the advertiser's record). */
  async ofProgram(programId: string): Promise<StoredPromotion[]> {
    return this.db
      .selectFrom('promotions')
      .selectAll()
      .where('program_id', '=', programId)
      .orderBy('starts_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /**
   * Whether another promotion of the program has this code (upper case) such that the two would
   * be confused: an exclusive code must be the only one of its text in the program, and a
   * shared code may not repeat an exclusive one (it would leak it, and under `wins` credit the
   * exclusive site for the shared code's orders).
   */
  async codeTaken(
    programId: string,
    codeKey: string,
    exclusive: boolean,
    exceptId: string | null,
  ): Promise<boolean> {
    let query = this.db
      .selectFrom('promotions')
      .select('id')
      .where('program_id', '=', programId)
      .where('code_key', '=', codeKey);
    if (!exclusive) query = query.where('exclusive_site_id', 'is not', null);
    if (exceptId !== null) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  /**
   * The running promotions (started, not ended at `nowMs`) of the programs where one of the
   * publisher's sites is approved, with that site; an exclusive code only on its own site.
   */
  async currentForPublisher(
    publisherId: string,
    nowMs: number,
  ): Promise<(StoredPromotion & { site_id: string })[]> {
    return this.db
      .selectFrom('promotions')
      .innerJoin('memberships', 'memberships.program_id', 'promotions.program_id')
      .selectAll('promotions')
      .select('memberships.site_id')
      .where('memberships.publisher_id', '=', publisherId)
      .where('memberships.status', '=', 'approved')
      .where('promotions.starts_at', '<=', nowMs)
      .where('promotions.ends_at', '>', nowMs)
      .where((eb) =>
        eb.or([
          eb('promotions.exclusive_site_id', 'is', null),
          eb('promotions.exclusive_site_id', '=', eb.ref('memberships.site_id')),
        ]),
      )
      .orderBy('promotions.ends_at')
      .orderBy('promotions.id')
      .orderBy('memberships.site_id')
      .execute();
  }
}
