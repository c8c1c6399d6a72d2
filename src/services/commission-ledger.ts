import type { Insertable } from 'kysely';
import type { CommissionsTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { formatClickId } from '../storage/click-ids.js';
import { type Commission } from '../storage/repositories/commissions-repository.js';
import { type NewLedgerEntry } from '../storage/repositories/ledger-repository.js';
import {
  planCommissionChange,
  type CommissionStatus,
} from '../domain/ledger/plan-commission-change.js';
import { DomainError } from '../domain/errors.js';
import { encodeSuspended, type SuspendedDecision } from '../domain/ledger/compliance-hold.js';
import type { Repos } from '../storage/repositories/repos.js';
import {
  commissionCreated,
  commissionUpdated,
  type CommissionFacts,
} from '../domain/events/events.js';

/** An unknown commission or a change the lifecycle does not allow. */
export class CommissionChangeError extends DomainError {}

/** What a commission should become: its amount, status and why. */
export interface CommissionTarget {
  kind: 'product' | 'bonus';
  amountMinor: number;
  status: CommissionStatus;
  reason: string | null;
  rule: string | null;
  /** Held by a compliance flag: the decision the hold suspends (NET-R8). */
  suspended?: SuspendedDecision;
  /** Approved: when, if not now (a release restores the approval's time, NET-R8). */
  approvedAt?: number | null;
}

/** The approval time a commission gets when it becomes `target`. */
function approvalTime(
  target: CommissionTarget,
  current: { status: string; approved_at: number | null } | undefined,
  nowMs: number,
): number | null {
  if (target.status !== 'approved') return null;
  if (target.approvedAt !== undefined && target.approvedAt !== null) return target.approvedAt;
  return current?.status === 'approved' ? current.approved_at : nowMs;
}

/** The suspended decision stored with `target`: only a held commission keeps one. */
function suspendedOf(target: CommissionTarget): string | null {
  return encodeSuspended(target.status === 'held' ? target.suspended : undefined);
}

export interface NewCommission {
  orderId: string;
  programId: string;
  publisherId: string;
  siteId: string | null;
  currency: string;
  validationDueAt: number | null;
  /** The click that credits it; null when a voucher code does. */
  clickId: number | null;
}

/** Who changes a commission and when: an actor id and the reason written to the ledger. */
export interface ChangeContext {
  actor: string;
  nowMs: number;
  /** Ledger reason when the target has none (e.g. `order_reported`). */
  event: string;
  /** Set for validation decisions (advertiser, bulk, CSV, deadline); null for order reports. */
  decidedBy: string | null;
  /**
   * An order report may change a commission already paid out: the difference is booked as an
   * adjustment (a refund after the payout is clawed back on the next statement). Validation
   * decisions may not: a paid commission is locked for them.
   */
  adjustPaid?: boolean;
}

/**
 * Inserts a commission with the ledger entries of its first state, through `r`: the
 * repositories of the caller's transaction.
 */
export async function createCommission(
  r: Repos,
  input: NewCommission,
  target: CommissionTarget,
  context: ChangeContext,
): Promise<void> {
  const row: Insertable<CommissionsTable> = {
    id: newId('commission', context.nowMs),
    order_id: input.orderId,
    program_id: input.programId,
    publisher_id: input.publisherId,
    site_id: input.siteId,
    kind: target.kind,
    amount_minor: target.amountMinor,
    currency: input.currency,
    status: target.status,
    reason: target.reason,
    rule: target.rule,
    validation_due_at: input.validationDueAt,
    statement_id: null,
    approved_at: approvalTime(target, undefined, context.nowMs),
    invoice_id: null,
    billed_minor: 0,
    decided_by: context.decidedBy,
    suspended_decision: suspendedOf(target),
    created_at: context.nowMs,
    updated_at: context.nowMs,
  };
  await r.commissions.insert(row);
  await r.events.append([commissionCreated(commissionFacts(row, input.clickId))], context.nowMs);
  // Approved as it is reported (a completion report where the terms say so): an approval.
  if (target.status === 'approved')
    await auditCommission(r, row.id, input, target.kind, context, null, target);
  const moves = planCommissionChange(
    undefined,
    { amountMinor: target.amountMinor, status: target.status },
    target.kind === 'bonus',
  );
  await r.ledger.append(
    moves.map((move): NewLedgerEntry => ({
      publisher_id: input.publisherId,
      program_id: input.programId,
      commission_id: row.id,
      order_id: input.orderId,
      account: move.account,
      kind: move.kind,
      amount_minor: move.amountMinor,
      currency: input.currency,
      reason: target.reason ?? context.event,
      rule: target.rule,
      actor: context.actor,
      created_at: context.nowMs,
    })),
  );
}

/**
 * Takes a stored commission to `target` and books the ledger moves through `r`, the
 * repositories of the caller's transaction. Returns false when nothing changed. A paid
 * commission is locked (CommissionChangeError).
 */
export async function changeCommission(
  r: Repos,
  current: Commission,
  target: CommissionTarget,
  context: ChangeContext,
): Promise<boolean> {
  // A commission on an issued statement (or paid) is settled: the statement never changes. A
  // later report books the difference as an adjustment on the next statement; a validation
  // decision may not change it; only its payout moves it from approved to paid.
  const onStatement = current.statement_id !== null && current.status !== 'paid';
  const payingOut =
    onStatement && target.status === 'paid' && target.amountMinor === current.amount_minor;
  if ((current.status === 'paid' || onStatement) && !payingOut && context.adjustPaid === true)
    return adjustPaidCommission(r, current, target, context);
  if (onStatement && !payingOut)
    throw new CommissionChangeError(
      'commission_locked',
      `commission ${current.id} is on statement ${current.statement_id}; an issued statement never changes`,
    );
  const before = { amountMinor: current.amount_minor, status: current.status };
  const after = { amountMinor: target.amountMinor, status: target.status };
  let moves;
  try {
    moves = planCommissionChange(before, after, current.kind === 'bonus');
  } catch (error) {
    throw new CommissionChangeError(
      'commission_locked',
      `commission ${current.id}: ${(error as Error).message}`,
    );
  }
  const approvedAt = approvalTime(target, current, context.nowMs);
  const suspended = suspendedOf(target);
  if (
    moves.length === 0 &&
    before.status === after.status &&
    current.reason === target.reason &&
    current.rule === target.rule &&
    current.decided_by === context.decidedBy &&
    current.approved_at === approvedAt &&
    current.suspended_decision === suspended
  )
    return false;
  // A decision or a report that changes what a publisher earns is a money event; a payout's
  // move to paid is recorded once, as the payout run's.
  if (
    (before.status !== after.status || before.amountMinor !== after.amountMinor) &&
    after.status !== 'paid'
  )
    await auditCommission(
      r,
      current.id,
      {
        orderId: current.order_id,
        publisherId: current.publisher_id,
        programId: current.program_id,
        currency: current.currency,
      },
      current.kind,
      context,
      before,
      target,
    );
  await r.commissions.update(current.id, {
    amount_minor: target.amountMinor,
    status: target.status,
    reason: target.reason,
    rule: target.rule,
    approved_at: approvedAt,
    decided_by: context.decidedBy,
    suspended_decision: suspended,
    updated_at: context.nowMs,
  });
  if (
    (before.status !== after.status || before.amountMinor !== after.amountMinor) &&
    after.status !== 'paid'
  )
    await r.events.append(
      [
        commissionUpdated(
          before,
          commissionFacts(
            {
              ...current,
              amount_minor: target.amountMinor,
              status: target.status,
              reason: target.reason,
              rule: target.rule,
            },
            await clickOfCommission(r, current),
          ),
        ),
      ],
      context.nowMs,
    );
  await r.ledger.append(
    moves.map((move): NewLedgerEntry => ({
      publisher_id: current.publisher_id,
      program_id: current.program_id,
      commission_id: current.id,
      order_id: current.order_id,
      account: move.account,
      kind: move.kind,
      amount_minor: move.amountMinor,
      currency: current.currency,
      reason: target.reason ?? context.event,
      rule: target.rule,
      actor: context.actor,
      created_at: context.nowMs,
    })),
  );
  return true;
}

/**
 * A later report about a commission already paid: the commission stays as paid; the difference
 * between what it should now be and what was paid (and adjusted before) becomes an adjustment,
 * settled by the publisher's next statement, with its ledger entry.
 */
async function adjustPaidCommission(
  r: Repos,
  current: Commission,
  target: CommissionTarget,
  context: ChangeContext,
): Promise<boolean> {
  const should = target.status === 'declined' ? 0 : target.amountMinor;
  const adjusted = await r.adjustments.sumOfCommission(current.id);
  const delta = should - (current.amount_minor + adjusted);
  if (delta === 0) return false;
  const reason = target.reason ?? context.event;
  await r.events.append(
    [
      commissionUpdated(
        { status: current.status, amountMinor: current.amount_minor + adjusted },
        commissionFacts(
          { ...current, amount_minor: should, reason, rule: target.rule },
          await clickOfCommission(r, current),
        ),
      ),
    ],
    context.nowMs,
  );
  await r.adjustments.insert({
    id: newId('adjustment', context.nowMs),
    publisher_id: current.publisher_id,
    program_id: current.program_id,
    order_id: current.order_id ?? '',
    commission_id: current.id,
    amount_minor: delta,
    currency: current.currency,
    reason,
    rule: target.rule,
    statement_id: null,
    actor: context.actor,
    created_at: context.nowMs,
  });
  await r.ledger.append([
    {
      publisher_id: current.publisher_id,
      program_id: current.program_id,
      commission_id: null,
      order_id: current.order_id,
      account: 'adjusted',
      kind: delta < 0 ? 'reversed' : 'accrued',
      amount_minor: delta,
      currency: current.currency,
      reason: `after payout: ${reason}`,
      rule: target.rule,
      actor: context.actor,
      created_at: context.nowMs,
    },
  ]);
  return true;
}

/** A commission's approval, decline, hold or amount change in the audit log, before and after. */
async function auditCommission(
  r: Repos,
  commissionId: string,
  of: { orderId: string | null; publisherId: string; programId: string; currency: string },
  kind: string,
  context: ChangeContext,
  before: { status: string; amountMinor: number } | null,
  target: CommissionTarget,
): Promise<void> {
  await r.audit.record(
    {
      actor: context.actor,
      action: `commission.${target.status}`,
      subjectType: 'commission',
      subjectId: commissionId,
      details: {
        ...of,
        kind,
        event: context.event,
        before,
        after: { status: target.status, amountMinor: target.amountMinor },
        reason: target.reason,
        rule: target.rule,
      },
    },
    context.nowMs,
  );
}

/**
 * The click that credited a commission: its order's, read in the change's transaction. A
 * reattribution declines the first publisher's commissions before it moves the order to the
 * new click, so each commission's events name its own click, never its successor's; one taken
 * off its order (declined as reattributed) names none.
 */
async function clickOfCommission(
  r: Repos,
  commission: { order_id: string | null },
): Promise<number | null> {
  return commission.order_id === null ? null : r.orders.clickIdOf(commission.order_id);
}

function commissionFacts(
  row: {
    id: string;
    order_id?: string | null | undefined;
    program_id: string;
    publisher_id: string;
    site_id?: string | null | undefined;
    kind: string;
    amount_minor: number;
    currency: string;
    status: string;
    reason?: string | null | undefined;
    rule?: string | null | undefined;
  },
  clickId: number | null,
): CommissionFacts {
  return {
    id: row.id,
    orderId: row.order_id ?? null,
    programId: row.program_id,
    publisherId: row.publisher_id,
    siteId: row.site_id ?? null,
    kind: row.kind,
    amountMinor: row.amount_minor,
    currency: row.currency,
    status: row.status,
    reason: row.reason ?? null,
    rule: row.rule ?? null,
    clickId: clickId === null ? null : formatClickId(clickId),
  };
}
