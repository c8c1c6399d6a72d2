import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Store } from '../storage/database.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import type { RecordOrderInput, RecordOrderResult } from './order-recorder.js';
import { reportRows } from './order-rows.js';
import {
  decodeError,
  type FromWriter,
  type ToWriter,
  type WireReport,
} from './order-writer-protocol.js';

const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'services', 'order-writer-worker.js');

/** Records priced reports: the in-thread OrderRecorder, or the order writer thread. */
export interface OrderRecording {
  record(input: RecordOrderInput): Promise<RecordOrderResult>;
}

/**
 * The reports in flight when the writer thread ended: each may or may not be stored, and a
 * repeated report is applied once, so the client retries (answered 503 database_unavailable).
 */
export class OrderWriterExitedError extends Error {
  override name = 'OrderWriterExitedError';
  readonly code = 'ORDER_WRITER_EXITED';
}

interface Pending {
  resolve: (result: RecordOrderResult) => void;
  reject: (error: unknown) => void;
}

/**
 * New order reports recorded on a thread of their own (SQLite): the request thread attributes
 * and prices, the writer thread inserts and commits, so a commit's disk sync and SQLite's insert
 * work no longer stop the request thread. A report is answered only after its transaction is
 * committed (synchronous FULL: on disk), exactly as in-thread. Status updates (`change`) and
 * everything else stay on the request thread's connection; both connections start their
 * transactions with BEGIN IMMEDIATE and take turns on SQLite's one write lock.
 */
export class OrderWriterThread implements OrderRecording {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #termsRefs = new WeakMap<ProgramTerms, number>();
  #outbox: WireReport[] = [];
  #seq = 0;
  #termsCount = 0;
  #running = true;
  #drained: (() => void) | undefined;

  private constructor(worker: Worker, onExit: (error: Error) => void) {
    this.#worker = worker;
    worker.on('message', (message: FromWriter) => {
      if (message === 'ready') return;
      for (const outcome of message.outcomes) {
        const pending = this.#pending.get(outcome.seq);
        if (pending === undefined) continue;
        this.#pending.delete(outcome.seq);
        if ('result' in outcome) pending.resolve(outcome.result);
        else pending.reject(decodeError(outcome.error));
      }
      this.#settled();
    });
    const ended = (error: Error) => {
      if (!this.#running) return;
      this.#running = false;
      onExit(error);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
      this.#settled();
    };
    worker.on('error', (error) =>
      ended(new OrderWriterExitedError(`the order writer thread failed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      ended(new OrderWriterExitedError(`the order writer thread exited with code ${code}`)),
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
  ): Promise<OrderWriterThread | undefined> {
    const config = store.config;
    if (store.dialect !== 'sqlite' || store.sqlite === undefined || config.kind !== 'sqlite')
      return undefined;
    if (!existsSync(WORKER_FILE)) return undefined;
    const worker = new Worker(WORKER_FILE, {
      workerData: {
        storage: config,
        // The same checkpoint size as the request thread's connection (smaller while the
        // background checkpointer runs).
        autocheckpointPages: store.sqlite.pragma('wal_autocheckpoint', { simple: true }),
      },
    });
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (message: FromWriter) => resolve(message === 'ready'));
      worker.once('error', (error) => {
        onExit(
          new OrderWriterExitedError(`the order writer thread did not start: ${error.message}`),
        );
        resolve(false);
      });
    });
    if (!ready) {
      await worker.terminate();
      return undefined;
    }
    worker.unref();
    return new OrderWriterThread(worker, onExit);
  }

  /** False once the thread ended: reports are then recorded in-thread. */
  get running(): boolean {
    return this.#running;
  }

  record(input: RecordOrderInput): Promise<RecordOrderResult> {
    if (!this.#running)
      return Promise.reject(new OrderWriterExitedError('the order writer thread has stopped'));
    const seq = ++this.#seq;
    const rows = reportRows(input);
    const { terms, attribution, ...report } = input;
    let termsRef = this.#termsRefs.get(terms);
    const first = termsRef === undefined;
    if (termsRef === undefined) {
      termsRef = ++this.#termsCount;
      this.#termsRefs.set(terms, termsRef);
    }
    if (this.#outbox.length === 0) setImmediate(() => this.#post());
    this.#outbox.push({
      seq,
      termsRef,
      ...(first ? { terms } : {}),
      rows,
      attribution,
      // The document and the quote are in the rows already (JSON leaves out undefined).
      facts: JSON.stringify({ ...report, document: undefined, quote: undefined }),
    });
    // Held while reports are in flight: the process must not end before they are answered.
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise((resolve, reject) => this.#pending.set(seq, { resolve, reject }));
  }

  /** Every report queued so far to the thread in one message (a request burst is one batch). */
  #post(): void {
    const reports = this.#outbox;
    this.#outbox = [];
    if (reports.length > 0 && this.#running)
      this.#worker.postMessage({ reports } satisfies ToWriter);
  }

  #settled(): void {
    if (this.#pending.size > 0) return;
    this.#worker.unref();
    this.#drained?.();
  }

  /**
   * Ends the thread at once, as a crash would: the reports in flight are answered with
   * OrderWriterExitedError (each may or may not be stored; a repeated report is applied once).
   */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  /** Waits for the reports in flight, then closes the thread's connection and ends it. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    if (this.#pending.size > 0)
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
        // A thread that stopped answering must not hold the shutdown forever.
        setTimeout(resolve, 10_000).unref();
      });
    this.#running = false;
    this.#worker.ref();
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('stop' satisfies ToWriter);
    const timeout = setTimeout(() => void this.#worker.terminate(), 5_000);
    await exited;
    clearTimeout(timeout);
  }
}
