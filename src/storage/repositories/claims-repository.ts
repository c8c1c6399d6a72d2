import type { Scope } from './scope.js';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AttachmentsTable, ClaimsTable, Database } from '../schema.js';

export type StoredClaim = Selectable<ClaimsTable>;

/** Claims against enforcement actions (`claims`) and their evidence (`attachments`). */
export class ClaimsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** The claim against the action, if there is one (its id). */
  async idOfAction(actionId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('claims')
      .select('id')
      .where('action_id', '=', actionId)
      .executeTakeFirst();
    return row?.id;
  }

  async insert(claim: Insertable<ClaimsTable>): Promise<void> {
    await this.db.insertInto('claims').values(claim).execute();
  }

  async insertAttachment(attachment: Insertable<AttachmentsTable>): Promise<void> {
    await this.db.insertInto('attachments').values(attachment).execute();
  }

  /** A claim against an action in one of the advertiser's programs. */
  async findOfAdvertiser(claimId: string, advertiserId: string): Promise<StoredClaim | undefined> {
    return this.db
      .selectFrom('claims')
      .innerJoin('enforcement_actions', 'enforcement_actions.id', 'claims.action_id')
      .innerJoin('programs', 'programs.id', 'enforcement_actions.program_id')
      .selectAll('claims')
      .where('claims.id', '=', claimId)
      .where('programs.advertiser_id', '=', advertiserId)
      .executeTakeFirst();
  }

  async decide(
    claimId: string,
    decision: { status: string; decision: string; decidedBy: string },
    nowMs: number,
  ): Promise<void> {
    await this.db
      .updateTable('claims')
      .set({
        status: decision.status,
        decision: decision.decision,
        decided_by: decision.decidedBy,
        decided_at: nowMs,
      })
      .where('id', '=', claimId)
      .execute();
  }

  /** Submitted claims whose decision was due before `nowMs`, the most overdue first. */
  async overdue(nowMs: number) {
    return this.db
      .selectFrom('claims')
      .innerJoin('enforcement_actions', 'enforcement_actions.id', 'claims.action_id')
      .select([
        'claims.id',
        'claims.publisher_id',
        'claims.submitted_at',
        'claims.decision_due_at',
        'enforcement_actions.program_id',
        'enforcement_actions.kind',
      ])
      .where('claims.status', '=', 'submitted')
      .where('claims.decision_due_at', '<', nowMs)
      .orderBy('claims.decision_due_at')
      .execute();
  }

  /** Submitted claims not reminded yet whose decision is due in (nowMs, nowMs + two days]. */
  async decisionsClosing(nowMs: number) {
    return this.db
      .selectFrom('claims')
      .innerJoin('enforcement_actions', 'enforcement_actions.id', 'claims.action_id')
      .select(['claims.id', 'claims.decision_due_at', 'enforcement_actions.program_id'])
      .where('claims.status', '=', 'submitted')
      .where('claims.reminded_at', 'is', null)
      .where('claims.decision_due_at', '>', nowMs)
      .where('claims.decision_due_at', '<=', nowMs + 2 * 86_400_000)
      .execute();
  }

  /** Marks a claim reminded, compare-and-set: false when another process did first. */
  async markReminded(id: string, nowMs: number): Promise<boolean> {
    const claimed = await this.db
      .updateTable('claims')
      .set({ reminded_at: nowMs })
      .where('id', '=', id)
      .where('reminded_at', 'is', null)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) !== 0;
  }

  /** A claim's attachments, without their content. */
  async attachmentsOf(claimId: string) {
    return this.db
      .selectFrom('attachments')
      .select(['id', 'filename', 'content_type', 'size', 'sha256'])
      .where('claim_id', '=', claimId)
      .execute();
  }

  /** An attachment of a claim with who may see it: the claim's publisher, the program's advertiser. */
  async attachmentWithParties(claimId: string, attachmentId: string) {
    return this.db
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
  }
}
