import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import type { FxRate } from '../domain/fx/rate-table.js';
import type { QuoteFailure } from './document-quoter.js';

/** What each quote thread starts with. */
export interface QuoteWorkerData {
  terms: ProgramTerms;
  rates: FxRate[];
}

/** Whole lines of JSON Lines input, as UTF-8 bytes; the first is input line `firstLine`. */
export interface LineBatch {
  seq: number;
  firstLine: number;
  bytes: Uint8Array;
}

/** The thread's answer to a batch: its output lines as UTF-8 bytes, or what went wrong. */
export type QuotedBatch =
  | { seq: number; bytes: Uint8Array; quoted: number; failures: QuoteFailure[] }
  | { seq: number; error: string };
