import type { Store } from '../storage/database.js';
import { repos } from '../storage/repositories/repos.js';
import { advertiserApplicationView, type AdvertiserApplicationView } from './application-views.js';

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

  currentTermsOf(programId: string, advertiserId: string) {
    return repos(this.store).programs.currentTermsOf(programId, advertiserId);
  }
}
