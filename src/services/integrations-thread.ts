import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Store } from '../storage/database.js';
import type {
  FromIntegrations,
  IntegrationsWorkerData,
  ToIntegrations,
} from './integrations-protocol.js';

const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'services', 'integrations-worker.js');

/**
 * The integrations thread's CPU priority (nice 10: about a tenth of a core's time while the
 * request threads want it all, every idle cycle otherwise). Measured with the webhooks bench
 * (docs/benchmarks.md): at normal priority its sending took a core's share from the requests.
 */
const NICE = 10;

/** Where the thread's failures and lines go: the request thread's log and metrics. */
export interface IntegrationsReports {
  failed(job: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  log(line: string): void;
  /** The thread ended unasked: the request thread runs the jobs again. */
  exited(error: Error): void;
}

export interface IntegrationsThreadOptions {
  secret: string;
  mail: { smtpUrl?: string | undefined; from: string };
  publicUrl?: string | undefined;
  webhooks: { allowPrivate: boolean; allowHttp: boolean };
  nice?: number;
  intervalMs?: number;
  /** How long it runs with nothing to do before it ends (default 60 s). */
  idleMs?: number;
  /** The writer thread's `inFlight`: the thread's transactions take the gaps in its work. */
  writerInFlight?: Int32Array | undefined;
}

/** How long the thread runs with nothing to do before it ends (it starts again on demand). */
const IDLE_MS = 60_000;

/**
 * The integrations thread (SQLite, `affnet serve`): the event dispatch (the outbox's events to
 * the notification and webhook listeners) and the webhook and postback delivery run there, on
 * a connection of their own and a low CPU priority, instead of on the request thread's event
 * loop, where each delivery's HTTP, signing and commits took turns with the requests (issue 28:
 * orders fell to 0.67 of their rate with 3 webhooks and a postback). The outbox is written in
 * the money change's transaction as before; the thread only reads it later, so a crash of
 * either thread loses nothing: the events wait undispatched and the deliveries pending.
 *
 * It runs on demand: the request thread's `events` job wakes it when an event waits or a
 * delivery is due (`wake`), and it ends after `idleMs` with nothing to do, giving back its V8
 * isolate (~25 MB of the server's RSS, measured with the feeds bench: issue 29's import peak).
 */
export class IntegrationsThread {
  #worker: Worker | undefined;
  /** Starts and ends, one after the other. */
  #transition: Promise<void> = Promise.resolve();
  /** Workers this object ended (idle or closing): their exit is no failure. */
  readonly #ending = new WeakSet<Worker>();
  #failed = false;
  #closed = false;

  private constructor(
    private readonly workerData: IntegrationsWorkerData,
    private readonly reports: IntegrationsReports,
  ) {}

  /**
   * The thread for a SQLite store, not started yet (`wake` starts it); undefined for PostgreSQL
   * (its pool's queries never stop the event loop, and each node's jobs take the network's
   * lock) and when the worker is not built (tests on sources).
   */
  static create(
    store: Store,
    reports: IntegrationsReports,
    options: IntegrationsThreadOptions,
  ): IntegrationsThread | undefined {
    const config = store.config;
    if (store.dialect !== 'sqlite' || config.kind !== 'sqlite') return undefined;
    if (!existsSync(WORKER_FILE)) return undefined;
    return new IntegrationsThread(
      {
        storage: config,
        secret: options.secret,
        mail: options.mail,
        publicUrl: options.publicUrl,
        webhooks: options.webhooks,
        nice: options.nice ?? NICE,
        intervalMs: options.intervalMs ?? 1_000,
        idleMs: options.idleMs ?? IDLE_MS,
        writerInFlight: options.writerInFlight?.buffer as SharedArrayBuffer | undefined,
      },
      reports,
    );
  }

  /**
   * False once the thread failed (`reports.exited` said why: the request thread runs the jobs
   * again) or was stopped; true while it runs or can be woken.
   */
  get running(): boolean {
    return !this.#failed && !this.#closed;
  }

  /** Whether the thread runs now (false before its first wake and after it ended idle). */
  get active(): boolean {
    return this.#worker !== undefined;
  }

  /** Starts the thread unless it runs; resolves once it is ready (or failed to start). */
  wake(): Promise<void> {
    if (this.running && this.#worker === undefined)
      this.#transition = this.#transition.then(() => this.#start());
    return this.#transition;
  }

  async #start(): Promise<void> {
    if (!this.running || this.#worker !== undefined) return;
    const worker = new Worker(WORKER_FILE, { workerData: this.workerData });
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (message: FromIntegrations) => resolve(message === 'ready'));
      worker.once('error', (error) => {
        this.#fail(new Error(`the integrations thread did not start: ${error.message}`));
        resolve(false);
      });
    });
    if (!ready) {
      this.#ending.add(worker);
      await worker.terminate();
      this.#fail(new Error('the integrations thread did not start'));
      return;
    }
    worker.unref();
    this.#worker = worker;
    worker.on('message', (message: FromIntegrations) => {
      if (message === 'ready') return;
      if (message === 'idle') this.#transition = this.#transition.then(() => this.#end(worker));
      else if ('failed' in message) this.reports.failed(message.failed);
      else if ('warn' in message) this.reports.warn(message.details, message.warn);
      else this.reports.log(message.log);
    });
    const ended = (error: Error) => {
      if (this.#ending.has(worker)) return;
      this.#ending.add(worker);
      if (this.#worker === worker) this.#worker = undefined;
      this.#fail(error);
    };
    worker.on('error', (error) =>
      ended(new Error(`the integrations thread failed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      ended(new Error(`the integrations thread exited with code ${code}`)),
    );
  }

  #fail(error: Error): void {
    if (!this.running) return;
    this.#failed = true;
    this.reports.exited(error);
  }

  /** Lets the runs going end (a delivery round's answers), then ends the worker. */
  async #end(worker: Worker, exitMs = 20_000): Promise<void> {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.#ending.add(worker);
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop' satisfies ToIntegrations);
    const timeout = setTimeout(() => void worker.terminate(), exitMs);
    await exited;
    clearTimeout(timeout);
  }

  /** Ends the thread for good (the server is shutting down), after its runs going end. */
  async stop({ exitMs = 20_000 } = {}): Promise<void> {
    this.#closed = true;
    await this.#transition;
    if (this.#worker !== undefined) await this.#end(this.#worker, exitMs);
  }
}
