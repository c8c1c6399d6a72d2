import { parentPort, workerData } from 'node:worker_threads';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import type { Quote } from '../domain/engine/quote.js';
import { openStore } from '../storage/database.js';
import { ClickWriter } from '../tracking/click-writer.js';
import { StoredTerms } from '../programs/stored-terms.js';
import { OrderRecorder, type ReportFacts } from './order-recorder.js';
import { ComplianceScanner } from './compliance-scanner.js';
import { rollUpPaced } from './click-rollup.js';
import {
  encodeError,
  type FromWriter,
  type ToWriter,
  type WireJob,
  type WireOutcome,
  type WireReport,
  type WriterWorkerData,
} from './writer-protocol.js';
import { ClickSigner } from '../tracking/click-signature.js';
import { repos } from '../storage/repositories/repos.js';

/**
 * The writer thread (writer-thread.ts): its own SQLite connection commits the click batches and
 * the reports the request thread priced (the same ClicksRepository and OrderRecorder: group
 * commit, one savepoint per report) and runs the click rollup and the compliance scan. Kysely
 * holds the one connection for a transaction, so a click batch, a report batch and a job's chunk
 * take turns; between a job's chunks the thread answers clicks and reports.
 */
const { storage, autocheckpointPages, maxClickBatch, clickSecret } = workerData as WriterWorkerData;
const port = parentPort!;
// A thread of its own, serving no request: its synchronous click batches wait for the lock in
// SQLite's busy handler.
const store = openStore(storage, { lockWait: 'busy-handler' });
store.sqlite?.pragma(`wal_autocheckpoint = ${autocheckpointPages}`);
// Group commit: the batches that arrive while a commit runs go together in the next one.
// It signs the ids of the clicks it committed too: the request thread only sends the redirects.
const clicks = new ClickWriter(repos(store).clicks, maxClickBatch, new ClickSigner(clickSecret));
const recorder = new OrderRecorder(store);
const scanner = new ComplianceScanner(store, new StoredTerms(store.db));
const terms = new Map<number, ProgramTerms>();
let closing = false;
let jobs = 0;

let outbox: WireOutcome[] = [];
const send = (outcome: WireOutcome) => {
  // Requests settled in the same turn go back together: one message.
  if (outbox.length === 0)
    setImmediate(() => {
      const outcomes = outbox;
      outbox = [];
      port.postMessage({ outcomes } satisfies FromWriter);
    });
  outbox.push(outcome);
};

function settle(seq: number, work: Promise<unknown>): void {
  work.then(
    (result) => send({ seq, result: result ?? null }),
    (error: unknown) => send({ seq, error: encodeError(error) }),
  );
}

function record(report: WireReport): Promise<unknown> {
  if (report.terms !== undefined) terms.set(report.termsRef, report.terms);
  const programTerms = terms.get(report.termsRef);
  if (programTerms === undefined)
    return Promise.reject(new Error(`writer thread: terms ${report.termsRef} never sent`));
  let facts: ReportFacts | undefined;
  return recorder.recordPrepared({
    rows: report.rows,
    attribution: report.attribution,
    facts: () =>
      (facts ??= {
        ...(JSON.parse(report.facts) as Omit<ReportFacts, 'terms' | 'attribution' | 'quote'>),
        quote: JSON.parse(report.rows.order.quote) as Quote,
        attribution: report.attribution,
        terms: programTerms,
      }),
  });
}

async function runJob(message: WireJob): Promise<unknown> {
  jobs += 1;
  try {
    if (message.job === 'termsHeld') return terms.size;
    if (message.job === 'rollup')
      return await rollUpPaced(store, message.nowMs, message.lagMs, () => closing);
    return await scanner.scan(message.nowMs, { stop: () => closing });
  } finally {
    jobs -= 1;
  }
}

async function stop(): Promise<void> {
  closing = true;
  // A job ends after the chunk it is in.
  for (let waited = 0; jobs > 0 && waited < 5_000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  await clicks.drain();
  await store.close();
  port.close();
}

port.on('message', (message: ToWriter) => {
  if (message === 'closing') closing = true;
  else if (message === 'stop') void stop();
  else if ('reports' in message) {
    for (const report of message.reports) settle(report.seq, record(report));
    // Each report above took its terms already: the ones the request thread evicted go now.
    for (const ref of message.forget ?? []) terms.delete(ref);
  } else if ('clicks' in message) settle(message.seq, clicks.writeMany(message.clicks));
  else settle(message.seq, runJob(message));
});
port.postMessage('ready' satisfies FromWriter);
