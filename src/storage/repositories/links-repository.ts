import type { Kysely } from 'kysely';
import type { Scope } from './scope.js';
import type { Database } from '../schema.js';

/**
 * What the link cache loads whole: programs with their current terms source, sites with their
 * publisher's status, memberships and ads. Four queries sent together (one unit, no order).
 */
export class LinksRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async snapshot() {
    const db = this.db;
    const [programs, sites, memberships, ads, exclusiveCodes] = await Promise.all([
      db
        .selectFrom('programs')
        .leftJoin('program_terms', 'program_terms.id', 'programs.current_terms_id')
        .select([
          'programs.id',
          'programs.slug',
          'programs.advertiser_id',
          'programs.status',
          'programs.review_status',
          'programs.landing_url',
          'programs.current_terms_id',
          'programs.settings',
          'program_terms.source',
        ])
        .execute(),
      db
        .selectFrom('sites')
        .innerJoin('publishers', 'publishers.id', 'sites.publisher_id')
        .select([
          'sites.id',
          'sites.publisher_id',
          'sites.status',
          'publishers.status as publisher_status',
        ])
        .execute(),
      db.selectFrom('memberships').select(['program_id', 'site_id', 'status']).execute(),
      db.selectFrom('ads').select(['id', 'program_id']).execute(),
      // Voucher codes exclusive to one site, for voucher-code attribution (issue 29).
      db
        .selectFrom('promotions')
        .select(['program_id', 'code_key', 'exclusive_site_id', 'starts_at', 'ends_at'])
        .where('exclusive_site_id', 'is not', null)
        .where('code_key', 'is not', null)
        .execute(),
    ]);
    return { programs, sites, memberships, ads, exclusiveCodes };
  }
}
