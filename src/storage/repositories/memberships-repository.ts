import type { Kysely, Selectable } from 'kysely';
import type { AdsTable, Database, MembershipsTable } from '../schema.js';
import { newId } from '../ids.js';
import { bumpLinksVersion } from './cache-versions.js';

export type Membership = Selectable<MembershipsTable>;
export type Ad = Selectable<AdsTable>;

/** A site's application to a program and the advertiser's decision; ads of programs. */
export class MembershipsRepository {
  constructor(private readonly db: Kysely<Database>) {}

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
}
