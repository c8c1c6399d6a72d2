/* Scheduled feed URLs of programs (issue 29). */

/** A program's feed URL, fetched on its schedule. */
export interface FeedSourcesTable {
  program_id: string;
  url: string;
  every_minutes: number;
  /** The validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: number | null;
  /** imported, not_modified or failed (null before the first fetch). */
  last_status: string | null;
  /** Why the last fetch failed (null after a success). */
  last_error: string | null;
  /** The import the last fetch made (its report is in feed_imports). */
  last_import_id: string | null;
  next_fetch_at: number;
  /** Failed fetches in a row (0 after a success). */
  failures: number;
  /** When the advertiser was told the fetches keep failing (null since the last success). */
  alerted_at: number | null;
  actor: string;
  created_at: number;
  updated_at: number;
}
