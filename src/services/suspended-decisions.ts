import {
  decodeSuspended,
  type DecidedCommission,
  type SuspendedDecision,
} from '../domain/ledger/compliance-hold.js';

/*
 * The decision a compliance hold suspends, as stored commissions carry it (NET-R8,
 * src/domain/ledger/compliance-hold.ts).
 */

/** Deciders that are not a person: a report, the deadline rule, the compliance scan. */
const SYSTEM_DECIDERS: ReadonlySet<string> = new Set([
  'order_report',
  'validation_deadline',
  'compliance',
]);

/** A stored commission as the hold rule (NET-R8) reads it. */
export function decidedCommission(commission: {
  status: string;
  reason: string | null;
  rule: string | null;
  approved_at: number | null;
  decided_by: string | null;
}): DecidedCommission {
  return {
    status: commission.status,
    reason: commission.reason,
    rule: commission.rule,
    approvedAt: commission.approved_at,
    decidedBy: commission.decided_by,
  };
}

/**
 * A commission approved by a person (the advertiser in the portal or over the API, an admin),
 * or held by the scan after such an approval before holds kept the decision they suspend
 * (before migration 0032 the hold kept who approved it).
 */
export function approvedByPerson(commission: { status: string; decided_by: string | null }) {
  return (
    (commission.status === 'approved' || commission.status === 'held') &&
    commission.decided_by !== null &&
    !SYSTEM_DECIDERS.has(commission.decided_by)
  );
}

/**
 * The decision a compliance hold suspended (NET-R8), stored with the held commission. A hold
 * made before holds kept theirs (migration 0032) tells only who approved it: a person's approval
 * (approvedByPerson), or the terms' approval on completion (`approvedOnCompletion`), approved
 * at `nowMs`; else pending.
 */
export function suspendedDecisionOf(
  commission: {
    status: string;
    rule: string | null;
    decided_by: string | null;
    suspended_decision: string | null;
  },
  approvedOnCompletion: boolean,
  nowMs: number,
): SuspendedDecision {
  const stored = decodeSuspended(commission.suspended_decision);
  if (stored !== undefined) return stored;
  const person = approvedByPerson(commission);
  const approved = person || approvedOnCompletion;
  return {
    status: approved ? 'approved' : 'pending',
    reason: null,
    rule: commission.rule,
    approvedAt: approved ? nowMs : null,
    decidedBy: person ? commission.decided_by : null,
  };
}
