import type { Generated } from 'kysely';

/**
 * The stored shape of affnet, one interface per table. Conventions, the same on SQLite and
 * PostgreSQL: ids are text with a type prefix (ids.ts); instants are epoch milliseconds
 * (`*_at`, bigint); money is integer minor units (`*_minor`, bigint) with its currency beside
 * it; flags are 0/1 integers; structured details are JSON text.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  tokens: TokensTable;
  api_keys: ApiKeysTable;
  advertisers: AdvertisersTable;
  programs: ProgramsTable;
  program_terms: ProgramTermsTable;
  publishers: PublishersTable;
  sites: SitesTable;
  memberships: MembershipsTable;
  ads: AdsTable;
  links: LinksTable;
  clicks: ClicksTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  commissions: CommissionsTable;
  ledger_entries: LedgerEntriesTable;
  exchange_rates: ExchangeRatesTable;
  email_access: EmailAccessTable;
  mailings: MailingsTable;
  violations: ViolationsTable;
  enforcement_actions: EnforcementActionsTable;
  claims: ClaimsTable;
  attachments: AttachmentsTable;
  registration_bars: RegistrationBarsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  adjustments: AdjustmentsTable;
  statements: StatementsTable;
  payout_runs: PayoutRunsTable;
  payouts: PayoutsTable;
  report_hourly: ReportHourlyTable;
  report_daily: ReportDailyTable;
  emails: EmailsTable;
  audit_log: AuditLogTable;
  cache_versions: CacheVersionsTable;
  settings: SettingsTable;
  node_leases: NodeLeasesTable;
  rate_limits: RateLimitsTable;
}

/** A node number (0–31, the low bits of click ids) held by one process until it expires. */
export interface NodeLeasesTable {
  node: number;
  holder: string;
  expires_at: number;
}

/** One fixed-window counter per limited key (sign-up, login per address and per account). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  hits: number;
}

/** Network-wide settings every node reads, e.g. the generated secret when SECRET is unset. */
export interface SettingsTable {
  name: string;
  value: string;
}

/**
 * A counter per cached kind of data (`links`: programs, sites, memberships, ads, publisher
 * standing). Whoever changes such data bumps it; every tracking process polls it and reloads,
 * so processes and nodes sharing one database agree within a poll.
 */
export interface CacheVersionsTable {
  name: string;
  version: number;
}

export type Role = 'admin' | 'advertiser' | 'publisher';

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string | null;
  role: Role;
  /** pending (not activated), active, disabled */
  status: string;
  name: string;
  locale: string;
  advertiser_id: string | null;
  publisher_id: string | null;
  created_at: number;
  activated_at: number | null;
  /** 1 while the user still has a generated one-time password (set a new one first). */
  must_change_password: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  ip_hash: string | null;
  user_agent: string | null;
}

/** Single-use tokens: account activation, password reset. Only the hash is kept. */
export interface TokensTable {
  id: string;
  user_id: string | null;
  email: string;
  purpose: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ApiKeysTable {
  id: string;
  advertiser_id: string;
  name: string;
  /** The first characters of the key, shown in lists; the key itself is only hashed. */
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AdvertisersTable {
  id: string;
  name: string;
  contact_email: string | null;
  created_at: number;
}

export interface ProgramsTable {
  id: string;
  /** The terms file id, e.g. `aliexpress`. */
  slug: string;
  advertiser_id: string;
  name: string;
  currency: string;
  /** active, paused, closed */
  status: string;
  landing_url: string;
  /** JSON: network fee, validation settings, detector thresholds. */
  settings: string;
  current_terms_id: string | null;
  created_at: number;
  updated_at: number;
}

/** Every terms file a program has run on, kept whole so any quote can be explained later. */
export interface ProgramTermsTable {
  id: string;
  program_id: string;
  source_hash: string;
  source: string;
  loaded_at: number;
  loaded_by: string | null;
}

export interface PublishersTable {
  id: string;
  name: string;
  company: string | null;
  country: string;
  vat_number: string | null;
  iban: string | null;
  payout_name: string | null;
  /** JSON list of promotion methods. */
  promotion_methods: string;
  /** active, restricted, terminated */
  status: string;
  minimum_payout_minor: number;
  created_at: number;
}

export interface SitesTable {
  id: string;
  publisher_id: string;
  name: string;
  url: string;
  domain: string;
  /** JSON list of promotion methods used on this site. */
  promotion_methods: string;
  status: string;
  created_at: number;
}

/** A site's application to, and membership of, a program. */
export interface MembershipsTable {
  id: string;
  program_id: string;
  site_id: string;
  publisher_id: string;
  /** pending, approved, rejected, suspended */
  status: string;
  promotion_methods: string;
  content_categories: string;
  accepted_rules_at: number;
  reason: string | null;
  decided_at: number | null;
  decided_by: string | null;
  created_at: number;
  /** JSON: brand screening hits of the publisher's name and site at application (AE-P5). */
  brand_matches: string;
  /** The advertiser's written consent to those hits, with who and when; null: none. */
  brand_consent: string | null;
}

export interface AdsTable {
  id: string;
  program_id: string;
  name: string;
  /** text, banner, link */
  kind: string;
  content: string | null;
  status: string;
  created_at: number;
}

export interface LinksTable {
  id: string;
  site_id: string;
  program_id: string;
  ad_id: string;
  epi: string | null;
  epi2: string | null;
  created_at: number;
}

/**
 * One click. Written at hot-path rates, so it is narrow: an integer key (click-ids.ts) and the
 * compliance signals (user agent, referrer host, Sec-Fetch-*, bot verdict, paid-search
 * markers, country, mailing) in one JSON column, which measured ~1.2× faster than a column
 * each. The publisher is the site's.
 */
export interface ClicksTable {
  /** Also the click's time: clickIdTime(id). */
  id: number;
  program_id: string;
  site_id: string;
  ad_id: string | null;
  epi: string | null;
  epi2: string | null;
  ip_hash: string | null;
  /** JSON of the click's signals, short keys (clicks-repository.ts, StoredSignals). */
  signals: string;
  /** Null when the click may attribute orders; else why not (site_not_approved, …). */
  not_attributable_reason: string | null;
}

export interface OrdersTable {
  id: string;
  program_id: string;
  order_number: string;
  click_id: number | null;
  publisher_id: string | null;
  site_id: string | null;
  /** The ad and sub id of the attributed click, for reports. */
  ad_id: string | null;
  epi: string | null;
  placed_at: number;
  currency: string;
  /** The advertiser's status: pending, completed, cancelled, refunded. */
  status: string;
  /** The engine's: qualified, provisional, disqualified, held. */
  quote_status: string;
  /** attributed, or why not (no_click, session_expired, …). */
  attribution: string;
  buyer_country: string | null;
  new_buyer: number;
  fraud: number;
  /** JSON: the order document as last reported. */
  document: string;
  /** JSON: the quote of that document. */
  quote: string;
  terms_id: string | null;
  total_minor: number;
  /** Sum of the lines' commission bases, in the order currency's minor units. */
  value_minor: number;
  revision: number;
  /** Who reported it: `pixel` (anonymous) until the advertiser reports it by API (`api`). */
  source: Generated<string>;
  /** Who set the attribution: `advertiser` (API clickId), `pixel` (tduid), `cookie`, or null. */
  attributed_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface OrderLinesTable {
  id: string;
  order_id: string;
  line_no: number;
  sku: string;
  name: string | null;
  category: string;
  unit_price_minor: number;
  quantity: number;
  discount_minor: number;
  service_fee_minor: number;
  seller_country: string;
  store: string;
  status: string;
  commissionable: number;
  base_minor: number;
  rate: string;
  commission_minor: number;
  /** JSON list of reason codes. */
  reasons: string;
  rule: string;
}

export type CommissionStatus = 'pending' | 'approved' | 'declined' | 'held' | 'paid';

/** What a publisher earns on one order: its product commission or its new-buyer bonus. */
export interface CommissionsTable {
  id: string;
  order_id: string | null;
  program_id: string;
  publisher_id: string;
  site_id: string | null;
  /** product, bonus, adjustment */
  kind: string;
  amount_minor: number;
  currency: string;
  status: CommissionStatus;
  reason: string | null;
  rule: string | null;
  /** When the advertiser (or the program's deadline rule) must have validated it; null: no deadline. */
  validation_due_at: number | null;
  statement_id: string | null;
  /** When it last became approved; the month it is invoiced in. */
  approved_at: number | null;
  /** The advertiser invoice billing it (AE-T5: payable once that invoice is paid). */
  invoice_id: string | null;
  /**
   * What the advertiser has been billed for it so far. An invoice bills the difference to what
   * it should be (its amount while approved, else 0), so a later decline becomes a credit.
   */
  billed_minor: number;
  /** Who made the last validation decision: an actor, `order_report` or `validation_deadline`. */
  decided_by: string | null;
  created_at: number;
  updated_at: number;
}

/**
 * The append-only money ledger. Each entry moves `amount_minor` into (or, negative, out of)
 * one `account` of a publisher: pending, approved, held, withheld, deducted, paid. Entries are
 * never updated or deleted (database triggers refuse it); a correction is a new entry.
 */
export interface LedgerEntriesTable {
  seq: Generated<number>;
  id: string;
  publisher_id: string;
  program_id: string | null;
  commission_id: string | null;
  order_id: string | null;
  account: string;
  /** accrued, approved, declined, reversed, bonus, deduction, withheld, released, payout */
  kind: string;
  amount_minor: number;
  currency: string;
  reason: string;
  rule: string | null;
  actor: string;
  created_at: number;
}

export interface ExchangeRatesTable {
  currency: string;
  /** YYYY-MM-DD */
  date: string;
  /** Units of `currency` per 1 EUR, exact decimal text as published. */
  rate: string;
  source: string;
  imported_at: number;
}

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
  /** open, reviewed, dismissed */
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
  created_at: number;
}

export interface InvoicesTable {
  id: string;
  advertiser_id: string;
  program_id: string;
  /** YYYY-MM */
  period: string;
  commission_minor: number;
  fee_minor: number;
  total_minor: number;
  currency: string;
  /** The network fee as a share of the commission, e.g. "0.30". */
  fee_rate: string;
  /** How many commissions it bills. */
  commissions: number;
  /** issued, paid */
  status: string;
  issued_at: number | null;
  paid_at: number | null;
  created_at: number;
}

/**
 * A change to a commission already paid out, booked instead of changing it: negative for a
 * refund after the payout (clawed back on the next statement), positive for an increase.
 */
export interface AdjustmentsTable {
  id: string;
  publisher_id: string;
  program_id: string;
  order_id: string;
  commission_id: string;
  amount_minor: number;
  currency: string;
  reason: string;
  rule: string | null;
  /** The statement that settled it; null until one does. */
  statement_id: string | null;
  actor: string;
  created_at: number;
}

/** What one invoice billed for one commission: its amount, or a credit (negative). */
export interface InvoiceLinesTable {
  invoice_id: string;
  commission_id: string;
  amount_minor: number;
}

export interface StatementsTable {
  id: string;
  publisher_id: string;
  period: string;
  currency: string;
  payable_minor: number;
  pending_minor: number;
  withheld_minor: number;
  deducted_minor: number;
  carried_over_minor: number;
  /** The previous statement's carried-over balance. */
  carried_in_minor: number;
  /** carried in + payable − deducted. */
  balance_minor: number;
  /** What a payout run pays: the balance when it reaches the minimum payout, else 0. */
  payout_minor: number;
  /** payable, carried_over, paid */
  status: string;
  created_at: number;
  paid_at: number | null;
}

export interface PayoutRunsTable {
  id: string;
  /** exported, paid */
  status: string;
  created_by: string;
  created_at: number;
  paid_at: number | null;
  /** YYYY-MM-DD the bank is asked to pay. */
  execution_date: string;
  payments: number;
  total_minor: number;
  /** JSON: statements left out of the run and why ([{statementId, publisherId, reason}]). */
  skipped: string;
}

export interface PayoutsTable {
  id: string;
  run_id: string;
  publisher_id: string;
  statement_id: string;
  /** The statement's period, YYYY-MM. */
  period: string;
  amount_minor: number;
  currency: string;
  iban: string;
  name: string;
  status: string;
  paid_at: number | null;
}

/**
 * Hourly report rollups, maintained as data arrives: orders in the transaction that records
 * them, clicks by the rollup job a few seconds behind (click-rollup.ts). `ad_id`/`epi` are ''
 * when absent. Order value is in the orders' currency, commission in the program currency.
 */
export interface ReportHourlyTable {
  program_id: string;
  site_id: string;
  ad_id: string;
  epi: string;
  /** epoch hours */
  hour: number;
  clicks: number;
  orders: number;
  order_value_minor: number;
  commission_minor: number;
}

/** The same figures per UTC day, so month-long reports read ~24× fewer rows. */
export interface ReportDailyTable {
  program_id: string;
  site_id: string;
  ad_id: string;
  epi: string;
  /** days since 1970-01-01 */
  day: number;
  clicks: number;
  orders: number;
  order_value_minor: number;
  commission_minor: number;
}

export interface EmailsTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** queued, sent, outbox (no SMTP), failed */
  status: string;
  error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface AuditLogTable {
  id: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: string;
  created_at: number;
}
