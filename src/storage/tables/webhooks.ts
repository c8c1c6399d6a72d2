import type { ColumnType } from 'kysely';

/* Webhooks and postbacks (issue 28): endpoints, deliveries and attempts. */

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** An account's webhook endpoint or postback URL template. */
export interface WebhookEndpointsTable {
  /** `whk_…`. */
  id: string;
  /** webhook (signed JSON POST) or postback (a tracker's GET, macros filled). */
  kind: string;
  /** publisher or advertiser. */
  owner_role: string;
  owner_id: string;
  /** The URL (a postback's: its template with macros). */
  url: string;
  /** JSON array of event types. */
  events: string;
  /** A postback for one program only; null: every program. */
  program_id: Nullable<string>;
  description: Nullable<string>;
  /** The signing secret, encrypted with the network's key (webhook-secrets.ts); null for postbacks. */
  secret: Nullable<string>;
  /** The secret a rotation replaced, still signing beside it until `previous_secret_until`. */
  previous_secret: Nullable<string>;
  previous_secret_until: Nullable<number>;
  disabled_at: Nullable<number>;
  /** gone (410), failing (5 days), owner. */
  disabled_reason: Nullable<string>;
  /** The first failed attempt since the last success. */
  failing_since: Nullable<number>;
  created_at: number;
  updated_at: number;
}

/** One event to one endpoint: pending until delivered or its retries are spent. */
export interface WebhookDeliveriesTable {
  /** `whd_…`, monotonic: the order deliveries were written in. */
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  /** What the event is about; an endpoint gets a subject's events in order. */
  subject_id: string;
  /** A webhook's JSON body, or a postback's URL with its macros filled. */
  payload: string;
  /** pending, delivered, failed. */
  status: string;
  attempts: number;
  /** When it is due (while pending; a claimed delivery's lease end). */
  next_attempt_at: number;
  last_status: Nullable<number>;
  created_at: number;
  updated_at: number;
}

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempted_at: number;
  /** The receiver's HTTP status; null when none came (refused address, timeout, no connection). */
  status_code: Nullable<number>;
  duration_ms: number;
  /** The first 500 characters of the answer. */
  excerpt: string;
  error: Nullable<string>;
}
