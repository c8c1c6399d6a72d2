import type { Store } from '../storage/database.js';
import { ProgramsRepository } from '../storage/repositories/programs-repository.js';
import { MembershipsRepository } from '../storage/repositories/memberships-repository.js';
import { CommissionsRepository } from '../storage/repositories/commissions-repository.js';

/** What the advertiser console shows, always limited to the advertiser's own programs. */
export class AdvertiserViews {
  constructor(private readonly store: Store) {}

  programsOf(advertiserId: string) {
    return new ProgramsRepository(this.store.db).ofAdvertiser(advertiserId);
  }

  /** Applications and transactions waiting for the advertiser, for the overview. */
  async pending(programIds: readonly string[]) {
    return {
      applications: await new MembershipsRepository(this.store.db).countPending(programIds),
      transactions: await new CommissionsRepository(this.store.db).countPending(programIds),
    };
  }

  applicationsForReview(advertiserId: string) {
    return new MembershipsRepository(this.store.db).ofAdvertiser(advertiserId, 500);
  }

  currentTermsOf(programId: string, advertiserId: string) {
    return new ProgramsRepository(this.store.db).currentTermsOf(programId, advertiserId);
  }
}
