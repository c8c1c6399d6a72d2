import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Store } from '../storage/database.js';
import type { ClickRecord } from '../storage/repositories/clicks-repository.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import type { RecordOrderInput, RecordOrderResult } from './order-recorder.js';
import type { ScanCounts } from './compliance-scanner.js';
import { reportRows } from './order-rows.js';
import {
  decodeError,
  type FromWriter,
  type ToWriter,
  type WireReport,
  type WriterWorkerData,
} from './writer-protocol.js';

const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'services', 'writer-worker.js');

/**
 * Reports per message to the thread at most while a burst of requests is handled: the thread
 * records the first ones while this thread still prices the rest (one message per tick left
 * both threads idle in turn: 4,800–5,600 orders/s against 6,900–7,000 in pieces of 4, measured
 * in the same minutes; pieces of 8 and 16 fell in between).
 */
const REPORTS_EVERY = 4;

/** Records priced reports: the in-thread OrderRecorder, or the writer thread. */
export interface OrderRecording {
  record(input: RecordOrderInput): Promise<RecordOrderResult>;
}

export interface WriterThreadOptions {
  /** The network's secret: the thread signs the click ids it commits (ClickSigner). */
  clickSecret: string;
  /** Clicks per transaction at most (default 5,000). */
  maxClickBatch?: number;
  /**
   * Terms (compiled programs' terms versions) the thread keeps at most (default 64): the least
   * recently used one is dropped there and sent again with its next report.
   */
  maxTerms?: number;
}

/**
 * The requests in flight when the writer thread ended: each click batch or report may or may not
 * be stored (a click's visitor goes to the landing page; a repeated report is applied once, so
 * its client retries: answered 503 database_unavailable).
 */
export class WriterExitedError extends Error {
  override name = 'WriterExitedError';
  readonly code = 'WRITER_EXITED';
}

interface Pending {
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
  /** A click batch or an order report (counted in `inFlight`), not a job. */
  hot: boolean;
}

/**
 * The writer thread (SQLite, `affnet serve`): one thread with its own connection commits the
 * clicks and the new order reports and runs the click rollup and the compliance scan, so the
 * request thread never runs SQLite's inserts, never waits for a commit's disk sync and never
 * waits in SQLite's busy handler behind a job's transaction: every hot write and every job takes
 * its turn on one connection. The request thread keeps the reads, prices the reports and builds
 * their rows, and does the rare writes (status updates, accounts, decisions) on its own
 * connection; both begin their transactions IMMEDIATE and take turns on SQLite's write lock. A
 * click or report is answered only after its transaction committed (synchronous FULL: on disk),
 * exactly as in-thread.
 */
export class WriterThread implements OrderRecording {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  /**
   * How many click batches and order reports the thread has in flight (Int32 0, shared): the
   * integrations thread reads it to begin its transactions while none waits (write-turn.ts).
   * The jobs (rollup, scan) are not counted: they run paced for seconds at a time and are
   * background work themselves.
   */
  readonly inFlight = new Int32Array(new SharedArrayBuffer(4));
  /** The terms the thread holds, by their ref, least recently used first. */
  readonly #termsRefs = new Map<ProgramTerms, number>();
  readonly #maxTerms: number;
  /** Refs the thread may drop, sent with the next reports. */
  #forget: number[] = [];
  #outbox: WireReport[] = [];
  #seq = 0;
  #termsCount = 0;
  #running = true;
  #drained: (() => void) | undefined;

  private constructor(worker: Worker, onExit: (error: Error) => void, maxTerms = 64) {
    this.#worker = worker;
    this.#maxTerms = maxTerms;
    worker.on('message', (message: FromWriter) => {
      if (message === 'ready') return;
      for (const outcome of message.outcomes) {
        const pending = this.#pending.get(outcome.seq);
        if (pending === undefined) continue;
        this.#pending.delete(outcome.seq);
        if (pending.hot) Atomics.sub(this.inFlight, 0, 1);
        if ('result' in outcome) pending.resolve(outcome.result as never);
        else pending.reject(decodeError(outcome.error));
      }
      this.#settled();
    });
    const ended = (error: Error) => {
      // After stop() gave up waiting, the requests still in flight are answered now too.
      if (this.#running) onExit(error);
      this.#running = false;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
      Atomics.store(this.inFlight, 0, 0);
      this.#settled();
    };
    worker.on('error', (error) =>
      ended(new WriterExitedError(`the writer thread failed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      ended(new WriterExitedError(`the writer thread exited with code ${code}`)),
    );
  }

  /**
   * Starts the thread for a SQLite store, once its connection is open; undefined for PostgreSQL
   * (its pool already writes from many connections), when the worker is not built (tests on
   * sources) or when it cannot open the database (`onExit` says why).
   */
  static async start(
    store: Store,
    onExit: (error: Error) => void,
    options: WriterThreadOptions,
  ): Promise<WriterThread | undefined> {
    const config = store.config;
    if (store.dialect !== 'sqlite' || store.sqlite === undefined || config.kind !== 'sqlite')
      return undefined;
    if (!existsSync(WORKER_FILE)) return undefined;
    const worker = new Worker(WORKER_FILE, {
      workerData: {
        storage: config,
        // The same checkpoint size as the request thread's connection (smaller while the
        // background checkpointer runs).
        autocheckpointPages: store.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number,
        maxClickBatch: options.maxClickBatch ?? 5_000,
        clickSecret: options.clickSecret,
      } satisfies WriterWorkerData,
    });
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (message: FromWriter) => resolve(message === 'ready'));
      worker.once('error', (error) => {
        onExit(new WriterExitedError(`the writer thread did not start: ${error.message}`));
        resolve(false);
      });
    });
    if (!ready) {
      await worker.terminate();
      return undefined;
    }
    worker.unref();
    return new WriterThread(worker, onExit, options.maxTerms);
  }

  /** False once the thread ended: everything is done in-thread again. */
  get running(): boolean {
    return this.#running;
  }

  #request<T>(post: (seq: number) => void, hot = false): Promise<T> {
    if (!this.#running)
      return Promise.reject(new WriterExitedError('the writer thread has stopped'));
    const seq = ++this.#seq;
    try {
      post(seq);
    } catch (error) {
      // Not sent (a value that cannot cross to the thread): answered now, never left hanging.
      return Promise.reject(error as Error);
    }
    // Held while requests are in flight: the process must not end before they are answered.
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject, hot });
      if (hot) Atomics.add(this.inFlight, 0, 1);
    });
  }

  /**
   * Commits a batch of clicks in one transaction; resolves, once it is on disk, with the
   * clicks' tduids, signed on the thread (AE-T2).
   */
  insertClicks(records: readonly ClickRecord[]): Promise<readonly string[]> {
    return this.#request(
      (seq) => this.#worker.postMessage({ seq, clicks: records } satisfies ToWriter),
      true,
    );
  }

  /** One click rollup run (rollUpPaced) on the thread; resolves with the clicks counted. */
  rollUp(nowMs: number, lagMs?: number): Promise<number> {
    return this.#request((seq) =>
      this.#worker.postMessage({
        seq,
        job: 'rollup',
        nowMs,
        ...(lagMs === undefined ? {} : { lagMs }),
      } satisfies ToWriter),
    );
  }

  /** How many terms the thread holds (diagnostics: bounded by `maxTerms`). */
  termsHeld(): Promise<number> {
    return this.#request((seq) =>
      this.#worker.postMessage({ seq, job: 'termsHeld' } satisfies ToWriter),
    );
  }

  /** One compliance scan run (ComplianceScanner.scan) on the thread. */
  scan(nowMs: number): Promise<ScanCounts> {
    return this.#request((seq) =>
      this.#worker.postMessage({ seq, job: 'scan', nowMs } satisfies ToWriter),
    );
  }

  record(input: RecordOrderInput): Promise<RecordOrderResult> {
    return this.#request((seq) => {
      const rows = reportRows(input);
      const { terms, attribution, ...report } = input;
      let termsRef = this.#termsRefs.get(terms);
      const first = termsRef === undefined;
      if (termsRef === undefined) termsRef = ++this.#termsCount;
      // Most recently used last; the thread drops the least recently used beyond the bound.
      this.#termsRefs.delete(terms);
      this.#termsRefs.set(terms, termsRef);
      for (const [oldest, ref] of this.#termsRefs) {
        if (this.#termsRefs.size <= this.#maxTerms) break;
        this.#termsRefs.delete(oldest);
        this.#forget.push(ref);
      }
      if (this.#outbox.length === 0) setImmediate(() => this.#post());
      else if (this.#outbox.length >= REPORTS_EVERY) this.#post();
      this.#outbox.push({
        seq,
        termsRef,
        ...(first ? { terms } : {}),
        rows,
        attribution,
        // The document and the quote are in the rows already (JSON leaves out undefined).
        facts: JSON.stringify({ ...report, document: undefined, quote: undefined }),
      });
    }, true);
  }

  /** The reports queued so far to the thread in one message. */
  #post(): void {
    const reports = this.#outbox;
    const forget = this.#forget;
    this.#outbox = [];
    this.#forget = [];
    if (reports.length === 0 || !this.#running) return;
    try {
      this.#worker.postMessage({
        reports,
        ...(forget.length === 0 ? {} : { forget }),
      } satisfies ToWriter);
    } catch (error) {
      this.#forget.push(...forget);
      // Not sent: each report is answered with the reason instead of waiting forever, and the
      // terms that went with them are sent again with the next report that uses them.
      for (const report of reports) {
        if (report.terms !== undefined) this.#termsRefs.delete(report.terms);
        this.#pending.get(report.seq)?.reject(error);
        this.#pending.delete(report.seq);
      }
      this.#settled();
    }
  }

  #settled(): void {
    if (this.#pending.size > 0) return;
    this.#worker.unref();
    this.#drained?.();
  }

  /** The process shuts down: a job on the thread ends after the chunk it is in. */
  closing(): void {
    if (this.#running) this.#worker.postMessage('closing' satisfies ToWriter);
  }

  /**
   * Ends the thread at once, as a crash would: the requests in flight are answered with
   * WriterExitedError (each may or may not be stored; a repeated report is applied once).
   */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  /**
   * Waits for the requests in flight (at most `drainMs`), then closes the thread's connection
   * and ends it (terminated after `exitMs`). A request still unanswered then is answered with
   * WriterExitedError: it may or may not be stored, and a repeated report is applied once.
   */
  async stop({ drainMs = 10_000, exitMs = 5_000 } = {}): Promise<void> {
    if (!this.#running) return;
    this.closing();
    if (this.#pending.size > 0)
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
        // A thread that stopped answering must not hold the shutdown forever.
        setTimeout(resolve, drainMs).unref();
      });
    this.#running = false;
    this.#worker.ref();
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('stop' satisfies ToWriter);
    const timeout = setTimeout(() => void this.#worker.terminate(), exitMs);
    await exited;
    clearTimeout(timeout);
  }
}
