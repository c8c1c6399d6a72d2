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
  /** The writer thread's `inFlight`: the thread's transactions take the gaps in its work. */
  writerInFlight?: Int32Array | undefined;
}

/**
 * The integrations thread (SQLite, `affnet serve`): the event dispatch (the outbox's events to
 * the notification and webhook listeners) and the webhook and postback delivery run there, on
 * a connection of their own and a low CPU priority, instead of on the request thread's event
 * loop, where each delivery's HTTP, signing and commits took turns with the requests (issue 28:
 * orders fell to 0.67 of their rate with 3 webhooks and a postback). The outbox is written in
 * the money change's transaction as before; the thread only reads it later, so a crash of
 * either thread loses nothing: the events wait undispatched and the deliveries pending.
 */
export class IntegrationsThread {
  #running = true;

  private constructor(
    private readonly worker: Worker,
    reports: IntegrationsReports,
  ) {
    worker.on('message', (message: FromIntegrations) => {
      if (message === 'ready') return;
      if ('failed' in message) reports.failed(message.failed);
      else if ('warn' in message) reports.warn(message.details, message.warn);
      else reports.log(message.log);
    });
    const ended = (error: Error) => {
      if (this.#running) reports.exited(error);
      this.#running = false;
    };
    worker.on('error', (error) =>
      ended(new Error(`the integrations thread failed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      ended(new Error(`the integrations thread exited with code ${code}`)),
    );
  }

  /**
   * Starts the thread for a SQLite store; undefined for PostgreSQL (its pool's queries never
   * stop the event loop, and each node's jobs take the network's lock), when the worker is not
   * built (tests on sources) or when it does not start (`reports.exited` says why).
   */
  static async start(
    store: Store,
    reports: IntegrationsReports,
    options: IntegrationsThreadOptions,
  ): Promise<IntegrationsThread | undefined> {
    const config = store.config;
    if (store.dialect !== 'sqlite' || config.kind !== 'sqlite') return undefined;
    if (!existsSync(WORKER_FILE)) return undefined;
    const worker = new Worker(WORKER_FILE, {
      workerData: {
        storage: config,
        secret: options.secret,
        mail: options.mail,
        publicUrl: options.publicUrl,
        webhooks: options.webhooks,
        nice: options.nice ?? NICE,
        intervalMs: options.intervalMs ?? 1_000,
        writerInFlight: options.writerInFlight?.buffer as SharedArrayBuffer | undefined,
      } satisfies IntegrationsWorkerData,
    });
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (message: FromIntegrations) => resolve(message === 'ready'));
      worker.once('error', (error) => {
        reports.exited(new Error(`the integrations thread did not start: ${error.message}`));
        resolve(false);
      });
    });
    if (!ready) {
      await worker.terminate();
      return undefined;
    }
    worker.unref();
    return new IntegrationsThread(worker, reports);
  }

  /** False once the thread ended: the request thread runs the jobs again. */
  get running(): boolean {
    return this.#running;
  }

  /** Lets the runs going end (a delivery round's answers), then ends the thread. */
  async stop({ exitMs = 20_000 } = {}): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.worker.ref();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop' satisfies ToIntegrations);
    const timeout = setTimeout(() => void this.worker.terminate(), exitMs);
    await exited;
    clearTimeout(timeout);
  }
}
