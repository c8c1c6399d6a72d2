import type { Selectable } from 'kysely';
import type { ClaimsTable, EnforcementActionsTable, MailingsTable } from '../storage/schema.js';

/** What routes and pages see of an enforcement action (AE-E1). */
export interface EnforcementActionView {
  id: string;
  programId: string | null;
  publisherId: string;
  kind: string;
  rule: string;
  evidence: string;
  /** A deduction's amount in EUR cents. */
  amountMinor: number | null;
  status: string;
  actor: string;
  createdAt: number;
  endedAt: number | null;
  /** A cure period's deadline. */
  cureDeadlineAt: number | null;
  claimDeadlineAt: number | null;
}

/** The claim against an action, as listed with it. */
export interface ActionClaimView {
  id: string;
  status: string | null;
  text: string | null;
  submittedAt: number | null;
  decisionDueAt: number | null;
  decision: string | null;
}

/** An action with the claim against it (null: none), and its publisher's name when listed for the advertiser. */
export interface ActionWithClaimView extends EnforcementActionView {
  publisherName: string | null;
  claim: ActionClaimView | null;
}

export interface ClaimView {
  id: string;
  actionId: string;
  publisherId: string;
  text: string;
  submittedAt: number;
  decisionDueAt: number;
  status: string;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface MailingView {
  id: string;
  programId: string;
  publisherId: string;
  subject: string;
  htmlBody: string;
  plannedSendAt: number;
  audienceSize: number;
  audienceSource: string;
  status: string;
  comments: string | null;
  /** The approved mailing's link parameter (`m=`). */
  linkParam: string | null;
  sendWindowEndsAt: number | null;
  createdAt: number;
}

export function actionView(row: Selectable<EnforcementActionsTable>): EnforcementActionView {
  return {
    id: row.id,
    programId: row.program_id,
    publisherId: row.publisher_id,
    kind: row.kind,
    rule: row.rule,
    evidence: row.evidence,
    amountMinor: row.amount_minor,
    status: row.status,
    actor: row.actor,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    cureDeadlineAt: row.deadline_at,
    claimDeadlineAt: row.claim_deadline_at,
  };
}

export function actionWithClaimView(
  row: Selectable<EnforcementActionsTable> & {
    publisher_name?: string;
    claim_id: string | null;
    claim_status: string | null;
    claim_text?: string | null;
    claim_submitted_at?: number | null;
    decision_due_at: number | null;
    decision: string | null;
  },
): ActionWithClaimView {
  return {
    ...actionView(row),
    publisherName: row.publisher_name ?? null,
    claim:
      row.claim_id === null
        ? null
        : {
            id: row.claim_id,
            status: row.claim_status,
            text: row.claim_text ?? null,
            submittedAt: row.claim_submitted_at ?? null,
            decisionDueAt: row.decision_due_at,
            decision: row.decision,
          },
  };
}

export function claimView(row: Selectable<ClaimsTable>): ClaimView {
  return {
    id: row.id,
    actionId: row.action_id,
    publisherId: row.publisher_id,
    text: row.text,
    submittedAt: row.submitted_at,
    decisionDueAt: row.decision_due_at,
    status: row.status,
    decision: row.decision,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

export function mailingView(row: Selectable<MailingsTable>): MailingView {
  return {
    id: row.id,
    programId: row.program_id,
    publisherId: row.publisher_id,
    subject: row.subject,
    htmlBody: row.html_body,
    plannedSendAt: row.planned_send_at,
    audienceSize: row.audience_size,
    audienceSource: row.audience_source,
    status: row.status,
    comments: row.comments,
    linkParam: row.link_param,
    sendWindowEndsAt: row.send_window_ends_at,
    createdAt: row.created_at,
  };
}
