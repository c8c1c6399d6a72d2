import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { readAudit, type AuditEntryView, type AuditFilter } from './audit-log.js';
import { repos } from '../storage/repositories/repos.js';
import { actionWithClaimView, type ActionWithClaimView } from './enforcement-views.js';

/**
 * What each side sees of enforcement: an advertiser the actions in its programs with their
 * claims and the publishers it works with; either party a claim's attachments, and nobody
 * else's.
 */
export class ComplianceViews {
  constructor(private readonly store: Store) {}

  /** An advertiser's programs (id, name, slug). */
  async programsOf(advertiserId: string) {
    return repos(this.store).programs.ofAdvertiser(advertiserId);
  }

  /** The audit log for the network admin, newest first. */
  async audit(filter: AuditFilter): Promise<AuditEntryView[]> {
    return readAudit(repos(this.store), filter);
  }

  async programIdsOf(advertiserId: string): Promise<string[]> {
    const programs = await repos(this.store).programs.ofAdvertiser(advertiserId);
    return programs.map((program) => program.id);
  }

  /**
   * Refuses a program that is not the advertiser's, or a publisher that never applied to its
   * programs: an advertiser acts only on its own (reported as missing, so ids cannot be probed).
   */
  async assertScope(advertiserId: string, programId: string, publisherId: string): Promise<void> {
    if (!(await this.programIdsOf(advertiserId)).includes(programId))
      throw new DomainError('unknown_program', `no program "${programId}" among yours`);
    if (!(await this.publishersOf(advertiserId)).some((p) => p.id === publisherId))
      throw new DomainError('unknown_publisher', 'that publisher does not work with your programs');
  }

  /** Publishers who applied to the advertiser's programs: whom it may act against. */
  async publishersOf(
    advertiserId: string,
  ): Promise<{ id: string; name: string; status: string; programId: string }[]> {
    return (await repos(this.store).memberships.publishersOfAdvertiser(advertiserId)).map(
      (row) => ({ id: row.id, name: row.name, status: row.status, programId: row.program_id }),
    );
  }

  async actionsOfAdvertiser(advertiserId: string): Promise<ActionWithClaimView[]> {
    return (await repos(this.store).enforcement.ofAdvertiser(advertiserId)).map(
      actionWithClaimView,
    );
  }

  /** An attachment of a claim, if the viewer is the claim's publisher or the program's advertiser. */
  async attachment(
    viewer: { publisherId?: string | null; advertiserId?: string | null },
    claimId: string,
    attachmentId: string,
  ) {
    const row = await repos(this.store).claims.attachmentWithParties(claimId, attachmentId);
    if (row === undefined) return undefined;
    const allowed =
      (typeof viewer.publisherId === 'string' && viewer.publisherId === row.publisher_id) ||
      (typeof viewer.advertiserId === 'string' && viewer.advertiserId === row.advertiser_id);
    return allowed
      ? { filename: row.filename, contentType: row.content_type, content: row.content }
      : undefined;
  }
}
