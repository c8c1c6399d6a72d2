/**
 * What reached the network for a program, as its tracking page shows it (migration 0027): a
 * few of the newest rows per program and kind, never read by money.
 */
export interface IntegrationReportsTable {
  id: string;
  program_id: string;
  /** `accepted` (a report recorded), `refused` (with `code`), or `test` (with `quote`). */
  kind: string;
  /** `pixel`, `api` or `console` (the tracking page's own test order). */
  channel: string;
  order_number: string | null;
  /** The refusal code (checksum_mismatch, invalid_parameter, …), or null. */
  code: string | null;
  /** The refusal's message as the sender got it (English), or null. */
  message: string | null;
  /** JSON: a test conversion's quote, or null. */
  quote: string | null;
  at: number;
}
