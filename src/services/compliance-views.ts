import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { readAudit, type AuditEntryView, type AuditFilter } from './audit-log.js';
import { repos } from '../storage/repositories/repos.js';

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
  async publishersOf(advertiserId: string) {
    return this.store.db
      .selectFrom('memberships')
      .innerJoin('programs', 'programs.id', 'memberships.program_id')
      .innerJoin('publishers', 'publishers.id', 'memberships.publisher_id')
      .select(['publishers.id', 'publishers.name', 'publishers.status', 'memberships.program_id'])
      .distinct()
      .where('programs.advertiser_id', '=', advertiserId)
      .orderBy('publishers.name')
      .execute();
  }

  async actionsOfAdvertiser(advertiserId: string) {
    return this.store.db
      .selectFrom('enforcement_actions')
      .innerJoin('programs', 'programs.id', 'enforcement_actions.program_id')
      .innerJoin('publishers', 'publishers.id', 'enforcement_actions.publisher_id')
      .leftJoin('claims', 'claims.action_id', 'enforcement_actions.id')
      .selectAll('enforcement_actions')
      .select([
        'publishers.name as publisher_name',
        'claims.id as claim_id',
        'claims.text as claim_text',
        'claims.status as claim_status',
        'claims.submitted_at as claim_submitted_at',
        'claims.decision_due_at',
        'claims.decision',
      ])
      .where('programs.advertiser_id', '=', advertiserId)
      .where('enforcement_actions.kind', '<>', 'credit')
      .orderBy('enforcement_actions.created_at', 'desc')
      .limit(500)
      .execute();
  }

  /** An attachment of a claim, if the viewer is the claim's publisher or the program's advertiser. */
  async attachment(
    viewer: { publisherId?: string | null; advertiserId?: string | null },
    claimId: string,
    attachmentId: string,
  ) {
    const row = await this.store.db
      .selectFrom('attachments')
      .innerJoin('claims', 'claims.id', 'attachments.claim_id')
      .innerJoin('enforcement_actions', 'enforcement_actions.id', 'claims.action_id')
      .leftJoin('programs', 'programs.id', 'enforcement_actions.program_id')
      .select([
        'attachments.filename',
        'attachments.content_type',
        'attachments.content',
        'claims.publisher_id',
        'programs.advertiser_id',
      ])
      .where('attachments.id', '=', attachmentId)
      .where('attachments.claim_id', '=', claimId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const allowed =
      (typeof viewer.publisherId === 'string' && viewer.publisherId === row.publisher_id) ||
      (typeof viewer.advertiserId === 'string' && viewer.advertiserId === row.advertiser_id);
    return allowed ? row : undefined;
  }
}
