import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import { advertiserApplicationView, type AdvertiserApplicationView } from './application-views.js';

/** A program's current terms as the advertiser's terms editor shows them. */
export interface CurrentTermsView {
  name: string;
  slug: string;
  termsId: string;
  source: string;
  loadedAt: number;
}

/** What the advertiser console shows, always limited to the advertiser's own programs. */
export class AdvertiserViews {
  constructor(private readonly store: Store) {}

  programsOf(advertiserId: string) {
    return repos(this.store).programs.ofAdvertiser(advertiserId);
  }

  /** Applications and transactions waiting for the advertiser, for the overview. */
  async pending(programIds: readonly string[]) {
    return {
      applications: await repos(this.store).memberships.countPending(programIds),
      transactions: await repos(this.store).commissions.countPending(programIds),
    };
  }

  async applicationsForReview(advertiserId: string): Promise<AdvertiserApplicationView[]> {
    return (await repos(this.store).memberships.ofAdvertiser(advertiserId, 500)).map(
      advertiserApplicationView,
    );
  }

  /** One of the advertiser's programs with its current terms; undefined if not theirs. */
  async currentTermsOf(
    programId: string,
    advertiserId: string,
  ): Promise<CurrentTermsView | undefined> {
    const row = await repos(this.store).programs.currentTermsOf(programId, advertiserId);
    if (row === undefined) return undefined;
    return {
      name: row.name,
      slug: row.slug,
      termsId: row.id,
      source: row.source,
      loadedAt: row.loaded_at,
    };
  }
}
