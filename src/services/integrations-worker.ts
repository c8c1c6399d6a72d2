import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { openStore } from '../storage/database.js';
import { Scheduler } from '../server/scheduler.js';
import { systemClock } from '../server/clock.js';
import { StoredTerms } from '../programs/stored-terms.js';
import { EventDispatcher } from './event-dispatcher.js';
import { NotificationListener } from './notification-listener.js';
import { webhookListener } from './webhook-listener.js';
import { WebhookDelivery } from './webhook-delivery.js';
import { DEFAULT_SENDER_OPTIONS, WebhookSender } from './webhook-sender.js';
import { WebhookSecretBox } from './webhook-secrets.js';
import { Mailer } from './mailer.js';
import { ClickSigner } from '../tracking/click-signature.js';
import { writeTurn } from './write-turn.js';
import type {
  FromIntegrations,
  IntegrationsWorkerData,
  ToIntegrations,
} from './integrations-protocol.js';

/**
 * The integrations thread (integrations-thread.ts): on its own SQLite connection it hands the
 * outbox's events to the notification and webhook listeners and sends the webhook and postback
 * deliveries, so none of their queries, commits, JSON, signing or HTTP runs on the request
 * thread's event loop. It runs at a low CPU priority: under a load that takes every core it
 * falls behind (the outbox and the deliveries wait, durably) and catches up when the load eases.
 */
const data = workerData as IntegrationsWorkerData;
const DISPATCH_BATCH = 100;
const port = parentPort!;
const post = (message: FromIntegrations) => port.postMessage(message);

lowerPriority(data.nice);
// A thread of its own, serving no request: its writes wait for the lock in SQLite's busy handler,
// and each transaction waits first for a moment the writer thread has nothing to commit.
const store = openStore(data.storage, {
  lockWait: 'busy-handler',
  ...(data.writerInFlight === undefined
    ? {}
    : { beforeTransaction: writeTurn(new Int32Array(data.writerInFlight)) }),
});
const now = systemClock;
const mailer = new Mailer(store, { ...data.mail, log: (line) => post({ log: line }) });
const terms = new StoredTerms(store.db);
const dispatcher = new EventDispatcher(store);
// Signs as the request thread's Network does (the same secret): {tduid} is the tduid issued.
const signer = new ClickSigner(data.secret);
const tduidSigner = (clickId: number) => signer.sign(clickId);
// The same listeners, in the same order, as the request thread's Network.
dispatcher.listen(new NotificationListener(mailer, () => data.publicUrl));
dispatcher.listen(
  webhookListener(async (programId, eventId) => {
    if (eventId === undefined) return 'sale';
    const program = await terms.ofProgramOrThrow(programId).catch(() => undefined);
    return program?.events.get(eventId)?.kind ?? 'sale';
  }, tduidSigner),
);
const delivery = new WebhookDelivery(
  store,
  new WebhookSender({ ...DEFAULT_SENDER_OPTIONS, publicUrl: data.publicUrl, ...data.webhooks }),
  new WebhookSecretBox(data.secret),
  mailer,
  now,
);
// One process serves a SQLite file: the jobs take turns in this scheduler alone. A failed run
// is counted and logged by the request thread, as its own scheduler's would be.
const scheduler = new Scheduler(
  () => ({
    warn: (details, message) => post({ warn: message, details: plainDetails(details) }),
  }),
  (job) => post({ failed: job }),
);
// Batches of 100 events (about 350 deliveries' rows in the bench's setup) rather than 500: a
// batch's transaction holds the write lock for its inserts (read and built before it begins,
// EventListener.prepare), and the writer thread's order commits wait for it.
let lastWork = performance.now();
const worked = (count: number) => {
  if (count > 0) lastWork = performance.now();
  return count;
};
scheduler.every('events', data.intervalMs, async () =>
  worked(await dispatcher.dispatch(now(), DISPATCH_BATCH)),
);
scheduler.every('webhooks', data.intervalMs, async () => worked(await delivery.run()));
// Idle for idleMs: the request thread ends this thread (its isolate's memory is given back)
// and starts it again when an event waits or a delivery falls due.
const idle = setInterval(
  () => {
    if (performance.now() - lastWork >= data.idleMs) post('idle');
  },
  Math.min(data.idleMs, 5_000),
);
idle.unref();
// The timers are unref'd: the port keeps the thread alive until stop.
post('ready');

async function stop(): Promise<void> {
  clearInterval(idle);
  scheduler.stop();
  delivery.stop();
  // A run ends after its round (at most 15 s for an attempt's answer).
  await scheduler.idle(20_000);
  mailer.close();
  await store.close();
  port.close();
}

port.on('message', (message: ToIntegrations) => {
  if (message === 'stop') void stop();
});

/** Lowers this thread's CPU priority (Linux: a thread's id is a process id to setpriority). */
function lowerPriority(nice: number): void {
  if (nice === 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // No /proc (not Linux) or not permitted: the thread runs at the process' priority.
  }
}

/** A log entry's details as plain data: an error becomes its name, message, code and stack. */
function plainDetails(details: object): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details))
    plain[key] =
      value instanceof Error
        ? {
            type: value.name,
            message: value.message,
            stack: value.stack,
            code: (value as { code?: unknown }).code,
          }
        : value;
  return plain;
}
