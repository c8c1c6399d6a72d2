import type { Scope } from './scope.js';
import { countPendingIn } from './count-rows.js';
import type { Kysely, Selectable } from 'kysely';
import type { AdsTable, Database, MembershipsTable } from '../schema.js';
import { newId } from '../ids.js';
import { bumpLinksVersion } from './cache-versions.js';

export type Membership = Selectable<MembershipsTable>;
export type Ad = Selectable<AdsTable>;

/** A site's application to a program and the advertiser's decision; ads of programs. */
export class MembershipsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** A publisher's applications, newest first, with the program's and the site's names. */
  async ofPublisher(publisherId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .innerJoin('sites', 'sites.id', 'memberships.site_id')
      .select([
        'memberships.id',
        'memberships.program_id',
        'memberships.site_id',
        'memberships.status',
        'memberships.reason',
        'memberships.brand_matches',
        'memberships.created_at',
        'memberships.decided_at',
        'programs.name as program_name',
        'sites.name as site_name',
      ])
      .where('memberships.publisher_id', '=', publisherId)
      .orderBy('memberships.created_at', 'desc')
      .execute();
  }

  /** Pending applications in these programs. */
  countPending(programIds: readonly string[]): Promise<number> {
    return countPendingIn(this.db, 'memberships', programIds);
  }

  async ofAdvertiser(advertiserId: string, limit = 5000) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .innerJoin('sites', 'sites.id', 'memberships.site_id')
      .innerJoin('publishers', 'publishers.id', 'memberships.publisher_id')
      .select([
        'memberships.id',
        'memberships.program_id',
        'memberships.publisher_id',
        'memberships.site_id',
        'memberships.status',
        'memberships.reason',
        'memberships.promotion_methods',
        'memberships.content_categories',
        'memberships.brand_matches',
        'memberships.brand_consent',
        'memberships.created_at',
        'programs.name as program_name',
        'sites.name as site_name',
        'sites.url',
        'publishers.name as publisher_name',
        'publishers.country',
      ])
      .where('programs.advertiser_id', '=', advertiserId)
      .orderBy('memberships.status', 'desc')
      .orderBy('memberships.created_at', 'desc')
      .limit(limit)
      .execute();
  }

  async find(programId: string, siteId: string): Promise<Membership | undefined> {
    return this.db
      .selectFrom('memberships')
      .selectAll()
      .where('program_id', '=', programId)
      .where('site_id', '=', siteId)
      .executeTakeFirst();
  }

  async apply(
    input: {
      programId: string;
      siteId: string;
      publisherId: string;
      promotionMethods: string[];
      contentCategories: string[];
      /** AE-P5 screening hits of the publisher's name and site, JSON-serialisable. */
      brandMatches?: unknown[];
    },
    nowMs: number,
  ): Promise<Membership> {
    await this.db
      .insertInto('memberships')
      .values({
        id: newId('membership', nowMs),
        program_id: input.programId,
        site_id: input.siteId,
        publisher_id: input.publisherId,
        status: 'pending',
        promotion_methods: JSON.stringify(input.promotionMethods),
        content_categories: JSON.stringify(input.contentCategories),
        accepted_rules_at: nowMs,
        reason: null,
        decided_at: null,
        decided_by: null,
        created_at: nowMs,
        brand_matches: JSON.stringify(input.brandMatches ?? []),
        brand_consent: null,
      })
      .onConflict((oc) => oc.columns(['program_id', 'site_id']).doNothing())
      .execute();
    await bumpLinksVersion(this.db);
    return (await this.find(input.programId, input.siteId))!;
  }

  /** Approves or rejects; takes effect on the tracking path at the next cache poll. */
  async decide(
    id: string,
    status: 'approved' | 'rejected' | 'suspended',
    reason: string | null,
    actor: string,
    nowMs: number,
  ): Promise<void> {
    await this.db
      .updateTable('memberships')
      .set({ status, reason, decided_by: actor, decided_at: nowMs })
      .where('id', '=', id)
      .execute();
    await bumpLinksVersion(this.db);
  }

  /** The publisher's memberships (all its sites) in the advertiser's programs. */
  async ofPublisherWithAdvertiser(
    publisherId: string,
    advertiserId: string,
  ): Promise<{ id: string; status: string }[]> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .select(['memberships.id', 'memberships.status'])
      .where('memberships.publisher_id', '=', publisherId)
      .where('programs.advertiser_id', '=', advertiserId)
      .execute();
  }

  /**
   * Sets the memberships' status alone (an enforcement action suspending or restoring them; the
   * decision, its reason and decider stay); takes effect on the tracking path at the next poll.
   */
  async setStatuses(ids: readonly string[], status: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('memberships').set({ status }).where('id', 'in', ids).execute();
    await bumpLinksVersion(this.db);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('memberships').where('id', '=', id).execute();
  }

  /** The application, when it is to one of the advertiser's programs. */
  async findOwnedBy(id: string, advertiserId: string): Promise<Membership | undefined> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .selectAll('memberships')
      .where('memberships.id', '=', id)
      .where('programs.advertiser_id', '=', advertiserId)
      .executeTakeFirst();
  }

  /** Records the advertiser's written consent to the brand hits (JSON). */
  async setBrandConsent(id: string, consent: string): Promise<void> {
    await this.db
      .updateTable('memberships')
      .set({ brand_consent: consent })
      .where('id', '=', id)
      .execute();
  }

  async createAd(
    input: { programId: string; name: string; kind: string; content: string | null },
    nowMs: number,
  ): Promise<Ad> {
    const row: Ad = {
      id: newId('ad', nowMs),
      program_id: input.programId,
      name: input.name,
      kind: input.kind,
      content: input.content,
      status: 'active',
      created_at: nowMs,
      link_text: input.content,
      landing_url: null,
      width: null,
      height: null,
      alt_text: null,
      retired_at: null,
    };
    await this.db.insertInto('ads').values(row).execute();
    await bumpLinksVersion(this.db);
    return row;
  }

  async findAd(programId: string, name: string): Promise<Ad | undefined> {
    return this.db
      .selectFrom('ads')
      .selectAll()
      .where('program_id', '=', programId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  /** Publishers who applied to the advertiser's programs (one row per program), by name. */
  async publishersOfAdvertiser(advertiserId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .innerJoin('publishers', 'publishers.id', 'memberships.publisher_id')
      .select(['publishers.id', 'publishers.name', 'publishers.status', 'memberships.program_id'])
      .distinct()
      .where('programs.advertiser_id', '=', advertiserId)
      .orderBy('publishers.name')
      .execute();
  }

  /**
   * The sites approved in these programs, with their publishers, leaving out terminated
   * publishers (they promote nothing).
   */
  async approvedSitesOf(
    programIds: readonly string[],
  ): Promise<{ programId: string; siteId: string; publisherId: string }[]> {
    if (programIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('publishers', 'publishers.id', 'memberships.publisher_id')
      .select(['memberships.program_id', 'memberships.site_id', 'memberships.publisher_id'])
      .where('memberships.program_id', 'in', programIds)
      .where('memberships.status', '=', 'approved')
      .where('publishers.status', '!=', 'terminated')
      .execute();
    return rows.map((row) => ({
      programId: row.program_id,
      siteId: row.site_id,
      publisherId: row.publisher_id,
    }));
  }
}
