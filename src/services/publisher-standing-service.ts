import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { isNetworkStatus, NETWORK_STATUSES } from '../domain/compliance/network-standing.js';
import { repos } from '../storage/repositories/repos.js';

export class PublisherStandingError extends DomainError {}

export interface PublisherStandingView {
  publisherId: string;
  name: string;
  country: string;
  status: string;
}

/**
 * A publisher's network-wide status (network-standing.ts): the network admin's power alone,
 * set with a reason and audited with its before and after. It reaches every program at the
 * next cache poll (the links version is bumped).
 */
export class PublisherStandingService {
  constructor(private readonly store: Store) {}

  /** Publishers with their network status, by name (at most 1,000). */
  async list(): Promise<PublisherStandingView[]> {
    return (await repos(this.store).publishers.withStatus(1000)).map((row) => ({
      publisherId: row.id,
      name: row.name,
      country: row.country,
      status: row.status,
    }));
  }

  async setNetworkStatus(
    publisherId: string,
    status: string,
    reason: string,
    actor: string,
    nowMs: number,
  ): Promise<PublisherStandingView & { previousStatus: string; changed: boolean }> {
    if (!isNetworkStatus(status))
      throw new PublisherStandingError(
        'invalid_network_status',
        `status: expected one of ${NETWORK_STATUSES.join(', ')}, got "${status}"`,
      );
    const why = reason.trim();
    if (why === '')
      throw new PublisherStandingError(
        'network_status_reason_required',
        'reason: say why the publisher’s network status changes (it is in the audit log)',
      );
    return repos(this.store).transaction(async (t) => {
      // Locked: two changes at once are audited one after the other, each with its true before.
      const publisher = await t.publishers.findForUpdate(publisherId, this.store.dialect);
      if (publisher === undefined)
        throw new PublisherStandingError('unknown_publisher', `no publisher "${publisherId}"`);
      const changed = publisher.status !== status;
      if (changed) {
        await t.publishers.setStatus(publisherId, status);
        await t.audit.record(
          {
            actor,
            action: 'publisher.network_status_changed',
            subjectType: 'publisher',
            subjectId: publisherId,
            details: { before: publisher.status, after: status, reason: why },
          },
          nowMs,
        );
      }
      return {
        publisherId,
        name: publisher.name,
        country: publisher.country,
        status,
        previousStatus: publisher.status,
        changed,
      };
    });
  }
}
