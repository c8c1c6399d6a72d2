/**
 * Network rule NET-R8 (docs/compliance.md, "Fraud holds"): a compliance hold suspends a
 * commission's decision and its release restores that decision. A commission approved when a
 * holding flag is raised is approved again, with its original approval time (so the month it
 * is invoiced in does not move), when the flag is dismissed; a pending one is pending again; a
 * declined one has no money to hold and is never held. While held, the advertiser's approval is
 * refused (`commission_held`: review the flag first) and a decline takes effect at once (it ends
 * the hold; a later dismissal leaves the commission declined). Pure: the caller stores the
 * decision with the held commission.
 */

/** The reason of a commission held by a compliance flag. */
export const POLICY_REVIEW = 'policy_review';

/** The decision a hold suspends: what the commission was, and goes back to on release. */
export interface SuspendedDecision {
  readonly status: 'pending' | 'approved';
  readonly reason: string | null;
  readonly rule: string | null;
  /** When it was approved (the month it is invoiced in); null while pending. */
  readonly approvedAt: number | null;
  /** Who decided it (a person, `validation_deadline`, …); null when nobody did. */
  readonly decidedBy: string | null;
}

/** A commission as the hold rule reads it. */
export interface DecidedCommission {
  readonly status: string;
  readonly reason: string | null;
  readonly rule: string | null;
  readonly approvedAt: number | null;
  readonly decidedBy: string | null;
}

/**
 * The decision a hold would suspend: a pending or approved commission's. Undefined when there is
 * nothing to hold: declined (no money), paid or already held.
 */
export function decisionToSuspend(commission: DecidedCommission): SuspendedDecision | undefined {
  if (commission.status !== 'pending' && commission.status !== 'approved') return undefined;
  return {
    status: commission.status,
    reason: commission.reason,
    rule: commission.rule,
    approvedAt: commission.status === 'approved' ? commission.approvedAt : null,
    decidedBy: commission.decidedBy,
  };
}

/**
 * What a report about a held order does to the decision its hold suspended, as it would to the
 * commission were it not held: a person's or a deadline's decision stands while the report
 * leaves the order provisional (only the amount and rule follow the report); otherwise the
 * report's verdict is the decision (an approval keeps the first approval's time).
 */
export function reportOnSuspended(
  suspended: SuspendedDecision,
  report: { status: 'pending' | 'approved'; reason: string | null; rule: string | null },
  nowMs: number,
): SuspendedDecision {
  if (suspended.decidedBy !== null && report.status === 'pending')
    return { ...suspended, rule: report.rule };
  return {
    status: report.status,
    reason: report.reason,
    rule: report.rule,
    approvedAt:
      report.status !== 'approved'
        ? null
        : suspended.status === 'approved'
          ? suspended.approvedAt
          : nowMs,
    decidedBy: suspended.status === report.status ? suspended.decidedBy : null,
  };
}

/**
 * What a decision of the advertiser does to a held commission: an approval is refused (the
 * flag is reviewed first; approving would override it), a decline is applied at once.
 */
export function decisionWhileHeld(decision: 'approve' | 'decline'): 'refuse' | 'apply' {
  return decision === 'approve' ? 'refuse' : 'apply';
}

/** The stored form of a suspended decision (a text column). */
export function encodeSuspended(decision: SuspendedDecision | undefined): string | null {
  return decision === undefined ? null : JSON.stringify(decision);
}

/** The suspended decision stored with a held commission; undefined for none or a malformed one. */
export function decodeSuspended(text: string | null): SuspendedDecision | undefined {
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const textOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
  if (
    (v.status !== 'pending' && v.status !== 'approved') ||
    !textOrNull(v.reason) ||
    !textOrNull(v.rule) ||
    !textOrNull(v.decidedBy) ||
    !(v.approvedAt === null || Number.isSafeInteger(v.approvedAt))
  )
    return undefined;
  return {
    status: v.status,
    reason: v.reason,
    rule: v.rule,
    approvedAt: v.approvedAt as number | null,
    decidedBy: v.decidedBy,
  };
}
