import type { ColumnType } from 'kysely';

/* Tables of the network itself: settings, cache versions, node leases, rate limits, report rollups, the mail outbox and the audit log. */

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

/** A counter per numbered series (`statement-2026`), advanced inside the numbered row's transaction. */
export interface DocumentNumbersTable {
  series: string;
  last: number;
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
  /** For a watermark over a non-unique key: the id of the last row passed at `version`. */
  after_id: ColumnType<string | null, string | null | undefined, string | null>;
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

/**
 * The outbox: one row per event (src/domain/events), written in the transaction of the change
 * it tells of, so a crash never loses or invents one. The dispatcher hands undispatched rows,
 * in id order, to the listeners (webhooks, postbacks, notifications) and stamps them.
 */
export interface EventsTable {
  /** `evt_…`, monotonic: the order events were written in on a node. */
  id: string;
  type: string;
  subject_id: string;
  program_id: string | null;
  publisher_id: string | null;
  /** Set when the event names its advertiser; otherwise the program's, at dispatch. */
  advertiser_id: string | null;
  /** JSON: the event's `data`. */
  data: string;
  created_at: number;
  dispatched_at: ColumnType<number | null, number | null | undefined, number | null>;
}
