import type { Generated } from 'kysely';

/* Tables of the tracking path: memberships, ads, links, clicks, orders and their lines. */

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
  /** What the ad was made with before advertisers made their own (a URL or words); unread. */
  content: string | null;
  /** active, retired (paused: an old demo's) */
  status: string;
  created_at: number;
  /** A text link's words; null: the program's name. */
  link_text: string | null;
  /** Where the ad's click lands (on the program's deeplink domains); null: the landing page. */
  landing_url: string | null;
  /** A banner's size in CSS pixels and its alt text (its image is in ad_images). */
  width: number | null;
  height: number | null;
  alt_text: string | null;
  retired_at: number | null;
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
  /** JSON: what a pixel report said beyond the order (event, extid, form, checksum, flags). */
  report_details: string | null;
  created_at: number;
  updated_at: number;
}

/** An order's pricing inputs, packed (domain/orders/pricing-inputs.ts): what-if re-prices these. */
export interface OrderPricingTable {
  program_id: string;
  order_id: string;
  /** The order's placed_at and publisher_id, kept with it (a revision or reattribution moves them). */
  placed_at: number;
  publisher_id: string | null;
  inputs: string;
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

/** Conversions of a limited event (terms `events[].perClick`, NET-R4) each click has earned. */
export interface ClickConversionsTable {
  click_id: number;
  event: string;
  conversions: number;
}
