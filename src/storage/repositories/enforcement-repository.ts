import type { Scope } from './scope.js';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, EnforcementActionsTable } from '../schema.js';
import { newId } from '../ids.js';

export type StoredEnforcementAction = Selectable<EnforcementActionsTable>;

/** Enforcement actions (`enforcement_actions`) and the registration bars they set. */
export class EnforcementRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async insert(action: Insertable<EnforcementActionsTable>): Promise<void> {
    await this.db.insertInto('enforcement_actions').values(action).execute();
  }

  async find(id: string): Promise<StoredEnforcementAction | undefined> {
    return this.db
      .selectFrom('enforcement_actions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** An action against the publisher. */
  async findOfPublisher(
    id: string,
    publisherId: string,
  ): Promise<StoredEnforcementAction | undefined> {
    return this.db
      .selectFrom('enforcement_actions')
      .selectAll()
      .where('id', '=', id)
      .where('publisher_id', '=', publisherId)
      .executeTakeFirst();
  }

  /** Ends an action (lifted, reversed) at `nowMs`. */
  async end(id: string, status: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('enforcement_actions')
      .set({ status, ended_at: nowMs })
      .where('id', '=', id)
      .execute();
  }

  /**
   * The kinds of the publisher's active terminations and restrictions in the advertiser's
   * programs (AE-E1 e, f: an advertiser's standing reaches its own programs only).
   */
  async activeStandingIn(publisherId: string, advertiserId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('enforcement_actions')
      .innerJoin('programs', 'programs.id', 'enforcement_actions.program_id')
      .select('enforcement_actions.kind')
      .where('enforcement_actions.publisher_id', '=', publisherId)
      .where('programs.advertiser_id', '=', advertiserId)
      .where('enforcement_actions.status', '=', 'active')
      .where('enforcement_actions.kind', 'in', ['termination', 'restriction'])
      .execute();
    return rows.map((row) => row.kind);
  }

  /** The status each of these memberships had when an active termination suspended it. */
  async heldAs(membershipIds: readonly string[]): Promise<Map<string, string>> {
    if (membershipIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('enforcement_memberships')
      .select(['membership_id', 'prior_status'])
      .where('membership_id', 'in', membershipIds)
      .execute();
    return new Map(rows.map((row) => [row.membership_id, row.prior_status]));
  }

  /** Records the memberships the termination `actionId` suspended, with their prior status. */
  async hold(
    actionId: string,
    held: readonly { membershipId: string; priorStatus: string }[],
  ): Promise<void> {
    if (held.length === 0) return;
    await this.db
      .insertInto('enforcement_memberships')
      .values(
        held.map((h) => ({
          action_id: actionId,
          membership_id: h.membershipId,
          prior_status: h.priorStatus,
        })),
      )
      .execute();
  }

  /**
   * Ends the termination's hold on its memberships: each with its prior status, its status now,
   * and whether another active termination still holds it.
   */
  async release(actionId: string) {
    const rows = await this.db
      .selectFrom('enforcement_memberships')
      .innerJoin('memberships', 'memberships.id', 'enforcement_memberships.membership_id')
      .select([
        'enforcement_memberships.membership_id',
        'enforcement_memberships.prior_status',
        'memberships.status',
      ])
      .where('enforcement_memberships.action_id', '=', actionId)
      .execute();
    await this.db.deleteFrom('enforcement_memberships').where('action_id', '=', actionId).execute();
    const elsewhere = new Set(
      rows.length === 0
        ? []
        : (
            await this.db
              .selectFrom('enforcement_memberships')
              .select('membership_id')
              .where(
                'membership_id',
                'in',
                rows.map((row) => row.membership_id),
              )
              .execute()
          ).map((row) => row.membership_id),
    );
    return rows.map((row) => ({
      membershipId: row.membership_id,
      priorStatus: row.prior_status,
      status: row.status,
      heldElsewhere: elsewhere.has(row.membership_id),
    }));
  }

  /** The sum of the active deductions against the publisher in the program (cents). */
  async activeDeductionsMinor(publisherId: string, programId: string): Promise<number> {
    const row = await this.db
      .selectFrom('enforcement_actions')
      .select((eb) => eb.fn.sum<number>('amount_minor').as('sum'))
      .where('publisher_id', '=', publisherId)
      .where('program_id', '=', programId)
      .where('kind', '=', 'deduction')
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(row?.sum ?? 0);
  }

  async isWithholding(publisherId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('enforcement_actions')
      .select('id')
      .where('publisher_id', '=', publisherId)
      .where('kind', '=', 'withhold')
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Actions against a publisher (credits aside), newest first, with their claims. */
  async ofPublisher(publisherId: string) {
    return this.db
      .selectFrom('enforcement_actions')
      .leftJoin('claims', 'claims.action_id', 'enforcement_actions.id')
      .selectAll('enforcement_actions')
      .select([
        'claims.id as claim_id',
        'claims.status as claim_status',
        'claims.decision_due_at',
        'claims.decision',
      ])
      .where('enforcement_actions.publisher_id', '=', publisherId)
      .where('enforcement_actions.kind', '<>', 'credit')
      .orderBy('enforcement_actions.created_at', 'desc')
      .execute();
  }

  /** Actions in the advertiser's programs (credits aside), newest first, with their claims. */
  async ofAdvertiser(advertiserId: string) {
    return this.db
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

  /**
   * Active actions without a claim whose claim window closes in (nowMs, nowMs + one day] and
   * whose publisher was not reminded yet.
   */
  async claimWindowsClosing(nowMs: number) {
    return this.db
      .selectFrom('enforcement_actions')
      .leftJoin('claims', 'claims.action_id', 'enforcement_actions.id')
      .select([
        'enforcement_actions.id',
        'enforcement_actions.publisher_id',
        'enforcement_actions.kind',
        'enforcement_actions.claim_deadline_at',
      ])
      .where('enforcement_actions.status', '=', 'active')
      .where('enforcement_actions.reminded_at', 'is', null)
      .where('claims.id', 'is', null)
      .where('enforcement_actions.claim_deadline_at', '>', nowMs)
      .where('enforcement_actions.claim_deadline_at', '<=', nowMs + 86_400_000)
      .execute();
  }

  /** Marks an action reminded, compare-and-set: false when another process did first. */
  async markReminded(id: string, nowMs: number): Promise<boolean> {
    const claimed = await this.db
      .updateTable('enforcement_actions')
      .set({ reminded_at: nowMs })
      .where('id', '=', id)
      .where('reminded_at', 'is', null)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) !== 0;
  }

  /**
   * Bars the addresses and domains from registering again, for the action `actionId`: in the
   * advertiser's programs, or (no advertiser) in the network.
   */
  async insertRegistrationBars(
    bars: readonly { email: string | null; domain: string | null }[],
    actionId: string,
    advertiserId: string | null,
    nowMs: number,
  ): Promise<void> {
    if (bars.length === 0) return;
    await this.db
      .insertInto('registration_bars')
      .values(
        bars.map((bar) => ({
          id: newId('registrationBar', nowMs),
          ...bar,
          action_id: actionId,
          advertiser_id: advertiserId,
          created_at: nowMs,
        })),
      )
      .execute();
  }

  async deleteRegistrationBars(actionId: string): Promise<void> {
    await this.db.deleteFrom('registration_bars').where('action_id', '=', actionId).execute();
  }
}
