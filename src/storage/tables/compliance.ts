/* Tables of compliance: email access and mailings, violations, enforcement actions, claims, attachments, registration bars. */

export interface EmailAccessTable {
  program_id: string;
  publisher_id: string;
  granted_by: string;
  granted_at: number;
  revoked_at: number | null;
}

export interface MailingsTable {
  id: string;
  program_id: string;
  publisher_id: string;
  site_id: string | null;
  subject: string;
  html_body: string;
  planned_send_at: number;
  audience_size: number;
  audience_source: string;
  /** submitted, approved, rejected */
  status: string;
  comments: string | null;
  link_param: string | null;
  send_window_ends_at: number | null;
  decided_by: string | null;
  decided_at: number | null;
  created_at: number;
}

export interface ViolationsTable {
  id: string;
  program_id: string;
  publisher_id: string;
  site_id: string | null;
  click_id: number | null;
  order_id: string | null;
  rule: string;
  detector: string;
  severity: string;
  /** JSON evidence: headers, URLs, counts. */
  evidence: string;
  /** open, confirmed, dismissed; duplicate: a second flag of one subject and detector stored before migration 0022, never open */
  status: string;
  created_at: number;
}

export interface EnforcementActionsTable {
  id: string;
  program_id: string | null;
  publisher_id: string;
  /** warning, cure_period, withhold, deduction, termination, restriction, registration_bar */
  kind: string;
  rule: string;
  evidence: string;
  amount_minor: number | null;
  currency: string | null;
  deadline_at: number | null;
  /** active, lifted, reversed */
  status: string;
  actor: string;
  created_at: number;
  ended_at: number | null;
  /** A deduction: the statement that settled it (null until one does). */
  statement_id: string | null;
  /** AE-E2: a claim against it must arrive before this (5 Hong Kong working days). */
  claim_deadline_at: number | null;
  /** When the publisher was reminded that the claim window is closing. */
  reminded_at: number | null;
}

export interface ClaimsTable {
  id: string;
  action_id: string;
  publisher_id: string;
  text: string;
  submitted_at: number;
  decision_due_at: number;
  /** submitted, upheld, rejected */
  status: string;
  decision: string | null;
  decided_by: string | null;
  decided_at: number | null;
  /** When the advertiser was reminded that the decision is due (AE-E3). */
  reminded_at: number | null;
}

export interface AttachmentsTable {
  id: string;
  claim_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: number;
}

export interface RegistrationBarsTable {
  id: string;
  email: string | null;
  domain: string | null;
  action_id: string | null;
  /** The advertiser whose programs the bar closes (AE-E1 g); null: the whole network. */
  advertiser_id: string | null;
  created_at: number;
}

/** The memberships a termination suspended (AE-E1 e), and the status each had before. */
export interface EnforcementMembershipsTable {
  action_id: string;
  membership_id: string;
  /** approved or pending: what lifting the termination restores. */
  prior_status: string;
}
