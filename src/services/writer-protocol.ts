import { DomainError, type Issue } from '../domain/errors.js';
import { isErrorCode } from '../domain/error-codes.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { CommissionChangeError } from './commission-ledger.js';
import { ReportRefusedError } from './report-authority.js';
import type { Attribution } from './order-recorder.js';
import type { ReportRows } from './order-rows.js';
import type { ClickRecord } from '../storage/repositories/clicks-repository.js';
import { WatermarkMovedError } from './click-rollup.js';
import type { StorageConfig } from '../config/storage-config.js';

/*
 * What the request thread and the writer thread say to each other (writer-thread.ts,
 * writer-worker.ts). Messages are structured clones: plain data, no classes, no functions.
 */

/**
 * One report to record: the rows the request thread built, and the rest of the report as JSON,
 * parsed only when a path needs it (an order credited to nobody is its rows alone). A program's
 * compiled terms cross once; later reports name them by number.
 */
export interface WireReport {
  seq: number;
  termsRef: number;
  /** Set the first time `termsRef` is used. */
  terms?: ProgramTerms;
  rows: ReportRows;
  attribution: Attribution;
  /** JSON of the report without its document, quote (both in the rows), terms and attribution. */
  facts: string;
}

/** An error thrown while recording, as data: the class, code and message the caller needs. */
export interface WireError {
  name: string;
  message: string;
  /** A DomainError (about the report): answered with its code, never as a 500. */
  domain?: true;
  /** A domain error's code, or the SQLite/system error code (`SQLITE_BUSY`, `SQLITE_FULL`). */
  code?: string;
  issues?: readonly Issue[];
  values?: Readonly<Record<string, string | number>>;
}

/** What a request was answered: a report's result, a rollup's count, a scan's counts … */
export type WireOutcome = { seq: number; result: unknown } | { seq: number; error: WireError };

/** What the writer thread starts with. */
export interface WriterWorkerData {
  storage: StorageConfig;
  autocheckpointPages: number;
  maxClickBatch: number;
  /** Signs the committed clicks' ids (ClickSigner), as the request thread would. */
  clickSecret: string;
}

/** A batch of clicks to commit in one transaction. */
export interface WireClicks {
  seq: number;
  clicks: readonly ClickRecord[];
}

/** A background job's run, at the request thread's time (the one clock). */
export type WireJob =
  | { seq: number; job: 'rollup'; nowMs: number; lagMs?: number }
  | { seq: number; job: 'scan'; nowMs: number }
  | { seq: number; job: 'termsHeld' };

/**
 * `closing`: background jobs end after the chunk they are in (the process shuts down);
 * `stop`: close the connection and end, once no job runs.
 */
/**
 * `reports`, with `forget`: the terms refs the request thread no longer sends reports under
 * (dropped after this message's reports took their terms).
 */
export type ToWriter =
  { reports: WireReport[]; forget?: number[] } | WireClicks | WireJob | 'closing' | 'stop';
export type FromWriter = { outcomes: WireOutcome[] } | 'ready';

export function encodeError(error: unknown): WireError {
  if (error instanceof DomainError) {
    return {
      name: error.name,
      message: error.message,
      domain: true,
      code: error.code,
      issues: error.issues,
      values: error.values,
    };
  }
  const code = (error as { code?: unknown } | null)?.code;
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** The domain errors recording can throw, by class name: rebuilt so `instanceof` still holds. */
const DOMAIN_ERRORS: Record<string, typeof DomainError> = {
  ReportRefusedError,
  CommissionChangeError,
  DomainError,
};

export function decodeError(wire: WireError): Error {
  // Another process counted the same clicks first: a conflict, not a failure.
  if (wire.name === 'WatermarkMovedError') return new WatermarkMovedError();
  if (wire.domain === true && wire.code !== undefined && isErrorCode(wire.code)) {
    const domain = DOMAIN_ERRORS[wire.name] ?? DomainError;
    const error = new domain(wire.code, wire.message, wire.issues ?? [], wire.values ?? {});
    error.name = wire.name;
    return error;
  }
  // Anything else keeps its code, so a busy or full database still answers 503, not 500.
  const error = new Error(wire.message) as Error & { code?: string };
  error.name = wire.name;
  if (wire.code !== undefined) error.code = wire.code;
  return error;
}
