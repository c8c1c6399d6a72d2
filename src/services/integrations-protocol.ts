import type { StorageConfig } from '../config/storage-config.js';

/*
 * What the request thread and the integrations thread say to each other (integrations-thread.ts,
 * integrations-worker.ts): structured clones, plain data only.
 */

export interface IntegrationsWorkerData {
  storage: StorageConfig;
  /** The network's secret: it opens the endpoints' sealed signing secrets. */
  secret: string;
  mail: { smtpUrl?: string | undefined; from: string };
  /** The base of links in the notifications' mail (PUBLIC_URL). */
  publicUrl?: string | undefined;
  webhooks: { allowPrivate: boolean; allowHttp: boolean };
  /** The thread's nice value (0 normal, 19 lowest): it runs on the CPU the requests leave. */
  nice: number;
  /** How often each job runs, in ms. */
  intervalMs: number;
  /** After this long with nothing dispatched or attempted the thread says it is idle. */
  idleMs: number;
  /** The writer thread's requests in flight (WriterThread.inFlight's buffer), when it runs. */
  writerInFlight?: SharedArrayBuffer | undefined;
}

export type ToIntegrations = 'stop';

export type FromIntegrations =
  | 'ready'
  /** Nothing to do for `idleMs`: the request thread ends it (and wakes it again on demand). */
  | 'idle'
  /** A job's run failed: the request thread counts it as its own scheduler's would be. */
  | { failed: string }
  /** A warning for the server's log (a failed run, with its error as plain data). */
  | { warn: string; details: Record<string, unknown> }
  /** A line for the server's output (a mail kept in the outbox, a failed SMTP send). */
  | { log: string };
