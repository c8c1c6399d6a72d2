import type { Generated } from 'kysely';

/* Product feeds of programs (issue 29). */

/** One product of a program's feed, as its latest import stated it; gone when an import lacked it. */
export interface FeedProductsTable {
  program_id: string;
  /** The advertiser's product id (`id` in the feed). */
  product_id: string;
  title: string;
  description: string;
  link: string;
  image_link: string;
  price_minor: number;
  currency: string;
  sale_price_minor: number | null;
  availability: string;
  brand: string | null;
  gtin: string | null;
  mpn: string | null;
  google_product_category: string | null;
  product_type: string | null;
  /** active, or gone (an import after its last did not list it) */
  status: string;
  last_import_id: string;
  first_seen_at: number;
  /** When the product last changed (or came back): `changedSince` filters on it. */
  changed_at: number;
}

/** One import of a program's feed, with its report. */
export interface FeedImportsTable {
  id: string;
  program_id: string;
  format: string;
  accepted: number;
  refused: number;
  gone: number;
  /** JSON: the first refused rows, [{ row, reason }]. */
  refused_rows: string;
  actor: string;
  created_at: number;
  /** running (a large file imported after its 202), done or failed */
  state: Generated<string>;
  failure_code: string | null;
  failure_reason: string | null;
  /** The running import's heartbeat (and progress), then its end. */
  updated_at: number | null;
}
