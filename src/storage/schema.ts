import type {
  UsersTable,
  SessionsTable,
  TokensTable,
  ApiKeysTable,
  AdvertisersTable,
  ProgramsTable,
  ProgramTermsTable,
  ProgramDraftsTable,
  PublishersTable,
  SitesTable,
} from './tables/accounts.js';
import type {
  MembershipsTable,
  AdsTable,
  LinksTable,
  ClicksTable,
  OrdersTable,
  OrderLinesTable,
  OrderPricingTable,
  ClickConversionsTable,
} from './tables/tracking.js';
import type {
  CommissionsTable,
  LedgerEntriesTable,
  ExchangeRatesTable,
  InvoicesTable,
  AdjustmentsTable,
  InvoiceLinesTable,
  StatementsTable,
  PayoutRunsTable,
  PayoutsTable,
} from './tables/money.js';
import type {
  EmailAccessTable,
  MailingsTable,
  ViolationsTable,
  EnforcementActionsTable,
  EnforcementMembershipsTable,
  ClaimsTable,
  AttachmentsTable,
  RegistrationBarsTable,
} from './tables/compliance.js';
import type {
  NodeLeasesTable,
  RateLimitsTable,
  SettingsTable,
  DocumentNumbersTable,
  CacheVersionsTable,
  ReportHourlyTable,
  ReportDailyTable,
  EmailsTable,
  AuditLogTable,
  EventsTable,
} from './tables/system.js';
import type { IntegrationReportsTable } from './tables/integration.js';
import type {
  NotificationOptOutsTable,
  DigestEntriesTable,
  NotificationAlertsTable,
} from './tables/notifications.js';
import type { AdImagesTable } from './tables/ads.js';
import type {
  WebhookEndpointsTable,
  WebhookDeliveriesTable,
  WebhookAttemptsTable,
} from './tables/webhooks.js';
export type * from './tables/accounts.js';
export type * from './tables/tracking.js';
export type * from './tables/money.js';
export type * from './tables/compliance.js';
export type * from './tables/system.js';
export type * from './tables/integration.js';
export type * from './tables/promotions.js';
import type { PromotionCodeHistoryTable, PromotionsTable } from './tables/promotions.js';
export type * from './tables/feeds.js';
import type { FeedImportsTable, FeedProductsTable } from './tables/feeds.js';
export type * from './tables/feed-sources.js';
import type { FeedSourcesTable } from './tables/feed-sources.js';
export type * from './tables/notifications.js';
export type * from './tables/ads.js';
export type * from './tables/webhooks.js';
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
  program_drafts: ProgramDraftsTable;
  publishers: PublishersTable;
  sites: SitesTable;
  memberships: MembershipsTable;
  ads: AdsTable;
  ad_images: AdImagesTable;
  links: LinksTable;
  clicks: ClicksTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_pricing: OrderPricingTable;
  click_conversions: ClickConversionsTable;
  commissions: CommissionsTable;
  ledger_entries: LedgerEntriesTable;
  exchange_rates: ExchangeRatesTable;
  email_access: EmailAccessTable;
  mailings: MailingsTable;
  violations: ViolationsTable;
  enforcement_actions: EnforcementActionsTable;
  enforcement_memberships: EnforcementMembershipsTable;
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
  document_numbers: DocumentNumbersTable;
  node_leases: NodeLeasesTable;
  rate_limits: RateLimitsTable;
  events: EventsTable;
  integration_reports: IntegrationReportsTable;
  promotions: PromotionsTable;
  promotion_code_history: PromotionCodeHistoryTable;
  feed_products: FeedProductsTable;
  feed_imports: FeedImportsTable;
  feed_sources: FeedSourcesTable;
  notification_opt_outs: NotificationOptOutsTable;
  digest_entries: DigestEntriesTable;
  notification_alerts: NotificationAlertsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}
